/**
 * The console against an in-page stand-in for the host service, for the Playwright spec: it
 * records what the console asked for and pushes what a hub would. No hub, no host.
 */
import i18next from 'i18next';
import { createRoot } from 'react-dom/client';
import { initReactI18next } from 'react-i18next';
import type { supervisorContract } from '../../../../src/shared/contracts/supervisor-contract';
import type { Message } from '../../../../src/shared/domain/message';
import type { ChatTranscript, SupervisionSession, SupervisorAlert, Wallboard } from '../../../../src/shared/protocol/supervisor-protocol';
import type { ContractClient } from '../../../../src/shared/rpc/contract';
import { ok } from '../../../../src/shared/result';
import { SupervisorConsole } from '../../../../src/renderer/supervisor/supervisor-console';
import '../../../../src/renderer/styles.css';

const now = Date.now();
const conversation = {
  id: 'conv_1', customerId: 'cus_1', channel: 'widget' as const, status: 'active' as const, queue: 'chat', assigneeId: 'agt_alice', priority: 0, tags: [],
  createdAt: now - 120_000, updatedAt: now, lastMessageAt: now, preview: 'where is my order', queuedAt: now - 130_000,
};
const wallboard: Wallboard = {
  at: now,
  queues: [
    { queue: 'chat', name: 'Chat', waiting: 2, longestWaitMs: 45_000, slaPercent: 82.5, slaTargetPercent: 90, slaSeconds: 30, averageSpeedOfAnswerMs: 12_000, answered: 33, abandoned: 3, abandonmentPercent: 8.3, availableAgents: 1, windowStart: now - 3600_000, trend: [0, 1, 3, 2, 2].map((waiting, i) => ({ at: now - (5 - i) * 60_000, waiting, slaPercent: 85 })) },
    { queue: 'voice', name: 'Voice', waiting: 0, longestWaitMs: 0, slaPercent: 95, slaTargetPercent: 80, slaSeconds: 20, averageSpeedOfAnswerMs: 8_000, answered: 20, abandoned: 1, abandonmentPercent: 4.8, availableAgents: 0, windowStart: now - 3600_000, trend: [1, 0, 0, 1, 0].map((waiting, i) => ({ at: now - (5 - i) * 60_000, waiting, slaPercent: 95 })) },
  ],
  agents: [
    { id: 'agt_alice', displayName: 'Alice Wang', role: 'agent', state: 'busy', stateReason: null, stateSince: now - 300_000, online: true, queues: ['chat', 'voice'], chats: 1, calls: 1, handledToday: 12, averageHandleMs: 240_000 },
    { id: 'agt_bob', displayName: 'Bob Li', role: 'agent', state: 'available', stateReason: null, stateSince: now - 60_000, online: true, queues: ['chat'], chats: 0, calls: 0, handledToday: 7, averageHandleMs: 180_000 },
    { id: 'agt_root', displayName: 'Admin', role: 'admin', state: 'available', stateReason: null, stateSince: now - 60_000, online: true, queues: [], chats: 0, calls: 0, handledToday: 0, averageHandleMs: null },
  ],
  contacts: [
    { conversationId: 'conv_1', channel: 'widget', status: 'active', queue: 'chat', customerId: 'cus_1', customerName: '张伟', assigneeId: 'agt_alice', assigneeName: 'Alice Wang', createdAt: now - 120_000, queuedAt: now - 130_000, lastMessageAt: now, preview: 'where is my order', sentiment: { label: 'negative', level: -0.6 }, supervisionSessionId: null },
    { conversationId: 'conv_2', channel: 'voice', status: 'active', queue: 'voice', customerId: 'cus_2', customerName: 'Li Na', assigneeId: 'agt_alice', assigneeName: 'Alice Wang', createdAt: now - 60_000, queuedAt: null, lastMessageAt: null, preview: '', sentiment: { label: 'unknown', level: null }, supervisionSessionId: null },
  ],
};
const alert: SupervisorAlert = { id: 'alr_1', kind: 'negative_sentiment', at: now, conversationId: 'conv_1', queue: 'chat', agentId: 'agt_alice', value: -0.6, reason: 'sharp-drop', acknowledgedBy: null, acknowledgedAt: null };
// The chat queue is below its target (82.5% < 90%): the hub's queue alert says the same.
const queueAlert: SupervisorAlert = { id: 'alr_2', kind: 'sla_breach', at: now - 1_000, conversationId: null, queue: 'chat', agentId: null, value: 82.5, reason: 'queue-sla', acknowledgedBy: null, acknowledgedAt: null };
const message = (id: string, authorKind: Message['authorKind'], text: string, internal = false): Message => ({
  id, conversationId: 'conv_1', channel: 'widget', direction: authorKind === 'customer' ? 'in' : 'out', authorKind, authorId: authorKind === 'agent' ? 'agt_alice' : null, text, attachments: [], internal, key: null, createdAt: now,
});

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const calls: Array<{ method: string; input: unknown }> = [];
const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
let session: SupervisionSession | null = null;
const sam = { id: 'agt_sam', username: 'sam', displayName: 'Sam Chen', role: 'supervisor' as const, skills: [], queues: [], capacity: 3, state: 'available' as const, stateReason: null };

const methods: Record<string, (input: never) => unknown> = {
  connect: () => ({ link: { status: 'online', detail: null }, supervisor: sam, wallboard, alerts: [alert, queueAlert], sessions: [] }),
  snapshot: () => ({ link: { status: 'online', detail: null }, supervisor: sam, wallboard, alerts: [alert, queueAlert], sessions: [] }),
  acknowledgeAlert: () => ({ ...alert, acknowledgedBy: 'agt_sam', acknowledgedAt: Date.now() }),
  openChat: (): ChatTranscript => ({
    session: { id: 'sup_chat', kind: 'chat', supervisorId: 'agt_sam', supervisorName: 'Sam Chen', agentId: 'agt_alice', conversationId: 'conv_1', mode: 'monitor', modes: ['monitor'], startedAt: now, endedAt: null },
    conversation, customerName: '张伟', messages: [message('m1', 'customer', 'where is my order'), message('m2', 'agent', 'Let me check')],
  }),
  closeChat: () => ({ conversationId: 'conv_1' }),
  whisper: (input: { text: string }) => {
    const m = { ...message(`w${calls.length}`, 'agent', input.text, true), authorId: 'agt_sam' };
    setTimeout(() => emit('chatMessage', m), 10);
    return m;
  },
  takeOver: () => ({ conversation: { ...conversation, assigneeId: 'agt_sam' } }),
  startMonitoring: (input: { mode: SupervisionSession['mode'] }) =>
    (session = { id: 'sup_call', kind: 'call', supervisorId: 'agt_sam', supervisorName: 'Sam Chen', agentId: 'agt_alice', conversationId: 'conv_2', mode: input.mode, modes: [input.mode], startedAt: now, endedAt: null }),
  setMode: (input: { mode: SupervisionSession['mode'] }) => (session = { ...session!, mode: input.mode, modes: [...session!.modes, input.mode] }),
  endMonitoring: () => ({ ...session!, endedAt: Date.now() }),
  // The report a spec handed in (one the real hub built), or an empty one.
  runReport: () => window.supervisorHarness?.report ?? null,
};

const client = new Proxy({} as ContractClient<typeof supervisorContract>, {
  get(_target, name: string) {
    if (name === 'on') {
      return (event: string, listener: Listener) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      };
    }
    return async (input: never) => {
      calls.push({ method: name, input });
      return ok(methods[name]?.(input) ?? {});
    };
  },
});

declare global {
  interface Window {
    supervisorHarness?: { calls: typeof calls; emit: typeof emit; report?: unknown };
  }
}
window.supervisorHarness = { calls, emit };
window.confirm = () => true;

const params = new URLSearchParams(location.search);
const language = params.get('lang') ?? 'en';
const theme = params.get('theme');
if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
document.documentElement.lang = language;
await i18next.use(initReactI18next).init({ lng: language, fallbackLng: 'en', resources: {}, interpolation: { escapeValue: false } });
createRoot(document.getElementById('root')!).render(<SupervisorConsole client={client} />);
