import { SortedList } from './sorted-list';

export interface AgentSlot {
  id: string;
  queues: readonly string[];
  skills: ReadonlySet<string>;
  capacity: number;
  /** Open chats plus chat offers waiting for an answer. */
  chats: number;
  /** Open or ringing calls: a call takes the agent whole. */
  calls: number;
  idleSince: number;
  /** Online and in the `available` state. */
  available: boolean;
  /** Signed in, whatever the state: a caller can wait for such an agent. */
  online: boolean;
}

export interface WaitingContact {
  id: string;
  queue: string;
  /** From `waitingKey`: smaller goes first. */
  key: number;
  queuedAt: number;
  /** Escalated (complaint risk, anger): offered first to agents with the queue's escalation skill. */
  escalated?: boolean;
}

const byKey = (a: WaitingContact, b: WaitingContact): number => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Least loaded first, then longest idle, then a stable tie-break. */
const byLoad = (a: AgentSlot, b: AgentSlot): number =>
  a.chats + a.calls - (b.chats + b.calls) || a.idleSince - b.idleSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** How many waiting contacts one decision looks past when the first ones have no taker (e.g. all declined). */
const SCAN_LIMIT = 64;

/**
 * The routing decision's data: per queue, waiting contacts in priority order and ready agents
 * in preference order. A decision reads the heads of those lists instead of scanning every
 * agent, so it stays cheap with thousands of agents and contacts.
 */
export class RoutingIndex {
  private readonly queueSkills = new Map<string, readonly string[]>();
  private readonly escalationSkills = new Map<string, string>();
  private readonly contactLists = new Map<string, SortedList<WaitingContact>>();
  private readonly contacts = new Map<string, WaitingContact>();
  private readonly chatReady = new Map<string, SortedList<AgentSlot>>();
  private readonly voiceReady = new Map<string, SortedList<AgentSlot>>();
  private readonly agents = new Map<string, AgentSlot>();

  setQueue(id: string, skills: readonly string[], escalationSkill: string | null = null): void {
    this.queueSkills.set(id, skills);
    if (escalationSkill) this.escalationSkills.set(id, escalationSkill);
    else this.escalationSkills.delete(id);
  }

  /** The agent for a waiting contact: for an escalated one, the best ready agent with the escalation skill if any. */
  private agentFor(contact: WaitingContact, skip?: (agentId: string) => boolean): AgentSlot | null {
    const senior = contact.escalated ? this.escalationSkills.get(contact.queue) : undefined;
    if (senior) {
      const preferred = this.bestAgent(contact.queue, false, (id) => (skip?.(id) ?? false) || !this.agents.get(id)?.skills.has(senior));
      if (preferred) return preferred;
    }
    return this.bestAgent(contact.queue, false, skip);
  }

  private list<T>(map: Map<string, SortedList<T>>, queue: string, compare: (a: T, b: T) => number): SortedList<T> {
    let list = map.get(queue);
    if (!list) map.set(queue, (list = new SortedList(compare)));
    return list;
  }

  private qualifies(agent: AgentSlot, queue: string): boolean {
    return (this.queueSkills.get(queue) ?? []).every((s) => agent.skills.has(s));
  }

  private unlink(agent: AgentSlot): void {
    for (const q of agent.queues) {
      this.chatReady.get(q)?.remove(agent);
      this.voiceReady.get(q)?.remove(agent);
    }
  }

  upsertAgent(slot: AgentSlot): void {
    const old = this.agents.get(slot.id);
    if (old) this.unlink(old);
    const frozen = { ...slot };
    this.agents.set(slot.id, frozen);
    if (!frozen.available || frozen.calls > 0) return;
    for (const q of frozen.queues) {
      if (!this.qualifies(frozen, q)) continue;
      this.list(this.voiceReady, q, byLoad).insert(frozen);
      if (frozen.chats < frozen.capacity) this.list(this.chatReady, q, byLoad).insert(frozen);
    }
  }

  removeAgent(id: string): void {
    const old = this.agents.get(id);
    if (old) this.unlink(old);
    this.agents.delete(id);
  }

  agent(id: string): AgentSlot | undefined {
    return this.agents.get(id);
  }

  upsertContact(contact: WaitingContact): void {
    this.removeContact(contact.id);
    const frozen = { ...contact };
    this.contacts.set(contact.id, frozen);
    this.list(this.contactLists, contact.queue, byKey).insert(frozen);
  }

  removeContact(id: string): void {
    const old = this.contacts.get(id);
    if (!old) return;
    this.contactLists.get(old.queue)?.remove(old);
    this.contacts.delete(id);
  }

  contact(id: string): WaitingContact | undefined {
    return this.contacts.get(id);
  }

  waiting(queue: string): Iterable<WaitingContact> {
    return this.contactLists.get(queue) ?? [];
  }

  waitingCount(queue: string): number {
    return this.contactLists.get(queue)?.size ?? 0;
  }

  readyCount(queue: string, voice = false): number {
    return (voice ? this.voiceReady : this.chatReady).get(queue)?.size ?? 0;
  }

  /** Whether anyone who serves the queue is signed in, ready or not: a caller can wait for them. */
  anyoneServing(queue: string): boolean {
    for (const a of this.agents.values()) if (a.online && a.queues.includes(queue) && this.qualifies(a, queue)) return true;
    return false;
  }

  bestAgent(queue: string, voice: boolean, skip?: (agentId: string) => boolean): AgentSlot | null {
    const list = (voice ? this.voiceReady : this.chatReady).get(queue);
    if (!list) return null;
    for (const agent of list) if (!skip?.(agent.id)) return agent;
    return null;
  }

  /** The waiting contact that should be offered next, with its agent, across all queues. */
  next(skip?: (contactId: string, agentId: string) => boolean): { contact: WaitingContact; agent: AgentSlot } | null {
    let best: { contact: WaitingContact; agent: AgentSlot } | null = null;
    for (const [queue, contacts] of this.contactLists) {
      if (contacts.size === 0 || this.readyCount(queue) === 0) continue;
      for (let i = 0; i < Math.min(contacts.size, SCAN_LIMIT); i++) {
        const contact = contacts.at(i) as WaitingContact;
        if (best && byKey(contact, best.contact) >= 0) break;
        const agent = this.agentFor(contact, skip ? (agentId) => skip(contact.id, agentId) : undefined);
        if (agent) {
          best = { contact, agent };
          break;
        }
      }
    }
    return best;
  }
}
