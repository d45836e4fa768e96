import type { Logger } from '../../shared/log';
import type { HubStore } from '../store/hub-store';

const DAY_MS = 24 * 3_600_000;

/**
 * Deletes what is past the retention: events (their feed entries go with them), idempotency
 * records, and order notices and settled survey or notice deliveries. Feed positions go on from where they were, so a desktop's cursor stays valid; one that
 * was offline longer than the retention simply gets what is left.
 */
export function pruneRetention(store: HubStore, retentionDays: number, now: number, log: Logger): void {
  const before = now - retentionDays * DAY_MS;
  const events = store.pruneEventsBefore(before);
  const claims = store.pruneClaimsBefore(before);
  const notices = store.pruneDirectBefore(before);
  if (events > 0 || claims > 0 || notices > 0) log.log('info', 'events past retention deleted', { events, claims, notices });
}
