import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../../shared/contracts/session-contract';
import type { AgentProfile } from '../../shared/domain/agent';
import type { AppStore } from './app-store';

export interface SessionSlice {
  connection: ConnectionState | null;
  agent: AgentProfile | null;
  setConnection(connection: ConnectionState): void;
  setAgent(agent: AgentProfile | null): void;
}

export const createSessionSlice: StateCreator<AppStore, [], [], SessionSlice> = (set) => ({
  connection: null,
  agent: null,
  setConnection: (connection) => set({ connection }),
  setAgent: (agent) => set({ agent }),
});
