import type { Conversation } from '../../shared/domain/conversation';
import { seesEverything } from '../../shared/domain/visibility';
import type { HubCommand } from '../../shared/protocol/hub-protocol';
import type { Result } from '../../shared/result';
import type { CommandContext } from './command-handler';

/** What a supervisor's command on someone else's conversation is called in the audit log. */
function auditAction(command: HubCommand): string {
  switch (command.kind) {
    case 'conversation.takeover':
      return 'chat.takeover';
    case 'message.send':
      return command.internal ? 'chat.note' : 'chat.reply';
    default:
      return command.kind;
  }
}

/**
 * The conversation a supervisor's command touches when it is not (yet) theirs: every such action is
 * audited whichever socket it came through. The console audits its own requests, so only the agent
 * socket's are recorded here.
 */
export function supervisedTarget(ctx: CommandContext, command: HubCommand): Conversation | null {
  if (ctx.origin !== 'agent' || !seesEverything(ctx.agent) || !('conversationId' in command)) return null;
  const conversation = ctx.deps.store.conversation(command.conversationId);
  if (!conversation) return null;
  return command.kind === 'conversation.takeover' || conversation.assigneeId !== ctx.agent.id ? conversation : null;
}

export function auditSupervisorAction(ctx: CommandContext, command: HubCommand, target: Conversation, result: Result<unknown>): void {
  ctx.deps.audit?.({
    at: ctx.deps.now(),
    actorId: ctx.agent.id,
    actorRole: ctx.agent.role,
    action: auditAction(command),
    outcome: result.ok ? 'ok' : 'failed',
    conversationId: target.id,
    // Who had it, and where it came from; never the text.
    detail: `agent socket; assignee ${target.assigneeId ?? 'none'}${result.ok ? '' : `; ${result.error.code}`}`,
  });
}
