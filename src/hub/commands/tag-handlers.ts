import { ok } from '../../shared/result';
import { contactPriority } from '../routing/priority';
import { ownConversation, taggableCustomer } from './command-guards';
import { defineHandler } from './command-handler';

const applyTags = (tags: string[], add: string[], remove: string[]): string[] => [...new Set([...tags, ...add])].filter((t) => !remove.includes(t));

/** Tags can raise a contact's priority (a VIP tag), so a tagged waiting contact is routed anew. */
/** Only the assignee (or a supervisor) tags: a tag re-prioritises a waiting contact. */
export const conversationTag = defineHandler('conversation.tag', {
  guard: ownConversation,
  run({ deps }, command, conversation) {
    const customer = deps.store.customer(conversation.customerId);
    const tagged = deps.lifecycle.amend(conversation.id, (current) => {
      const tags = applyTags(current.tags, command.add, command.remove);
      return { tags, priority: contactPriority(customer, { tags }) };
    });
    if (!tagged.ok) return tagged;
    deps.router.route();
    return ok({ tags: tagged.value.tags });
  },
});

export const customerTag = defineHandler('customer.tag', {
  guard: taggableCustomer,
  run({ deps }, command, customer) {
    const { store, lifecycle } = deps;
    const updated = { ...customer, tags: applyTags(customer.tags, command.add, command.remove) };
    store.transaction(() => {
      store.updateCustomer(updated);
      deps.conversations.publish({ kind: 'customer.upserted', customer: updated });
      // A new VIP tag moves the customer's waiting contacts up at once.
      for (const c of store.customerConversations(customer.id, 50)) {
        if (c.status !== 'queued') continue;
        const reprioritised = lifecycle.amend(c.id, (current) => (current.status === 'queued' ? { priority: contactPriority(updated, current) } : null));
        if (!reprioritised.ok) throw new Error(reprioritised.error.message);
      }
    });
    deps.router.route();
    return ok({ tags: updated.tags });
  },
});
