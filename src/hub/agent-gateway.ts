import type { WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../shared/log';
import {
  HUB_PROTOCOL_VERSION,
  MAX_HUB_FRAME_BYTES,
  clientFrameSchema,
  type ClientFrame,
  type HubServerFrameInput,
} from '../shared/protocol/hub-protocol';
import { describeZodError, err, type Result } from '../shared/result';
import type { CommandExecutor } from './agent-commands';
import { toProfile } from './agent-profile';
import { toQueueSla } from './queue-sla';
import type { AgentStates } from './agent-states';
import type { RevokeReason, Sessions } from './auth/sessions';
import { watchSocketSession } from './auth/socket-session';
import type { EventBus } from './event-bus';
import type { AgentConnection, Presence } from './presence';
import type { Router } from './routing/router';
import type { HubStore } from './store/hub-store';
import type { TypingRelay } from './typing-relay';
import type { HubLimits } from './http/limits';
import { guardSocket } from './http/socket-guard';
import { canSeeConversation, canSeeStoredEvent } from './visibility';

export { toProfile };

export interface GatewayDeps {
  store: HubStore;
  bus: EventBus;
  presence: Presence;
  router: Router;
  agentStates: AgentStates;
  commands: CommandExecutor;
  typing: TypingRelay;
  sessions: Sessions;
  limits: HubLimits;
  log: Logger;
}

/** One agent desktop's socket: authenticate, sync by cursor, take commands, push live events. */
export function handleAgentSocket(socket: WebSocket, deps: GatewayDeps): void {
  const { store, presence, log } = deps;
  let agentId: string | null = null;
  /** Set before the token check: a second hello racing the first is refused, not subscribed twice. */
  let helloSeen = false;
  let unsubscribe: (() => void) | null = null;
  const guard = guardSocket(socket, { limits: deps.limits, log, what: 'agent' });
  /** Commands and sync pages waiting on this socket: a client that floods them is refused, not queued for. */
  let pending = 0;
  /**
   * The seq this socket has covered: the head at welcome, each sync page's end, each live event sent.
   * Every seq between it and the next live event was not for this agent, which the frame's `after` says.
   */
  let covered = 0;
  /** Commands run one after another, so a repeated key always finds the first one's stored result. */
  let queue: Promise<void> = Promise.resolve();
  const connection: AgentConnection = {
    sessionId: randomUUID(),
    send: (frame) => void guard.send(JSON.stringify(frame)),
    close: (code, reason) => socket.close(code, reason),
  };
  const send = (frame: HubServerFrameInput): void => connection.send(frame);
  const fail = (code: Parameters<typeof err>[0], message: string): void =>
    send({ v: HUB_PROTOCOL_VERSION, type: 'error', error: { code, message } });
  const bye = (reason: 'expired' | RevokeReason, message: string): void => {
    send({ v: HUB_PROTOCOL_VERSION, type: 'bye', reason, message });
    socket.close(4401, reason);
  };
  const signIn = watchSocketSession({
    sessions: deps.sessions,
    expired: () => bye('expired', 'your sign-in expired'),
    revoked: (reason) => bye(reason, reason === 'signed_out' ? 'signed out' : reason === 'disabled' ? 'this account was disabled' : 'the password was changed'),
  });

  async function hello(frame: Extract<ClientFrame, { type: 'hello' }>): Promise<void> {
    const found = await deps.sessions.authenticate(frame.token);
    if (!found.ok) {
      log.log('warn', 'agent socket refused', { reason: found.error.message });
      fail('unauthenticated', found.error.message);
      socket.close(4401, 'unauthenticated');
      return;
    }
    const { agent } = found.value;
    if (socket.readyState !== socket.OPEN) return;
    agentId = agent.id;
    guard.signedIn();
    signIn.adopt(found.value);
    const previous = presence.connect(agent.id, connection);
    if (previous && previous !== connection) {
      // Policy: the newest login wins; the older desktop is told why it lost the session.
      previous.send({ v: HUB_PROTOCOL_VERSION, type: 'bye', reason: 'replaced', message: 'signed in on another device' });
      previous.close(4409, 'replaced');
      log.log('info', 'agent session replaced', { agent: agent.id });
    }
    const fresh = store.agent(agent.id) ?? agent;
    // Welcome and subscription in one synchronous step: no event can fall between the head it names and the first live one.
    covered = store.headSeq();
    send({
      v: HUB_PROTOCOL_VERSION,
      type: 'welcome',
      agent: toProfile(fresh.state === 'offline' ? { ...fresh, state: 'available' } : fresh),
      headSeq: covered,
      queues: store.queues().map(toQueueSla),
    });
    // Every audience: events stored for this agent alone (history they newly see) come in the same seq order.
    unsubscribe?.();
    unsubscribe = deps.bus.subscribeAll((stored) => {
      const viewer = store.agent(agent.id);
      if (!viewer || !canSeeStoredEvent(viewer, stored, store)) return;
      const { event } = stored;
      // A seq at or below what was covered cannot vouch for a gap; the desktop then decides by its cursor alone.
      const after = covered < event.seq ? covered : undefined;
      covered = Math.max(covered, event.seq);
      send({ v: HUB_PROTOCOL_VERSION, type: 'event', event, ...(after === undefined ? {} : { after }) });
    });
    for (const offer of deps.router.pendingOffers(agent.id)) send({ v: HUB_PROTOCOL_VERSION, type: 'offer', offer });
    deps.agentStates.signedIn(agent.id);
  }

  function sync(after: number, limit: number): void {
    const viewer = agentId ? store.agent(agentId) : null;
    if (!viewer) return;
    const page = store.eventsAfter(after, limit);
    const head = store.headSeq();
    const through = page.at(-1)?.event.seq ?? Math.max(after, head);
    covered = Math.max(covered, through);
    send({
      v: HUB_PROTOCOL_VERSION,
      type: 'events',
      events: page.filter((s) => canSeeStoredEvent(viewer, s, store)).map((s) => s.event),
      through,
      headSeq: head,
      more: page.length === limit && through < head,
    });
  }

  async function command(id: string, frame: Extract<ClientFrame, { type: 'command' }>): Promise<void> {
    const scopedKey = `${id}:${frame.key}`;
    const seen = store.commandResult(scopedKey);
    if (seen !== null) {
      send({ v: HUB_PROTOCOL_VERSION, type: 'ack', key: frame.key, result: JSON.parse(seen) as Result<unknown> });
      return;
    }
    let result: Result<unknown>;
    try {
      result = await deps.commands.execute(id, frame.command, scopedKey);
    } catch (cause) {
      log.log('error', 'command failed', { kind: frame.command.kind, detail: cause instanceof Error ? cause.message : String(cause) });
      result = err('internal', 'the command failed');
    }
    // Voice sentiment arrives every few seconds per call and is never retried: remembering its keys would only fill the store.
    if (result.ok && frame.command.kind !== 'call.sentiment') store.saveCommandResult(scopedKey, id, JSON.stringify(result), Date.now());
    send({ v: HUB_PROTOCOL_VERSION, type: 'ack', key: frame.key, result });
  }

  function typing(id: string, frame: Extract<ClientFrame, { type: 'typing' }>): void {
    const viewer = store.agent(id);
    const conversation = store.conversation(frame.conversationId);
    if (!viewer || !conversation || !canSeeConversation(viewer, conversation)) return;
    deps.typing.fromAgent(id, conversation, frame.active);
  }

  socket.on('message', (data, isBinary) => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    // Before sign-in, bad frames are counted (one summary line when the socket closes), not logged one by one.
    const refuse = (code: Parameters<typeof err>[0], message: string, detail?: Record<string, string | number | boolean>): void => {
      if (!guard.badFrame()) return;
      if (agentId) log.log('warn', 'agent frame refused', { code, ...detail });
      fail(code, message);
    };
    if (isBinary || size > MAX_HUB_FRAME_BYTES) {
      refuse(isBinary ? 'malformed_frame' : 'frame_too_large', isBinary ? 'binary frames are not accepted' : `frames are limited to ${MAX_HUB_FRAME_BYTES} bytes`, {
        bytes: size,
      });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      refuse('malformed_frame', 'frame is not valid JSON');
      return;
    }
    const parsed = clientFrameSchema.safeParse(json);
    if (!parsed.success) {
      refuse('malformed_frame', describeZodError(parsed.error), { detail: describeZodError(parsed.error) });
      return;
    }
    const frame = parsed.data;
    if (frame.type === 'hello') {
      if (helloSeen) fail('conflict', 'already signed in on this socket');
      else {
        helloSeen = true;
        void hello(frame);
      }
      return;
    }
    const id = agentId;
    if (!id) {
      refuse('unauthenticated', 'send hello first');
      return;
    }
    const later = (work: () => Promise<void> | void, refused: () => void): void => {
      if (pending >= deps.limits.agentPendingCommands) return refused();
      pending++;
      queue = queue
        .then(work)
        .catch((cause: unknown) => log.log('error', 'agent request failed', { detail: cause instanceof Error ? cause.message : String(cause) }))
        .finally(() => {
          pending--;
        });
    };
    switch (frame.type) {
      case 'sync':
        return later(
          () => sync(frame.after, frame.limit),
          () => fail('rate_limited', 'too many requests waiting on this socket'),
        );
      case 'command':
        return later(
          () => command(id, frame),
          () => send({ v: HUB_PROTOCOL_VERSION, type: 'ack', key: frame.key, result: err('rate_limited', 'too many commands waiting, slow down') }),
        );
      case 'ping':
        return send({ v: HUB_PROTOCOL_VERSION, type: 'pong', nonce: frame.nonce });
      case 'token':
        void signIn.renew(frame.token).then((renewed) => {
          if (!renewed.ok) bye('expired', renewed.error.message);
        });
        return;
      case 'typing':
        return typing(id, frame);
    }
  });

  socket.on('close', () => {
    signIn.stop();
    unsubscribe?.();
    if (agentId && presence.disconnect(agentId, connection)) {
      deps.agentStates.signedOut(agentId);
      log.log('info', 'agent disconnected', { agent: agentId });
    }
  });
}
