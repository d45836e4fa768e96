import { customerSchema, type Customer } from '../../shared/domain/customer';
import type { CustomerQueries, MergeRecord } from './hub-store';
import { mergeFromRow, suggestionFromRow } from './row-mappers';
import type { QueryFn } from './sqlite-query';

export function customerQueries(q: QueryFn): CustomerQueries {
  const load = (id: string): Customer | null => {
    const row = q('SELECT * FROM customers WHERE id = ?').get(id);
    if (!row) return null;
    return customerSchema.parse({
      id: row.id,
      name: row.name,
      tags: JSON.parse(String(row.tags)),
      createdAt: row.created_at,
      mergedInto: row.merged_into ?? null,
      identities: q('SELECT kind, value, verified FROM identities WHERE customer_id = ? ORDER BY kind, value')
        .all(id)
        .map((i) => ({ kind: i.kind, value: i.value, verified: i.verified === 1 })),
    });
  };
  const insertIdentity = q('INSERT INTO identities (kind, value, customer_id, verified) VALUES (?, ?, ?, ?)');

  return {
    insertCustomer(c) {
      q('INSERT INTO customers (id, name, tags, created_at, merged_into) VALUES (?, ?, ?, ?, ?)').run(
        c.id, c.name, JSON.stringify(c.tags), c.createdAt, c.mergedInto ?? null,
      );
      for (const i of c.identities) insertIdentity.run(i.kind, i.value, c.id, i.verified ? 1 : 0);
    },
    updateCustomer(c) {
      q('UPDATE customers SET name = ?, tags = ?, merged_into = ? WHERE id = ?').run(c.name, JSON.stringify(c.tags), c.mergedInto ?? null, c.id);
    },
    customer: load,
    customerByIdentity(kind, value) {
      const r = q<{ customer_id: string }>('SELECT customer_id FROM identities WHERE kind = ? AND value = ?').get(kind, value);
      return r ? load(r.customer_id) : null;
    },
    addIdentity(customerId, i) {
      q(
        `INSERT INTO identities (kind, value, customer_id, verified) VALUES (?, ?, ?, ?)
         ON CONFLICT(kind, value) DO UPDATE SET verified = MAX(verified, excluded.verified) WHERE customer_id = excluded.customer_id`,
      ).run(i.kind, i.value, customerId, i.verified ? 1 : 0);
    },
    moveIdentity(kind, value, toCustomerId) {
      q('UPDATE identities SET customer_id = ? WHERE kind = ? AND value = ?').run(toCustomerId, kind, value);
    },

    insertMerge(m: MergeRecord) {
      q(
        `INSERT INTO customer_merges (id, target_id, source_id, by, at, undone_at, moved_identities, moved_conversations)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(m.id, m.targetId, m.sourceId, m.by, m.at, m.undoneAt, JSON.stringify(m.movedIdentities), JSON.stringify(m.movedConversations));
    },
    merge: (id) => {
      const r = q('SELECT * FROM customer_merges WHERE id = ?').get(id);
      return r ? mergeFromRow(r) : null;
    },
    mergesInto: (targetId) => q('SELECT * FROM customer_merges WHERE target_id = ? ORDER BY at DESC').all(targetId).map(mergeFromRow),
    markMergeUndone(id, at) {
      q('UPDATE customer_merges SET undone_at = ? WHERE id = ?').run(at, id);
    },

    insertSuggestion(s) {
      q(
        `INSERT INTO merge_suggestions (id, customer_id, candidate_id, reason_kind, reason_value, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(s.id, s.customerId, s.candidateId, s.reason.kind, s.reason.value, s.status, s.createdAt);
    },
    suggestion: (id) => {
      const r = q('SELECT * FROM merge_suggestions WHERE id = ?').get(id);
      return r ? suggestionFromRow(r) : null;
    },
    openSuggestionBetween(a, b) {
      const r = q(
        `SELECT * FROM merge_suggestions WHERE status = 'open'
           AND ((customer_id = ? AND candidate_id = ?) OR (customer_id = ? AND candidate_id = ?)) LIMIT 1`,
      ).get(a, b, b, a);
      return r ? suggestionFromRow(r) : null;
    },
    openSuggestionsFor: (customerId) =>
      q(`SELECT * FROM merge_suggestions WHERE status = 'open' AND (customer_id = ? OR candidate_id = ?) ORDER BY created_at`)
        .all(customerId, customerId)
        .map(suggestionFromRow),
    setSuggestionStatus(id, status) {
      q('UPDATE merge_suggestions SET status = ? WHERE id = ?').run(status, id);
    },
  };
}
