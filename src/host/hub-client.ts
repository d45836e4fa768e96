import WebSocket from 'ws';
import type { AgentProfile } from '../shared/domain/agent';
import type { AgentAlert } from '../shared/domain/agent-alert';
import type { AgentSupervisionNotice } from '../shared/protocol/supervisor-protocol';
import type { Offer } from '../shared/domain/offer';
import type { QueueSla } from '../shared/domain/queue-sla';
import type { Logger } from '../shared/log';
import {
  HUB_PROTOCOL_VERSION,
  MAX_HUB_FRAME_BYTES,
  SYNC_PAGE_LIMIT,
  serverFrameSchema,
  type ClientFrameInput,
  type HubCommandInput,
  type HubServerFrame,
} from '../shared/protocol/hub-protocol';
import { assertNever, describeZodError, err, type Result } from '../shared/result';
import { z } from 'zod';
import { backoffDelay } from './backoff';
import type { IntakeWindow, Rejection } from './sync/event-intake';

export type HubLinkStatus = 'connecting' | 'online' | 'offline' | 'closed';

export interface SyncProgress {
  /** The cursor when this catch-up began. */
  from: number;
  cursor: number;
  head: number;
}

export interface HubClientEvents {
  status(status: HubLinkStatus, detail: string | null): void;
  /**
   * A page (or one live event) as the hub sent it, to be checked one event at a time against `window`
   * (sync/event-intake.ts) and stored with the sequence number it covers through — by the cache thread,
   * so neither the checking nor the storing runs on this thread. Resolves with the cursor now stored
   * durably and the events refused; if it rejects, the cursor stays and the page comes again.
   */
  events(batch: EventsBatch): StoredBatch | Promise<StoredBatch>;
  /** A catch-up's progress, page by page; null once it has caught up. */
  progress?(progress: SyncProgress | null): void;
  /** The hub holds less history than our cursor says (restored from a backup): forget the cursor; returns the new one. */
  rewind?(): number | Promise<number>;
  agent(agent: AgentProfile): void;
  /** The hub's queues with their names and SLA targets, from each welcome of a hub that sends them. */
  queues?(queues: QueueSla[]): void;
  offer(offer: Offer): void;
  offerRevoked(offerId: string, reason: string): void;
  /** The hub ended the session (signed in elsewhere, or the token is no longer valid). */
  ended(reason: string): void;
  /** Someone in a conversation this agent can see started or stopped typing (ephemeral, never synced). */
  typing?(typing: { conversationId: string; from: 'customer' | 'agent'; agentId: string | null; active: boolean }): void;
  /** A supervisor joined, changed mode on or left this agent's call, or took a chat over. */
  supervision?(notice: AgentSupervisionNotice): void;
  /** A sentiment alert on one of this agent's conversations. */
  alert?(alert: AgentAlert): void;
}

export interface EventsBatch {
  raw: readonly unknown[];
  window: IntakeWindow;
  through: number;
  head: number;
}

export interface StoredBatch {
  cursor: number;
  rejected: Rejection[];
}

export interface HubClientOptions {
  hubUrl: string;
  getToken(): Promise<string | null>;
  cursor: number;
  log: Logger;
  handlers: HubClientEvents;
  heartbeatMs?: number;
  deadAfterMs?: number;
  /** How long a command may wait for its ack before it counts as lost (and the outbox retries it). */
  ackTimeoutMs?: number;
}

export interface HubClient {
  command(key: string, command: HubCommandInput): Promise<Result<unknown>>;
  /** Tells the hub the agent started or stopped typing; false when not connected (typing is not worth queuing). */
  typing(conversationId: string, active: boolean): boolean;
  /** Drops the socket and reconnects now, e.g. after the machine wakes. */
  reconnectNow(): void;
  close(): void;
  cursor(): number;
}

/**
 * Event frames are parsed in two steps: the envelope here, each event on its own by the intake,
 * so one bad event is refused without throwing away the page around it.
 */
const v = z.literal(HUB_PROTOCOL_VERSION);
const eventsEnvelopeSchema = z.object({
  v,
  type: z.literal('events'),
  events: z.array(z.unknown()),
  through: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative(),
  more: z.boolean(),
});
const eventEnvelopeSchema = z.object({ v, type: z.literal('event'), event: z.unknown() });
type EventsEnvelope = z.infer<typeof eventsEnvelopeSchema>;
type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/**
 * The desktop's link to the hub: cursor sync on every connect, live events applied in order
 * (a gap triggers a catch-up), heartbeats that notice a dead socket, and jittered reconnects.
 */
export function createHubClient(options: HubClientOptions): HubClient {
  const { log, handlers } = options;
  // Worst case a dead socket is noticed deadAfter + heartbeat after its last word: under 10 s.
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const deadAfterMs = options.deadAfterMs ?? 7_000;
  const ackTimeoutMs = options.ackTimeoutMs ?? 15_000;
  let cursor = options.cursor;
  let socket: WebSocket | null = null;
  let closed = false;
  let attempt = 0;
  let syncing = false;
  /** The highest live seq that arrived while a catch-up ran: the catch-up may have been read before it was stored. */
  let liveDuringSync = 0;
  let head = 0;
  let syncFrom = 0;
  let lastHeard = Date.now();
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<string, (result: Result<unknown>) => void>();
  /** The token the open socket signed in with or was last given: the hub closes it when that one lapses. */
  let sentToken: string | null = null;
  let renewing = false;
  /** Hands the open socket a refreshed token once the session has one (it refreshes a minute before expiry). */
  const renewToken = async (): Promise<void> => {
    if (renewing || !sentToken || socket?.readyState !== WebSocket.OPEN) return;
    renewing = true;
    try {
      const fresh = await options.getToken();
      if (fresh && sentToken && fresh !== sentToken && send({ v: HUB_PROTOCOL_VERSION, type: 'token', token: fresh })) sentToken = fresh;
    } finally {
      renewing = false;
    }
  };

  const wsUrl = (): string => {
    const url = new URL('/agent/ws', options.hubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.toString();
  };

  const send = (frame: ClientFrameInput): boolean => {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  };

  const requestSync = (after: number = cursor): void => {
    syncing = true;
    send({ v: HUB_PROTOCOL_VERSION, type: 'sync', after, limit: SYNC_PAGE_LIMIT });
  };

  /**
   * Frames that move the cursor (welcome, events) are handled one after another, each after the store
   * answered for the one before; a frame from a socket that has since closed is dropped.
   */
  let intake: Promise<void> = Promise.resolve();
  const inOrder = (ws: WebSocket, work: () => void | Promise<void>): void => {
    intake = intake
      .then(() => (socket === ws ? work() : undefined))
      .catch((cause: unknown) => log.log('error', 'hub frame handling failed', { detail: cause instanceof Error ? cause.message : String(cause) }));
  };

  /** Hands a page to the store to check and keep; the cursor moves only as far as the store says it committed. */
  async function commit(raw: readonly unknown[], window: IntakeWindow, through: number): Promise<boolean> {
    try {
      const stored = await handlers.events({ raw, window, through, head: Math.max(head, through) });
      for (const r of stored.rejected) log.log('warn', 'hub event refused', { seq: r.seq, reason: r.reason, detail: r.detail });
      cursor = Math.max(cursor, stored.cursor);
      return true;
    } catch (cause) {
      log.log('error', 'storing synced events failed; the page will be asked for again', {
        detail: cause instanceof Error ? cause.message : String(cause),
      });
      return false;
    }
  }

  async function onEventsPage(frame: EventsEnvelope, ws: WebSocket, frameBytes: number): Promise<void> {
    const before = cursor;
    head = Math.max(head, frame.headSeq);
    const through = frame.through;
    if (through > frame.headSeq) {
      // A page cannot cover events the hub says it does not have: nothing in it is trusted.
      log.log('warn', 'hub page refused: its end lies beyond the head', { through, head: frame.headSeq });
      syncing = false;
      handlers.progress?.(null);
      return;
    }
    // The next page is asked for while this one is stored: it does not depend on what is stored, and a
    // failed store drops the socket, so the next connect starts again from the stored cursor.
    // A page that moved nothing would be asked for forever: stop and let the next event or reconnect resume.
    const next = frame.more && through > before;
    if (next) requestSync(through);
    if (!(await commit(frame.events, { cursor: before, ceiling: through, frameBytes }, Math.max(before, through)))) {
      syncing = false;
      ws.terminate();
      return;
    }
    if (socket !== ws) return;
    if (next) {
      handlers.progress?.({ from: syncFrom, cursor, head });
    } else if (liveDuringSync > cursor) {
      // Events went live while this page was read: fetch them rather than wait for the next gap. The hub
      // stored them before sending them, so the next page is sure to move the cursor past them.
      liveDuringSync = 0;
      requestSync();
    } else {
      liveDuringSync = 0;
      syncing = false;
      handlers.progress?.(null);
    }
  }

  async function onLiveEvent(frame: EventEnvelope, frameBytes: number): Promise<void> {
    const seq = typeof frame.event === 'object' && frame.event !== null && 'seq' in frame.event ? Number(frame.event.seq) : NaN;
    if (syncing) {
      // The running catch-up includes it only if its page was read after it was stored; remember it to check.
      if (Number.isFinite(seq)) liveDuringSync = Math.max(liveDuringSync, seq);
      return;
    }
    if (Number.isFinite(seq) && seq <= cursor) return;
    // Our feed holds only what we may see, position after position: anything but the next one is a gap to catch up on.
    if (seq !== cursor + 1) {
      syncFrom = cursor;
      requestSync();
      return;
    }
    head = Math.max(head, seq);
    // A refused live event is skipped like a filtered one: its seq is spent, the cursor moves past it.
    await commit([frame.event], { cursor, ceiling: seq, frameBytes }, seq);
  }

  async function onWelcome(frame: Extract<HubServerFrame, { type: 'welcome' }>): Promise<void> {
    attempt = 0;
    if (frame.headSeq < cursor) {
      // The hub's history is shorter than what we hold: it was restored or reset. Start over from its start.
      log.log('warn', 'hub head is behind the cache cursor: resyncing from the start', { head: frame.headSeq, cursor });
      cursor = (await handlers.rewind?.()) ?? cursor;
    }
    head = frame.headSeq;
    syncFrom = cursor;
    handlers.agent(frame.agent);
    if (frame.queues) handlers.queues?.(frame.queues);
    handlers.status('online', null);
    if (head > cursor) handlers.progress?.({ from: syncFrom, cursor, head });
    requestSync();
  }

  function onFrame(frame: HubServerFrame, ws: WebSocket): void {
    switch (frame.type) {
      case 'welcome':
        inOrder(ws, () => onWelcome(frame));
        return;
      case 'events':
      case 'event':
        // Parsed by the envelope schemas before this switch; never reached.
        return;
      case 'ack': {
        const waiter = pending.get(frame.key);
        pending.delete(frame.key);
        waiter?.(frame.result);
        return;
      }
      case 'offer':
        return handlers.offer(frame.offer);
      case 'offer.revoked':
        return handlers.offerRevoked(frame.offerId, frame.reason);
      case 'agent':
        return handlers.agent(frame.agent);
      case 'pong':
        return;
      case 'error':
        log.log('warn', 'hub reported an error', { code: frame.error.code, detail: frame.error.message });
        if (frame.error.code === 'unauthenticated') {
          closed = true;
          handlers.ended(frame.error.message);
        }
        return;
      case 'bye':
        closed = true;
        handlers.ended(frame.message);
        return;
      case 'typing':
        handlers.typing?.({ conversationId: frame.conversationId, from: frame.from, agentId: frame.agentId, active: frame.active });
        return;
      case 'supervision':
        return handlers.supervision?.(frame.notice);
      case 'alert':
        return handlers.alert?.(frame.alert);
      default:
        return assertNever(frame);
    }
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return;
    const delay = backoffDelay(attempt++);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
  }

  function stopHeartbeat(): void {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  }

  async function connect(): Promise<void> {
    if (closed) return;
    handlers.status('connecting', null);
    const token = await options.getToken();
    if (closed) return;
    if (!token) {
      handlers.status('offline', 'signed out');
      scheduleReconnect();
      return;
    }
    const ws = new WebSocket(wsUrl(), { maxPayload: MAX_HUB_FRAME_BYTES * 64, handshakeTimeout: 8_000 });
    socket = ws;
    syncing = false;
    ws.on('open', () => {
      lastHeard = Date.now();
      send({ v: HUB_PROTOCOL_VERSION, type: 'hello', token, cursor });
      sentToken = token;
      stopHeartbeat();
      heartbeat = setInterval(() => {
        if (Date.now() - lastHeard > deadAfterMs) {
          log.log('warn', 'hub socket silent: dropping it');
          ws.terminate();
          return;
        }
        send({ v: HUB_PROTOCOL_VERSION, type: 'ping', nonce: Date.now() });
        void renewToken();
      }, heartbeatMs);
    });
    ws.on('message', (data) => {
      lastHeard = Date.now();
      let json: unknown;
      const text = String(data);
      try {
        json = JSON.parse(text);
      } catch {
        log.log('warn', 'hub frame refused: not JSON');
        return;
      }
      const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : null;
      if (type === 'events' || type === 'event') {
        const envelope = type === 'events' ? eventsEnvelopeSchema.safeParse(json) : eventEnvelopeSchema.safeParse(json);
        if (!envelope.success) {
          log.log('warn', 'hub frame refused: malformed', { detail: describeZodError(envelope.error) });
          return;
        }
        const data = envelope.data;
        // The intake skips measuring each event when the whole frame is within one event's bound.
        const frameBytes = Buffer.byteLength(text);
        if (data.type === 'events') inOrder(ws, () => onEventsPage(data, ws, frameBytes));
        else inOrder(ws, () => onLiveEvent(data, frameBytes));
        return;
      }
      const parsed = serverFrameSchema.safeParse(json);
      if (!parsed.success) {
        log.log('warn', 'hub frame refused: malformed', { detail: describeZodError(parsed.error) });
        return;
      }
      onFrame(parsed.data, ws);
    });
    ws.on('error', (cause) => log.log('info', 'hub socket error', { detail: cause.message }));
    ws.on('close', () => {
      if (socket !== ws) return;
      socket = null;
      stopHeartbeat();
      for (const [key, waiter] of pending) {
        pending.delete(key);
        waiter(err('unavailable', 'the connection to the hub was lost'));
      }
      if (!closed) {
        handlers.status('offline', 'the hub cannot be reached');
        scheduleReconnect();
      } else handlers.status('closed', null);
    });
  }

  void connect();

  return {
    command(key, command) {
      return new Promise((resolve) => {
        if (!send({ v: HUB_PROTOCOL_VERSION, type: 'command', key, command })) {
          resolve(err('unavailable', 'not connected to the hub'));
          return;
        }
        const timer = setTimeout(() => {
          if (pending.get(key) !== settle) return;
          pending.delete(key);
          resolve(err('timeout', 'the hub did not acknowledge in time'));
        }, ackTimeoutMs);
        const settle = (result: Result<unknown>): void => {
          clearTimeout(timer);
          resolve(result);
        };
        pending.set(key, settle);
      });
    },
    typing(conversationId, active) {
      return send({ v: HUB_PROTOCOL_VERSION, type: 'typing', conversationId, active });
    },
    reconnectNow() {
      if (closed) return;
      attempt = 0;
      if (retryTimer) {
        clearTimeout(retryTimer);
        retryTimer = null;
      }
      if (socket) socket.terminate();
      else void connect();
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      stopHeartbeat();
      socket?.close();
    },
    cursor: () => cursor,
  };
}
