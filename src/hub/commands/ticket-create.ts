import { ok } from '../../shared/result';
import { ownConversation } from './command-guards';
import { defineHandler } from './command-handler';

/** A ticket adds a note to the conversation: only its assignee (or a supervisor) opens one. */
export const ticketCreate = defineHandler('ticket.create', {
  guard: ownConversation,
  async run({ deps, agent }, command, conversation) {
    const ticket = await deps.crm.createTicket({
      customerId: conversation.customerId,
      conversationId: conversation.id,
      title: command.title,
      description: command.description,
      priority: command.priority,
      createdBy: agent.id,
    });
    deps.conversations.systemNote(conversation.id, `Ticket ${ticket.id} created: ${ticket.title}`);
    return ok(ticket);
  },
});
