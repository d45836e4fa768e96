import type { Attachment } from '../shared/domain/message';
import type { Logger } from '../shared/log';
import type { HubCommand } from '../shared/protocol/hub-protocol';
import { err, ok, type Result } from '../shared/result';
import type { AgentStates } from './agent-states';
import type { ConversationService } from './conversation-service';
import type { CrmAdapter } from './crm/crm-adapter';
import type { MergeService } from './identity/merge-service';
import { contactPriority } from './routing/priority';
import type { Router } from './routing/router';
import type { AgentRecord, HubStore } from './store/hub-store';
import { canActOn, canSeeConversation, canSeeCustomer } from './visibility';
import { summarizeConversation } from './insights/conversation-summaries';
import type { Presence } from './presence';

export interface CommandDeps {
  store: HubStore;
  router: Router;
  conversations: ConversationService;
  agentStates: AgentStates;
  merges: MergeService;
  crm: CrmAdapter;
  presence: Presence;
  /** Agent uploads by id, checked to belong to the agent. */
  agentAttachments(agentId: string, ids: string[]): Result<Attachment[]>;
  log: Logger;
  /** Feeds a voice sentiment sample to supervision's live sentiment (bound late: supervision is built after commands). */
  voiceSentiment?(conversationId: string, score: number): void;
  now?: () => number;
}

const applyTags = (tags: string[], add: string[], remove: string[]): string[] =>
  [...new Set([...tags, ...add])].filter((t) => !remove.includes(t));

/** Runs one agent command after the gateway checked its shape; every branch checks role and ownership itself. */
export function createCommandExecutor(deps: CommandDeps) {
  const { store, router, conversations, agentStates, merges } = deps;
  const now = deps.now ?? Date.now;

  function visibleConversation(agent: AgentRecord, id: string, act: boolean) {
    const conversation = store.conversation(id);
    if (!conversation || !canSeeConversation(agent, conversation)) return err<never>('not_found', 'no such conversation');
    if (act && !canActOn(agent, conversation)) return err<never>('permission_denied', 'this conversation is not assigned to you');
    return ok(conversation);
  }

  /** The voice conversation behind a SIP Call-ID; only the agent it is assigned to reports on it. */
  function callOf(agent: AgentRecord, sipCallId: string) {
    const conversation = store.conversationByCallId(sipCallId);
    if (!conversation || !canSeeConversation(agent, conversation)) return err<never>('not_found', 'no such call');
    if (conversation.assigneeId !== agent.id) return err<never>('permission_denied', 'this call is not assigned to you');
    return ok(conversation);
  }

  function suggestionFor(agent: AgentRecord, id: string) {
    const suggestion = store.suggestion(id);
    if (!suggestion || !(canSeeCustomer(agent, suggestion.customerId, store) || canSeeCustomer(agent, suggestion.candidateId, store))) {
      return err<never>('not_found', 'no such merge suggestion');
    }
    if (suggestion.status !== 'open') return err<never>('conflict', 'this suggestion was already handled');
    return ok(suggestion);
  }

  async function execute(agentId: string, command: HubCommand, key: string): Promise<Result<unknown>> {
    const agent = store.agent(agentId);
    if (!agent) return err('unauthenticated', 'unknown agent');
    switch (command.kind) {
      case 'offer.accept':
        return router.accept(agentId, command.offerId);
      case 'offer.reject':
        return router.reject(agentId, command.offerId);
      case 'message.send': {
        const files = deps.agentAttachments(agentId, command.attachmentIds ?? []);
        if (!files.ok) return files;
        return conversations.reply(
          agentId,
          command.conversationId,
          { text: command.text, internal: command.internal, channel: command.channel, attachments: files.value },
          key,
        );
      }
      case 'agent.state':
        return agentStates.set(agentId, command.state, command.reason);
      case 'conversation.transfer': {
        const found = visibleConversation(agent, command.conversationId, true);
        if (!found.ok) return found;
        const conversation = found.value;
        if (conversation.status !== 'active') return err('conflict', 'only an answered conversation can be transferred');
        const at = now();
        if (command.target.kind === 'agent') {
          const target = store.agent(command.target.agentId);
          if (!target || !deps.presence.isOnline(target.id)) return err('unavailable', 'that agent is not signed in');
          if (target.id === agentId) return err('invalid_argument', 'the conversation is already yours');
          conversations.updateConversation({ ...conversation, assigneeId: target.id, updatedAt: at });
        } else {
          if (!store.queue(command.target.queue)) return err('not_found', 'no such queue');
          conversations.updateConversation({ ...conversation, status: 'queued', assigneeId: null, queue: command.target.queue, queuedAt: at, updatedAt: at });
        }
        const where = command.target.kind === 'agent' ? command.target.agentId : `queue ${command.target.queue}`;
        conversations.systemNote(conversation.id, `Transferred by ${agent.displayName} to ${where}${command.note ? `: ${command.note}` : ''}`);
        router.agentChanged(agentId);
        router.route();
        return ok({ conversationId: conversation.id });
      }
      case 'conversation.close': {
        const found = visibleConversation(agent, command.conversationId, true);
        if (!found.ok) return found;
        const conversation = found.value;
        const code = store.dispositions().find((d) => d.code === command.disposition && d.active);
        if (!code) return err('invalid_argument', 'unknown disposition code');
        if (conversation.status === 'closed' && conversation.disposition) return err('conflict', 'the conversation is already closed');
        const wasOpen = conversation.status !== 'closed';
        conversations.updateConversation({
          ...conversation,
          status: 'closed',
          closedAt: conversation.closedAt ?? now(),
          disposition: code.code,
          dispositionNote: command.note ?? null,
          // Summarised on the hub as it closes, so every desktop's timeline reads the same line.
          summary: summarizeConversation(store.messages(conversation.id)),
          updatedAt: now(),
        });
        const owner = conversation.assigneeId;
        if (owner && wasOpen) agentStates.startAfterCallWork(owner);
        else if (owner) agentStates.dispositionGiven(owner);
        return ok({ conversationId: conversation.id, disposition: code.code });
      }
      case 'conversation.tag': {
        const found = visibleConversation(agent, command.conversationId, false);
        if (!found.ok) return found;
        const tags = applyTags(found.value.tags, command.add, command.remove);
        const customer = store.customer(found.value.customerId);
        conversations.updateConversation({ ...found.value, tags, priority: contactPriority(customer, { tags }), updatedAt: now() });
        router.route();
        return ok({ tags });
      }
      case 'customer.tag': {
        const customer = merges.resolve(command.customerId);
        if (!customer || !canSeeCustomer(agent, customer.id, store)) return err('not_found', 'no such customer');
        const updated = { ...customer, tags: applyTags(customer.tags, command.add, command.remove) };
        store.transaction(() => {
          store.updateCustomer(updated);
          conversations.publish({ kind: 'customer.upserted', customer: updated });
          // A new VIP tag moves the customer's waiting contacts up at once.
          for (const c of store.customerConversations(customer.id, 50)) {
            if (c.status === 'queued') conversations.updateConversation({ ...c, priority: contactPriority(updated, c) });
          }
        });
        router.route();
        return ok({ tags: updated.tags });
      }
      case 'ticket.create': {
        const found = visibleConversation(agent, command.conversationId, false);
        if (!found.ok) return found;
        const ticket = await deps.crm.createTicket({
          customerId: found.value.customerId,
          conversationId: found.value.id,
          title: command.title,
          description: command.description,
          priority: command.priority,
          createdBy: agentId,
        });
        conversations.systemNote(found.value.id, `Ticket ${ticket.id} created: ${ticket.title}`);
        return ok(ticket);
      }
      case 'merge.accept': {
        const found = suggestionFor(agent, command.suggestionId);
        if (!found.ok) return found;
        const target = merges.resolve(found.value.customerId);
        const source = merges.resolve(found.value.candidateId);
        if (!target || !source) return err('not_found', 'no such customer');
        // The older record survives, as with automatic merges.
        const [keep, fold] = target.createdAt <= source.createdAt ? [target, source] : [source, target];
        const merged = merges.merge(keep.id, fold.id, agentId);
        if (merged.ok) store.setSuggestionStatus(found.value.id, 'accepted');
        return merged;
      }
      case 'merge.dismiss': {
        const found = suggestionFor(agent, command.suggestionId);
        if (!found.ok) return found;
        store.setSuggestionStatus(found.value.id, 'dismissed');
        return ok({ suggestionId: found.value.id });
      }
      case 'merge.undo': {
        const record = store.merge(command.mergeId);
        if (!record || !(canSeeCustomer(agent, record.targetId, store) || canSeeCustomer(agent, record.sourceId, store))) {
          return err('not_found', 'no such merge');
        }
        return merges.undo(record.id);
      }
      case 'conversation.takeover': {
        if (agent.role === 'agent') return err('permission_denied', 'only supervisors can take over a conversation');
        const conversation = store.conversation(command.conversationId);
        if (!conversation) return err('not_found', 'no such conversation');
        if (conversation.status === 'closed') return err('conflict', 'the conversation is closed');
        conversations.updateConversation({ ...conversation, status: 'active', assigneeId: agentId, updatedAt: now() });
        conversations.systemNote(conversation.id, `Taken over by ${agent.displayName}`);
        router.route();
        return ok({ conversationId: conversation.id });
      }
      case 'call.quality': {
        const found = callOf(agent, command.sipCallId);
        if (!found.ok) return found;
        const conversation = found.value;
        // Calls from before call records existed have none to keep it on.
        if (!conversation.call) return err('conflict', 'this call has no call record');
        conversations.updateConversation({ ...conversation, call: { ...conversation.call, quality: command.quality }, updatedAt: now() });
        return ok({ conversationId: conversation.id });
      }
      case 'call.sentiment': {
        const found = callOf(agent, command.sipCallId);
        if (!found.ok) return found;
        if (found.value.status === 'closed') return err('conflict', 'the call has ended');
        if (!deps.voiceSentiment) return err('unavailable', 'this hub does not track sentiment');
        deps.voiceSentiment(found.value.id, command.score);
        return ok({ conversationId: found.value.id });
      }
    }
  }

  return { execute };
}
export type CommandExecutor = ReturnType<typeof createCommandExecutor>;
