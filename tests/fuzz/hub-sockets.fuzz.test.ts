import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ZodType } from 'zod';
import { widgetClientFrameSchema } from '../../src/hub/channels/widget-protocol';
import { startTestHub, type TestHub } from '../harness/hub/test-hub';
import { clientFrameSchema, HUB_PROTOCOL_VERSION } from '../../src/shared/protocol/hub-protocol';
import { SUPERVISOR_PROTOCOL_VERSION, supervisorClientFrameSchema } from '../../src/shared/protocol/supervisor-protocol';
import { contentCounts, fuzzParams, heapMiB, hostileJson, hostileString, mutated, reportCases, tick } from './fuzz-kit';

let t: TestHub;
let agentToken = '';
let supervisorToken = '';
beforeAll(async () => {
  t = await startTestHub();
  agentToken = (await t.login('bob')).token;
  supervisorToken = (await t.login('sam')).token;
});
afterAll(async () => {
  reportCases();
  await t?.close();
});

const v = HUB_PROTOCOL_VERSION;
const sv = SUPERVISOR_PROTOCOL_VERSION;

interface SocketBoundary {
  name: string;
  path: string;
  schema: ZodType;
  /** What a real client says first; null to fuzz the first frame too. */
  hello: () => Record<string, unknown>;
  templates: Array<Record<string, unknown>>;
}

const boundaries: SocketBoundary[] = [
  {
    name: 'agent socket',
    path: '/agent/ws',
    schema: clientFrameSchema,
    hello: () => ({ v, type: 'hello', token: agentToken, cursor: 0 }),
    templates: [
      { v, type: 'hello', token: 'x', cursor: 0 },
      { v, type: 'sync', after: 0, limit: 10 },
      { v, type: 'command', key: 'k-fuzz-12345678', command: { kind: 'message.send', conversationId: 'conv_fuzz', text: 'hi', internal: false } },
      { v, type: 'command', key: 'k-fuzz-87654321', command: { kind: 'conversation.tag', conversationId: 'conv_fuzz', add: ['VIP'], remove: [] } },
      { v, type: 'command', key: 'k-fuzz-11112222', command: { kind: 'agent.state', state: 'available', reason: null } },
      { v, type: 'ping', nonce: 1 },
      { v, type: 'token', token: 'x' },
      { v, type: 'typing', conversationId: 'conv_fuzz', active: true },
    ],
  },
  {
    name: 'supervisor socket',
    path: '/supervisor/ws',
    schema: supervisorClientFrameSchema,
    hello: () => ({ v: sv, type: 'hello', token: supervisorToken }),
    templates: [
      { v: sv, type: 'request', rid: 1, request: { kind: 'chat.whisper', conversationId: 'conv_fuzz', text: 'psst' } },
      { v: sv, type: 'request', rid: 2, request: { kind: 'chat.takeover', conversationId: 'conv_fuzz' } },
      { v: sv, type: 'request', rid: 3, request: { kind: 'call.start', target: { kind: 'agent', agentId: 'agt_bob' }, mode: 'monitor' } },
      { v: sv, type: 'request', rid: 4, request: { kind: 'wallboard.refresh' } },
      { v: sv, type: 'ping', nonce: 1 },
      { v: sv, type: 'token', token: 'x' },
    ],
  },
  {
    name: 'widget socket',
    path: '/widget/ws',
    schema: widgetClientFrameSchema,
    hello: () => ({ type: 'hello', visitorId: 'visitor-fuzz-0001' }),
    templates: [
      { type: 'hello', visitorId: 'visitor-fuzz-0002', name: 'x', phone: '13800138000' },
      { type: 'message', text: 'hi', key: 'mkey-fuzz-1234' },
      { type: 'message', text: 'x', key: 'mkey-fuzz-5678', attachmentIds: ['att_x'] },
      { type: 'older', before: 'msg_x' },
      { type: 'typing', active: true },
    ],
  },
];

function frameArbitrary(b: SocketBoundary): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...b.templates).chain((tpl) => mutated(tpl)).map((f) => JSON.stringify(f)),
    hostileJson.map((j) => JSON.stringify(j) ?? 'null'),
    hostileString,
  );
}

/** Sends the frames on a fresh socket and waits until the hub answered or went quiet. */
async function session(path: string, frames: string[]): Promise<void> {
  const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}${path}`);
  ws.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    ws.once('open', () => resolve());
    ws.once('close', () => resolve());
  });
  for (const f of frames) if (ws.readyState === WebSocket.OPEN) ws.send(f);
  await new Promise((r) => setTimeout(r, 40));
  ws.terminate();
}

const isValid = (schema: ZodType, text: string): boolean => {
  try {
    return schema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
};

describe('fuzz: every socket frame type', () => {
  for (const b of boundaries) {
    it(`${b.name}: generated, mutated and oversized frames, signed in or not: no crash, nothing stored from a refused frame`, async () => {
      const before = heapMiB();
      await fc.assert(
        fc.asyncProperty(fc.boolean(), fc.array(frameArbitrary(b), { minLength: 1, maxLength: 6 }), async (signedIn, frames) => {
          const stored = contentCounts(t.dataDir);
          await session(b.path, signedIn ? [JSON.stringify(b.hello()), ...frames] : frames);
          tick(`${b.name} frames`, frames.length);
          expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
          if (frames.every((f) => !isValid(b.schema, f))) expect(contentCounts(t.dataDir)).toEqual(stored);
        }),
        fuzzParams(1),
      );
      expect(heapMiB() - before).toBeLessThan(64);
    });
  }
});
