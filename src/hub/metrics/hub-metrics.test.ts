import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../tests/integration/support/hub-process';
import { queueMetrics } from '../routing/queue-metrics';
import { TEST_CHANNEL_SECRETS, postSigned } from '../../../tests/harness/hub/channel-requests';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

let t: TestHub | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** One sample's value from exposition text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean);
    if (want.every((w) => have.includes(w))) return Number(match[3]);
  }
  return undefined;
}

const scrape = async (url: string, headers: Record<string, string> = {}): Promise<string> => {
  const res = await fetch(`${url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};

describe('hub /metrics', () => {
  it('reports each queue with the wallboard figures, agents by state and process metrics', async () => {
    t = await startTestHub();
    const hub = t.hub;
    const visitor = await t.visitor('metrics-visitor');
    await visitor.say('我的订单还没到');
    const alice = await t.agent('alice');
    await alice.command({ kind: 'agent.state', state: 'available' });
    await eventually(() => hub.store.conversationsByStatus('queued').length + hub.store.conversationsByStatus('offered').length > 0, 'a waiting chat');

    const text = await scrape(t.url);
    const wallboard = queueMetrics(hub.store, hub.presence, Date.now());
    expect(wallboard.length).toBeGreaterThan(0);
    for (const q of wallboard) {
      const labels = { queue: q.queue };
      expect(sample(text, 'switchboard_queue_waiting_contacts', labels)).toBe(q.waiting);
      expect(sample(text, 'switchboard_queue_service_level_target_ratio', labels)).toBeCloseTo(q.slaTargetPercent / 100);
      expect(sample(text, 'switchboard_queue_service_level_ratio', labels)).toBe(q.slaPercent === null ? undefined : q.slaPercent / 100);
      expect(sample(text, 'switchboard_queue_answered_contacts', labels)).toBe(q.answered);
      expect(sample(text, 'switchboard_queue_abandoned_contacts', labels)).toBe(q.abandoned);
      expect(sample(text, 'switchboard_queue_available_agents', labels)).toBe(q.availableAgents);
    }
    expect(wallboard.reduce((n, q) => n + q.waiting, 0)).toBeGreaterThan(0);
    const chat = hub.store.queues().find((q) => q.id === 'chat');
    expect(sample(text, 'switchboard_queue_service_level_target_seconds', { queue: 'chat' })).toBe(chat?.slaSeconds);

    const agents = hub.store.agents();
    expect(sample(text, 'switchboard_agents', { state: 'available' })).toBe(1);
    expect(sample(text, 'switchboard_agents', { state: 'offline' })).toBe(agents.length - 1);
    expect(sample(text, 'switchboard_agents', { state: 'after_call_work' })).toBe(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    await alice.close();
    visitor.close();
  });

  it('counts outbound replies that their channel could not take, once each, when the last try failed', async () => {
    const closed = await freePort();
    t = await startTestHub({
      ...TEST_CHANNEL_SECRETS,
      webhookOutboundUrls: { taobao: `http://127.0.0.1:${closed}/reply` },
      outboundRetry: { attempts: 2, baseDelayMs: 50, maxDelayMs: 50 },
    });
    const hub = t.hub;
    const body = JSON.stringify({ msg_id: 'tb-m1', buyer_id: 'b-7', content: '在吗，订单怎么还没发货' });
    expect((await postSigned(`${t.url}/channels/webhook/taobao`, body)).status).toBe(202);
    const customer = hub.store.customerByIdentity('platform_user', 'taobao:b-7');
    const [conversation] = hub.store.customerConversations(customer?.id ?? '', 1);
    expect(sample(await scrape(t.url), 'switchboard_outbound_delivery_failures_total', { channel: 'webhook' })).toBeUndefined();
    // A supervisor may answer any open conversation.
    const sam = await t.agent('sam');
    expect(await sam.command({ kind: 'message.send', conversationId: conversation?.id ?? '', text: '马上为您查询' })).toMatchObject({ ok: true });
    const url = t.url;
    await expect.poll(async () => sample(await scrape(url), 'switchboard_outbound_delivery_failures_total', { channel: 'webhook' }), { timeout: 10_000 }).toBe(1);
    const [, reply] = hub.store.messages(conversation?.id ?? '');
    expect(reply?.channelDelivery).toMatchObject({ state: 'failed', attempts: 2 });
    await sam.close();
  });

  it('answers only the hub host without a token, and only the bearer of METRICS_TOKEN with one', async () => {
    t = await startTestHub();
    expect((await t.hub.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(403);
    // A proxy's X-Forwarded-For does not make a remote scraper local.
    expect((await t.hub.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '127.0.0.1' } })).statusCode).toBe(403);
    expect((await t.hub.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    await t.close();

    const token = 'metrics-token-0123456789abcdef';
    t = await startTestHub({ metricsToken: token });
    const app = t.hub.app;
    const asked = async (authorization?: string): Promise<number> =>
      (await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: authorization ? { authorization } : {} })).statusCode;
    expect(await asked()).toBe(401);
    expect(await asked('Bearer wrong-token')).toBe(401);
    expect(await asked(`Bearer ${token}`)).toBe(200);
    // With a token, the hub's own host needs it too: one rule, nothing implicit.
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(401);
  });
});
