import { sessionContract } from '../shared/contracts/session-contract';
import type { ContractImpl } from '../shared/rpc/contract';
import { ok } from '../shared/result';
import type { AgentSession } from './agent-session';

/** Signing in and out, and the state of the link to the hub. */
export function sessionService(session: AgentSession): ContractImpl<typeof sessionContract> {
  return {
    status: async () => {
      // At start the cached account is being opened in the cache thread: answer with it, not with "signed out".
      await session.started();
      return ok({ connection: session.connection, agent: session.agent });
    },
    login: async ({ username, password }) => session.login(username, password),
    sipCredentials: async () => session.sipCredentials(),
    logout: async () => {
      session.logout();
      return ok({});
    },
  };
}
