import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../../shared/contracts/session-contract';
import type { AgentProfile } from '../../shared/domain/agent';
import type { AppStore } from './app-store';

export interface SessionSlice {
  connection: ConnectionState | null;
  agent: AgentProfile | null;
  /** The host has said whether someone is signed in; until then neither sign-in nor the workspace shows. */
  sessionKnown: boolean;
  setConnection(connection: ConnectionState): void;
  setAgent(agent: AgentProfile | null): void;
  setSessionKnown(): void;
}

export const createSessionSlice: StateCreator<AppStore, [], [], SessionSlice> = (set) => ({
  connection: null,
  agent: null,
  sessionKnown: false,
  setConnection: (connection) => set({ connection }),
  setAgent: (agent) => set({ agent, sessionKnown: true }),
  setSessionKnown: () => set({ sessionKnown: true }),
});
