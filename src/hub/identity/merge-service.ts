import type { Customer } from '../../shared/domain/customer';
import type { NewHubEvent } from '../../shared/protocol/hub-events';
import { err, ok, type Result } from '../../shared/result';
import { newId } from '../ids';
import type { HubStore, MergeRecord } from '../store/hub-store';

export interface MergeService {
  /** Folds `sourceId` into `targetId`: identities and conversations move, the source remembers where it went. */
  merge(targetId: string, sourceId: string, by: string): Result<MergeRecord>;
  undo(mergeId: string): Result<MergeRecord>;
  /** The record a merged-away id now lives in (itself when not merged). */
  resolve(customerId: string): Customer | null;
}

export function createMergeService(store: HubStore, publish: (event: NewHubEvent) => void, now: () => number): MergeService {
  const publishCustomer = (id: string): void => {
    const customer = store.customer(id);
    if (customer) publish({ kind: 'customer.upserted', customer });
  };
  const moveConversation = (id: string, to: string): boolean => {
    const conversation = store.conversation(id);
    if (!conversation) return false;
    const moved = { ...conversation, customerId: to, updatedAt: now() };
    store.updateConversation(moved);
    publish({ kind: 'conversation.upserted', conversation: moved });
    return true;
  };

  const service: MergeService = {
    merge(targetId, sourceId, by) {
      if (targetId === sourceId) return err('invalid_argument', 'a customer cannot be merged into itself');
      return store.transaction(() => {
        const target = store.customer(targetId);
        const source = store.customer(sourceId);
        if (!target || !source) return err<MergeRecord>('not_found', 'no such customer');
        if (target.mergedInto || source.mergedInto) return err<MergeRecord>('conflict', 'one of these customers is already merged');
        const conversations = store.customerConversations(sourceId, 10_000);
        const record: MergeRecord = {
          id: newId('mrg'),
          targetId,
          sourceId,
          by,
          at: now(),
          undoneAt: null,
          movedIdentities: [],
          movedConversations: conversations.map((c) => c.id),
        };
        for (const i of source.identities) {
          if (i.verified) store.moveIdentity(i.kind, i.value, targetId);
          // A claim the target already holds stays behind; only what moved is moved back by an undo.
          else if (!store.moveClaim(i.kind, i.value, sourceId, targetId)) continue;
          record.movedIdentities.push({ kind: i.kind, value: i.value, ...(i.verified ? {} : { claim: true }) });
        }
        for (const c of conversations) moveConversation(c.id, targetId);
        store.updateCustomer({ ...source, mergedInto: targetId });
        store.insertMerge(record);
        const open = store.openSuggestionBetween(targetId, sourceId);
        if (open) store.setSuggestionStatus(open.id, 'accepted');
        publishCustomer(targetId);
        publishCustomer(sourceId);
        return ok(record);
      });
    },
    undo(mergeId) {
      return store.transaction(() => {
        const record = store.merge(mergeId);
        if (!record) return err<MergeRecord>('not_found', 'no such merge');
        if (record.undoneAt !== null) return err<MergeRecord>('conflict', 'this merge was already undone');
        const source = store.customer(record.sourceId);
        if (!source) return err<MergeRecord>('not_found', 'the merged customer is gone');
        for (const i of record.movedIdentities) {
          if (i.claim) store.moveClaim(i.kind, i.value, record.targetId, record.sourceId);
          else if (store.customerByIdentity(i.kind, i.value)?.id === record.targetId) store.moveIdentity(i.kind, i.value, record.sourceId);
        }
        for (const id of record.movedConversations) {
          if (store.conversation(id)?.customerId === record.targetId) moveConversation(id, record.sourceId);
        }
        store.updateCustomer({ ...source, mergedInto: null });
        const at = now();
        store.markMergeUndone(record.id, at);
        publishCustomer(record.targetId);
        publishCustomer(record.sourceId);
        return ok({ ...record, undoneAt: at });
      });
    },
    resolve(customerId) {
      let customer = store.customer(customerId);
      // Chains are short (a merge of a merge); the bound only guards against a corrupt cycle.
      for (let hops = 0; customer?.mergedInto && hops < 10; hops++) customer = store.customer(customer.mergedInto);
      return customer;
    },
  };
  return service;
}
