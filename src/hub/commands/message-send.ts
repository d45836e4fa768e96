import { anyone } from './command-guards';
import { defineHandler } from './command-handler';

/** The conversation service checks the reply (assignee, open, reachable customer) as every writer of replies must. */
export const messageSend = defineHandler('message.send', {
  guard: anyone,
  run({ deps, agent, key }, command) {
    const files = deps.agentAttachments(agent.id, command.attachmentIds ?? []);
    if (!files.ok) return files;
    const sent = deps.conversations.reply(
      agent.id,
      command.conversationId,
      { text: command.text, internal: command.internal, channel: command.channel, attachments: files.value },
      key,
    );
    // The composer warned first; a reply that goes out anyway is allowed, and supervisors hear of it.
    if (sent.ok && !command.internal) {
      const findings = deps.compliance?.check(command.text) ?? [];
      if (findings.length > 0) {
        deps.log.log('warn', 'reply sent despite a compliance warning', { conversation: command.conversationId, agent: agent.id, kinds: findings.map((f) => f.kind).join(',') });
        deps.complianceAlert?.(command.conversationId, agent.id, findings);
      }
    }
    return sent;
  },
});
