import { supervisorContract, type SupervisorLinkState, type SupervisorSnapshot } from '../shared/contracts/supervisor-contract';
import type { AgentProfile } from '../shared/domain/agent';
import type { Logger } from '../shared/log';
import {
  MAX_SUPERVISOR_FRAME_BYTES,
  SUPERVISOR_PROTOCOL_VERSION,
  SUPERVISOR_WS_PATH,
  supervisorReplySchemas,
  supervisorServerFrameSchema,
  type SupervisionSession,
  type SupervisorAlert,
  type SupervisorClientFrameInput,
  type SupervisorRequestInput,
  type SupervisorRequestKind,
  type SupervisorReply,
  type SupervisorServerFrame,
  type Wallboard,
} from '../shared/protocol/supervisor-protocol';
import type { ContractEmitter, ContractImpl } from '../shared/rpc/contract';
import type { RpcServer } from '../shared/rpc/rpc-server';
import { describeZodError, err, ok, type Result } from '../shared/result';
import { readFrame } from '../shared/rpc/frame-guard';
import { createReconnectingSocket, type ReconnectingSocket } from '../shared/rpc/reconnecting-socket';
import { wsSocketFactory } from './ws-socket';

export interface SupervisorServiceDeps {
  /** The signed-in agent's hub and a fresh token: `() => session.hubAuth()` from AgentSession. */
  auth(): Promise<{ hubUrl: string; token: string } | null>;
  log: Logger;
  requestTimeoutMs?: number;
  /** How often the link pings the hub, and after how long without a word it counts as dead. */
  heartbeatMs?: number;
  deadAfterMs?: number;
}

/** Close codes after which retrying cannot help: bad token, or not a supervisor. */
const FINAL_CLOSE_CODES = [4401, 4403];
/** A whole wallboard with its queues and agents fits in one frame from the hub. */
const MAX_INCOMING_BYTES = 8 * 1024 * 1024;
const v = SUPERVISOR_PROTOCOL_VERSION;

/**
 * The host's link to the hub's /supervisor/ws, kept open while the console is open: it holds the
 * latest wallboard, alerts and sessions so a console that opens later starts from them, and it
 * reconnects with backoff unless the hub refused the account.
 */
export function createSupervisorLink(deps: SupervisorServiceDeps, emit: () => ContractEmitter<typeof supervisorContract> | null) {
  const { log } = deps;
  const timeoutMs = deps.requestTimeoutMs ?? 10_000;
  let link: SupervisorLinkState = { status: 'disconnected', detail: null };
  let supervisor: AgentProfile | null = null;
  let wallboard: Wallboard | null = null;
  let alerts: SupervisorAlert[] = [];
  const sessions = new Map<string, SupervisionSession>();
  /** The link while the console wants it; null once it is closed (or refused). */
  let transport: ReconnectingSocket | null = null;
  let opening: { promise: Promise<Result<SupervisorSnapshot>>; settle(result: Result<SupervisorSnapshot>): void } | null = null;
  /** The token the open socket signed in with or was last given. */
  let sentToken: string | null = null;
  let rid = 0;
  const pending = new Map<string, (frame: Extract<SupervisorServerFrame, { type: 'reply' }>['result']) => void>();

  const snapshot = (): SupervisorSnapshot => ({ link, supervisor, wallboard, alerts, sessions: [...sessions.values()] });
  const setLink = (status: SupervisorLinkState['status'], detail: string | null): void => {
    link = { status, detail };
    emit()?.('link', link);
  };
  const send = (frame: SupervisorClientFrameInput): boolean => transport?.send(JSON.stringify(frame)) ?? false;
  /** Answers whoever waits for the link to come up, once. */
  const welcomed = (result: Result<SupervisorSnapshot>): void => {
    opening?.settle(result);
    opening = null;
  };
  const upsertAlert = (alert: SupervisorAlert): void => {
    alerts = [alert, ...alerts.filter((a) => a.id !== alert.id)].sort((a, b) => b.at - a.at).slice(0, 200);
  };

  function onFrame(frame: SupervisorServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        supervisor = frame.supervisor;
        wallboard = frame.wallboard;
        alerts = frame.alerts;
        sessions.clear();
        frame.sessions.forEach((s) => sessions.set(s.id, s));
        transport?.accepted();
        setLink('online', null);
        emit()?.('wallboard', frame.wallboard);
        return welcomed(ok(snapshot()));
      case 'reply': {
        const resolve = pending.get(frame.rid);
        pending.delete(frame.rid);
        return resolve?.(frame.result);
      }
      case 'wallboard':
        wallboard = frame.wallboard;
        return emit()?.('wallboard', frame.wallboard);
      case 'alert':
        upsertAlert(frame.alert);
        return emit()?.('alert', frame.alert);
      case 'chat.message':
        return emit()?.('chatMessage', frame.message);
      case 'chat.conversation':
        return emit()?.('chatConversation', frame.conversation);
      case 'session':
        if (frame.session.endedAt === null) sessions.set(frame.session.id, frame.session);
        else sessions.delete(frame.session.id);
        return emit()?.('session', frame.session);
      case 'error':
        log.log('warn', 'supervisor link error', { code: frame.error.code, detail: frame.error.message });
        if (link.status !== 'online') welcomed(err(frame.error.code, frame.error.message));
        return;
      case 'pong':
        return;
    }
  }

  const failPending = (): void => {
    sentToken = null;
    pending.forEach((answer) => answer(err('unavailable', 'the supervisor link closed')));
    pending.clear();
  };

  /** Hands the open socket each refreshed token before the old one lapses (the hub closes the socket then). */
  const renewToken = (): void => {
    void deps.auth().then((fresh) => {
      if (!fresh || !sentToken || fresh.token === sentToken) return;
      if (send({ v, type: 'token', token: fresh.token })) sentToken = fresh.token;
    });
  };

  function open(): ReconnectingSocket {
    let helloToken: string | null = null;
    const socket = createReconnectingSocket({
      connect: wsSocketFactory(log, 'supervisor', { maxPayload: MAX_INCOMING_BYTES }),
      address: async () => {
        const auth = await deps.auth();
        if (!auth) return { wait: 'sign in first' };
        helloToken = auth.token;
        const url = new URL(SUPERVISOR_WS_PATH, auth.hubUrl);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        return { url: url.toString(), hello: JSON.stringify({ v, type: 'hello', token: auth.token } satisfies SupervisorClientFrameInput) };
      },
      heartbeat: {
        everyMs: deps.heartbeatMs ?? 2_000,
        deadAfterMs: deps.deadAfterMs ?? 7_000,
        ping: () => {
          renewToken();
          return JSON.stringify({ v, type: 'ping', nonce: Date.now() } satisfies SupervisorClientFrameInput);
        },
      },
      finalCodes: FINAL_CLOSE_CODES,
    });
    socket.onStatus((status) => {
      if (transport !== socket) return;
      switch (status.state) {
        case 'connecting':
          return;
        case 'open':
          sentToken = helloToken;
          return;
        case 'waiting':
          // Signed out: nothing to supervise with until someone signs in again.
          transport = null;
          socket.close();
          setLink('disconnected', status.detail);
          return welcomed(err('unauthenticated', status.detail));
        case 'down':
        case 'refused':
        case 'closed': {
          failPending();
          if (status.state === 'refused') {
            transport = null;
            const code = status.code === 4403 ? 'permission_denied' : 'unauthenticated';
            setLink('refused', code);
            return welcomed(err(code, 'the hub refused the supervisor console'));
          }
          welcomed(err('unavailable', 'the hub is not reachable'));
          if (status.state === 'down') setLink('connecting', 'reconnecting');
          return;
        }
      }
    });
    socket.onMessage((text) => {
      const read = readFrame(text, supervisorServerFrameSchema, MAX_INCOMING_BYTES);
      if (!read.ok) return log.log('warn', 'supervisor frame ignored', { code: read.error.code, detail: read.error.message });
      onFrame(read.frame);
    });
    return socket;
  }

  function connect(): Promise<Result<SupervisorSnapshot>> {
    if (link.status === 'online' && transport) return Promise.resolve(ok(snapshot()));
    if (opening) return opening.promise;
    let settle: (result: Result<SupervisorSnapshot>) => void = () => undefined;
    const promise = new Promise<Result<SupervisorSnapshot>>((resolve) => (settle = resolve));
    opening = { promise, settle };
    if (transport) transport.reconnectNow();
    else {
      setLink('connecting', null);
      transport = open();
    }
    return promise;
  }

  async function request<K extends SupervisorRequestKind>(request: SupervisorRequestInput & { kind: K }): Promise<Result<SupervisorReply<K>>> {
    const id = `h${++rid}`;
    const frame: SupervisorClientFrameInput = { v, type: 'request', rid: id, request };
    if (JSON.stringify(frame).length > MAX_SUPERVISOR_FRAME_BYTES) return err('frame_too_large', 'the request is too large');
    const answer = new Promise<Extract<SupervisorServerFrame, { type: 'reply' }>['result']>((resolve) => {
      pending.set(id, resolve);
      setTimeout(() => {
        if (pending.delete(id)) resolve(err('timeout', 'the hub did not answer in time'));
      }, timeoutMs).unref?.();
    });
    if (!send(frame)) {
      pending.delete(id);
      return err('unavailable', 'the supervisor console is not connected');
    }
    const result = await answer;
    if (!result.ok) return result;
    const checked = supervisorReplySchemas[request.kind].safeParse(result.value);
    if (!checked.success) {
      log.log('warn', 'supervisor reply refused: malformed', { kind: request.kind, detail: describeZodError(checked.error) });
      return err('malformed_frame', 'the hub sent an unexpected answer');
    }
    const value = checked.data as SupervisorReply<K>;
    if (request.kind === 'alert.ack') upsertAlert(value as SupervisorReply<'alert.ack'>);
    return ok(value);
  }

  return {
    connect,
    disconnect(): void {
      const t = transport;
      transport = null;
      t?.close();
      failPending();
      welcomed(err('unavailable', 'the supervisor console was closed'));
      setLink('disconnected', null);
    },
    snapshot,
    request,
  };
}

/** The supervisor contract over the link; returns a stop function for the shell. */
export function registerSupervisorService(server: RpcServer, deps: SupervisorServiceDeps): { stop(): void } {
  let emitter: ContractEmitter<typeof supervisorContract> | null = null;
  const link = createSupervisorLink(deps, () => emitter);
  const impl: ContractImpl<typeof supervisorContract> = {
    connect: () => link.connect(),
    disconnect: async () => {
      link.disconnect();
      return ok({});
    },
    snapshot: async () => ok(link.snapshot()),
    refreshWallboard: () => link.request({ kind: 'wallboard.refresh' }),
    acknowledgeAlert: ({ alertId }) => link.request({ kind: 'alert.ack', alertId }),
    openChat: ({ conversationId }) => link.request({ kind: 'chat.open', conversationId }),
    closeChat: ({ conversationId }) => link.request({ kind: 'chat.close', conversationId }),
    whisper: ({ conversationId, text }) => link.request({ kind: 'chat.whisper', conversationId, text }),
    takeOver: ({ conversationId }) => link.request({ kind: 'chat.takeover', conversationId }),
    startMonitoring: ({ target, mode }) => link.request({ kind: 'call.start', target, mode }),
    setMode: ({ sessionId, mode }) => link.request({ kind: 'call.mode', sessionId, mode }),
    endMonitoring: ({ sessionId }) => link.request({ kind: 'call.end', sessionId }),
    runReport: (query) => link.request({ kind: 'report.run', query }),
  };
  emitter = server.register(supervisorContract, impl);
  return { stop: () => link.disconnect() };
}
