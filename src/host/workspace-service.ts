import { randomUUID } from 'node:crypto';
import { workspaceContract, type WorkspaceMessage } from '../shared/contracts/workspace-contract';
import type { ContractEmitter, ContractImpl } from '../shared/rpc/contract';
import { err, ok } from '../shared/result';
import type { AgentSession } from './agent-session';

/** The agent's inbox, conversations and offers, answered from what the session has synced. */
export function workspaceService(
  session: AgentSession,
  emit: () => ContractEmitter<typeof workspaceContract> | null,
): ContractImpl<typeof workspaceContract> {
  return {
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
      emit()?.('message', local);
      const result = await session.command({ kind: 'message.send', conversationId, text, internal }, key);
      const settled: WorkspaceMessage = { ...local, delivery: result.ok ? 'sent' : 'failed' };
      if (!result.ok) {
        session.projection.upsertLocalMessage(settled);
        emit()?.('message', settled);
        return result;
      }
      return ok(settled);
    },
    setState: async ({ state, reason }) => {
      const result = await session.command({ kind: 'agent.state', state, reason });
      return result.ok ? ok({}) : result;
    },
  };
}
