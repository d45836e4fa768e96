import { err, ok } from '../../shared/result';
import { summarizeConversation } from '../insights/conversation-summaries';
import { ownConversation } from './command-guards';
import { defineHandler } from './command-handler';

/** Closes with a disposition, or gives the disposition an ended call still owes (after-call work). */
export const conversationClose = defineHandler('conversation.close', {
  guard: ownConversation,
  run({ deps }, command, conversation) {
    const code = deps.store.dispositions().find((d) => d.code === command.disposition && d.active);
    if (!code) return err('invalid_argument', 'unknown disposition code');
    if (conversation.status === 'closed') return err('conflict', 'the conversation is already closed');
    const closed = deps.lifecycle.move(conversation.id, {
      kind: 'close',
      disposition: code.code,
      dispositionNote: command.note ?? null,
      // Summarised on the hub as it closes, so every desktop's timeline reads the same line.
      amend: { summary: summarizeConversation(deps.store.messages(conversation.id)) },
    });
    if (!closed.ok) return closed;
    return ok({ conversationId: conversation.id, disposition: code.code });
  },
});
