import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../../shared/contracts/session-contract';
import type { AgentProfile, AgentState } from '../../shared/domain/agent';
import type { QueueSla } from '../../shared/domain/queue-sla';
import type { AppStore } from './app-store';

export interface SessionSlice {
  connection: ConnectionState | null;
  agent: AgentProfile | null;
  /** The host has said whether someone is signed in; until then neither sign-in nor the workspace shows. */
  sessionKnown: boolean;
  /** The hub's queues by id: names and the targets the SLA countdowns run to. */
  queues: Record<string, QueueSla>;
  /** A state change the agent made while the hub was unreachable: it waits in the outbox and is shown as such. */
  queuedState: { state: AgentState; reason: string | null } | null;
  setConnection(connection: ConnectionState): void;
  setAgent(agent: AgentProfile | null): void;
  setSessionKnown(): void;
  setQueues(queues: QueueSla[]): void;
  setQueuedState(queued: { state: AgentState; reason: string | null } | null): void;
}

export const createSessionSlice: StateCreator<AppStore, [], [], SessionSlice> = (set) => ({
  connection: null,
  agent: null,
  sessionKnown: false,
  queues: {},
  queuedState: null,
  setConnection: (connection) => set({ connection }),
  setAgent: (agent) => set({ agent, sessionKnown: true }),
  setSessionKnown: () => set({ sessionKnown: true }),
  setQueues: (queues) => set({ queues: Object.fromEntries(queues.map((q) => [q.id, q])) }),
  setQueuedState: (queuedState) => set({ queuedState }),
});
