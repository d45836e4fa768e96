import type { draftsContract } from '../shared/contracts/drafts-contract';
import type { ContractImpl } from '../shared/rpc/contract';
import type { AgentSession } from './agent-session';

export function draftsService(session: AgentSession): ContractImpl<typeof draftsContract> {
  return {
    get: async ({ conversationId }) => session.draft(conversationId),
    save: async (draft) => session.saveDraft(draft),
  };
}
