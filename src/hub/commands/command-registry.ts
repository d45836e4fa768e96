import type { HubCommand } from '../../shared/protocol/hub-protocol';
import { err, type Result } from '../../shared/result';
import { agentState } from './agent-state';
import { callQuality, callRecording, callSentiment } from './call-handlers';
import type { CommandDeps, CommandHandler, CommandKind, CommandOf, CommandOrigin } from './command-handler';
import { auditSupervisorAction, supervisedTarget } from './supervisor-audit';
import { conversationClose } from './conversation-close';
import { conversationTakeover } from './conversation-takeover';
import { conversationTransfer } from './conversation-transfer';
import { mergeAccept, mergeDismiss, mergeUndo } from './merge-handlers';
import { messageRedeliver } from './message-redeliver';
import { messageSend } from './message-send';
import { offerAccept, offerReject } from './offer-handlers';
import { conversationTag, customerTag } from './tag-handlers';
import { ticketCreate } from './ticket-create';

/** One handler per command kind; the compiler insists every kind has one. */
const handlers: { [K in CommandKind]: CommandHandler<K> } = {
  'offer.accept': offerAccept,
  'offer.reject': offerReject,
  'message.send': messageSend,
  'message.redeliver': messageRedeliver,
  'agent.state': agentState,
  'conversation.transfer': conversationTransfer,
  'conversation.close': conversationClose,
  'conversation.tag': conversationTag,
  'customer.tag': customerTag,
  'ticket.create': ticketCreate,
  'merge.accept': mergeAccept,
  'merge.dismiss': mergeDismiss,
  'merge.undo': mergeUndo,
  'conversation.takeover': conversationTakeover,
  'call.quality': callQuality,
  'call.sentiment': callSentiment,
  'call.recording': callRecording,
};

export interface CommandExecutor {
  /** Runs one agent command after the gateway checked its shape: its guard first, then its work. */
  execute(agentId: string, command: HubCommand, key: string, origin?: CommandOrigin): Promise<Result<unknown>>;
  /** Whether a command's result is kept under its key, so a retry gets the first answer. */
  remembers(kind: CommandKind): boolean;
}

export function createCommandExecutor(deps: Omit<CommandDeps, 'now'> & { now?: () => number }): CommandExecutor {
  const full: CommandDeps = { ...deps, now: deps.now ?? Date.now };
  return {
    async execute(agentId, command, key, origin = 'agent') {
      const agent = full.store.agent(agentId);
      if (!agent) return err('unauthenticated', 'unknown agent');
      const handler = handlers[command.kind] as CommandHandler<typeof command.kind>;
      const ctx = { deps: full, agent, key, origin };
      const supervised = supervisedTarget(ctx, command);
      const result = await handler.execute(ctx, command as CommandOf<typeof command.kind>);
      if (supervised) auditSupervisorAction(ctx, command, supervised, result);
      return result;
    },
    remembers: (kind) => handlers[kind].remember,
  };
}
