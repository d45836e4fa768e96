import { customerSchema, type Customer } from '../../shared/domain/customer';
import type { ClaimSource, CustomerQueries, MergeRecord } from './hub-store';
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
      // A claim the customer also holds verified is shown once, as verified.
      identities: q(
        `SELECT kind, value, 1 AS verified FROM identities WHERE customer_id = ?
         UNION SELECT kind, value, 0 AS verified FROM identity_claims c WHERE customer_id = ?
           AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.kind = c.kind AND i.value = c.value AND i.customer_id = c.customer_id)
         ORDER BY kind, value`,
      )
        .all(id, id)
        .map((i) => ({ kind: i.kind, value: i.value, verified: i.verified === 1 })),
    });
  };
  const addClaim = (customerId: string, kind: string, value: string, source: ClaimSource, at: number): void => {
    // A sender stays a sender once seen as one, even if they later type the same address.
    q(
      `INSERT INTO identity_claims (kind, value, customer_id, source, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(kind, value, customer_id) DO UPDATE SET source = CASE WHEN source = 'sender' THEN 'sender' ELSE excluded.source END`,
    ).run(kind, value, customerId, source, at);
  };

  return {
    insertCustomer(c) {
      q('INSERT INTO customers (id, name, tags, created_at, merged_into) VALUES (?, ?, ?, ?, ?)').run(
        c.id, c.name, JSON.stringify(c.tags), c.createdAt, c.mergedInto ?? null,
      );
      for (const i of c.identities) {
        if (i.verified) q('INSERT INTO identities (kind, value, customer_id, verified) VALUES (?, ?, ?, 1)').run(i.kind, i.value, c.id);
        else addClaim(c.id, i.kind, i.value, 'claim', c.createdAt);
      }
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
      if (!i.verified) return addClaim(customerId, i.kind, i.value, 'claim', Date.now());
      q('INSERT OR IGNORE INTO identities (kind, value, customer_id, verified) VALUES (?, ?, ?, 1)').run(i.kind, i.value, customerId);
    },
    moveIdentity(kind, value, toCustomerId) {
      q('UPDATE identities SET customer_id = ? WHERE kind = ? AND value = ?').run(toCustomerId, kind, value);
    },
    addClaim(customerId, i, source, at) {
      addClaim(customerId, i.kind, i.value, source, at);
    },
    claimsOn: (kind, value) =>
      q<{ customer_id: string; source: ClaimSource }>(
        'SELECT customer_id, source FROM identity_claims WHERE kind = ? AND value = ? ORDER BY created_at DESC, rowid DESC',
      )
        .all(kind, value)
        .map((r) => ({ customerId: r.customer_id, source: r.source })),
    moveClaim: (kind, value, from, to) =>
      q('UPDATE OR IGNORE identity_claims SET customer_id = ? WHERE kind = ? AND value = ? AND customer_id = ?').run(to, kind, value, from).changes === 1,

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
