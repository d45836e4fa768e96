import { hasEnded } from '../../shared/domain/conversation';
import { randomUUID } from 'node:crypto';
import type { Conversation } from '../../shared/domain/conversation';
import type { AgentSupervisionNotice, CallTarget, SupervisionMode, SupervisionSession } from '../../shared/protocol/supervisor-protocol';
import { err, ok, type Result } from '../../shared/result';
import type { AgentRecord } from '../store/hub-store';
import { sipUserOf } from '../voice/voice-calls';
import type { AuditLog } from './audit-log';
import { pbxDialFor, type PbxSupervisionConfig } from './pbx-dial';
import type { SupervisionStore } from './supervision-deps';

interface Entry {
  session: SupervisionSession;
  /** The socket that opened it: when that socket goes, so does the session. */
  owner: string;
}

export interface SessionRegistryDeps {
  store: SupervisionStore;
  audit: AuditLog;
  isOnline(agentId: string): boolean;
  notifyAgent(agentId: string, notice: AgentSupervisionNotice): boolean;
  /** PBX mode: sessions carry the dial target and the agent's desktop is never told. */
  pbx?: PbxSupervisionConfig | undefined;
}

/**
 * Open supervision sessions, calls and chats. A call session drives the agent's phone engine
 * (the mix happens on the agent's desktop, design §5), so every change is told to the agent and
 * written to the audit log before the supervisor hears about it. In PBX mode the supervisor's own
 * phone dials the PBX instead, so the agent is told nothing and the session carries the target.
 */
export function createSessionRegistry(deps: SessionRegistryDeps) {
  const { store, audit } = deps;
  const open = new Map<string, Entry>();
  const listeners = new Set<(s: SupervisionSession) => void>();

  const changed = (entry: Entry, endReason: string | null = null): SupervisionSession => {
    audit.saveSession(entry.session, endReason);
    listeners.forEach((l) => l(entry.session));
    return entry.session;
  };
  const newSession = (kind: SupervisionSession['kind'], by: AgentRecord, agentId: string | null, c: Conversation, mode: SupervisionMode, at: number) => ({
    id: `sup_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    kind,
    supervisorId: by.id,
    supervisorName: by.displayName,
    agentId,
    conversationId: c.id,
    mode,
    modes: [mode],
    startedAt: at,
    endedAt: null,
  });
  const callOn = (conversationId: string): Entry | undefined =>
    [...open.values()].find((e) => e.session.kind === 'call' && e.session.conversationId === conversationId);
  const mine = (supervisorId: string, sessionId: string, kind: SupervisionSession['kind']): Result<Entry> => {
    const entry = open.get(sessionId);
    if (!entry || entry.session.kind !== kind) return err('not_found', 'no such supervision session');
    if (entry.session.supervisorId !== supervisorId) return err('permission_denied', 'another supervisor runs this session');
    return ok(entry);
  };

  function findCall(target: CallTarget): Result<Conversation> {
    const call =
      target.kind === 'agent'
        ? store.conversationsByStatus('active').find((c) => c.channel === 'voice' && c.assigneeId === target.agentId)
        : store.conversation(target.conversationId);
    if (!call) return err('not_found', target.kind === 'agent' ? 'the agent is not on a call' : 'no such call');
    if (call.channel !== 'voice') return err('invalid_argument', 'only calls can be monitored; open a chat instead');
    if (call.status !== 'active' || !call.assigneeId) return err('conflict', 'the call is not connected to an agent');
    return ok(call);
  }

  function end(entry: Entry, at: number, reason: string): SupervisionSession {
    open.delete(entry.session.id);
    entry.session = { ...entry.session, endedAt: at };
    const { session } = entry;
    if (session.kind === 'call' && session.agentId && !session.pbx) {
      deps.notifyAgent(session.agentId, { kind: 'call.ended', sessionId: session.id, conversationId: session.conversationId });
    }
    audit.record({ at, actorId: session.supervisorId, actorRole: null, action: `${session.kind}.end`, outcome: 'ok', sessionId: session.id, conversationId: session.conversationId, detail: reason });
    return changed(entry, reason);
  }

  /** PBX mode: nothing on the agent's desktop takes part, so its being connected does not matter. */
  function startPbxCall(config: PbxSupervisionConfig, by: AgentRecord, owner: string, call: Conversation, agentId: string, mode: SupervisionMode, at: number): Result<SupervisionSession> {
    const agent = store.agent(agentId);
    if (!agent) return err('not_found', 'the agent is gone');
    const pbx = pbxDialFor(config, sipUserOf(agent));
    const entry = { session: { ...newSession('call', by, agentId, call, mode, at), pbx }, owner };
    open.set(entry.session.id, entry);
    const ids = { sessionId: entry.session.id, conversationId: call.id };
    audit.record({ at, actorId: by.id, actorRole: by.role, action: 'call.start', outcome: 'ok', ...ids, detail: mode });
    audit.record({ at, actorId: by.id, actorRole: by.role, action: 'call.pbx', outcome: 'ok', ...ids, detail: `dial ${pbx.target}` });
    return ok(changed(entry));
  }

  return {
    startCall(by: AgentRecord, owner: string, target: CallTarget, mode: SupervisionMode, at: number): Result<SupervisionSession> {
      const found = findCall(target);
      if (!found.ok) return found;
      const call = found.value;
      const agentId = call.assigneeId!;
      if (agentId === by.id) return err('invalid_argument', 'you cannot supervise your own call');
      const busy = callOn(call.id);
      if (busy) return err('conflict', `${busy.session.supervisorName} is already supervising this call`);
      if (deps.pbx) return startPbxCall(deps.pbx, by, owner, call, agentId, mode, at);
      const session = newSession('call', by, agentId, call, mode, at);
      const delivered =
        deps.isOnline(agentId) &&
        deps.notifyAgent(agentId, {
          kind: 'call.started',
          sessionId: session.id,
          conversationId: call.id,
          supervisorId: by.id,
          supervisorName: by.displayName,
          // The same SIP name the supervisor's phone registers under, configured or not.
          supervisorSipUser: sipUserOf(by),
          sipCallId: call.call?.sipCallId ?? null,
          mode,
        });
      if (!delivered) return err('unavailable', "the agent's desktop is not connected");
      const entry = { session, owner };
      open.set(session.id, entry);
      audit.record({ at, actorId: by.id, actorRole: by.role, action: 'call.start', outcome: 'ok', sessionId: session.id, conversationId: call.id, detail: mode });
      return ok(changed(entry));
    },
    setMode(by: AgentRecord, sessionId: string, mode: SupervisionMode, at: number): Result<SupervisionSession> {
      const found = mine(by.id, sessionId, 'call');
      if (!found.ok) return found;
      const entry = found.value;
      if (entry.session.mode === mode) return ok(entry.session);
      entry.session = { ...entry.session, mode, modes: [...entry.session.modes, mode] };
      if (!entry.session.pbx) deps.notifyAgent(entry.session.agentId!, { kind: 'call.mode', sessionId, conversationId: entry.session.conversationId, mode });
      audit.record({ at, actorId: by.id, actorRole: by.role, action: 'call.mode', outcome: 'ok', sessionId, conversationId: entry.session.conversationId, detail: mode });
      return ok(changed(entry));
    },
    endCall(by: AgentRecord, sessionId: string, at: number): Result<SupervisionSession> {
      const found = mine(by.id, sessionId, 'call');
      return found.ok ? ok(end(found.value, at, 'ended by supervisor')) : found;
    },
    /** A supervisor's chat session on a conversation, opened on first look and reused after. */
    openChat(by: AgentRecord, owner: string, conversation: Conversation, at: number): SupervisionSession {
      const existing = [...open.values()].find((e) => e.session.kind === 'chat' && e.owner === owner && e.session.conversationId === conversation.id);
      if (existing) return existing.session;
      const entry = { session: newSession('chat', by, conversation.assigneeId, conversation, 'monitor', at), owner };
      open.set(entry.session.id, entry);
      audit.record({ at, actorId: by.id, actorRole: by.role, action: 'chat.open', outcome: 'ok', sessionId: entry.session.id, conversationId: conversation.id });
      return changed(entry);
    },
    chatSession(owner: string, conversationId: string): SupervisionSession | null {
      return [...open.values()].find((e) => e.session.kind === 'chat' && e.owner === owner && e.session.conversationId === conversationId)?.session ?? null;
    },
    /** Whisper and takeover in a chat: recorded as modes of the chat session. */
    addChatMode(sessionId: string, mode: 'whisper' | 'takeover', agentId: string | null): void {
      const entry = open.get(sessionId);
      if (!entry) return;
      const modes = entry.session.modes.includes(mode) ? entry.session.modes : [...entry.session.modes, mode];
      entry.session = { ...entry.session, modes, mode: mode === 'whisper' ? 'whisper' : entry.session.mode, agentId: agentId ?? entry.session.agentId };
      changed(entry);
    },
    closeChat(owner: string, conversationId: string, at: number): boolean {
      const entry = [...open.values()].find((e) => e.session.kind === 'chat' && e.owner === owner && e.session.conversationId === conversationId);
      if (entry) end(entry, at, 'closed by supervisor');
      return entry !== undefined;
    },
    /** The socket went away: its sessions end with it. */
    endOwnedBy(owner: string, at: number): void {
      for (const entry of [...open.values()]) if (entry.owner === owner) end(entry, at, 'supervisor disconnected');
    },
    /** A supervised call that closed ends its session. */
    conversationChanged(conversation: Conversation, at: number): void {
      const entry = callOn(conversation.id);
      if (entry && (hasEnded(conversation.status) || conversation.assigneeId !== entry.session.agentId)) end(entry, at, 'call ended');
    },
    sessionFor(conversationId: string): string | null {
      return callOn(conversationId)?.session.id ?? null;
    },
    active(): SupervisionSession[] {
      return [...open.values()].map((e) => e.session);
    },
    onChange(listener: (s: SupervisionSession) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type SessionRegistry = ReturnType<typeof createSessionRegistry>;
