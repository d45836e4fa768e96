import type { WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import type { AgentProfile } from '../shared/domain/agent';
import type { Logger } from '../shared/log';
import {
  HUB_PROTOCOL_VERSION,
  MAX_HUB_FRAME_BYTES,
  clientFrameSchema,
  type ClientFrame,
  type HubCommand,
  type HubServerFrameInput,
} from '../shared/protocol/hub-protocol';
import { describeZodError, err, type Result } from '../shared/result';
import type { TokenIssuer } from './auth/tokens';
import type { ConversationService } from './conversation-service';
import type { EventBus } from './event-bus';
import type { AgentConnection, Presence } from './presence';
import type { Router } from './routing/router';
import type { AgentRecord, HubStore } from './store/hub-store';
import { canSeeEvent } from './visibility';

export interface GatewayDeps {
  store: HubStore;
  bus: EventBus;
  presence: Presence;
  router: Router;
  conversations: ConversationService;
  tokens: TokenIssuer;
  log: Logger;
}

export function toProfile(agent: AgentRecord): AgentProfile {
  const { passwordHash: _hash, stateSince: _since, ...profile } = agent;
  return profile;
}

/** One agent desktop's socket: authenticate, sync by cursor, take commands, push live events. */
export function handleAgentSocket(socket: WebSocket, deps: GatewayDeps): void {
  const { store, presence, log } = deps;
  let agentId: string | null = null;
  let unsubscribe: (() => void) | null = null;
  const connection: AgentConnection = {
    sessionId: randomUUID(),
    send: (frame) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    },
    close: (code, reason) => socket.close(code, reason),
  };
  const send = (frame: HubServerFrameInput): void => connection.send(frame);
  const fail = (code: Parameters<typeof err>[0], message: string): void =>
    send({ v: HUB_PROTOCOL_VERSION, type: 'error', error: { code, message } });

  async function hello(frame: Extract<ClientFrame, { type: 'hello' }>): Promise<void> {
    const claims = await deps.tokens.verify(frame.token);
    if (!claims.ok) {
      log.log('warn', 'agent socket refused', { reason: claims.error.message });
      fail('unauthenticated', claims.error.message);
      socket.close(4401, 'unauthenticated');
      return;
    }
    const agent = store.agent(claims.value.sub);
    if (!agent) {
      fail('unauthenticated', 'unknown agent');
      socket.close(4401, 'unauthenticated');
      return;
    }
    agentId = agent.id;
    const previous = presence.connect(agent.id, connection);
    if (previous && previous !== connection) {
      // Policy: the newest login wins; the older desktop is told why it lost the session.
      previous.send({ v: HUB_PROTOCOL_VERSION, type: 'bye', reason: 'replaced', message: 'signed in on another device' });
      previous.close(4409, 'replaced');
      log.log('info', 'agent session replaced', { agent: agent.id });
    }
    if (agent.state === 'offline') store.setAgentState(agent.id, 'available', null, Date.now());
    const fresh = store.agent(agent.id) ?? agent;
    send({ v: HUB_PROTOCOL_VERSION, type: 'welcome', agent: toProfile(fresh), headSeq: store.headSeq() });
    unsubscribe = deps.bus.subscribe((event) => {
      const viewer = store.agent(agent.id);
      if (viewer && canSeeEvent(viewer, event, store)) send({ v: HUB_PROTOCOL_VERSION, type: 'event', event });
    });
    for (const offer of deps.router.pendingOffers(agent.id)) send({ v: HUB_PROTOCOL_VERSION, type: 'offer', offer });
    deps.router.route();
  }

  function sync(after: number, limit: number): void {
    const viewer = agentId ? store.agent(agentId) : null;
    if (!viewer) return;
    const page = store.eventsAfter(after, limit);
    const head = store.headSeq();
    const through = page.at(-1)?.seq ?? Math.max(after, head);
    send({
      v: HUB_PROTOCOL_VERSION,
      type: 'events',
      events: page.filter((e) => canSeeEvent(viewer, e, store)),
      through,
      headSeq: head,
      more: page.length === limit && through < head,
    });
  }

  function execute(id: string, command: HubCommand, key: string): Result<unknown> {
    switch (command.kind) {
      case 'offer.accept':
        return deps.router.accept(id, command.offerId);
      case 'offer.reject':
        return deps.router.reject(id, command.offerId);
      case 'message.send':
        return deps.conversations.reply(id, command.conversationId, command.text, command.internal, key);
      case 'agent.state': {
        store.setAgentState(id, command.state, command.state === 'away' ? command.reason : null, Date.now());
        const agent = store.agent(id);
        if (agent) send({ v: HUB_PROTOCOL_VERSION, type: 'agent', agent: toProfile(agent) });
        if (command.state !== 'available') deps.router.withdrawOffers(id);
        else deps.router.route();
        return { ok: true, value: {} };
      }
    }
  }

  function command(frame: Extract<ClientFrame, { type: 'command' }>): void {
    if (!agentId) return;
    const scopedKey = `${agentId}:${frame.key}`;
    const seen = store.commandResult(scopedKey);
    if (seen !== null) {
      send({ v: HUB_PROTOCOL_VERSION, type: 'ack', key: frame.key, result: JSON.parse(seen) as Result<unknown> });
      return;
    }
    const result = execute(agentId, frame.command, scopedKey);
    if (result.ok) store.saveCommandResult(scopedKey, agentId, JSON.stringify(result), Date.now());
    send({ v: HUB_PROTOCOL_VERSION, type: 'ack', key: frame.key, result });
  }

  socket.on('message', (data, isBinary) => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    if (isBinary || size > MAX_HUB_FRAME_BYTES) {
      log.log('warn', 'agent frame refused', { bytes: size, binary: isBinary });
      fail(isBinary ? 'malformed_frame' : 'frame_too_large', isBinary ? 'binary frames are not accepted' : `frames are limited to ${MAX_HUB_FRAME_BYTES} bytes`);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      log.log('warn', 'agent frame refused: not JSON');
      fail('malformed_frame', 'frame is not valid JSON');
      return;
    }
    const parsed = clientFrameSchema.safeParse(json);
    if (!parsed.success) {
      log.log('warn', 'agent frame refused: malformed', { detail: describeZodError(parsed.error) });
      fail('malformed_frame', describeZodError(parsed.error));
      return;
    }
    const frame = parsed.data;
    if (frame.type !== 'hello' && !agentId) {
      fail('unauthenticated', 'send hello first');
      return;
    }
    switch (frame.type) {
      case 'hello':
        if (agentId) fail('conflict', 'already signed in on this socket');
        else void hello(frame);
        return;
      case 'sync':
        return sync(frame.after, frame.limit);
      case 'command':
        return command(frame);
      case 'ping':
        return send({ v: HUB_PROTOCOL_VERSION, type: 'pong', nonce: frame.nonce });
    }
  });

  socket.on('close', () => {
    unsubscribe?.();
    if (agentId && presence.disconnect(agentId, connection)) {
      deps.router.withdrawOffers(agentId);
      log.log('info', 'agent disconnected', { agent: agentId });
    }
  });
}
