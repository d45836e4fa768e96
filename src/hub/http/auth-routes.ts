import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../shared/log';
import { loginRequestSchema, type LoginResponse, type SipLoginCredentials } from '../../shared/protocol/hub-protocol';
import { describeZodError } from '../../shared/result';
import { toProfile } from '../agent-profile';
import type { PasswordHasher } from '../auth/passwords';
import type { Sessions } from '../auth/sessions';
import type { SignIn } from '../auth/sign-in';
import { sendError } from '../channels/channel-http';
import type { AgentRecord, HubStore, SessionRecord } from '../store/hub-store';
import { requireSession } from './auth-guard';

export interface AuthRouteDeps {
  store: HubStore;
  sessions: Sessions;
  signIn: SignIn;
  hasher: PasswordHasher;
  /** SIP credentials for an agent that expire no later than `notAfter`, when the hub is configured for telephony. */
  sipCredentials(agent: AgentRecord, notAfter: number): SipLoginCredentials | undefined;
  log: Logger;
}

const passwordChangeSchema = z.object({ current: z.string().min(1).max(256), next: z.string().min(12, 'at least 12 characters').max(256) });
const agentParam = z.object({ id: z.string().min(1).max(100) });

/** Sign-in, refresh, sign-out, password change, and disabling an account: the session's whole life. */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const { store, sessions, log } = deps;

  const loginResponse = async (agent: AgentRecord, session: SessionRecord): Promise<LoginResponse> => {
    const { token, expiresAt } = await sessions.issue(agent, session);
    const sip = deps.sipCredentials(agent, session.expiresAt);
    return { token, expiresAt, agent: toProfile(agent), ...(sip ? { sip } : {}) };
  };
  const refused = (reply: Parameters<typeof sendError>[0], outcome: { error: { code: string; message: string }; retryAfterMs?: number }) => {
    if (outcome.error.code === 'rate_limited') {
      void reply.header('retry-after', String(Math.ceil((outcome.retryAfterMs ?? 1000) / 1000)));
      return sendError(reply, 'rate_limited', outcome.error.message);
    }
    return sendError(reply, 'unauthenticated', outcome.error.message);
  };

  app.post('/api/login', async (req, reply) => {
    const body = loginRequestSchema.safeParse(req.body);
    if (!body.success) return sendError(reply, 'invalid_argument', describeZodError(body.error));
    const checked = await deps.signIn.check(body.data.username, body.data.password, req.ip);
    // Never the name itself in the log: people type their password into it.
    if (!checked.ok) {
      log.log('warn', 'login refused', { code: checked.error.code });
      return refused(reply, checked);
    }
    log.log('info', 'login', { agent: checked.value.id });
    return loginResponse(checked.value, sessions.start(checked.value));
  });

  app.post('/api/refresh', async (req, reply) => {
    const found = await requireSession(req, reply, deps);
    if (!found) return reply;
    return loginResponse(found.agent, found.session);
  });

  app.post('/api/logout', async (req, reply) => {
    const found = await requireSession(req, reply, deps);
    if (!found) return reply;
    sessions.revoke(found.session, 'signed_out');
    log.log('info', 'signed out', { agent: found.agent.id });
    return reply.status(204).send();
  });

  app.post('/api/password', async (req, reply) => {
    const found = await requireSession(req, reply, deps);
    if (!found) return reply;
    const body = passwordChangeSchema.safeParse(req.body);
    if (!body.success) return sendError(reply, 'invalid_argument', describeZodError(body.error));
    // The current password goes through the same back-off as a sign-in: a stolen token cannot guess it freely.
    const checked = await deps.signIn.check(found.agent.username, body.data.current, req.ip);
    if (!checked.ok) return refused(reply, checked);
    store.setAgentPassword(found.agent.id, await deps.hasher.hash(body.data.next));
    sessions.revokeAgent(found.agent.id, 'password_changed');
    log.log('info', 'password changed: every session of the agent ended', { agent: found.agent.id });
    return loginResponse(found.agent, sessions.start(found.agent));
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/api/agents/:id/${action}`, async (req, reply) => {
      const found = await requireSession(req, reply, deps, ['admin']);
      if (!found) return reply;
      const params = agentParam.safeParse(req.params);
      const target = params.success ? store.agent(params.data.id) : null;
      if (!target) return sendError(reply, 'not_found', 'no such agent');
      if (disabled && target.id === found.agent.id) return sendError(reply, 'conflict', 'an admin cannot disable their own account');
      store.setAgentDisabled(target.id, disabled ? Date.now() : null);
      if (disabled) sessions.revokeAgent(target.id, 'disabled');
      log.log('info', disabled ? 'account disabled' : 'account enabled', { agent: target.id, by: found.agent.id });
      return reply.status(204).send();
    });
  }
}
