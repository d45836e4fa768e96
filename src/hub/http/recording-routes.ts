/**
 * Playback of call recordings: GET /api/conversations/:id/recordings/:recordingId answers the WAV
 * file to the conversation's assignee and to supervisors; every request (played or refused) is
 * written to the audit log.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { seesEverything } from '../../shared/domain/visibility';
import type { Sessions } from '../auth/sessions';
import { sendError } from '../channels/channel-http';
import type { HubStore } from '../store/hub-store';
import type { AuditEntry } from '../supervision/audit-log';
import type { CallRecorder } from '../voice/call-recorder';
import { requireAgent } from './auth-guard';

const params = z.object({ id: z.string().min(1).max(100), recordingId: z.string().min(1).max(100) });

export interface RecordingRouteDeps {
  store: HubStore;
  sessions: Sessions;
  recorder: CallRecorder;
  audit(entry: AuditEntry): void;
  now?: () => number;
}

export function registerRecordingRoutes(app: FastifyInstance, deps: RecordingRouteDeps): void {
  const now = deps.now ?? Date.now;
  app.get('/api/conversations/:id/recordings/:recordingId', async (req, reply) => {
    const agent = await requireAgent(req, reply, deps);
    if (!agent) return reply;
    const parsed = params.safeParse(req.params);
    if (!parsed.success) return sendError(reply, 'invalid_argument', 'a conversation id and a recording id');
    const { id, recordingId } = parsed.data;
    const conversation = deps.store.conversation(id);
    const audit = (outcome: AuditEntry['outcome'], detail: string): void =>
      deps.audit({ at: now(), actorId: agent.id, actorRole: agent.role, action: 'recording.play', outcome, conversationId: conversation?.id ?? null, detail });
    // Only whoever handled the call and supervisors listen; anyone else learns nothing about it.
    if (!conversation || !(seesEverything(agent) || conversation.assigneeId === agent.id)) {
      audit('refused', `recording ${recordingId.slice(0, 48)}: not theirs to hear`);
      return sendError(reply, 'not_found', 'no such recording');
    }
    const file = deps.recorder.file(conversation, recordingId);
    if (!file) {
      audit('failed', `recording ${recordingId.slice(0, 48)}: no such file (deleted at the end of its retention?)`);
      return sendError(reply, 'not_found', 'no such recording');
    }
    audit('ok', `recording ${recordingId}`);
    return reply
      .type('audio/wav')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(createReadStream(file));
  });
}
