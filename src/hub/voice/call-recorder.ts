/**
 * Call recording, done by rtpengine (never by the desktop). The hub tells rtpengine to start,
 * pause (stop: the segment ends) and resume (start: a new segment) recording a call; rtpengine's
 * pcap method writes each segment in its recording directory. When the call has ended a job
 * assembles the segments into one WAV file (the paused spans silent), keeps it in the hub's data
 * directory and names it on the call record; another job deletes it when its retention ends.
 * Each queue has a policy: always (from the answer), never, or agent (the agent starts it).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { CallRecord, CallRecording, RecordingPolicy } from '../../shared/domain/call';
import type { Conversation } from '../../shared/domain/conversation';
import type { Logger } from '../../shared/log';
import { err, ok, type Result } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import type { Lifecycle } from '../conversations/lifecycle';
import type { JobWorker } from '../jobs/job-worker';
import type { HubStore } from '../store/hub-store';
import { assembleRecording, readPcap, type RtpPacket } from './pcap-audio';
import type { RtpengineClient } from './rtpengine-client';

export const RECORDING_FINALIZE_JOB = 'recording.finalize';
export const RECORDING_EXPIRE_JOB = 'recording.expire';

/** "never" for every queue, or "voice=always,vip=agent,never": the bare word for every other queue. */
export function parseRecordingPolicy(text: string): (queue: string) => RecordingPolicy {
  const perQueue = new Map<string, RecordingPolicy>();
  let fallback: RecordingPolicy = 'never';
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [queue, policy] = part.includes('=') ? part.split('=').map((x) => x.trim()) : [null, part];
    const parsed = z.enum(['always', 'never', 'agent']).parse(policy);
    if (queue) perQueue.set(queue, parsed);
    else fallback = parsed;
  }
  return (queue) => perQueue.get(queue) ?? fallback;
}

const finalizeSchema = z.object({ conversationId: z.string(), recordingId: z.string(), segments: z.number().int().min(1), giveUpAt: z.number() });
const expireSchema = z.object({ conversationId: z.string(), recordingId: z.string() });
const RECORDING_ID = /^rec_[0-9a-f-]{36}$/;
const MARK = 'switchboard-recording=';

export interface CallRecorderDeps {
  client: RtpengineClient;
  store: HubStore;
  lifecycle: Lifecycle;
  conversations: ConversationService;
  jobs: () => JobWorker;
  /** rtpengine's --recording-dir, as this process reads it. */
  recordingDir: string;
  /** Where finished recordings are kept (in the hub's data directory). */
  storeDir: string;
  /** How long a recording is kept; null: until someone deletes it. */
  retentionMs: number | null;
  policyOf(queue: string): RecordingPolicy;
  log: Logger;
  now?: () => number;
}

export type RecordingAction = 'start' | 'pause' | 'resume';

export function createCallRecorder(deps: CallRecorderDeps) {
  const { client, store, lifecycle, conversations, log } = deps;
  const now = deps.now ?? Date.now;
  const storeDir = resolve(deps.storeDir);
  const recordingDir = resolve(deps.recordingDir);

  const live = (c: Conversation) => c.call?.recording ?? null;
  const ongoing = (c: Conversation): boolean => !!c.call && c.call.answeredAt != null && c.call.endedAt == null && c.status === 'active';
  const rtpengineSays = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));
  /** Segments asked of rtpengine per recording, while its call lasts (each start is one pcap file). */
  const segments = new Map<string, number>();

  function amendCall(id: string, change: (call: CallRecord) => CallRecord | null) {
    return lifecycle.amend(id, (current) => {
      if (!current.call) return null;
      const next = change(current.call);
      return next ? { call: next } : null;
    });
  }

  async function startSegment(callId: string, recordingId: string): Promise<void> {
    await client.request('start recording', { 'call-id': callId, metadata: `${MARK}${recordingId}` });
    segments.set(recordingId, (segments.get(recordingId) ?? 0) + 1);
  }

  async function start(conversation: Conversation): Promise<Result<Conversation>> {
    const call = conversation.call!;
    const recordingId = `rec_${randomUUID()}`;
    try {
      await startSegment(call.sipCallId, recordingId);
    } catch (cause) {
      log.log('warn', 'rtpengine did not start recording', { conversation: conversation.id, detail: rtpengineSays(cause) });
      return err('unavailable', 'the media server cannot record this call');
    }
    const at = now();
    const saved = amendCall(conversation.id, (c) => (c.recording ? null : { ...c, recording: { id: recordingId, state: 'recording', startedAt: at, pausedAt: null } }));
    if (saved.ok) conversations.systemNote(conversation.id, 'Recording started');
    return saved;
  }

  return {
    policyOf: deps.policyOf,

    /** The agent's button on the call card (the command handler checked it is their call). */
    async control(conversation: Conversation, action: RecordingAction): Promise<Result<Conversation>> {
      const call = conversation.call;
      if (!call || !ongoing(conversation)) return err('conflict', 'the call is not in progress');
      const policy = call.recordingPolicy ?? 'never';
      const current = live(conversation);
      if (action === 'start') {
        if (policy !== 'agent') return err('permission_denied', policy === 'never' ? "this queue's calls are not recorded" : 'this call is recorded already');
        if (current) return err('conflict', 'the call is being recorded already');
        return start(conversation);
      }
      if (!current) return err('conflict', 'the call is not being recorded');
      if (action === 'pause') {
        if (current.state === 'paused') return ok(conversation);
        try {
          await client.request('stop recording', { 'call-id': call.sipCallId });
        } catch (cause) {
          log.log('warn', 'rtpengine did not pause recording', { conversation: conversation.id, detail: rtpengineSays(cause) });
          return err('unavailable', 'the media server did not pause the recording');
        }
        const at = now();
        const saved = amendCall(conversation.id, (c) => (c.recording?.id === current.id ? { ...c, recording: { ...c.recording, state: 'paused', pausedAt: at } } : null));
        if (saved.ok) conversations.systemNote(conversation.id, 'Recording paused');
        return saved;
      }
      if (current.state === 'recording') return ok(conversation);
      try {
        await startSegment(call.sipCallId, current.id);
      } catch (cause) {
        log.log('warn', 'rtpengine did not resume recording', { conversation: conversation.id, detail: rtpengineSays(cause) });
        return err('unavailable', 'the media server did not resume the recording');
      }
      const saved = amendCall(conversation.id, (c) => (c.recording?.id === current.id ? { ...c, recording: { ...c.recording, state: 'recording', pausedAt: null } } : null));
      if (saved.ok) conversations.systemNote(conversation.id, 'Recording resumed');
      return saved;
    },

    /** The call was answered: a queue that records always starts now. */
    async answered(conversationId: string): Promise<void> {
      const conversation = store.conversation(conversationId);
      if (!conversation?.call || conversation.call.recordingPolicy !== 'always' || live(conversation)) return;
      const started = await start(conversation);
      if (!started.ok) conversations.systemNote(conversationId, 'This call could not be recorded');
    },

    /** The call ended: its recording is assembled once rtpengine has written every segment. */
    ended(conversationId: string): void {
      const conversation = store.conversation(conversationId);
      const current = conversation ? live(conversation) : null;
      if (!current) return;
      const at = now();
      const payload = { conversationId, recordingId: current.id, segments: segments.get(current.id) ?? 1, giveUpAt: at + 120_000 };
      segments.delete(current.id);
      store.transaction(() => deps.jobs().schedule(RECORDING_FINALIZE_JOB, `recording:${current.id}`, at + 1500, payload));
    },

    /** Job: the segments become one WAV file named on the call record. Throws to be tried again. */
    async finalize(input: unknown): Promise<void> {
      const job = finalizeSchema.parse(input);
      const conversation = store.conversation(job.conversationId);
      if (!conversation?.call || conversation.call.recordings?.some((r) => r.id === job.recordingId)) return;
      const metadataDir = join(recordingDir, 'metadata');
      const names = existsSync(metadataDir) ? await readdir(metadataDir) : [];
      const found: Array<{ metadata: string; pcap: string }> = [];
      for (const name of names) {
        const metadata = join(metadataDir, name);
        const text = await readFile(metadata, 'utf8').catch(() => '');
        if (!text.includes(`${MARK}${job.recordingId}`)) continue;
        const pcap = resolve(text.split('\n')[0]!.trim());
        // Only files in rtpengine's own directory are read, whatever a metadata file says.
        if (pcap.startsWith(recordingDir + sep)) found.push({ metadata, pcap });
      }
      if (found.length < job.segments && now() < job.giveUpAt) throw new Error(`recording ${job.recordingId}: ${found.length} of ${job.segments} segments written so far`);
      const parts: RtpPacket[][] = [];
      for (const { pcap } of found) {
        try {
          parts.push(readPcap(new Uint8Array(await readFile(pcap))));
        } catch (cause) {
          log.log('warn', 'a recording segment could not be read', { recording: job.recordingId, detail: rtpengineSays(cause) });
        }
      }
      parts.sort((a, b) => (a[0]?.at ?? 0) - (b[0]?.at ?? 0));
      const audio = assembleRecording(parts);
      const startedAt = conversation.call.recording?.id === job.recordingId ? conversation.call.recording.startedAt : now();
      const expiresAt = deps.retentionMs === null ? null : now() + deps.retentionMs;
      if (audio.parties > 0) {
        await mkdir(storeDir, { recursive: true });
        await writeFile(join(storeDir, `${job.recordingId}.wav`), audio.wav, { mode: 0o600 });
      }
      const entry: CallRecording = { id: job.recordingId, startedAt, durationMs: audio.durationMs, expiresAt };
      store.transaction(() => {
        const saved = amendCall(job.conversationId, (c) => ({
          ...c,
          recording: c.recording?.id === job.recordingId ? null : (c.recording ?? null),
          recordings: audio.parties > 0 ? [...(c.recordings ?? []), entry] : (c.recordings ?? []),
        }));
        if (!saved.ok) throw new Error(saved.error.message);
        conversations.systemNote(job.conversationId, audio.parties > 0 ? 'Call recording saved' : 'The call recording held no audio');
        if (audio.parties > 0 && expiresAt !== null) {
          deps.jobs().schedule(RECORDING_EXPIRE_JOB, `recording-expiry:${job.recordingId}`, expiresAt, { conversationId: job.conversationId, recordingId: job.recordingId });
        }
      });
      for (const { metadata, pcap } of found) {
        await rm(pcap, { force: true });
        await rm(metadata, { force: true });
      }
      log.log('info', 'call recording saved', { conversation: job.conversationId, recording: job.recordingId, durationMs: audio.durationMs });
    },

    /** Job: the retention ended; the file goes and the call record no longer names it. */
    async expire(input: unknown): Promise<void> {
      const job = expireSchema.parse(input);
      if (!RECORDING_ID.test(job.recordingId)) return;
      await rm(join(storeDir, `${job.recordingId}.wav`), { force: true });
      const saved = amendCall(job.conversationId, (c) =>
        c.recordings?.some((r) => r.id === job.recordingId) ? { ...c, recordings: c.recordings.filter((r) => r.id !== job.recordingId) } : null,
      );
      if (saved.ok && saved.value.call?.recordings?.every((r) => r.id !== job.recordingId)) log.log('info', 'call recording deleted at the end of its retention', { recording: job.recordingId });
    },

    /** The file of a recording the conversation names; null when it has none such (or it was deleted). */
    file(conversation: Conversation, recordingId: string): string | null {
      if (!RECORDING_ID.test(recordingId) || !conversation.call?.recordings?.some((r) => r.id === recordingId)) return null;
      const path = join(storeDir, `${recordingId}.wav`);
      return existsSync(path) ? path : null;
    },
  };
}
export type CallRecorder = ReturnType<typeof createCallRecorder>;
