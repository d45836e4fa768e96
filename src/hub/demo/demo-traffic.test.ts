import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { eventually } from '../../../tests/harness/hub/test-hub';
import { startHub, type Hub } from '../server';
import { startDemoTraffic, type DemoTraffic } from './demo-traffic';
import { demoArrivals } from './demo-traffic-script';

let hub: Hub | null = null;
let traffic: DemoTraffic | null = null;
afterEach(async () => {
  traffic?.stop();
  await hub?.close();
});

describe('demo traffic', () => {
  it('brings new chats, stops while enough wait, and answers an agent with the next line', async () => {
    hub = await startHub({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'demo-traffic-')), demo: true }, createMemoryLogger());
    const { store, conversations, lifecycle } = hub;
    traffic = startDemoTraffic({ store, conversations, log: createMemoryLogger(), firstAfterMs: 5, everyMs: [20, 30], answerAfterMs: [5, 10], maxWaiting: 2, random: () => 0 });

    await eventually(() => store.conversationsByStatus('queued').length === 2, 'two waiting chats');
    await new Promise((r) => setTimeout(r, 200));
    expect(store.conversationsByStatus('queued')).toHaveLength(2);

    const first = store.conversationsByStatus('queued').sort((a, b) => a.createdAt - b.createdAt)[0]!;
    const script = demoArrivals.find((a) => a.lines[0] === store.messages(first.id)[0]!.text)!;
    const alice = store.agents().find((a) => a.username === 'alice')!;
    expect(lifecycle.move(first.id, { kind: 'answer', agentId: alice.id })).toMatchObject({ ok: true });
    expect(conversations.reply(alice.id, first.id, { text: 'Let me check that for you.', internal: false }, 'demo-test-reply-1').ok).toBe(true);
    await eventually(() => store.messages(first.id).some((m) => m.direction === 'in' && m.text === script.lines[1]), "the customer's next line");
    // With one of the two waiting taken, a new arrival fills the queue again.
    await eventually(() => store.conversationsByStatus('queued').length === 2, 'a new arrival');
  });
});
