import { randomUUID } from 'node:crypto';
import { sessionContract } from '../shared/contracts/session-contract';
import { workspaceContract, type WorkspaceMessage } from '../shared/contracts/workspace-contract';
import type { Logger } from '../shared/log';
import type { RpcServer } from '../shared/rpc/rpc-server';
import { err, ok } from '../shared/result';
import { AgentSession } from './agent-session';

export interface HostServicesConfig {
  hubUrl: string;
  dataDir: string;
}

export interface HostServices {
  /** Called by the shell when the machine wakes: reconnect at once instead of waiting out a backoff. */
  wake(): void;
  stop(): void;
}

/** The desktop's services, independent of how they are carried to the UI (Electron IPC or WebSocket). */
export function startHostServices(config: HostServicesConfig, server: RpcServer, log: Logger): HostServices {
  const emitSession: { fn: ReturnType<typeof server.register<typeof sessionContract>> | null } = { fn: null };
  const emitWorkspace: { fn: ReturnType<typeof server.register<typeof workspaceContract>> | null } = { fn: null };

  const session = new AgentSession(config.hubUrl, log, {
    connection: (state) => emitSession.fn?.('connection', state),
    agent: (agent) => emitSession.fn?.('agent', agent),
    conversation: (c) => emitWorkspace.fn?.('conversation', c),
    customer: (c) => emitWorkspace.fn?.('customer', c),
    message: (m) => emitWorkspace.fn?.('message', m),
    offer: (o) => emitWorkspace.fn?.('offer', o),
    offerRevoked: (offerId, reason) => emitWorkspace.fn?.('offerRevoked', { offerId, reason }),
  });

  emitSession.fn = server.register(sessionContract, {
    status: async () => ok({ connection: session.connection, agent: session.agent }),
    login: async ({ username, password }) => session.login(username, password),
    logout: async () => {
      session.logout();
      return ok({});
    },
  });

  emitWorkspace.fn = server.register(workspaceContract, {
    inbox: async () =>
      ok({ conversations: session.projection.conversations(), customers: session.projection.customers(), offers: [...session.projection.offers.values()] }),
    messages: async ({ conversationId }) => ok(session.projection.messages(conversationId)),
    acceptOffer: async ({ offerId }) => {
      const result = await session.command({ kind: 'offer.accept', offerId });
      if (!result.ok) return result;
      session.projection.offers.delete(offerId);
      return ok({});
    },
    rejectOffer: async ({ offerId }) => {
      const result = await session.command({ kind: 'offer.reject', offerId });
      if (!result.ok) return result;
      session.projection.offers.delete(offerId);
      return ok({});
    },
    sendMessage: async ({ conversationId, text, internal }) => {
      const agent = session.agent;
      if (!agent) return err('unauthenticated', 'sign in first');
      const key = randomUUID();
      const conversation = session.projection.conversations().find((c) => c.id === conversationId);
      const local: WorkspaceMessage = {
        id: `local_${key}`,
        conversationId,
        channel: conversation?.channel ?? 'widget',
        direction: 'out',
        authorKind: 'agent',
        authorId: agent.id,
        text,
        attachments: [],
        internal,
        key: `${agent.id}:${key}`,
        createdAt: Date.now(),
        delivery: 'pending',
      };
      session.projection.upsertLocalMessage(local);
      emitWorkspace.fn?.('message', local);
      const result = await session.command({ kind: 'message.send', conversationId, text, internal }, key);
      const settled: WorkspaceMessage = { ...local, delivery: result.ok ? 'sent' : 'failed' };
      if (!result.ok) {
        session.projection.upsertLocalMessage(settled);
        emitWorkspace.fn?.('message', settled);
        return result;
      }
      return ok(settled);
    },
    setState: async ({ state, reason }) => {
      const result = await session.command({ kind: 'agent.state', state, reason });
      return result.ok ? ok({}) : result;
    },
  });

  return {
    wake: () => session.wake(),
    stop: () => session.logout(),
  };
}
