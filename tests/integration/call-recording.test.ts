/**
 * Call recording against a real rtpengine: a trunk call in a queue that records always is recorded
 * from the answer; the agent pauses and resumes; after the call the hub assembles rtpengine's pcap
 * segments into one WAV file that holds both parties' tones (one channel each) with the paused span
 * silent. Only the assignee and supervisors may play it, and each playback is audited.
 */
import { sipApiSecret } from '../../src/hub/sip/sip-api-secret';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/host/telephony/free-port';
import { mediaPortRange } from '../../src/host/telephony/start-sip-stack';
import { startRtpengine, type RunningRtpengine } from '../../src/host/telephony/start-rtpengine';
import { startTestHub, type TestHub } from '../harness/hub/test-hub';
import { createRtpengineClient, type RtpengineClient } from '../../src/hub/voice/rtpengine-client';

const SECRET = 'sip-shared-secret-0123456789';
let rtpengine: RunningRtpengine;
let recordingDir: string;
let t: TestHub;
let client: RtpengineClient;
beforeAll(async () => {
  recordingDir = mkdtempSync(join(tmpdir(), 'switchboard-recordings-'));
  rtpengine = await startRtpengine({ ngPort: await freePort(), ...mediaPortRange(), recordingDir });
  client = createRtpengineClient(rtpengine.ngAddress);
});
afterAll(async () => {
  client?.close();
  await t?.close();
  await rtpengine?.stop();
  rmSync(recordingDir, { recursive: true, force: true });
});

function linearToUlaw(sample: number): number {
  let s = sample;
  let sign = 0;
  if (s < 0) {
    s = -s;
    sign = 0x80;
  }
  s = Math.min(s, 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  return ~(sign | (exponent << 4) | ((s >> (exponent + 3)) & 0x0f)) & 0xff;
}

/** A party sending a PCMU tone every 20 ms from its own port. */
async function party(freq: number): Promise<{ socket: Socket; port: number; sendTo(port: number): void; stop(): void }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  let timer: NodeJS.Timeout | null = null;
  let seq = 0;
  const ssrc = Math.floor(Math.random() * 2 ** 31);
  return {
    socket,
    port: socket.address().port,
    sendTo(port) {
      timer = setInterval(() => {
        const packet = Buffer.alloc(172);
        packet[0] = 0x80;
        packet.writeUInt16BE(seq & 0xffff, 2);
        packet.writeUInt32BE((seq * 160) >>> 0, 4);
        packet.writeUInt32BE(ssrc, 8);
        for (let i = 0; i < 160; i++) packet[12 + i] = linearToUlaw(Math.round(8000 * Math.sin((2 * Math.PI * freq * (seq * 160 + i)) / 8000)));
        seq++;
        socket.send(packet, port, '127.0.0.1');
      }, 20);
    },
    stop() {
      if (timer) clearInterval(timer);
      socket.close();
    },
  };
}

/** Power of one frequency over a span of one channel of 8 kHz stereo WAV (Goertzel). */
function power(wav: Buffer, channel: number, fromS: number, toS: number, freq: number): number {
  const k = 2 * Math.cos((2 * Math.PI * freq) / 8000);
  let s1 = 0;
  let s2 = 0;
  const frames = (wav.length - 44) / 4;
  for (let i = Math.floor(fromS * 8000); i < Math.min(frames, Math.floor(toS * 8000)); i++) {
    const s = wav.readInt16LE(44 + (i * 2 + channel) * 2) / 32768 + k * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sdp = (port: number) => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', ''].join('\r\n');
const PLAIN = { 'transport-protocol': 'RTP/AVP', ICE: 'remove', replace: ['origin', 'session-connection'] };

describe('call recording in rtpengine', () => {
  it('records both parties with the paused span silent; the assignee and supervisors play it, audited', async () => {
    t = await startTestHub({
      sip: { secret: SECRET, domain: 'switchboard.test', wsUrl: 'ws://127.0.0.1:5066', dids: '+862150001234=voice', rtpengine: rtpengine.ngAddress, recordingDir, recordingPolicy: 'voice=always,never', recordingRetentionDays: 30 },
    });
    const alice = await t.agent('alice');
    await alice.command({ kind: 'agent.state', state: 'available' });
    const headers = { 'x-switchboard-sip-secret': sipApiSecret({ secret: SECRET }) };
    const routed = (await fetch(`${t.url}/sip/route?queue=02150001234&caller=13800138000&callid=rec-1&origin=trunk`, { headers }).then((r) => r.json())) as Record<string, unknown>;
    expect(routed).toMatchObject({ action: 'agent', sipUser: 'agent-alice' });
    const conversationId = String(routed.conversationId);

    const caller = await party(440);
    const agent = await party(1000);
    try {
      const offer = await client.request('offer', { ...PLAIN, 'call-id': 'rec-1', 'from-tag': 'caller', sdp: sdp(caller.port) });
      const answer = await client.request('answer', { ...PLAIN, 'call-id': 'rec-1', 'from-tag': 'caller', 'to-tag': 'agent', sdp: sdp(agent.port) });
      const portOf = (s: unknown) => Number(/m=audio (\d+)/.exec(String(s))![1]);
      caller.sendTo(portOf(answer.sdp));
      agent.sendTo(portOf(offer.sdp));
      const event = (body: object) =>
        fetch(`${t.url}/sip/events`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ callId: 'rec-1', caller: '13800138000', sipUser: 'agent-alice', ...body }) });
      await event({ event: 'answered' });
      expect(t.hub.store.conversation(conversationId)?.call?.recording).toMatchObject({ state: 'recording' });

      await wait(1500);
      expect(await alice.command({ kind: 'call.recording', sipCallId: 'rec-1', action: 'pause' })).toMatchObject({ ok: true });
      expect(t.hub.store.conversation(conversationId)?.call?.recording).toMatchObject({ state: 'paused' });
      // A queue that records always has nothing for the agent to start.
      expect(await alice.command({ kind: 'call.recording', sipCallId: 'rec-1', action: 'start' })).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
      await wait(1500);
      expect(await alice.command({ kind: 'call.recording', sipCallId: 'rec-1', action: 'resume' })).toMatchObject({ ok: true });
      await wait(1500);
      await client.request('delete', { 'call-id': 'rec-1' });
      await event({ event: 'ended' });
    } finally {
      caller.stop();
      agent.stop();
    }

    const saved = await expect
      .poll(() => t.hub.store.conversation(conversationId)?.call?.recordings?.[0], { timeout: 15_000 })
      .toMatchObject({ id: expect.stringMatching(/^rec_/) });
    void saved;
    const recording = t.hub.store.conversation(conversationId)!.call!.recordings![0]!;
    expect(recording.durationMs).toBeGreaterThan(4000);
    expect(recording.expiresAt).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(t.hub.store.conversation(conversationId)?.call?.recording ?? null).toBeNull();

    const url = `${t.url}/api/conversations/${conversationId}/recordings/${recording.id}`;
    const as = async (username: string) => ({ authorization: `Bearer ${(await t.login(username)).token}` });
    const response = await fetch(url, { headers: await as('alice') });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/audio\/wav/);
    const wav = Buffer.from(await response.arrayBuffer());
    const seconds = (wav.length - 44) / 4 / 8000;
    expect(seconds).toBeGreaterThan(4);
    // Which channel is whose depends on who was heard first: find the caller's.
    const callerChannel = power(wav, 0, 0.2, 1.2, 440) > power(wav, 1, 0.2, 1.2, 440) ? 0 : 1;
    const agentChannel = 1 - callerChannel;
    for (const [from, to] of [
      [0.2, 1.2],
      [seconds - 1.2, seconds - 0.2],
    ] as const) {
      expect(power(wav, callerChannel, from, to, 440)).toBeGreaterThan(100 * power(wav, callerChannel, from, to, 1000));
      expect(power(wav, agentChannel, from, to, 1000)).toBeGreaterThan(100 * power(wav, agentChannel, from, to, 440));
    }
    // The paused span (about 1.5 s to 3 s) holds nothing.
    const loud = power(wav, callerChannel, 0.2, 1.2, 440);
    expect(power(wav, callerChannel, 1.8, 2.7, 440)).toBeLessThan(loud / 1e4);
    expect(power(wav, agentChannel, 1.8, 2.7, 1000)).toBeLessThan(loud / 1e4);

    expect((await fetch(url, { headers: await as('sam') })).status).toBe(200);
    expect((await fetch(url, { headers: await as('bob') })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);

    const audit = new Database(join(t.dataDir, 'hub.sqlite'), { readonly: true });
    try {
      const rows = audit.prepare("SELECT actor_id, outcome FROM supervision_audit WHERE action = 'recording.play' ORDER BY seq").all();
      expect(rows).toEqual([
        { actor_id: 'agt_alice', outcome: 'ok' },
        { actor_id: 'agt_sam', outcome: 'ok' },
        { actor_id: 'agt_bob', outcome: 'refused' },
      ]);
    } finally {
      audit.close();
    }
  }, 40_000);
});
