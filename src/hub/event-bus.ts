import type { HubEvent } from '../shared/protocol/hub-events';
import type { StoredEvent } from './store/hub-store';

export interface EventBus {
  publish(stored: StoredEvent): void;
  /** Events meant for everyone allowed to see them; each listener still judges who that is. */
  subscribe(listener: (event: HubEvent) => void): () => void;
  /** Every event, with its audience: also those stored for one agent alone (history replayed to them). */
  subscribeAll(listener: (stored: StoredEvent) => void): () => void;
}

/**
 * In-process fan-out of stored events; a multi-instance hub would back this with Redis pub/sub.
 * Every listener sees events in the order they were published: one published by a listener while
 * another event is being delivered waits until that delivery is done (agent sockets rely on it to
 * tell a desktop which seqs it skipped, see `after` in hub-protocol). Publishers publish after their
 * transaction commits (`HubStore.afterCommit`), so publish order is seq order.
 */
export function createEventBus(): EventBus {
  const listeners = new Set<(stored: StoredEvent) => void>();
  const queue: StoredEvent[] = [];
  let delivering = false;
  const add = (listener: (stored: StoredEvent) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    publish(stored) {
      queue.push(stored);
      if (delivering) return;
      delivering = true;
      // One failing listener must not cost the others an event (a socket skipping one would trust a false `after`).
      const failures: unknown[] = [];
      for (let next = queue.shift(); next; next = queue.shift()) {
        for (const l of listeners) {
          try {
            l(next);
          } catch (cause) {
            failures.push(cause);
          }
        }
      }
      delivering = false;
      if (failures.length > 0) throw failures[0];
    },
    subscribe: (listener) => add((stored) => (stored.audience === null ? listener(stored.event) : undefined)),
    subscribeAll: add,
  };
}
