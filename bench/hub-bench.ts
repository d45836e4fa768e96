import { RoutingIndex, type AgentSlot, type WaitingContact } from '../src/hub/routing/routing-index';
import { waitingKey } from '../src/hub/routing/priority';

/**
 * Routing-decision latency with 5,000 agents and 10,000 waiting contacts: the hub's indexed
 * decision against a full scan of every agent and contact measured in the same run.
 * A decision picks the next contact and its agent and records the assignment.
 */
const AGENTS = 5_000;
const CONTACTS = 10_000;
const QUEUES = ['chat', 'vip', 'sales', 'support'];
const DECISIONS = 3_000;
const BASELINE_DECISIONS = 300;

/** A small deterministic generator, so every run routes the same population. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Population {
  agents: AgentSlot[];
  contacts: WaitingContact[];
}

function population(): Population {
  const random = rng(42);
  const agents: AgentSlot[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const queues = [QUEUES[i % QUEUES.length] as string, QUEUES[(i + 1) % QUEUES.length] as string];
    agents.push({
      id: `a${i}`,
      queues,
      skills: new Set(queues),
      capacity: 3,
      chats: Math.floor(random() * 3),
      calls: 0,
      idleSince: Math.floor(random() * 1e6),
      available: random() > 0.2,
      online: true,
    });
  }
  const contacts: WaitingContact[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    const queuedAt = Math.floor(random() * 1e6);
    contacts.push({ id: `c${i}`, queue: QUEUES[i % QUEUES.length] as string, key: waitingKey(queuedAt, random() < 0.1 ? 10 : 0), queuedAt });
  }
  return { agents, contacts };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Between decisions, one agent finishes a chat and a new contact arrives, so the population stays the same size. */
function churn(random: () => number, agents: AgentSlot[], apply: (a: AgentSlot) => void, arrive: (c: WaitingContact) => void, n: number): void {
  const a = agents[Math.floor(random() * agents.length)] as AgentSlot;
  if (a.chats > 0) {
    a.chats--;
    apply(a);
  }
  const queuedAt = 1e6 + n;
  arrive({ id: `n${n}`, queue: QUEUES[n % QUEUES.length] as string, key: waitingKey(queuedAt, 0), queuedAt });
}

function indexed(): number[] {
  const { agents, contacts } = population();
  const index = new RoutingIndex();
  for (const q of QUEUES) index.setQueue(q, [q]);
  for (const a of agents) index.upsertAgent(a);
  for (const c of contacts) index.upsertContact(c);
  const byId = new Map(agents.map((a) => [a.id, a]));
  const random = rng(7);
  const samples: number[] = [];
  for (let n = 0; n < DECISIONS; n++) {
    const start = performance.now();
    const pair = index.next();
    if (pair) {
      index.removeContact(pair.contact.id);
      const agent = byId.get(pair.agent.id) as AgentSlot;
      agent.chats++;
      index.upsertAgent(agent);
    }
    samples.push(performance.now() - start);
    churn(random, agents, (a) => index.upsertAgent(a), (c) => index.upsertContact(c), n);
  }
  return samples;
}

/** What a router without an index does: look at every waiting contact and every agent for each decision. */
function fullScan(): number[] {
  const { agents, contacts } = population();
  const waiting = new Map(contacts.map((c) => [c.id, c]));
  const random = rng(7);
  const samples: number[] = [];
  for (let n = 0; n < BASELINE_DECISIONS; n++) {
    const start = performance.now();
    const ordered = [...waiting.values()].sort((a, b) => a.key - b.key);
    for (const contact of ordered) {
      const candidates = agents.filter((a) => a.available && a.calls === 0 && a.chats < a.capacity && a.queues.includes(contact.queue) && a.skills.has(contact.queue));
      candidates.sort((a, b) => a.chats - b.chats || a.idleSince - b.idleSince);
      const agent = candidates[0];
      if (!agent) continue;
      waiting.delete(contact.id);
      agent.chats++;
      break;
    }
    samples.push(performance.now() - start);
    churn(random, agents, () => undefined, (c) => waiting.set(c.id, c), n);
  }
  return samples;
}

export async function runHubBench(): Promise<Array<{ name: string; value: number; unit: string; baseline?: string }>> {
  const fast = indexed();
  const slow = fullScan();
  const us = (ms: number): number => Math.round(ms * 1000 * 10) / 10;
  const row = (p: number) => {
    const value = us(percentile(fast, p));
    const base = us(percentile(slow, p));
    return {
      name: `hub routing decision p${p} (${AGENTS} agents, ${CONTACTS} waiting)`,
      value,
      unit: 'µs',
      baseline: `full scan p${p} ${base} µs (${value > 0 ? Math.round(base / value) : '∞'}× faster)`,
    };
  };
  return [row(50), row(99)];
}
