import type { Conversation } from '../../shared/domain/conversation';
import { VIP_TAG, type Customer } from '../../shared/domain/customer';
import type { MergeSuggestion } from '../../shared/domain/merge';
import { canActOn, canSeeConversation, seesEverything } from '../../shared/domain/visibility';
import { err, ok } from '../../shared/result';
import type { MergeRecord } from '../store/hub-store';
import { canSeeCustomer } from '../visibility';
import type { CommandContext, Guard } from './command-handler';

/**
 * Every permission rule of the agent commands, in one place. A conversation the agent may not see
 * is answered as not found (its existence is not theirs to learn); one they see but may not act on,
 * as permission denied.
 */
export const anyone: Guard<unknown, null> = () => ok(null);

export const supervisorsOnly: Guard<unknown, null> = ({ agent }) =>
  seesEverything(agent) ? ok(null) : err('permission_denied', 'only supervisors can do that');

function conversationFor(ctx: CommandContext, id: string, act: boolean) {
  const conversation = ctx.deps.store.conversation(id);
  if (!conversation || !canSeeConversation(ctx.agent, conversation)) return err<never>('not_found', 'no such conversation');
  if (act && !canActOn(ctx.agent, conversation)) return err<never>('permission_denied', 'this conversation is not assigned to you');
  return ok<Conversation>(conversation);
}

/** The conversation, if the agent sees it. */
export const seenConversation: Guard<{ conversationId: string }, Conversation> = (ctx, c) => conversationFor(ctx, c.conversationId, false);

/** The conversation, if it is the agent's to act on (assigned to them, or they supervise). */
export const ownConversation: Guard<{ conversationId: string }, Conversation> = (ctx, c) => conversationFor(ctx, c.conversationId, true);

/** Any conversation, for a supervisor. */
export const supervisedConversation: Guard<{ conversationId: string }, Conversation> = (ctx, c) => {
  const allowed = supervisorsOnly(ctx, c);
  if (!allowed.ok) return allowed;
  const conversation = ctx.deps.store.conversation(c.conversationId);
  return conversation ? ok(conversation) : err('not_found', 'no such conversation');
};

/** The voice conversation behind a SIP Call-ID; only the agent it is assigned to reports on it. */
export const ownCall: Guard<{ sipCallId: string }, Conversation> = (ctx, c) => {
  const conversation = ctx.deps.store.conversationByCallId(c.sipCallId);
  if (!conversation || !canSeeConversation(ctx.agent, conversation)) return err('not_found', 'no such call');
  if (conversation.assigneeId !== ctx.agent.id) return err('permission_denied', 'this call is not assigned to you');
  return ok(conversation);
};

export const seenCustomer: Guard<{ customerId: string }, Customer> = (ctx, c) => {
  const customer = ctx.deps.merges.resolve(c.customerId);
  if (!customer || !canSeeCustomer(ctx.agent, customer.id, ctx.deps.store)) return err('not_found', 'no such customer');
  return ok(customer);
};

/**
 * A customer the agent sees; a change to the VIP tag, which moves all their waiting contacts up, also needs a
 * conversation of theirs assigned to the agent (or a supervisor).
 */
export const taggableCustomer: Guard<{ customerId: string; add: string[]; remove: string[] }, Customer> = (ctx, c) => {
  const seen = seenCustomer(ctx, c);
  if (!seen.ok || seesEverything(ctx.agent) || ![...c.add, ...c.remove].includes(VIP_TAG)) return seen;
  const own = ctx.deps.store.customerConversations(seen.value.id, 50).some((conversation) => conversation.assigneeId === ctx.agent.id && conversation.status !== 'closed');
  return own ? seen : err('permission_denied', 'only a supervisor, or the agent serving this customer, changes the VIP tag');
};

/** An open merge suggestion about a customer the agent sees. */
export const openSuggestion: Guard<{ suggestionId: string }, MergeSuggestion> = (ctx, c) => {
  const { store } = ctx.deps;
  const suggestion = store.suggestion(c.suggestionId);
  if (!suggestion || !(canSeeCustomer(ctx.agent, suggestion.customerId, store) || canSeeCustomer(ctx.agent, suggestion.candidateId, store))) {
    return err('not_found', 'no such merge suggestion');
  }
  if (suggestion.status !== 'open') return err('conflict', 'this suggestion was already handled');
  return ok(suggestion);
};

export const seenMerge: Guard<{ mergeId: string }, MergeRecord> = (ctx, c) => {
  const { store } = ctx.deps;
  const record = store.merge(c.mergeId);
  if (!record || !(canSeeCustomer(ctx.agent, record.targetId, store) || canSeeCustomer(ctx.agent, record.sourceId, store))) {
    return err('not_found', 'no such merge');
  }
  return ok(record);
};
