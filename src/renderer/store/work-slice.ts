import type { StateCreator } from 'zustand';
import type { Customer360View, Directory } from '../../shared/contracts/customer-360';
import type { AgentAlert } from '../../shared/domain/agent-alert';
import type { Disposition } from '../../shared/domain/disposition';
import type { AppError } from '../../shared/result';
import type { AppStore } from './app-store';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: AppError };

/** Live work state around conversations: typing, alerts, takeovers, the 360 profiles, the transfer directory, disposition codes. */
export interface WorkSlice {
  /** Conversation id → when the customer's typing indicator lapses. */
  customerTyping: Record<string, number>;
  profiles: Record<string, Loaded<Customer360View>>;
  directory: Loaded<Directory> | null;
  dispositions: Loaded<Disposition[]> | null;
  /** Conversation id → the sentiment alert on it the agent has not dismissed yet. */
  alerts: Record<string, AgentAlert>;
  /** Conversation id → the name of the supervisor who took it over from this agent. */
  takenOver: Record<string, string>;
  setAlert(alert: AgentAlert): void;
  dismissAlert(conversationId: string): void;
  setTakenOver(conversationId: string, supervisorName: string): void;
  setCustomerTyping(conversationId: string, until: number | null): void;
  setProfile(customerId: string, profile: Loaded<Customer360View>): void;
  setDirectory(directory: Loaded<Directory>): void;
  setDispositions(dispositions: Loaded<Disposition[]>): void;
  resetWork(): void;
}

export const createWorkSlice: StateCreator<AppStore, [], [], WorkSlice> = (set) => ({
  customerTyping: {},
  profiles: {},
  directory: null,
  dispositions: null,
  alerts: {},
  takenOver: {},
  setAlert: (alert) => set((s) => ({ alerts: { ...s.alerts, [alert.conversationId]: alert } })),
  dismissAlert: (conversationId) =>
    set((s) => {
      const { [conversationId]: _gone, ...alerts } = s.alerts;
      return { alerts };
    }),
  setTakenOver: (conversationId, supervisorName) => set((s) => ({ takenOver: { ...s.takenOver, [conversationId]: supervisorName } })),
  setCustomerTyping: (conversationId, until) =>
    set((s) => {
      const { [conversationId]: _old, ...rest } = s.customerTyping;
      return { customerTyping: until === null ? rest : { ...rest, [conversationId]: until } };
    }),
  setProfile: (customerId, profile) => set((s) => ({ profiles: { ...s.profiles, [customerId]: profile } })),
  setDirectory: (directory) => set({ directory }),
  setDispositions: (dispositions) => set({ dispositions }),
  resetWork: () => set({ customerTyping: {}, profiles: {}, directory: null, dispositions: null, alerts: {}, takenOver: {} }),
});
