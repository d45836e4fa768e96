import { ok } from '../../shared/result';
import { supervisedConversation } from './command-guards';
import { defineHandler } from './command-handler';

/** The conversation becomes the supervisor's; the agent learns it from the conversation event. */
export const conversationTakeover = defineHandler('conversation.takeover', {
  guard: supervisedConversation,
  run({ deps, agent }, _command, conversation) {
    const taken = deps.lifecycle.move(conversation.id, { kind: 'takeover', agentId: agent.id });
    if (!taken.ok) return taken;
    deps.conversations.systemNote(conversation.id, `Taken over by ${agent.displayName}`);
    deps.router.route();
    return ok({ conversationId: conversation.id });
  },
});
