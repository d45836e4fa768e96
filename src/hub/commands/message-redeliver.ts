import { err, ok } from '../../shared/result';
import type { Message } from '../../shared/domain/message';
import { ownConversation } from './command-guards';
import { defineHandler, type Guard } from './command-handler';
import type { CommandOf } from './command-handler';

/** A reply in a conversation the agent may act on (assigned to them, or they supervise). */
const ownReply: Guard<CommandOf<'message.redeliver'>, Message> = (ctx, command) => {
  const message = ctx.deps.store.message(command.messageId);
  if (!message) return err('not_found', 'no such message');
  const conversation = ownConversation(ctx, { conversationId: message.conversationId });
  if (!conversation.ok) return conversation.error.code === 'not_found' ? err('not_found', 'no such message') : conversation;
  return ok(message);
};

/** The agent tries a failed delivery again: it starts over with a full set of attempts. */
export const messageRedeliver = defineHandler('message.redeliver', {
  guard: ownReply,
  run: ({ deps }, _command, message) => deps.delivery.retry(message.id),
});
