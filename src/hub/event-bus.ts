import type { HubEvent } from '../shared/protocol/hub-events';
import type { StoredEvent } from './store/hub-store';

export interface EventBus {
  publish(stored: StoredEvent): void;
  /** A feed advanced by a commit on another instance of a cluster: only feed readers (subscribeAll) hear it. */
  advanced(stored: StoredEvent): void;
  /** Every event committed here (supervision watches them all). */
  subscribe(listener: (event: HubEvent) => void): () => void;
  /** Every event with the feeds it was appended to: an agent socket pulls its feed when its owner is among them. `remote` when it was committed elsewhere. */
  subscribeAll(listener: (stored: StoredEvent, remote: boolean) => void): () => void;
}

interface Entry {
  listener: (stored: StoredEvent, remote: boolean) => void;
  remoteToo: boolean;
}

/**
 * In-process fan-out of committed events; a multi-instance hub adds feed notices from the others
 * (cluster/cluster-feeds.ts). A lost or late notice costs latency, never data: sockets read their feed
 * by position. Listeners still hear events in publish order (a listener publishing in turn waits behind
 * the delivery under way).
 */
export function createEventBus(): EventBus {
  const listeners = new Set<Entry>();
  const queue: Array<{ stored: StoredEvent; remote: boolean }> = [];
  let delivering = false;
  const add = (entry: Entry): (() => void) => {
    listeners.add(entry);
    return () => listeners.delete(entry);
  };
  const deliver = (stored: StoredEvent, remote: boolean): void => {
    queue.push({ stored, remote });
    if (delivering) return;
    delivering = true;
    // One failing listener must not cost the others an event.
    const failures: unknown[] = [];
    for (let next = queue.shift(); next; next = queue.shift()) {
      for (const l of listeners) {
        if (next.remote && !l.remoteToo) continue;
        try {
          l.listener(next.stored, next.remote);
        } catch (cause) {
          failures.push(cause);
        }
      }
    }
    delivering = false;
    if (failures.length > 0) throw failures[0];
  };
  return {
    publish: (stored) => deliver(stored, false),
    advanced: (stored) => deliver(stored, true),
    subscribe: (listener) => add({ listener: (stored) => listener(stored.event), remoteToo: false }),
    subscribeAll: (listener) => add({ listener, remoteToo: true }),
  };
}
