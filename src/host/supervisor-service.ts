import WebSocket from 'ws';
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
import { backoffDelay } from './backoff';

export interface SupervisorServiceDeps {
  /** The signed-in agent's hub and a fresh token: `() => session.hubAuth()` from AgentSession. */
  auth(): Promise<{ hubUrl: string; token: string } | null>;
  log: Logger;
  requestTimeoutMs?: number;
}

/** How often an open console asks the session for a fresher token (refreshed a minute before the old one lapses). */
const TOKEN_RENEW_CHECK_MS = 15_000;

/** Close codes after which retrying cannot help: bad token, or not a supervisor. */
const FINAL_CLOSE_CODES = new Set([4401, 4403]);
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
  let socket: WebSocket | null = null;
  let wanted = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let opening: Promise<Result<SupervisorSnapshot>> | null = null;
  let rid = 0;
  const pending = new Map<string, (frame: Extract<SupervisorServerFrame, { type: 'reply' }>['result']) => void>();

  const snapshot = (): SupervisorSnapshot => ({ link, supervisor, wallboard, alerts, sessions: [...sessions.values()] });
  const setLink = (status: SupervisorLinkState['status'], detail: string | null): void => {
    link = { status, detail };
    emit()?.('link', link);
  };
  const send = (frame: SupervisorClientFrameInput): boolean => {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  };
  const upsertAlert = (alert: SupervisorAlert): void => {
    alerts = [alert, ...alerts.filter((a) => a.id !== alert.id)].sort((a, b) => b.at - a.at).slice(0, 200);
  };

  function onFrame(frame: SupervisorServerFrame, welcomed: (result: Result<SupervisorSnapshot>) => void): void {
    switch (frame.type) {
      case 'welcome':
        supervisor = frame.supervisor;
        wallboard = frame.wallboard;
        alerts = frame.alerts;
        sessions.clear();
        frame.sessions.forEach((s) => sessions.set(s.id, s));
        attempt = 0;
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

  function open(): Promise<Result<SupervisorSnapshot>> {
    return new Promise((resolve) => {
      let settled = false;
      const welcomed = (result: Result<SupervisorSnapshot>): void => {
        if (!settled) resolve(result);
        settled = true;
      };
      setLink('connecting', null);
      void deps.auth().then((auth) => {
        if (!auth) {
          setLink('disconnected', 'sign in first');
          return welcomed(err('unauthenticated', 'sign in first'));
        }
        const url = new URL(SUPERVISOR_WS_PATH, auth.hubUrl);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        const ws = new WebSocket(url, { maxPayload: 8 * 1024 * 1024 });
        socket = ws;
        // The hub closes the socket when its token lapses: hand it each refreshed token before then.
        let sentToken = auth.token;
        const renewal = setInterval(() => {
          void deps.auth().then((fresh) => {
            if (!fresh || fresh.token === sentToken || socket !== ws) return;
            sentToken = fresh.token;
            send({ v, type: 'token', token: fresh.token });
          });
        }, TOKEN_RENEW_CHECK_MS);
        renewal.unref?.();
        ws.on('open', () => send({ v, type: 'hello', token: auth.token }));
        ws.on('message', (data) => {
          let parsed;
          try {
            parsed = supervisorServerFrameSchema.safeParse(JSON.parse(String(data)));
          } catch {
            return log.log('warn', 'supervisor frame ignored: not JSON');
          }
          if (!parsed.success) return log.log('warn', 'supervisor frame ignored: malformed', { detail: describeZodError(parsed.error) });
          onFrame(parsed.data, welcomed);
        });
        ws.on('error', (cause) => log.log('warn', 'supervisor link failed', { detail: cause.message }));
        ws.on('close', (code) => {
          clearInterval(renewal);
          if (socket === ws) socket = null;
          pending.forEach((answer) => answer(err('unavailable', 'the supervisor link closed')));
          pending.clear();
          if (FINAL_CLOSE_CODES.has(code)) {
            wanted = false;
            setLink('refused', code === 4403 ? 'permission_denied' : 'unauthenticated');
            return welcomed(err(code === 4403 ? 'permission_denied' : 'unauthenticated', 'the hub refused the supervisor console'));
          }
          welcomed(err('unavailable', 'the hub is not reachable'));
          if (!wanted) return setLink('disconnected', null);
          setLink('connecting', 'reconnecting');
          retry = setTimeout(() => void connect(), backoffDelay(attempt++));
        });
      });
    });
  }

  function connect(): Promise<Result<SupervisorSnapshot>> {
    wanted = true;
    if (retry) clearTimeout(retry);
    retry = null;
    if (link.status === 'online' && socket) return Promise.resolve(ok(snapshot()));
    opening ??= open().finally(() => (opening = null));
    return opening;
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
      wanted = false;
      if (retry) clearTimeout(retry);
      retry = null;
      socket?.close(1000, 'closed');
      socket = null;
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
