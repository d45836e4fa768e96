import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../../shared/contracts/session-contract';
import type { AgentProfile } from '../../shared/domain/agent';
import type { QueueSla } from '../../shared/domain/queue-sla';
import type { AppStore } from './app-store';

export interface SessionSlice {
  connection: ConnectionState | null;
  agent: AgentProfile | null;
  /** The hub's queues by id: names and the targets the SLA countdowns run to. */
  queues: Record<string, QueueSla>;
  setConnection(connection: ConnectionState): void;
  setAgent(agent: AgentProfile | null): void;
  setQueues(queues: QueueSla[]): void;
}

export const createSessionSlice: StateCreator<AppStore, [], [], SessionSlice> = (set) => ({
  connection: null,
  agent: null,
  queues: {},
  setConnection: (connection) => set({ connection }),
  setAgent: (agent) => set({ agent }),
  setQueues: (queues) => set({ queues: Object.fromEntries(queues.map((q) => [q.id, q])) }),
});
