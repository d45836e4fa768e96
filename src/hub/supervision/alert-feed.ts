import { randomUUID } from 'node:crypto';
import type { Conversation } from '../../shared/domain/conversation';
import type { SentimentAlert } from '../../shared/nlp/alerts/sentiment-tracker';
import type { QueueBoard, SupervisorAlert } from '../../shared/protocol/supervisor-protocol';
import { err, ok, type Result } from '../../shared/result';
import type { QueueRecord } from '../store/hub-store';

export interface AlertFeed {
  sentiment(alert: SentimentAlert, conversation: Conversation | null): SupervisorAlert;
  /** Raises an alert for each contact that has now waited past its queue's SLA, and each queue below target. */
  checkSla(now: number, waiting: Conversation[], queues: QueueRecord[], boards: QueueBoard[]): SupervisorAlert[];
  acknowledge(alertId: string, by: string, at: number): Result<SupervisorAlert>;
  list(): SupervisorAlert[];
  onChange(listener: (alert: SupervisorAlert) => void): () => void;
}

/**
 * The supervisors' alert feed. Alerts live in memory, newest first and bounded: they are about
 * what is happening now, and a restarted hub re-raises any SLA breach that still stands.
 */
export function createAlertFeed(limit: number): AlertFeed {
  const alerts: SupervisorAlert[] = [];
  const listeners = new Set<(a: SupervisorAlert) => void>();
  /** `<conversation>@<queuedAt>`: one wait alert per queue visit. */
  const breachedWaits = new Set<string>();
  /** Queues currently below target; re-armed once they are back at or above it. */
  const breachedQueues = new Set<string>();

  const add = (alert: Omit<SupervisorAlert, 'id' | 'acknowledgedBy' | 'acknowledgedAt'>): SupervisorAlert => {
    const full: SupervisorAlert = { ...alert, id: `alr_${randomUUID().replace(/-/g, '').slice(0, 16)}`, acknowledgedBy: null, acknowledgedAt: null };
    alerts.unshift(full);
    if (alerts.length > limit) alerts.length = limit;
    listeners.forEach((l) => l(full));
    return full;
  };

  return {
    sentiment(alert, conversation) {
      return add({
        kind: 'negative_sentiment',
        at: alert.at,
        conversationId: alert.conversationId,
        queue: conversation?.queue ?? null,
        agentId: conversation?.assigneeId ?? null,
        value: alert.level,
        reason: alert.kind,
      });
    },
    checkSla(now, waiting, queues, boards) {
      const raised: SupervisorAlert[] = [];
      const byId = new Map(queues.map((q) => [q.id, q]));
      const stillWaiting = new Set<string>();
      for (const c of waiting) {
        const queue = byId.get(c.queue);
        const since = c.queuedAt ?? c.createdAt;
        const key = `${c.id}@${since}`;
        stillWaiting.add(key);
        if (!queue || now - since <= queue.slaSeconds * 1000 || breachedWaits.has(key)) continue;
        breachedWaits.add(key);
        raised.push(add({ kind: 'sla_breach', at: now, conversationId: c.id, queue: c.queue, agentId: null, value: Math.round((now - since) / 1000), reason: 'contact-wait' }));
      }
      for (const key of breachedWaits) if (!stillWaiting.has(key)) breachedWaits.delete(key);
      for (const b of boards) {
        const below = b.slaPercent !== null && b.slaPercent < b.slaTargetPercent;
        if (below && !breachedQueues.has(b.queue)) {
          breachedQueues.add(b.queue);
          raised.push(add({ kind: 'sla_breach', at: now, conversationId: null, queue: b.queue, agentId: null, value: b.slaPercent, reason: 'queue-sla' }));
        } else if (!below) breachedQueues.delete(b.queue);
      }
      return raised;
    },
    acknowledge(alertId, by, at) {
      const index = alerts.findIndex((a) => a.id === alertId);
      const found = alerts[index];
      if (!found) return err('not_found', 'no such alert');
      if (found.acknowledgedBy) return ok(found);
      const updated = { ...found, acknowledgedBy: by, acknowledgedAt: at };
      alerts[index] = updated;
      listeners.forEach((l) => l(updated));
      return ok(updated);
    },
    list: () => [...alerts],
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
