import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../shared/domain/agent';
import type { Conversation } from '../../shared/domain/conversation';
import { canSeeConversation, seesEverything } from '../../shared/domain/visibility';
import type { HubEvent } from '../../shared/protocol/hub-events';
import { createLifecycle } from '../conversations/lifecycle';
import { createEventBus } from '../event-bus';
import { createEventPublisher } from '../event-publisher';
import type { HubStore } from '../store/hub-store';
import { openSqliteHubStore } from '../store/sqlite-hub-store';
import { feedOwnerOf } from './audience';

const QUEUES = ['q1', 'q2', 'q3'] as const;
const CUSTOMERS = ['cus_a', 'cus_b'] as const;
const STAFF: Array<Pick<AgentProfile, 'id' | 'role' | 'queues'>> = [
  { id: 'agt_1', role: 'agent', queues: ['q1'] },
  { id: 'agt_2', role: 'agent', queues: ['q2'] },
  { id: 'agt_3', role: 'agent', queues: ['q1', 'q2'] },
  { id: 'agt_4', role: 'agent', queues: [] },
  { id: 'agt_sup', role: 'supervisor', queues: [] },
];
const AGENTS = STAFF.filter((a) => !seesEverything(a));

type Op =
  | { kind: 'open'; customer: number; queue: number }
  | { kind: 'message'; conversation: number }
  | { kind: 'answer'; conversation: number; agent: number }
  | { kind: 'transfer'; conversation: number; agent: number }
  | { kind: 'requeue'; conversation: number; queue: number }
  | { kind: 'takeover'; conversation: number }
  | { kind: 'close'; conversation: number }
  | { kind: 'customer'; customer: number }
  | { kind: 'drop'; desktop: number }
  | { kind: 'reconnect'; desktop: number; page: number };

const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('open' as const), customer: fc.nat(1), queue: fc.nat(2) }),
    fc.record({ kind: fc.constant('message' as const), conversation: fc.nat(7) }),
    fc.record({ kind: fc.constant('answer' as const), conversation: fc.nat(7), agent: fc.nat(3) }),
    fc.record({ kind: fc.constant('transfer' as const), conversation: fc.nat(7), agent: fc.nat(3) }),
    fc.record({ kind: fc.constant('requeue' as const), conversation: fc.nat(7), queue: fc.nat(2) }),
    fc.record({ kind: fc.constant('takeover' as const), conversation: fc.nat(7) }),
    fc.record({ kind: fc.constant('close' as const), conversation: fc.nat(7) }),
    fc.record({ kind: fc.constant('customer' as const), customer: fc.nat(1) }),
    fc.record({ kind: fc.constant('drop' as const), desktop: fc.nat(STAFF.length - 1) }),
    fc.record({ kind: fc.constant('reconnect' as const), desktop: fc.nat(STAFF.length - 1), page: fc.integer({ min: 1, max: 7 }) }),
  ),
  { minLength: 1, maxLength: 60 },
);

/**
 * One desktop as the host runs it against the agent socket: a durable cursor (a position in its
 * feed), live events while connected (applied only when they are the next position, else a
 * catch-up), and catch-up pages of some size after a reconnect. `held` is what its cache applied.
 */
class Desktop {
  cursor = 0;
  online = false;
  sent = 0;
  readonly held: number[] = [];
  constructor(
    private readonly store: HubStore,
    readonly owner: string,
  ) {}

  private apply(entries: Array<{ pos: number; event: HubEvent }>): void {
    for (const { pos, event } of entries) {
      if (pos <= this.cursor) continue;
      this.held.push(event.seq);
      this.cursor = pos;
    }
  }

  catchUp(page: number): void {
    for (let entries = this.store.feedAfter(this.owner, this.cursor, page); entries.length > 0; entries = this.store.feedAfter(this.owner, this.cursor, page)) {
      this.apply(entries);
    }
    this.sent = Math.max(this.sent, this.cursor);
  }

  connect(page: number): void {
    this.online = true;
    this.sent = this.store.feedHead(this.owner);
    this.catchUp(page);
  }

  /** The socket pushes what is new in the feed; a push that is not the next position sends the desktop to catch up. */
  live(): void {
    if (!this.online) return;
    const pushed = this.store.feedAfter(this.owner, this.sent, 1_000);
    for (const entry of pushed) {
      this.sent = entry.pos;
      if (entry.pos === this.cursor + 1) this.apply([entry]);
      else this.catchUp(3);
    }
  }
}

/** Which events the visibility rule says each owner may see, from the event log alone (the model). */
function expectedFor(owner: string, log: Array<{ event: HubEvent; prev: Conversation | null }>): number[] {
  const agent = AGENTS.find((a) => a.id === owner);
  if (!agent) return log.map((l) => l.event.seq);
  // Each conversation's states in order, each with the seq from which it stood.
  const states = new Map<string, Array<{ from: number; c: Conversation }>>();
  for (const { event } of log) {
    if (event.kind !== 'conversation.upserted') continue;
    const list = states.get(event.conversation.id) ?? [];
    list.push({ from: event.seq, c: event.conversation });
    states.set(event.conversation.id, list);
  }
  /** Whether the agent sees the conversation in any state standing at or after `seq`. */
  const seesFrom = (conversationId: string, seq: number): boolean => {
    const list = states.get(conversationId) ?? [];
    return list.some((s, i) => (list[i + 1]?.from ?? Infinity) > seq && canSeeConversation(agent, s.c));
  };
  return log
    .filter(({ event, prev }) => {
      switch (event.kind) {
        case 'conversation.upserted':
          return (prev !== null && canSeeConversation(agent, prev)) || seesFrom(event.conversation.id, event.seq);
        case 'message.created':
          return seesFrom(event.message.conversationId, event.seq);
        case 'customer.upserted':
          return [...states.entries()].some(([id, list]) => list.some((s) => s.c.customerId === event.customer.id) && seesFrom(id, event.seq));
      }
    })
    .map(({ event }) => event.seq);
}

function run(script: Op[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'feeds-property-'));
  const store = openSqliteHubStore(join(dir, 'hub.sqlite'));
  try {
    const at = 1_000;
    for (const a of STAFF) {
      store.insertAgent({ ...a, username: a.id, displayName: a.id, passwordHash: 'x', skills: [], capacity: 9, state: 'available', stateReason: null, stateSince: at, idleSince: at });
    }
    for (const id of CUSTOMERS) store.insertCustomer({ id, name: id, tags: [], createdAt: at, identities: [] });
    const bus = createEventBus();
    const events = createEventPublisher(store, bus);
    const lifecycle = createLifecycle(store, events);
    const desktops = STAFF.map((a) => new Desktop(store, feedOwnerOf(a)));
    bus.subscribeAll(() => desktops.forEach((d) => d.live()));
    const conversations: string[] = [];
    let n = 0;
    const pick = (i: number): string | undefined => conversations[i % Math.max(conversations.length, 1)];

    for (const op of script) {
      const id = 'conversation' in op ? pick(op.conversation) : undefined;
      switch (op.kind) {
        case 'open': {
          const c: Conversation = {
            id: `conv_${++n}`, customerId: CUSTOMERS[op.customer]!, channel: 'widget', status: 'queued', queue: QUEUES[op.queue]!, assigneeId: null,
            priority: 0, tags: [], createdAt: at, updatedAt: at, lastMessageAt: null, preview: '', queuedAt: at,
          };
          lifecycle.open(c);
          conversations.push(c.id);
          break;
        }
        case 'message':
          if (id) {
            store.transaction(() => {
              const message = { id: `msg_${++n}`, conversationId: id, channel: 'widget' as const, direction: 'in' as const, authorKind: 'customer' as const, authorId: null, text: 'hi', attachments: [], internal: false, key: null, createdAt: at };
              store.insertMessage(message);
              events.publish({ kind: 'message.created', message });
            });
          }
          break;
        case 'answer':
          if (id) lifecycle.move(id, { kind: 'answer', agentId: AGENTS[op.agent]!.id });
          break;
        case 'transfer':
          if (id) lifecycle.move(id, { kind: 'transfer', agentId: AGENTS[op.agent]!.id });
          break;
        case 'requeue':
          if (id) lifecycle.move(id, { kind: 'requeue', queue: QUEUES[op.queue]!, reason: 'transfer' });
          break;
        case 'takeover':
          if (id) lifecycle.move(id, { kind: 'takeover', agentId: 'agt_sup' });
          break;
        case 'close':
          if (id) lifecycle.move(id, { kind: 'close', disposition: 'resolved', dispositionNote: null });
          break;
        case 'customer': {
          const customer = store.customer(CUSTOMERS[op.customer]!);
          if (customer) store.transaction(() => events.publish({ kind: 'customer.upserted', customer: { ...customer, name: `${customer.name}+` } }));
          break;
        }
        case 'drop':
          desktops[op.desktop]!.online = false;
          break;
        case 'reconnect':
          desktops[op.desktop]!.connect(op.page);
          break;
      }
    }
    for (const d of desktops) d.connect(5);

    // The log as it happened: every event is in the shared feed, in commit order.
    const all = store.feedAfter('*', 0, 1_000_000).map((e) => e.event);
    const last = new Map<string, Conversation>();
    const log = all.map((event) => {
      const prev = event.kind === 'conversation.upserted' ? (last.get(event.conversation.id) ?? null) : null;
      if (event.kind === 'conversation.upserted') last.set(event.conversation.id, event.conversation);
      return { event, prev };
    });
    for (const d of desktops) {
      // Nothing twice, nothing missing, nothing extra.
      expect(new Set(d.held).size, `${d.owner} got an event twice`).toBe(d.held.length);
      expect([...d.held].sort((a, b) => a - b), `${d.owner}'s cache`).toEqual(expectedFor(d.owner, log));
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('per-agent feeds under random interleavings', () => {
  it("leave each desktop's cache holding exactly the events visible to its agent: nothing missing, nothing extra, nothing twice", () => {
    fc.assert(fc.property(ops, (script) => run(script)), { numRuns: 150 });
  });
});
