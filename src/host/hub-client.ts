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
import { assertNever, err, type Result } from '../shared/result';
import { z } from 'zod';
import { readFrame } from '../shared/rpc/frame-guard';
import { createReconnectingSocket } from '../shared/rpc/reconnecting-socket';
import { wsSocketFactory } from './ws-socket';
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
/** Event pages by their envelope only; every other frame whole. */
const incomingSchema = z.union([eventsEnvelopeSchema, eventEnvelopeSchema, serverFrameSchema]);
/** A sync page holds up to SYNC_PAGE_LIMIT events of up to MAX_HUB_FRAME_BYTES each, in principle. */
const MAX_INCOMING_BYTES = MAX_HUB_FRAME_BYTES * 64;

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
  let closed = false;
  let syncing = false;
  /** The highest live seq that arrived while a catch-up ran: the catch-up may have been read before it was stored. */
  let liveDuringSync = 0;
  let head = 0;
  let syncFrom = 0;
  const pending = new Map<string, (result: Result<unknown>) => void>();
  /** The token the open socket signed in with or was last given: the hub closes it when that one lapses. */
  let sentToken: string | null = null;
  /** The token the socket being opened says hello with. */
  let helloToken: string | null = null;
  let renewing = false;
  /** Hands the open socket a refreshed token once the session has one (it refreshes a minute before expiry). */
  const renewToken = async (): Promise<void> => {
    if (renewing || !sentToken) return;
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

  const send = (frame: ClientFrameInput): boolean => transport.send(JSON.stringify(frame));

  const requestSync = (after: number = cursor): void => {
    syncing = true;
    send({ v: HUB_PROTOCOL_VERSION, type: 'sync', after, limit: SYNC_PAGE_LIMIT });
  };

  /**
   * Frames that move the cursor (welcome, events) are handled one after another, each after the store
   * answered for the one before; a frame from a socket that has since closed is dropped.
   */
  let intake: Promise<void> = Promise.resolve();
  const inOrder = (ws: number, work: () => void | Promise<void>): void => {
    intake = intake
      .then(() => (transport.current() === ws ? work() : undefined))
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

  async function onEventsPage(frame: EventsEnvelope, ws: number, frameBytes: number): Promise<void> {
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
      if (transport.current() === ws) transport.drop();
      return;
    }
    if (transport.current() !== ws) return;
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
    transport.accepted();
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

  function onFrame(frame: HubServerFrame, ws: number): void {
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
        if (frame.error.code === 'unauthenticated') end(frame.error.message);
        return;
      case 'bye':
        end(frame.message);
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

  /** The hub ended the session: no reconnecting with this token. */
  function end(reason: string): void {
    closed = true;
    handlers.ended(reason);
    transport.close();
  }

  const failPending = (): void => {
    for (const [key, waiter] of pending) {
      pending.delete(key);
      waiter(err('unavailable', 'the connection to the hub was lost'));
    }
  };

  const transport = createReconnectingSocket({
    connect: wsSocketFactory(log, 'hub', { maxPayload: MAX_INCOMING_BYTES, handshakeTimeout: 8_000 }),
    address: async () => {
      const token = await options.getToken();
      if (!token) return { wait: 'signed out' };
      helloToken = token;
      return { url: wsUrl(), hello: JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'hello', token, cursor } satisfies ClientFrameInput) };
    },
    heartbeat: {
      everyMs: heartbeatMs,
      deadAfterMs,
      ping: () => {
        void renewToken();
        return JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'ping', nonce: Date.now() } satisfies ClientFrameInput);
      },
    },
  });
  transport.onStatus((status) => {
    switch (status.state) {
      case 'connecting':
        syncing = false;
        return handlers.status('connecting', null);
      case 'open':
        sentToken = helloToken;
        return;
      case 'waiting':
        return handlers.status('offline', status.detail);
      case 'down':
        if (status.silent) log.log('warn', 'hub socket silent: dropping it');
        sentToken = null;
        failPending();
        return handlers.status('offline', 'the hub cannot be reached');
      case 'refused':
      case 'closed':
        sentToken = null;
        failPending();
        return handlers.status('closed', null);
    }
  });
  transport.onMessage((text, ws) => {
    const read = readFrame(text, incomingSchema, MAX_INCOMING_BYTES);
    if (!read.ok) {
      log.log('warn', 'hub frame refused', { code: read.error.code, detail: read.error.message });
      return;
    }
    const frame = read.frame;
    if (frame.type === 'events' || frame.type === 'event') {
      // The intake skips measuring each event when the whole frame is within one event's bound.
      const frameBytes = Buffer.byteLength(text);
      if ('through' in frame) inOrder(ws, () => onEventsPage(frame, ws, frameBytes));
      else inOrder(ws, () => onLiveEvent(frame, frameBytes));
      return;
    }
    onFrame(frame, ws);
  });

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
      if (!closed) transport.reconnectNow();
    },
    close() {
      closed = true;
      transport.close();
    },
    cursor: () => cursor,
  };
}
