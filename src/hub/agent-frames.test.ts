import { sipApiSecret } from './sip/sip-api-secret';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_PROTOCOL_VERSION } from '../shared/protocol/hub-protocol';
import { SUPERVISOR_WS_PATH } from '../shared/protocol/supervisor-protocol';
import { eventually, startTestHub, type AgentClient, type TestHub } from '../../tests/harness/hub/test-hub';
import { SupervisorTestClient } from '../../tests/harness/hub/supervision-rig';

const SIP = { secret: 'sip-shared-secret-0123456789', domain: 'switchboard.test', wsUrl: 'ws://127.0.0.1:5066' };
const sipHeaders = { 'x-switchboard-sip-secret': sipApiSecret(SIP), 'content-type': 'application/json' };
const QUALITY = { mos: 3.2, grade: 'fair' as const, jitterMs: 28, lossPct: 2.5, rttMs: 120, samples: 42 };

let t: TestHub | null = null;
const consoles: SupervisorTestClient[] = [];
afterEach(async () => {
  consoles.splice(0).forEach((c) => c.close());
  await t?.close();
  t = null;
});

/** A call from 13800138000 routed to alice and answered, as Kamailio reports it. */
async function answeredCall(hub: TestHub, callId: string): Promise<AgentClient> {
  const alice = await hub.agent('alice');
  const decision = await fetch(`${hub.url}/sip/route?queue=1000&caller=13800138000&callid=${callId}`, { headers: sipHeaders }).then((r) => r.json());
  expect(decision).toMatchObject({ action: 'agent', sipUser: 'agent-alice', conversationId: expect.stringMatching(/^conv_/) });
  const answered = await fetch(`${hub.url}/sip/events`, {
    method: 'POST',
    headers: sipHeaders,
    body: JSON.stringify({ callId, caller: '13800138000', sipUser: 'agent-alice', event: 'answered' }),
  });
  expect(answered.status).toBe(204);
  return alice;
}

/** A widget chat accepted by `agent`; returns the conversation id. */
async function acceptedChat(hub: TestHub, agent: AgentClient, visitorId: string, firstWords: string) {
  const visitor = await hub.visitor(visitorId);
  await visitor.say(firstWords);
  const offer = await agent.waitFor('offer');
  expect(await agent.command({ kind: 'offer.accept', offerId: offer.offer.id })).toMatchObject({ ok: true });
  return { visitor, conversationId: offer.offer.conversationId };
}

describe('call reports from the agent desktop', () => {
  it('keeps the call quality on the call record, from the call assignee only', async () => {
    t = await startTestHub({ sip: SIP });
    const alice = await answeredCall(t, 'call-q');
    const sam = await t.agent('sam');
    // A supervisor sees the call but it is not theirs to report on.
    expect(await sam.command({ kind: 'call.quality', sipCallId: 'call-q', quality: QUALITY })).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
    expect(await alice.command({ kind: 'call.quality', sipCallId: 'call-nope', quality: QUALITY })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await alice.command({ kind: 'call.quality', sipCallId: 'call-q', quality: QUALITY })).toMatchObject({ ok: true });
    expect(t.hub.store.conversationByCallId('call-q')?.call).toMatchObject({ sipCallId: 'call-q', quality: QUALITY, missed: false });
    await alice.waitFor('event', (f) => f.event.kind === 'conversation.upserted' && f.event.conversation.call?.quality?.mos === 3.2);
  });

  it('feeds voice sentiment into the same smoothing and alerts as text: an agitated caller raises a voice alert', async () => {
    t = await startTestHub({ sip: SIP, sentimentAlerts: { sustainedMs: 0 } });
    const alice = await answeredCall(t, 'call-s');
    const conversationId = t.hub.store.conversationByCallId('call-s')!.id;
    const { token } = await t.login('sam');
    const feed = await SupervisorTestClient.open(`${t.url.replace(/^http/, 'ws')}${SUPERVISOR_WS_PATH}`, token);
    consoles.push(feed);
    await feed.next('welcome');
    for (let i = 0; i < 3; i++) {
      expect(await alice.command({ kind: 'call.sentiment', sipCallId: 'call-s', score: -0.9 }, `k-sentiment-${i}`)).toMatchObject({ ok: true });
    }
    // Strong agitation escalates at once (insights/escalations.ts): the agent sees that, once; the trajectory
    // alert that follows goes to the supervisors' feed only.
    const { alert } = await alice.waitFor('alert');
    expect(alert).toMatchObject({ conversationId, source: 'voice', reason: 'voice-agitation' });
    expect(alert.score).toBeLessThan(-0.5);
    await feed.next('alert', (f) => f.alert.id === alert.id && f.alert.kind === 'escalation' && f.alert.agentId === 'agt_alice');
    await feed.next('alert', (f) => f.alert.kind === 'negative_sentiment' && f.alert.reason === 'sustained-negative' && f.alert.conversationId === conversationId);
    expect(alice.frames.filter((f) => f.type === 'alert')).toHaveLength(1);
    // Not stored as a command: the samples leave no idempotency records behind.
    expect(t.hub.store.commandResult('agt_alice:k-sentiment-0')).toBeNull();
  });
});

describe('sentiment alerts for the agent', () => {
  it('a run of angry messages alerts the assigned agent once, and nobody else', async () => {
    t = await startTestHub({ sentimentAlerts: { sustainedMs: 0 }, limits: { widgetMessageBurst: 20 } });
    const bob = await t.agent('bob');
    const sam = await t.agent('sam');
    const { visitor, conversationId } = await acceptedChat(t, bob, 'visitor-angry', '太差了，气死我了！我要投诉！');
    const angry = [
      'This is terrible. Worst service ever, I am furious!',
      '太差了，完全没用，我非常生气！',
      'Awful, useless, I hate this.',
      '垃圾服务，我要投诉你们！',
      'Still waiting. Terrible, terrible service.',
      '气死我了，太差劲了！',
    ];
    for (const text of angry) await visitor.say(text);
    await bob.waitFor('event', (f) => f.event.kind === 'message.created' && f.event.message.text === angry.at(-1));
    const alerts = bob.frames.filter((f) => f.type === 'alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ alert: { conversationId, source: 'text', reason: 'sustained-negative' } });
    expect(sam.frames.some((f) => f.type === 'alert')).toBe(false);
  });
});

describe('supervision notices for the agent', () => {
  it('call.started carries the SIP Call-ID and the supervisor leg, also for a supervisor without a configured SIP user', async () => {
    t = await startTestHub({ sip: SIP });
    const alice = await answeredCall(t, 'call-sup');
    const { token } = await t.login('admin');
    const admin = await SupervisorTestClient.open(`${t.url.replace(/^http/, 'ws')}${SUPERVISOR_WS_PATH}`, token);
    consoles.push(admin);
    await admin.next('welcome');
    const started = await admin.request({ kind: 'call.start', target: { kind: 'agent', agentId: 'agt_alice' }, mode: 'monitor' });
    expect(started.ok).toBe(true);
    const { notice } = await alice.waitFor('supervision', (f) => f.notice.kind === 'call.started');
    expect(notice).toMatchObject({ kind: 'call.started', sipCallId: 'call-sup', supervisorSipUser: 'agent-admin', supervisorName: 'Admin' });
  });
});

describe('live events', () => {
  it("are the agent's own feed, position after position: nothing they may not see is in it, and a catch-up brings the same", async () => {
    t = await startTestHub({ sip: SIP });
    const bob = await t.agent('bob');
    const head = bob.welcome.headSeq;
    // A call for alice's voice queue: events bob may not see.
    await answeredCall(t, 'call-after');
    expect(t.hub.store.headSeq()).toBeGreaterThan(head + 1);
    const visitor = await t.visitor('visitor-after');
    await visitor.say('你好');
    await visitor.say('在吗');
    await bob.waitFor('event', (f) => f.event.kind === 'message.created' && f.event.message.text === '在吗');
    const live = bob.frames.filter((f) => f.type === 'event');
    expect(live.length).toBeGreaterThanOrEqual(3);
    expect(live.map((f) => f.event.seq)).toEqual(live.map((_, i) => head + 1 + i));
    expect(live.some((f) => f.event.kind === 'conversation.upserted' && f.event.conversation.channel === 'voice')).toBe(false);
    // A catch-up over the same span brings exactly what he was sent live.
    bob.raw.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'sync', after: head, limit: 500 }));
    const page = await bob.waitFor('events');
    expect(page.events.map((e) => e.seq)).toEqual(live.map((f) => f.event.seq));
  });
});

describe('a conversation an agent newly sees', () => {
  /** Alice's chat, moved to VIP (a queue bob does not serve) and talked on there: bob has seen none of it. */
  async function vipChat(hub: TestHub) {
    const alice = await hub.agent('alice');
    const { visitor, conversationId } = await acceptedChat(hub, alice, 'visitor-history', '你好，我的订单还没到');
    expect(await alice.command({ kind: 'message.send', conversationId, text: '您好，我来查一下' })).toMatchObject({ ok: true });
    expect(await alice.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'queue', queue: 'vip' } })).toMatchObject({ ok: true });
    const vip = await alice.waitFor('offer', (f) => f.offer.conversationId === conversationId && f.offer.queue === 'vip');
    expect(await alice.command({ kind: 'offer.accept', offerId: vip.offer.id })).toMatchObject({ ok: true });
    await visitor.say('订单号 202601050001');
    expect(await alice.command({ kind: 'message.send', conversationId, text: '已经发货了' })).toMatchObject({ ok: true });
    const conversation = hub.hub.store.conversation(conversationId)!;
    return { alice, conversationId, customerId: conversation.customerId };
  }

  /** Everything in the agent's feed, as a desktop with an empty cache would sync it. */
  async function wholeFeed(agent: AgentClient) {
    agent.raw.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'sync', after: 0, limit: 500 }));
    return (await agent.waitFor('events')).events;
  }

  it('transferred to an agent outside its queue, it arrives with its customer and every earlier message, once each', async () => {
    t = await startTestHub();
    const { alice, conversationId, customerId } = await vipChat(t);
    const bob = await t.agent('bob');
    const head = bob.welcome.headSeq;
    expect(await alice.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'agent', agentId: 'agt_bob' } })).toMatchObject({ ok: true });
    await bob.waitFor('event', (f) => f.event.kind === 'message.created' && f.event.message.text.startsWith('Transferred by'));

    const live = bob.frames.filter((f) => f.type === 'event');
    // Consecutive positions in bob's feed, so a desktop applies them all without a catch-up.
    expect(live.map((f) => f.event.seq)).toEqual(live.map((_, i) => head + 1 + i));
    const customer = live.findIndex((f) => f.event.kind === 'customer.upserted' && f.event.customer.id === customerId);
    const conversation = live.findIndex((f) => f.event.kind === 'conversation.upserted' && f.event.conversation.assigneeId === 'agt_bob');
    expect(conversation).toBeGreaterThanOrEqual(0);
    // What he did not know comes before the state that made him see it.
    if (customer >= 0) expect(customer).toBeLessThan(conversation);

    // His feed holds every message of the conversation, each once: what he saw while it was in his queue, and what he missed.
    const feed = await wholeFeed(bob);
    const messages = t.hub.store.messages(conversationId);
    expect(messages.length).toBeGreaterThanOrEqual(6);
    const got = feed.flatMap((e) => (e.kind === 'message.created' && e.message.conversationId === conversationId ? [e.message.id] : []));
    expect(new Set(got)).toEqual(new Set(messages.map((m) => m.id)));
    expect(got).toHaveLength(messages.length);
    expect(feed.some((e) => e.kind === 'customer.upserted' && e.customer.id === customerId)).toBe(true);
    // Nothing was copied: each message is stored as one event, which alice was sent once.
    const stored = t.hub.store.feedAfter('*', 0, 10_000).filter((e) => e.event.kind === 'message.created' && e.event.message.conversationId === conversationId);
    expect(stored).toHaveLength(messages.length);
    const aliceGot = alice.frames.flatMap((f) => (f.type === 'event' && f.event.kind === 'message.created' ? [f.event.message.id] : []));
    expect(aliceGot.length).toBe(new Set(aliceGot).size);
  });

  it('moved into the queue of an agent who is offline, its history waits in their feed for their next catch-up', async () => {
    t = await startTestHub();
    const { alice, conversationId } = await vipChat(t);
    const away = await t.agent('bob');
    await away.close();
    await eventually(() => !t!.hub.presence.isOnline('agt_bob'), 'bob offline');
    expect(await alice.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'queue', queue: 'chat' } })).toMatchObject({ ok: true });

    const bob = await t.agent('bob');
    const feed = await wholeFeed(bob);
    const synced = feed.flatMap((e) => (e.kind === 'message.created' && e.message.conversationId === conversationId ? [e.message.id] : []));
    for (const m of t.hub.store.messages(conversationId)) expect(synced.includes(m.id), `bob's catch-up lacks "${m.text}"`).toBe(true);
    expect(synced.length).toBe(new Set(synced).size);
  });
});

describe('a conversation an agent no longer sees', () => {
  type Frames = AgentClient['frames'];
  /** The event frames that name the conversation (its upserts, its messages). */
  const about = (frames: Frames, conversationId: string) =>
    frames.flatMap((f) =>
      f.type === 'event' &&
      ((f.event.kind === 'conversation.upserted' && f.event.conversation.id === conversationId) ||
        (f.event.kind === 'message.created' && f.event.message.conversationId === conversationId))
        ? [f]
        : [],
    );

  /**
   * A chat in bob's queue, which bob will see: once his desktop has it, everything bob was sent
   * before it has arrived (one socket, one order), so what he lacks by then was never sent.
   */
  async function marker(hub: TestHub, bob: AgentClient, visitorId: string): Promise<void> {
    const visitor = await hub.visitor(visitorId);
    await visitor.say('还有人吗');
    await bob.waitFor('event', (f) => f.event.kind === 'message.created' && f.event.message.text === '还有人吗');
  }

  /**
   * Live frames are consecutive positions of the agent's feed, and a catch-up from `since` (the
   * agent's cursor before the conversation left them) brings the same positions they were sent live.
   */
  async function chainHolds(agent: AgentClient, since: number): Promise<void> {
    const live = agent.frames.filter((f) => f.type === 'event');
    expect(live.map((f) => f.event.seq)).toEqual(live.map((_, i) => agent.welcome.headSeq + 1 + i));
    agent.raw.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'sync', after: since, limit: 500 }));
    const page = await agent.waitFor('events');
    expect(page.events.map((e) => e.seq)).toEqual(live.filter((f) => f.event.seq > since).map((f) => f.event.seq));
  }

  /** The last seq the agent was sent live. */
  const lastSeq = (agent: AgentClient): number => agent.frames.flatMap((f) => (f.type === 'event' ? [f.event.seq] : [])).at(-1) ?? agent.welcome.headSeq;

  it('transferred to a queue they do not serve, it comes to them once more, queued there, and then never again', async () => {
    t = await startTestHub();
    const bob = await t.agent('bob');
    const { visitor, conversationId } = await acceptedChat(t, bob, 'visitor-leaves-bob', '你好，我是VIP客户');
    await bob.waitFor('event', (f) => f.event.kind === 'conversation.upserted' && f.event.conversation.assigneeId === 'agt_bob');
    const alice = await t.agent('alice');
    const sentBefore = about(bob.frames, conversationId).length;
    const since = lastSeq(bob);

    expect(await bob.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'queue', queue: 'vip' } })).toMatchObject({ ok: true });
    const vip = await alice.waitFor('offer', (f) => f.offer.conversationId === conversationId && f.offer.queue === 'vip');
    expect(await alice.command({ kind: 'offer.accept', offerId: vip.offer.id })).toMatchObject({ ok: true });
    await visitor.say('请帮我查一下');
    expect(await alice.command({ kind: 'message.send', conversationId, text: '好的，马上查' })).toMatchObject({ ok: true });
    await marker(t, bob, 'visitor-marker-1');

    const after = about(bob.frames, conversationId).slice(sentBefore);
    expect(after).toHaveLength(1);
    expect(after[0]!.event).toMatchObject({ kind: 'conversation.upserted', conversation: { id: conversationId, queue: 'vip', assigneeId: null, status: 'queued' } });
    // Not a copy: the one stored event of that move went to bob's feed as well as alice's.
    const moves = t.hub.store.feedAfter('*', 0, 10_000).filter((e) => e.event.kind === 'conversation.upserted' && e.event.conversation.id === conversationId && e.event.conversation.queue === 'vip' && e.event.conversation.status === 'queued');
    expect(moves).toHaveLength(1);
    await chainHolds(bob, since);
  });

  it('handed to an agent in a queue they do not serve, it comes to them once more, with its new assignee', async () => {
    t = await startTestHub();
    const alice = await t.agent('alice');
    const { conversationId } = await acceptedChat(t, alice, 'visitor-vip-hand', '你好，我的订单还没到');
    expect(await alice.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'queue', queue: 'vip' } })).toMatchObject({ ok: true });
    const vip = await alice.waitFor('offer', (f) => f.offer.conversationId === conversationId && f.offer.queue === 'vip');
    expect(await alice.command({ kind: 'offer.accept', offerId: vip.offer.id })).toMatchObject({ ok: true });
    const bob = await t.agent('bob');
    expect(await alice.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'agent', agentId: 'agt_bob' } })).toMatchObject({ ok: true });
    await bob.waitFor('event', (f) => f.event.kind === 'message.created' && f.event.message.text.startsWith('Transferred by Alice'));
    const sentBefore = about(bob.frames, conversationId).length;
    const since = lastSeq(bob);

    expect(await bob.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'agent', agentId: 'agt_alice' } })).toMatchObject({ ok: true });
    expect(await alice.command({ kind: 'message.send', conversationId, text: '我回来了' })).toMatchObject({ ok: true });
    await marker(t, bob, 'visitor-marker-2');

    const after = about(bob.frames, conversationId).slice(sentBefore);
    expect(after).toHaveLength(1);
    expect(after[0]!.event).toMatchObject({ kind: 'conversation.upserted', conversation: { id: conversationId, queue: 'vip', assigneeId: 'agt_alice', status: 'active' } });
    await chainHolds(bob, since);
  });

  it('moved away while the agent is offline, its new state waits for their next catch-up', async () => {
    t = await startTestHub();
    const alice = await t.agent('alice');
    const { conversationId } = await acceptedChat(t, alice, 'visitor-while-away', '你好');
    // Bob serves the chat queue, so alice's chat there is in his inbox too.
    const away = await t.agent('bob');
    const cursor = away.welcome.headSeq;
    await away.close();
    await eventually(() => !t!.hub.presence.isOnline('agt_bob'), 'bob offline');
    expect(await alice.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'queue', queue: 'vip' } })).toMatchObject({ ok: true });

    const bob = await t.agent('bob');
    bob.raw.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'sync', after: cursor, limit: 500 }));
    const page = await bob.waitFor('events');
    const moves = page.events.filter((e) => e.kind === 'conversation.upserted' && e.conversation.id === conversationId);
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ conversation: { queue: 'vip', assigneeId: null, status: 'queued' } });
  });
});

describe('the welcome', () => {
  it('carries every queue with its name and SLA targets, also those the agent does not serve; a changed target comes with the next one', async () => {
    t = await startTestHub();
    // Bob serves chat only, yet a VIP conversation can be handed to him and its countdown needs VIP's targets.
    const bob = await t.agent('bob');
    expect(bob.welcome.queues).toEqual([
      { id: 'chat', name: 'Chat', slaSeconds: 30, replySeconds: 120 },
      { id: 'vip', name: 'VIP', slaSeconds: 10, replySeconds: 60 },
      { id: 'voice', name: 'Voice', slaSeconds: 20, replySeconds: 120 },
    ]);
    await bob.close();

    t.hub.store.upsertQueue({ ...t.hub.store.queue('chat')!, name: 'Web chat', slaSeconds: 45, replySeconds: 90 });
    const again = await t.agent('bob');
    expect(again.welcome.queues?.find((q) => q.id === 'chat')).toEqual({ id: 'chat', name: 'Web chat', slaSeconds: 45, replySeconds: 90 });
  });
});
