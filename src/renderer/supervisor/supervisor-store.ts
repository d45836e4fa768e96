import { create } from 'zustand';
import type { SupervisorLinkState } from '../../shared/contracts/supervisor-contract';
import type { AgentProfile } from '../../shared/domain/agent';
import type { Conversation } from '../../shared/domain/conversation';
import type { Message } from '../../shared/domain/message';
import type { ChatTranscript, SupervisionSession, SupervisorAlert, Wallboard } from '../../shared/protocol/supervisor-protocol';
import type { AppError } from '../../shared/result';

export type SupervisorTab = 'wallboard' | 'monitor' | 'reports';

export interface SupervisorState {
  link: SupervisorLinkState;
  supervisor: AgentProfile | null;
  wallboard: Wallboard | null;
  alerts: SupervisorAlert[];
  sessions: SupervisionSession[];
  tab: SupervisorTab;
  /** The chat open in the monitor, with its messages as they arrive. */
  chat: ChatTranscript | null;
  takenOver: boolean;
  error: AppError | null;
  setLink(link: SupervisorLinkState): void;
  setSnapshot(s: { supervisor: AgentProfile | null; wallboard: Wallboard | null; alerts: SupervisorAlert[]; sessions: SupervisionSession[] }): void;
  setWallboard(w: Wallboard): void;
  upsertAlert(a: SupervisorAlert): void;
  upsertSession(s: SupervisionSession): void;
  setTab(tab: SupervisorTab): void;
  openChat(t: ChatTranscript): void;
  closeChat(): void;
  chatMessage(m: Message): void;
  chatConversation(c: Conversation): void;
  setTakenOver(v: boolean): void;
  setError(e: AppError | null): void;
}

/** The console's own store: it lives and dies with the console, apart from the agent workspace's. */
export const useSupervisorStore = create<SupervisorState>()((set) => ({
  link: { status: 'disconnected', detail: null },
  supervisor: null,
  wallboard: null,
  alerts: [],
  sessions: [],
  tab: 'wallboard',
  chat: null,
  takenOver: false,
  error: null,
  setLink: (link) => set({ link }),
  setSnapshot: (s) => set({ supervisor: s.supervisor, wallboard: s.wallboard, alerts: s.alerts, sessions: s.sessions.filter((x) => x.endedAt === null) }),
  setWallboard: (wallboard) => set({ wallboard }),
  upsertAlert: (a) => set((s) => ({ alerts: [a, ...s.alerts.filter((x) => x.id !== a.id)].sort((x, y) => y.at - x.at) })),
  upsertSession: (session) =>
    set((s) => {
      if (session.endedAt !== null) return { sessions: s.sessions.filter((x) => x.id !== session.id) };
      // In place, so a session's controls do not move under the keyboard focus when its mode changes.
      const known = s.sessions.some((x) => x.id === session.id);
      return { sessions: known ? s.sessions.map((x) => (x.id === session.id ? session : x)) : [...s.sessions, session] };
    }),
  setTab: (tab) => set({ tab }),
  openChat: (chat) => set({ chat, takenOver: false, tab: 'monitor' }),
  closeChat: () => set({ chat: null, takenOver: false }),
  chatMessage: (m) =>
    set((s) =>
      s.chat && s.chat.conversation.id === m.conversationId && !s.chat.messages.some((x) => x.id === m.id)
        ? { chat: { ...s.chat, messages: [...s.chat.messages, m] } }
        : {},
    ),
  chatConversation: (c) => set((s) => (s.chat && s.chat.conversation.id === c.id ? { chat: { ...s.chat, conversation: c } } : {})),
  setTakenOver: (takenOver) => set({ takenOver }),
  setError: (error) => set({ error }),
}));
