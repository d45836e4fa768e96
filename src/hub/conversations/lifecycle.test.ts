import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../shared/domain/conversation';
import type { HubEvent } from '../../shared/protocol/hub-events';
import { createEventBus } from '../event-bus';
import { createEventPublisher } from '../event-publisher';
import type { HubStore } from '../store/hub-store';
import { openSqliteHubStore } from '../store/sqlite-hub-store';
import { createLifecycle, type Lifecycle } from './lifecycle';
import { lifecycleTable, type Move } from './lifecycle-table';

const dirs: string[] = [];
const stores: HubStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** One hub process: its own connection to the database file, its own lifecycle and bus. */
function hubOn(file: string) {
  const store = openSqliteHubStore(file);
  stores.push(store);
  const bus = createEventBus();
  const events: HubEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const lifecycle: Lifecycle = createLifecycle(store, createEventPublisher(store, bus));
  return { store, lifecycle, events };
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-'));
  dirs.push(dir);
  const file = join(dir, 'hub.sqlite');
  const a = hubOn(file);
  const at = Date.now();
  for (const id of ['agt_alice', 'agt_bob']) {
    a.store.insertAgent({
      id, username: id.slice(4), displayName: id, role: 'agent', passwordHash: 'x', skills: ['chat'], queues: ['chat'],
      capacity: 3, state: 'available', stateReason: null, stateSince: at, idleSince: at,
    });
  }
  a.store.insertCustomer({ id: 'cus_1', name: 'Li', tags: [], createdAt: at, identities: [] });
  const conversation: Conversation = {
    id: 'conv_1', customerId: 'cus_1', channel: 'widget', status: 'queued', queue: 'chat', assigneeId: null, priority: 0, tags: [],
    createdAt: at, updatedAt: at, lastMessageAt: null, preview: '', queuedAt: at,
  };
  a.lifecycle.open(conversation);
  return { file, a, b: hubOn(file) };
}

describe('the conversation lifecycle', () => {
  it('refuses a move the table does not allow, and changes nothing', () => {
    const { a } = setup();
    const before = a.store.conversation('conv_1');
    const fromQueued: Move[] = [
      { kind: 'release', offerId: 'off_none', reason: 'declined' },
      { kind: 'transfer', agentId: 'agt_bob' },
    ];
    for (const move of fromQueued) expect(a.lifecycle.move('conv_1', move)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(a.store.conversation('conv_1')).toEqual(before);
    // Closed is final.
    expect(a.lifecycle.move('conv_1', { kind: 'close', disposition: 'resolved', dispositionNote: null })).toMatchObject({ ok: true });
    expect(a.lifecycle.move('conv_1', { kind: 'answer', agentId: 'agt_alice' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(a.store.conversation('conv_1')).toMatchObject({ status: 'closed', version: (before?.version ?? 0) + 1 });
    // Every status has its way out, and only `closed` is final.
    for (const status of ['queued', 'offered', 'active', 'wrap_up'] as const) {
      expect(Object.values(lifecycleTable).some((edge) => edge.from.includes(status))).toBe(true);
    }
    expect(Object.values(lifecycleTable).some((edge) => edge.from.includes('closed'))).toBe(false);
  });

  it('offers, answers, transfers and closes, keeping who held it when in the assignments record', () => {
    const { a } = setup();
    const offered = a.lifecycle.move('conv_1', { kind: 'offer', agentId: 'agt_alice', expiresAt: Date.now() + 20_000 });
    expect(offered).toMatchObject({ ok: true, value: { status: 'offered', assigneeId: null } });
    const [offer] = a.store.openOffers('agt_alice');
    expect(offer).toMatchObject({ conversationId: 'conv_1', answeredAt: null });
    expect(a.store.assignedLoad('agt_alice')).toEqual({ chats: 1, calls: 0 });
    // Bob cannot answer alice's offer.
    expect(a.lifecycle.move('conv_1', { kind: 'answer', agentId: 'agt_bob', offerId: offer!.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(a.lifecycle.move('conv_1', { kind: 'answer', agentId: 'agt_alice', offerId: offer!.id })).toMatchObject({ ok: true, value: { status: 'active', assigneeId: 'agt_alice' } });
    expect(a.lifecycle.move('conv_1', { kind: 'transfer', agentId: 'agt_bob' })).toMatchObject({ ok: true, value: { status: 'active', assigneeId: 'agt_bob' } });
    expect(a.store.assignedLoad('agt_alice')).toEqual({ chats: 0, calls: 0 });
    expect(a.lifecycle.move('conv_1', { kind: 'close', disposition: 'resolved', dispositionNote: null })).toMatchObject({ ok: true, value: { status: 'closed' } });
    const handled = a.store.agentHandling(0);
    expect([...handled.keys()].sort()).toEqual(['agt_alice', 'agt_bob']);
    expect(handled.get('agt_alice')?.handled).toBe(1);
    expect(a.store.assignedLoad('agt_bob')).toEqual({ chats: 0, calls: 0 });
    // Each committed move told desktops.
    expect(a.events.filter((e) => e.kind === 'conversation.upserted').map((e) => e.kind === 'conversation.upserted' && e.conversation.status)).toEqual([
      'queued', 'offered', 'active', 'active', 'closed',
    ]);
  });

  it('loses no update: a writer that read before another hub wrote retries on the new row instead of overwriting it', () => {
    const { a, b } = setup();
    const seen: Conversation[] = [];
    const tagged = a.lifecycle.amend('conv_1', (current) => {
      seen.push(current);
      // Between this hub's read and its write, another hub moves the conversation to the VIP queue.
      if (seen.length === 1) expect(b.lifecycle.move('conv_1', { kind: 'requeue', queue: 'vip', reason: 'overflow' })).toMatchObject({ ok: true });
      return { tags: [...current.tags, 'refund'] };
    });
    expect(tagged).toMatchObject({ ok: true });
    // The first attempt's conditional write found a newer version and changed nothing; the retry saw the move.
    expect(seen.map((c) => c.queue)).toEqual(['chat', 'vip']);
    const stored = a.store.conversation('conv_1');
    expect(stored).toMatchObject({ queue: 'vip', tags: ['refund'], version: 2 });
    // A stale copy written directly is refused the same way.
    expect(b.store.updateConversation({ ...stored!, tags: [] }, 1)).toBe(false);
    expect(a.store.conversation('conv_1')?.tags).toEqual(['refund']);
  });
});
