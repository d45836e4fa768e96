import { HUB_PROTOCOL_VERSION } from '../../shared/protocol/hub-protocol';
import { ok } from '../../shared/result';
import { supervisedConversation } from './command-guards';
import { defineHandler } from './command-handler';

/** The conversation becomes the supervisor's; the agent learns it from the conversation event. */
export const conversationTakeover = defineHandler('conversation.takeover', {
  guard: supervisedConversation,
  run({ deps, agent, origin }, _command, conversation) {
    const previous = conversation.assigneeId;
    const taken = deps.lifecycle.move(conversation.id, { kind: 'takeover', agentId: agent.id });
    if (!taken.ok) return taken;
    deps.conversations.systemNote(conversation.id, `Taken over by ${agent.displayName}`);
    // The console tells the agent itself; from the agent socket the agent learns it here, as from the console.
    if (origin === 'agent' && previous && previous !== agent.id && deps.presence.isOnline(previous)) {
      deps.presence.send(previous, {
        v: HUB_PROTOCOL_VERSION,
        type: 'supervision',
        notice: { kind: 'chat.taken_over', conversationId: conversation.id, supervisorId: agent.id, supervisorName: agent.displayName },
      });
    }
    deps.router.route();
    return ok({ conversationId: conversation.id });
  },
});
