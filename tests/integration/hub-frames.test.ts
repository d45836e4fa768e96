import { sipApiSecret } from '../../src/hub/sip/sip-api-secret';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../harness/host/session-rig';
import { eventually, startTestHub, type TestHub } from '../harness/hub/test-hub';
import type { HubConfigInput } from '../../src/hub/config';
import { SupervisorTestClient } from '../harness/hub/supervision-rig';
import { SUPERVISOR_WS_PATH } from '../../src/shared/protocol/supervisor-protocol';
import { hostOnHub, type HostOnHub } from './support/host-on-hub';

let t: TestHub | null = null;
let host: HostOnHub | null = null;
afterEach(async () => {
  host?.stop();
  host = null;
  await t?.close();
  t = null;
});

/** A real hub and the desktop's host services signed in to it as `username`. */
async function desktopOn(username: string, config: Partial<HubConfigInput> = {}): Promise<{ t: TestHub; host: HostOnHub }> {
  t = await startTestHub(config);
  host = hostOnHub(t.url);
  const login = await host.session.login({ username, password: 'switchboard' });
  expect(login.ok).toBe(true);
  const h = host;
  await until(() => t!.hub.presence.isOnline(`agt_${username}`), 10_000, 'desktop online');
  return { t, host: h };
}

const SIP = { secret: 'sip-shared-secret-0123456789', domain: 'switchboard.test', wsUrl: 'ws://127.0.0.1:5066' };
const QUALITY = { mos: 2.1, grade: 'poor' as const, jitterMs: 60, lossPct: 8, rttMs: 300, samples: 30 };

/** A call to queue 1000 routed to alice and answered, reported as Kamailio does. */
async function routedAndAnswered(hub: TestHub, callId: string): Promise<void> {
  const headers = { 'x-switchboard-sip-secret': sipApiSecret(SIP), 'content-type': 'application/json' };
  const decision = await fetch(`${hub.url}/sip/route?queue=1000&caller=13800138000&callid=${callId}`, { headers }).then((r) => r.json());
  expect(decision).toMatchObject({ action: 'agent', sipUser: 'agent-alice', conversationId: expect.stringMatching(/^conv_/) });
  const body = JSON.stringify({ callId, caller: '13800138000', sipUser: 'agent-alice', event: 'answered' });
  expect((await fetch(`${hub.url}/sip/events`, { method: 'POST', headers, body })).status).toBe(204);
}

/** A widget customer writes; the desktop takes the offer. Returns the conversation id. */
async function chatAccepted(h: HostOnHub, hub: TestHub, visitorId: string, text: string) {
  const visitor = await hub.visitor(visitorId);
  await visitor.say(text);
  await until(() => h.seen.offer.length > 0, 10_000, 'offer on the desktop');
  const offer = h.seen.offer.at(-1)!;
  expect((await h.workspace.acceptOffer({ offerId: offer.id })).ok).toBe(true);
  return { visitor, conversationId: offer.conversationId };
}

describe('hub frames through the desktop host', () => {
  it('typing goes both ways: the customer typing reaches the workspace, the agent typing reaches the widget', async () => {
    const { t, host } = await desktopOn('bob');
    const { visitor, conversationId } = await chatAccepted(host, t, 'visitor-typing-host', '你好');
    const head = t.hub.store.headSeq();

    visitor.send({ type: 'typing', active: true });
    await until(() => host.seen.typing.some((e) => e.conversationId === conversationId && e.typing), 5_000, 'customer typing on the desktop');
    visitor.send({ type: 'typing', active: false });
    await until(() => host.seen.typing.at(-1)?.typing === false, 5_000, 'customer stopped typing');

    expect(await host.workspace.setTyping({ conversationId, typing: true })).toEqual({ ok: true, value: {} });
    await eventually(() => visitor.frames.find((f) => f.type === 'typing' && f.active === true), 'agent typing in the widget');
    expect(await host.workspace.setTyping({ conversationId, typing: false })).toEqual({ ok: true, value: {} });
    await eventually(() => visitor.frames.find((f) => f.type === 'typing' && f.active === false), 'agent stopped typing in the widget');
    // Ephemeral: nothing was stored.
    expect(t.hub.store.headSeq()).toBe(head);
  });

  it('call reports go to the hub: quality through the outbox onto the call record, voice sentiment at once into the alerts', async () => {
    const { t, host } = await desktopOn('alice', { sip: SIP, sentimentAlerts: { sustainedMs: 0 } });
    await routedAndAnswered(t, 'call-host-1');
    const conversationId = t.hub.store.conversationByCallId('call-host-1')!.id;

    expect(await host.workspace.reportCallQuality({ sipCallId: 'call-host-1', quality: QUALITY })).toEqual({ ok: true, value: {} });
    await eventually(() => t.hub.store.conversationByCallId('call-host-1')?.call?.quality?.grade === 'poor', 'quality on the call record');
    await until(() => host.seen.conversation.some((c) => c.id === conversationId && c.call?.quality?.mos === QUALITY.mos), 5_000, 'quality synced back');

    for (let i = 0; i < 3; i++) expect(await host.workspace.reportVoiceSentiment({ sipCallId: 'call-host-1', score: -0.95 })).toEqual({ ok: true, value: {} });
    await until(() => host.seen.alert.length > 0, 5_000, 'the alert on the desktop');
    expect(host.seen.alert[0]).toMatchObject({ conversationId, source: 'voice', reason: 'voice-agitation' });
    // A call that is not this agent's is refused with a clear error, not swallowed.
    const refused = await host.workspace.reportVoiceSentiment({ sipCallId: 'call-unknown', score: -0.5 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('supervision notices reach the workspace: a supervisor joining the call, and taking a chat over', async () => {
    const { t, host } = await desktopOn('alice', { sip: SIP });
    const { token } = await t.login('sam');
    const sam = await SupervisorTestClient.open(`${t.url.replace(/^http/, 'ws')}${SUPERVISOR_WS_PATH}`, token);
    try {
      await sam.next('welcome');
      const { conversationId } = await chatAccepted(host, t, 'visitor-takeover', '你好');
      expect((await sam.request({ kind: 'chat.takeover', conversationId })).ok).toBe(true);
      await until(() => host.seen.supervision.some((n) => n.kind === 'chat.taken_over'), 5_000, 'chat.taken_over on the desktop');
      expect(host.seen.supervision.find((n) => n.kind === 'chat.taken_over')).toMatchObject({ conversationId, supervisorName: 'Sam Chen' });

      await routedAndAnswered(t, 'call-host-2');
      expect((await sam.request({ kind: 'call.start', target: { kind: 'agent', agentId: 'agt_alice' }, mode: 'whisper' })).ok).toBe(true);
      await until(() => host.seen.supervision.some((n) => n.kind === 'call.started'), 5_000, 'call.started on the desktop');
      expect(host.seen.supervision.find((n) => n.kind === 'call.started')).toMatchObject({ sipCallId: 'call-host-2', supervisorSipUser: 'agent-sam', mode: 'whisper' });
    } finally {
      sam.close();
    }
  });
});
