import { anyone } from './command-guards';
import { defineHandler } from './command-handler';

/** The conversation service checks the reply (assignee, open, reachable customer) as every writer of replies must. */
export const messageSend = defineHandler('message.send', {
  guard: anyone,
  run({ deps, agent, key }, command) {
    const files = deps.agentAttachments(agent.id, command.attachmentIds ?? []);
    if (!files.ok) return files;
    return deps.conversations.reply(
      agent.id,
      command.conversationId,
      { text: command.text, internal: command.internal, channel: command.channel, attachments: files.value },
      key,
    );
  },
});
