import type { AgentProfile, AgentState } from '../../shared/domain/agent';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer, Identity } from '../../shared/domain/customer';
import type { Message } from '../../shared/domain/message';
import type { HubEvent, NewHubEvent } from '../../shared/protocol/hub-events';

export interface AgentRecord extends AgentProfile {
  passwordHash: string;
  stateSince: number;
}

export interface QueueRecord {
  id: string;
  name: string;
  skills: string[];
  slaSeconds: number;
  slaTarget: number;
}

/**
 * Everything the hub keeps. A second hub instance would need all of it, so nothing that
 * matters lives only in memory; SQLite serves a single hub, another backend can serve many.
 */
export interface HubStore {
  transaction<T>(fn: () => T): T;

  insertAgent(agent: AgentRecord): void;
  agentByUsername(username: string): AgentRecord | null;
  agent(id: string): AgentRecord | null;
  agents(): AgentRecord[];
  setAgentState(id: string, state: AgentState, reason: string | null, at: number): void;

  upsertQueue(queue: QueueRecord): void;
  queues(): QueueRecord[];

  insertCustomer(customer: Customer): void;
  customer(id: string): Customer | null;
  customerByIdentity(kind: Identity['kind'], value: string): Customer | null;

  insertConversation(conversation: Conversation): void;
  updateConversation(conversation: Conversation): void;
  conversation(id: string): Conversation | null;
  openConversation(customerId: string, channel: Conversation['channel']): Conversation | null;
  conversationsByStatus(status: Conversation['status']): Conversation[];
  activeCount(agentId: string): number;

  insertMessage(message: Message): void;
  messageByKey(key: string): Message | null;
  messages(conversationId: string): Message[];

  appendEvent(event: NewHubEvent, at: number): HubEvent;
  eventsAfter(seq: number, limit: number): HubEvent[];
  headSeq(): number;

  commandResult(key: string): string | null;
  saveCommandResult(key: string, agentId: string, result: string, at: number): void;

  close(): void;
}
