import type { HubEvent } from '../shared/protocol/hub-events';

export interface EventBus {
  publish(event: HubEvent): void;
  subscribe(listener: (event: HubEvent) => void): () => void;
}

/** In-process fan-out of stored events; a multi-instance hub would back this with Redis pub/sub. */
export function createEventBus(): EventBus {
  const listeners = new Set<(event: HubEvent) => void>();
  return {
    publish(event) {
      for (const l of listeners) l(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
