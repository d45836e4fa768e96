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
import { err, type Result } from '../shared/result';
import { readFrame } from '../shared/rpc/frame-guard';
import type { CommandExecutor } from './commands/command-registry';
import { toProfile } from './agent-profile';
import { toQueueSla } from './queue-sla';
import type { AgentStates } from './agent-states';
import type { RevokeReason, Sessions } from './auth/sessions';
import { watchSocketSession } from './auth/socket-session';
import type { EventBus } from './event-bus';
import type { AgentConnection, SocketRegistry } from './socket-registry';
import type { Router } from './routing/router';
import type { HubStore } from './store/hub-store';
import type { TypingRelay } from './typing-relay';
import type { HubLimits } from './http/limits';
import { guardSocket } from './http/socket-guard';
import { canActOn, canSeeConversation } from '../shared/domain/visibility';
import { feedOwnerOf } from './feeds/audience';

export { toProfile };

/** Live events go out in pages of this many when a feed advanced by a lot at once (history newly seen). */
const LIVE_PAGE = 500;

/** A claim still pending this long belongs to a process that died mid-command; a retry takes it over. */
const STALE_CLAIM_MS = 60_000;

export interface GatewayDeps {
  store: HubStore;
  bus: EventBus;
  presence: SocketRegistry;
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
  /** Whose feed this socket reads (the agent's own, or the shared one of those who see everything). */
  let feed: string | null = null;
  /** The feed position this socket has sent through: the head at welcome, each sync page's end, each live event. */
  let sent = 0;
  /** Commands of one desktop run in the order it sent them. */
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
    const owner = feedOwnerOf(fresh);
    feed = owner;
    // Welcome and subscription in one synchronous step: no event can fall between the head it names and the first live one.
    sent = store.feedHead(owner);
    send({
      v: HUB_PROTOCOL_VERSION,
      type: 'welcome',
      agent: toProfile(fresh.state === 'offline' ? { ...fresh, state: 'available' } : fresh),
      headSeq: sent,
      queues: store.queues().map(toQueueSla),
    });
    // The feed advanced. The common case, the event is the next position, goes out as it is; after a
    // jump (history appended for someone who newly sees a conversation) the feed is read in order.
    unsubscribe?.();
    unsubscribe = deps.bus.subscribeAll((stored) => {
      const mine = stored.positions.find((p) => p.owner === owner);
      if (!mine || mine.pos <= sent) return;
      if (mine.pos === sent + 1) {
        sent = mine.pos;
        send({ v: HUB_PROTOCOL_VERSION, type: 'event', event: { ...stored.event, seq: mine.pos } });
        return;
      }
      for (let page = store.feedAfter(owner, sent, LIVE_PAGE); page.length > 0; page = page.length < LIVE_PAGE ? [] : store.feedAfter(owner, sent, LIVE_PAGE)) {
        for (const { pos, event } of page) {
          sent = pos;
          send({ v: HUB_PROTOCOL_VERSION, type: 'event', event: { ...event, seq: pos } });
        }
      }
    });
    for (const offer of deps.router.pendingOffers(agent.id)) send({ v: HUB_PROTOCOL_VERSION, type: 'offer', offer });
    deps.agentStates.signedIn(agent.id);
  }

  function sync(after: number, limit: number): void {
    if (!feed) return;
    const page = store.feedAfter(feed, after, limit);
    const head = store.feedHead(feed);
    const through = page.at(-1)?.pos ?? Math.min(after, head);
    sent = Math.max(sent, through);
    send({
      v: HUB_PROTOCOL_VERSION,
      type: 'events',
      events: page.map(({ pos, event }) => ({ ...event, seq: pos })),
      through,
      headSeq: head,
      more: page.length === limit && through < head,
    });
  }

  async function command(id: string, frame: Extract<ClientFrame, { type: 'command' }>): Promise<void> {
    const scopedKey = `${id}:${frame.key}`;
    const ack = (result: Result<unknown>): void => send({ v: HUB_PROTOCOL_VERSION, type: 'ack', key: frame.key, result });
    const remember = deps.commands.remembers(frame.command.kind);
    // The key is claimed before the work starts, so a repeat on another socket (or hub) never runs it twice.
    if (remember) {
      const at = Date.now();
      const claim = store.claimKey(scopedKey, id, at, at - STALE_CLAIM_MS);
      if (claim.status === 'done') return ack(claim.result === null ? err('internal', 'the first answer was lost') : (JSON.parse(claim.result) as Result<unknown>));
      if (claim.status === 'pending') return ack(err('unavailable', 'this command is still running; send it again for its result'));
    }
    let result: Result<unknown>;
    try {
      result = await deps.commands.execute(id, frame.command, scopedKey);
    } catch (cause) {
      log.log('error', 'command failed', { kind: frame.command.kind, detail: cause instanceof Error ? cause.message : String(cause) });
      result = err('internal', 'the command failed');
    }
    // A failure is not kept, so a retry after a fix runs again.
    if (remember) {
      if (result.ok) store.completeClaim(scopedKey, JSON.stringify(result));
      else store.dropClaim(scopedKey);
    }
    ack(result);
  }

  function typing(id: string, frame: Extract<ClientFrame, { type: 'typing' }>): void {
    const viewer = store.agent(id);
    const conversation = store.conversation(frame.conversationId);
    // "Agent is typing" speaks to the customer: only the assignee (or a supervisor) may say it.
    if (!viewer || !conversation || !canSeeConversation(viewer, conversation) || !canActOn(viewer, conversation)) return;
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
    const read = readFrame(String(data), clientFrameSchema, MAX_HUB_FRAME_BYTES);
    if (!read.ok) {
      refuse(read.error.code, read.error.message, { detail: read.error.message });
      return;
    }
    const frame = read.frame;
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
