import type { HubEvent } from '../shared/protocol/hub-events';
import type { StoredEvent } from './store/hub-store';

export interface EventBus {
  publish(stored: StoredEvent): void;
  /** Every committed event (supervision watches them all). */
  subscribe(listener: (event: HubEvent) => void): () => void;
  /** Every committed event with the feeds it was appended to: an agent socket pulls its feed when its owner is among them. */
  subscribeAll(listener: (stored: StoredEvent) => void): () => void;
}

/**
 * In-process fan-out of committed events; a multi-instance hub backs it with Redis or NOTIFY. A lost
 * or late notice costs latency, never data: sockets read their feed by position. Listeners still hear
 * events in publish order (a listener publishing in turn waits behind the delivery under way).
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
      // One failing listener must not cost the others an event.
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
    subscribe: (listener) => add((stored) => listener(stored.event)),
    subscribeAll: add,
  };
}
