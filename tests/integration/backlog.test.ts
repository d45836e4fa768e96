import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionRig, until } from '../../src/host/harness/session-rig';
import { seedDemoData } from '../../src/hub/demo-data';
import { openSqliteHubStore } from '../../src/hub/store/sqlite-hub-store';
import type { Conversation } from '../../src/shared/domain/conversation';
import type { Message } from '../../src/shared/domain/message';
import { freePort, startHubProcess, type HubProcess } from './support/hub-process';

const CONVERSATIONS = 100;
const PER_CONVERSATION = 1_000;
const TOTAL = CONVERSATIONS * PER_CONVERSATION;

let hub: HubProcess | null = null;
let rig: ReturnType<typeof sessionRig> | null = null;
afterAll(async () => {
  await rig?.session.stop();
  await hub?.stop();
});

/** Writes the backlog straight into the hub's store, as if it had arrived while the desktop was away. */
async function seedBacklog(dataDir: string): Promise<number> {
  const store = openSqliteHubStore(join(dataDir, 'hub.sqlite'));
  await seedDemoData(store);
  const start = Date.now() - 60 * 60_000;
  store.transaction(() => {
    for (let c = 0; c < CONVERSATIONS; c++) {
      const customer = { id: `cus_backlog_${c}`, name: `客户 ${c}`, tags: [], identities: [{ kind: 'phone' as const, value: `+86138000${String(c).padStart(5, '0')}`, verified: true }], createdAt: start };
      store.insertCustomer(customer);
      store.appendEvent({ kind: 'customer.upserted', customer }, start);
      const conversation: Conversation = {
        id: `conv_backlog_${c}`, customerId: customer.id, channel: 'widget', status: 'closed', queue: 'chat', assigneeId: null,
        priority: 0, tags: [], createdAt: start, updatedAt: start, lastMessageAt: start, preview: '',
      };
      store.insertConversation(conversation);
      store.appendEvent({ kind: 'conversation.upserted', conversation }, start);
      for (let i = 0; i < PER_CONVERSATION; i++) {
        const at = start + c * PER_CONVERSATION + i;
        const message: Message = {
          id: `msg_backlog_${c}_${i}`, conversationId: conversation.id, channel: 'widget', direction: i % 2 ? 'out' : 'in',
          authorKind: i % 2 ? 'agent' : 'customer', authorId: null, text: `第${c}号客户的第${i}条消息 order ${c}-${i}`,
          attachments: [], internal: false, key: null, createdAt: at,
        };
        store.insertMessage(message);
        store.appendEvent({ kind: 'message.created', message }, at);
      }
    }
  });
  const head = store.headSeq();
  store.close();
  return head;
}

describe('backlog', () => {
  it('catches up a 100,000-message backlog in pages, with progress, each message once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'backlog-'));
    const head = await seedBacklog(dataDir);
    hub = await startHubProcess(dataDir, await freePort());
    rig = sessionRig(hub.url);
    const agent = rig;
    expect((await agent.session.login('sam', 'switchboard')).ok).toBe(true);
    await until(async () => (await agent.cursor()) >= head, 150_000, 'catch-up');

    const cache = agent.session.cache!;
    expect(await cache.messageCount()).toBe(TOTAL);
    const db = agent.readCache(agent.session.agent!.id);
    expect(db.prepare('SELECT count(DISTINCT id) AS n FROM messages').get()).toEqual({ n: TOTAL });
    db.close();
    expect(await cache.conversationMessages('conv_backlog_42')).toHaveLength(PER_CONVERSATION);
    expect((await cache.search('第42号客户的第999条')).messages.map((m) => m.id)).toEqual(['msg_backlog_42_999']);

    // Progress went up page by page towards the head, then cleared.
    const progress = agent.states.map((s) => s.sync).filter((s): s is NonNullable<typeof s> => !!s);
    expect(progress.length).toBeGreaterThan(TOTAL / 500 / 2);
    const cursors = progress.map((p) => p.cursor);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(progress.at(-1)!.head).toBe(head);
    await until(() => agent.session.connection.sync === null, 10_000, 'progress cleared');
  }, 240_000);
});
