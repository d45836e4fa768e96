import { DEFAULT_REPLY_SECONDS, type QueueSla } from '../shared/domain/queue-sla';
import type { QueueRecord } from './store/hub-store';

/**
 * What a desktop is told of a queue. Every queue, not only the agent's own: a conversation handed to
 * an agent keeps its queue (a transfer to an agent), so its countdown needs that queue's targets too;
 * names and targets are no secret (the directory lists every queue to every agent).
 */
export function toQueueSla(queue: QueueRecord): QueueSla {
  return { id: queue.id, name: queue.name, slaSeconds: queue.slaSeconds, replySeconds: queue.replySeconds ?? DEFAULT_REPLY_SECONDS };
}
