import type { HubStore, KeyClaim } from './hub-store';
import type { QueryFn } from './sqlite-query';

type ClaimQueries = Pick<HubStore, 'claimKey' | 'completeClaim' | 'dropClaim' | 'commandResult' | 'pruneClaimsBefore'>;

export function claimQueries(q: QueryFn): ClaimQueries {
  return {
    claimKey(key, owner, at, staleBefore): KeyClaim {
      const inserted = q(
        `INSERT INTO idempotency_claims (key, owner, state, result, claimed_at) VALUES (?, ?, 'pending', NULL, ?) ON CONFLICT(key) DO NOTHING`,
      ).run(key, owner, at);
      if (inserted.changes === 1) return { status: 'claimed' };
      const taken = q(`UPDATE idempotency_claims SET owner = ?, claimed_at = ? WHERE key = ? AND state = 'pending' AND claimed_at < ?`).run(
        owner, at, key, staleBefore,
      );
      if (taken.changes === 1) return { status: 'claimed' };
      const row = q<{ state: string; result: string | null }>('SELECT state, result FROM idempotency_claims WHERE key = ?').get(key);
      return row?.state === 'done' ? { status: 'done', result: row.result } : { status: 'pending' };
    },
    completeClaim(key, result) {
      q(`UPDATE idempotency_claims SET state = 'done', result = ? WHERE key = ?`).run(result, key);
    },
    dropClaim(key) {
      q(`DELETE FROM idempotency_claims WHERE key = ? AND state = 'pending'`).run(key);
    },
    pruneClaimsBefore: (at) => q(`DELETE FROM idempotency_claims WHERE claimed_at < ? AND state = 'done'`).run(at).changes,
    commandResult: (key) => q<{ result: string | null }>(`SELECT result FROM idempotency_claims WHERE key = ? AND state = 'done'`).get(key)?.result ?? null,
  };
}
