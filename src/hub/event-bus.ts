import type { HubEvent } from '../shared/protocol/hub-events';

export interface EventBus {
  publish(event: HubEvent): void;
  subscribe(listener: (event: HubEvent) => void): () => void;
}

/**
 * In-process fan-out of stored events; a multi-instance hub would back this with Redis pub/sub.
 * Every listener sees events in the order they were published: one published by a listener while
 * another event is being delivered waits until that delivery is done (agent sockets rely on it to
 * tell a desktop which seqs it skipped, see `after` in hub-protocol).
 */
export function createEventBus(): EventBus {
  const listeners = new Set<(event: HubEvent) => void>();
  const queue: HubEvent[] = [];
  let delivering = false;
  return {
    publish(event) {
      queue.push(event);
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
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
