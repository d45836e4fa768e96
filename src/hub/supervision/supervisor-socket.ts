import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import {
  MAX_SUPERVISOR_FRAME_BYTES,
  SUPERVISOR_PROTOCOL_VERSION,
  supervisorClientFrameSchema,
  type SupervisorClientFrame,
  type SupervisorServerFrameInput,
} from '../../shared/protocol/supervisor-protocol';
import { err, type ErrorCode, type Result } from '../../shared/result';
import { readFrame } from '../../shared/rpc/frame-guard';
import { toProfile } from '../agent-profile';
import { handleRequest } from './request-handlers';
import type { SupervisionCore, SupervisorConnection } from './supervision-core';
import { hubLimitsSchema } from '../http/limits';
import { guardSocket } from '../http/socket-guard';

const v = SUPERVISOR_PROTOCOL_VERSION;
const SUPERVISING_ROLES = new Set(['supervisor', 'admin']);

/** One supervisor console's socket: authenticate by the agent JWT, check the role, then serve requests. */
export function handleSupervisorSocket(socket: WebSocket, core: SupervisionCore): void {
  const { deps } = core;
  const log = deps.log;
  let connection: SupervisorConnection | null = null;
  let helloSeen = false;
  /** Requests run one after another, so a takeover and a whisper never interleave. */
  let queue: Promise<void> = Promise.resolve();
  const limits = deps.limits ?? hubLimitsSchema.parse({});
  const guard = guardSocket(socket, { limits, log, what: 'supervisor' });
  let pending = 0;

  const send = (frame: SupervisorServerFrameInput): void => void guard.send(JSON.stringify(frame));
  const fail = (code: ErrorCode, message: string): void => send({ v, type: 'error', error: { code, message } });
  const refuse = (code: ErrorCode, message: string, closeCode: number): void => {
    fail(code, message);
    socket.close(closeCode, code);
  };

  /** The token the socket signed in with, or the fresher one it sent since: every request re-checks it, and it lapses. */
  let token = '';
  let lapse: ReturnType<typeof setTimeout> | null = null;
  const expireAt = (expiresAt: number | undefined): void => {
    if (lapse) clearTimeout(lapse);
    if (expiresAt === undefined) return;
    lapse = setTimeout(() => refuse('unauthenticated', 'your sign-in expired', 4401), Math.max(0, Math.min(2 ** 31 - 1, expiresAt - Date.now())));
    lapse.unref();
  };

  async function renew(fresh: string): Promise<void> {
    const claims = await deps.verifyToken(fresh);
    if (!claims.ok || claims.value.sub !== connection?.supervisorId) return refuse('unauthenticated', claims.ok ? 'a token for someone else' : claims.error.message, 4401);
    token = fresh;
    expireAt(claims.value.expiresAt);
  }

  async function hello(helloToken: string): Promise<void> {
    const at = core.now();
    const claims = await deps.verifyToken(helloToken);
    if (!claims.ok) {
      log.log('warn', 'supervisor socket refused', { reason: claims.error.message });
      core.audit.record({ at, actorId: null, actorRole: null, action: 'connect', outcome: 'refused', detail: claims.error.message });
      return refuse('unauthenticated', claims.error.message, 4401);
    }
    const person = deps.store.agent(claims.value.sub);
    if (!person) {
      core.audit.record({ at, actorId: claims.value.sub, actorRole: claims.value.role, action: 'connect', outcome: 'refused', detail: 'unknown agent' });
      return refuse('unauthenticated', 'unknown agent', 4401);
    }
    // The stored role decides, not the token's: a supervisor demoted a minute ago is an agent now.
    if (!SUPERVISING_ROLES.has(person.role)) {
      log.log('warn', 'supervision refused: not a supervisor', { agent: person.id, role: person.role });
      core.audit.record({ at, actorId: person.id, actorRole: person.role, action: 'connect', outcome: 'refused', detail: 'role may not supervise' });
      return refuse('permission_denied', 'only supervisors and admins may supervise', 4403);
    }
    if (socket.readyState !== socket.OPEN) return;
    guard.signedIn();
    token = helloToken;
    expireAt(claims.value.expiresAt);
    connection = { id: randomUUID(), supervisorId: person.id, send, watching: new Set() };
    core.connections.add(connection);
    core.audit.record({ at, actorId: person.id, actorRole: person.role, action: 'connect', outcome: 'ok' });
    log.log('info', 'supervisor connected', { agent: person.id });
    send({ v, type: 'welcome', supervisor: toProfile(person), wallboard: core.wallboard(), alerts: core.alerts.list(), sessions: core.sessions.active() });
  }

  async function request(conn: SupervisorConnection, frame: Extract<SupervisorClientFrame, { type: 'request' }>): Promise<void> {
    // A session ended since (sign-out, password change, disabled account) ends the console's socket too.
    const still = await deps.verifyToken(token);
    if (!still.ok) return refuse('unauthenticated', still.error.message, 4401);
    const person = deps.store.agent(conn.supervisorId);
    let result: Result<unknown>;
    if (!person || !SUPERVISING_ROLES.has(person.role)) {
      log.log('warn', 'supervision request refused: not a supervisor', { agent: conn.supervisorId, kind: frame.request.kind });
      core.audit.record({ at: core.now(), actorId: conn.supervisorId, actorRole: person?.role ?? null, action: frame.request.kind, outcome: 'refused', detail: 'role may not supervise' });
      send({ v, type: 'reply', rid: frame.rid, result: err('permission_denied', 'only supervisors and admins may supervise') });
      socket.close(4403, 'permission_denied');
      return;
    }
    try {
      result = await handleRequest(core, conn, person, frame.rid, frame.request);
    } catch (cause) {
      log.log('error', 'supervision request failed', { kind: frame.request.kind, detail: cause instanceof Error ? cause.message : String(cause) });
      result = err('internal', 'the request failed');
    }
    if (!result.ok && result.error.code !== 'not_found') {
      core.audit.record({ at: core.now(), actorId: person.id, actorRole: person.role, action: frame.request.kind, outcome: 'failed', detail: result.error.code });
    }
    send({ v, type: 'reply', rid: frame.rid, result });
  }

  socket.on('message', (data, isBinary) => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    // Before sign-in, bad frames are counted (one summary line when the socket closes), not logged one by one.
    const refuse = (code: ErrorCode, message: string): void => {
      if (!guard.badFrame()) return;
      if (connection) log.log('warn', 'supervisor frame refused', { code });
      fail(code, message);
    };
    if (isBinary || size > MAX_SUPERVISOR_FRAME_BYTES) {
      return refuse(isBinary ? 'malformed_frame' : 'frame_too_large', isBinary ? 'binary frames are not accepted' : `frames are limited to ${MAX_SUPERVISOR_FRAME_BYTES} bytes`);
    }
    const read = readFrame(String(data), supervisorClientFrameSchema, MAX_SUPERVISOR_FRAME_BYTES);
    if (!read.ok) return refuse(read.error.code, read.error.message);
    const frame = read.frame;
    if (frame.type === 'ping') return send({ v, type: 'pong', nonce: frame.nonce });
    if (frame.type === 'token') {
      if (connection) void renew(frame.token);
      return;
    }
    if (frame.type === 'hello') {
      if (helloSeen) return fail('conflict', 'already signed in on this socket');
      helloSeen = true;
      void hello(frame.token);
      return;
    }
    const conn = connection;
    if (!conn) {
      if (guard.badFrame()) send({ v, type: 'reply', rid: frame.rid, result: err('unauthenticated', 'send hello first') });
      return;
    }
    if (pending >= limits.agentPendingCommands) return send({ v, type: 'reply', rid: frame.rid, result: err('rate_limited', 'too many requests waiting') });
    pending++;
    queue = queue
      .then(() => request(conn, frame))
      .finally(() => {
        pending--;
      });
  });

  socket.on('close', () => {
    if (lapse) clearTimeout(lapse);
    if (!connection) return;
    core.connections.delete(connection);
    core.sessions.endOwnedBy(connection.id, core.now());
    log.log('info', 'supervisor disconnected', { agent: connection.supervisorId });
  });
}
