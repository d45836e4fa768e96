import WebSocket from 'ws';
import type { AgentProfile } from '../shared/domain/agent';
import type { Offer } from '../shared/domain/offer';
import type { Logger } from '../shared/log';
import type { HubEvent } from '../shared/protocol/hub-events';
import {
  HUB_PROTOCOL_VERSION,
  MAX_HUB_FRAME_BYTES,
  SYNC_PAGE_LIMIT,
  serverFrameSchema,
  type ClientFrameInput,
  type HubCommandInput,
  type HubServerFrame,
} from '../shared/protocol/hub-protocol';
import { describeZodError, err, type Result } from '../shared/result';
import { backoffDelay } from './backoff';

export type HubLinkStatus = 'connecting' | 'online' | 'offline' | 'closed';

export interface HubClientEvents {
  status(status: HubLinkStatus, detail: string | null): void;
  /** Stored events, strictly in sequence order, each exactly once. */
  events(events: HubEvent[], progress: { cursor: number; head: number }): void;
  agent(agent: AgentProfile): void;
  offer(offer: Offer): void;
  offerRevoked(offerId: string, reason: string): void;
  /** The hub ended the session (signed in elsewhere, or the token is no longer valid). */
  ended(reason: string): void;
}

export interface HubClientOptions {
  hubUrl: string;
  getToken(): Promise<string | null>;
  cursor: number;
  log: Logger;
  handlers: HubClientEvents;
  heartbeatMs?: number;
  deadAfterMs?: number;
}

export interface HubClient {
  command(key: string, command: HubCommandInput): Promise<Result<unknown>>;
  /** Drops the socket and reconnects now, e.g. after the machine wakes. */
  reconnectNow(): void;
  close(): void;
  cursor(): number;
}

/**
 * The desktop's link to the hub: cursor sync on every connect, live events applied in order
 * (a gap triggers a catch-up), heartbeats that notice a dead socket, and jittered reconnects.
 */
export function createHubClient(options: HubClientOptions): HubClient {
  const { log, handlers } = options;
  const heartbeatMs = options.heartbeatMs ?? 4_000;
  const deadAfterMs = options.deadAfterMs ?? 9_000;
  let cursor = options.cursor;
  let socket: WebSocket | null = null;
  let closed = false;
  let attempt = 0;
  let syncing = false;
  let lastHeard = Date.now();
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<string, (result: Result<unknown>) => void>();

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

  const requestSync = (): void => {
    syncing = true;
    send({ v: HUB_PROTOCOL_VERSION, type: 'sync', after: cursor, limit: SYNC_PAGE_LIMIT });
  };

  function apply(events: HubEvent[], head: number): void {
    const fresh = events.filter((e) => e.seq > cursor).sort((a, b) => a.seq - b.seq);
    if (fresh.length === 0) return;
    cursor = fresh.at(-1)?.seq ?? cursor;
    handlers.events(fresh, { cursor, head: Math.max(head, cursor) });
  }

  function onFrame(frame: HubServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        attempt = 0;
        handlers.agent(frame.agent);
        handlers.status('online', null);
        requestSync();
        return;
      case 'events': {
        apply(frame.events, frame.headSeq);
        // Events the agent may not see are filtered out of a page, so the page's end moves the cursor too.
        cursor = Math.max(cursor, frame.through);
        if (frame.more) requestSync();
        else syncing = false;
        return;
      }
      case 'event':
        if (syncing) return; // the running catch-up will include it
        if (frame.event.seq <= cursor) return;
        // Live events skip seqs the agent may not see; only a catch-up can tell a real gap from those.
        if (frame.event.seq !== cursor + 1) requestSync();
        else apply([frame.event], frame.event.seq);
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
      stopHeartbeat();
      heartbeat = setInterval(() => {
        if (Date.now() - lastHeard > deadAfterMs) {
          log.log('warn', 'hub socket silent: dropping it');
          ws.terminate();
          return;
        }
        send({ v: HUB_PROTOCOL_VERSION, type: 'ping', nonce: Date.now() });
      }, heartbeatMs);
    });
    ws.on('message', (data) => {
      lastHeard = Date.now();
      let json: unknown;
      try {
        json = JSON.parse(String(data));
      } catch {
        log.log('warn', 'hub frame refused: not JSON');
        return;
      }
      const parsed = serverFrameSchema.safeParse(json);
      if (!parsed.success) {
        log.log('warn', 'hub frame refused: malformed', { detail: describeZodError(parsed.error) });
        return;
      }
      onFrame(parsed.data);
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
        pending.set(key, resolve);
      });
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
