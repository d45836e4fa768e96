import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/shared/domain/message';
import { createMemoryLogger } from '../../src/shared/log';
import { postSigned, TEST_CHANNEL_SECRETS } from '../harness/hub/channel-requests';
import { eventually, startTestHub, type AgentClient, type TestHub } from '../harness/hub/test-hub';
import { startHub, type Hub } from '../../src/hub/server';
import { startFlakyPlatform } from './support/flaky-platform';

let t: TestHub | null = null;
let again: Hub | null = null;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await again?.close();
  again = null;
  await t?.close();
  t = null;
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A customer writes on the generic platform; bob takes the chat and answers it. */
async function bobAnswers(hub: TestHub, userId: string, text: string): Promise<{ bob: AgentClient; reply: Message }> {
  const body = JSON.stringify({ messageId: `in-${userId}`, userId, text: 'where is my parcel?' });
  expect((await postSigned(`${hub.url}/channels/webhook/generic`, body)).status).toBe(202);
  const bob = await hub.agent('bob');
  const offer = await bob.waitFor('offer');
  expect(await bob.command({ kind: 'offer.accept', offerId: offer.offer.id })).toMatchObject({ ok: true });
  const sent = await bob.command({ kind: 'message.send', conversationId: offer.offer.conversationId, text });
  if (!sent.ok) throw new Error(sent.error.message);
  return { bob, reply: sent.value as Message };
}

const deliveryOf = (hub: Hub, id: string) => hub.store.message(id)?.channelDelivery;
const settled = (hub: Hub, id: string) => {
  const d = deliveryOf(hub, id);
  return d && d.state !== 'sending' ? d : null;
};
/** What bob's desktop was told about the reply after it was created, in order. */
const statesSeenBy = (agent: AgentClient, id: string): string[] =>
  agent.frames.flatMap((f) => (f.type === 'event' && f.event.kind === 'message.updated' && f.event.message.id === id ? [f.event.message.channelDelivery?.state ?? 'none'] : []));

describe('replies to customers on external channels are delivered as jobs', () => {
  it('a platform that fails three times, then takes the reply: delivered once, and the agent sees sending, then delivered', async () => {
    const platform = await startFlakyPlatform(3);
    cleanups.push(platform.close);
    t = await startTestHub({
      ...TEST_CHANNEL_SECRETS,
      webhookOutboundUrls: { generic: platform.url },
      outboundRetry: { attempts: 8, baseDelayMs: 100, maxDelayMs: 400 },
    });
    const { bob, reply } = await bobAnswers(t, 'buyer-1', 'It left the warehouse this morning.');
    expect(reply.channelDelivery?.state).toBe('sending');
    const hub = t.hub;

    const done = await eventually(() => settled(hub, reply.id), 'the reply to be delivered', 15_000);
    expect(done).toMatchObject({ state: 'delivered', attempts: 4 });
    // Every try was the same reply (the platform de-duplicates by its id); the platform took it once.
    expect(platform.tries.map((x) => x.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(platform.tries.map((x) => x.messageId))).toEqual(new Set([reply.id]));
    expect(platform.delivered()).toHaveLength(1);
    expect(platform.delivered()[0]).toMatchObject({ userId: 'buyer-1', text: 'It left the warehouse this morning.' });
    await eventually(() => statesSeenBy(bob, reply.id).includes('delivered'), "bob's desktop to hear it was delivered");
    expect(statesSeenBy(bob, reply.id)).toEqual(['delivered']);
    // Nothing is left to do, and nothing more reaches the platform.
    await new Promise((r) => setTimeout(r, 500));
    expect(platform.tries).toHaveLength(4);
    expect(hub.store.pendingJobs().filter((j) => !j.key.startsWith('every:'))).toEqual([]);
  });

  it('a hub stopped between tries: the next one goes on trying, and the reply is delivered once', async () => {
    const platform = await startFlakyPlatform(2);
    cleanups.push(platform.close);
    const dataDir = mkdtempSync(join(tmpdir(), 'outbound-restart-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const settings = {
      port: 0,
      dataDir,
      demo: true,
      ...TEST_CHANNEL_SECRETS,
      webhookOutboundUrls: { generic: platform.url },
      outboundRetry: { attempts: 8, baseDelayMs: 1_000, maxDelayMs: 1_000 },
    };
    t = await startTestHub(settings);
    const { reply } = await bobAnswers(t, 'buyer-2', 'Your refund is on its way.');
    await eventually(() => platform.tries.length === 1, 'the first try');
    await t.close();
    t = null;

    again = await startHub(settings, createMemoryLogger());
    const hub = again;
    expect(deliveryOf(hub, reply.id)?.state).toBe('sending');
    expect(await eventually(() => settled(hub, reply.id), 'the reply to be delivered by the new hub', 15_000)).toMatchObject({ state: 'delivered' });
    expect(platform.delivered().map((x) => x.messageId)).toEqual([reply.id]);
  });

  it('a reply that failed every try is shown failed; its agent may try again (a colleague may not), and then it is delivered', async () => {
    const platform = await startFlakyPlatform(2);
    cleanups.push(platform.close);
    t = await startTestHub({
      ...TEST_CHANNEL_SECRETS,
      webhookOutboundUrls: { generic: platform.url },
      outboundRetry: { attempts: 2, baseDelayMs: 50, maxDelayMs: 50 },
    });
    const { bob, reply } = await bobAnswers(t, 'buyer-3', 'We will call you tomorrow.');
    const hub = t.hub;
    expect(await eventually(() => settled(hub, reply.id), 'the reply to fail', 10_000)).toMatchObject({ state: 'failed', attempts: 2 });
    await eventually(() => statesSeenBy(bob, reply.id).includes('failed'), "bob's desktop to hear it failed");

    const alice = await t.agent('alice');
    // Alice sees the chat (it is in her queue) but it is bob's.
    expect(await alice.command({ kind: 'message.redeliver', messageId: reply.id })).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
    expect(await bob.command({ kind: 'message.redeliver', messageId: reply.id })).toMatchObject({ ok: true });
    expect(await eventually(() => settled(hub, reply.id), 'the reply to be delivered', 10_000)).toMatchObject({ state: 'delivered', attempts: 1 });
    await eventually(() => statesSeenBy(bob, reply.id).at(-1) === 'delivered', "bob's desktop to hear it was delivered");
    expect(statesSeenBy(bob, reply.id)).toEqual(['failed', 'sending', 'delivered']);
    expect(platform.delivered()).toHaveLength(1);
    // Delivered is final: nothing to try again.
    expect(await bob.command({ kind: 'message.redeliver', messageId: reply.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
