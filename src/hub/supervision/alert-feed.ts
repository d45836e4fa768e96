import { randomUUID } from 'node:crypto';
import type { Conversation } from '../../shared/domain/conversation';
import type { SentimentAlert } from '../../shared/nlp/alerts/sentiment-tracker';
import type { Escalation } from '../../shared/nlp/escalation/escalation-rules';
import type { ComplianceFinding } from '../../shared/nlp/compliance/compliance-check';
import type { QueueBoard, SupervisorAlert } from '../../shared/protocol/supervisor-protocol';
import { err, ok, type Result } from '../../shared/result';
import type { Logger } from '../../shared/log';
import type { QueueRecord } from '../store/hub-store';
import type { AlertStore } from './alert-store';

export interface AlertFeed {
  sentiment(alert: SentimentAlert, conversation: Conversation | null): SupervisorAlert;
  /** A conversation escalated at once (complaint-risk phrase, strongly negative message, agitation on a call). */
  escalation(escalation: Escalation, conversation: Conversation, at: number): SupervisorAlert;
  /** An agent sent a reply despite the composer's compliance warning. */
  compliance(findings: ComplianceFinding[], conversation: Conversation | null, conversationId: string, agentId: string, at: number): SupervisorAlert;
  /** A customer rated the service low (surveys/). */
  lowRating(rating: { conversationId: string; queue: string; agentId: string | null; rating: number; at: number }): SupervisorAlert;
  /** Raises an alert for each contact that has now waited past its queue's SLA, and each queue below target. */
  checkSla(now: number, waiting: Conversation[], queues: QueueRecord[], boards: QueueBoard[]): SupervisorAlert[];
  acknowledge(alertId: string, by: string, at: number): Result<SupervisorAlert>;
  list(): SupervisorAlert[];
  onChange(listener: (alert: SupervisorAlert) => void): () => void;
}

export interface AlertFeedOptions {
  /** How many alerts the feed holds and shows, newest first. */
  limit: number;
  store: AlertStore;
  log: Logger;
}

/**
 * The supervisors' alert feed: the newest `limit` alerts in memory for the welcome frame, every
 * alert and acknowledgement also written to the store so a restarted hub shows the same feed. The
 * SLA checks' memory of breaches already alerted on is reloaded too, so a breach that still stands
 * after a restart is not raised a second time.
 */
export function createAlertFeed({ limit, store, log }: AlertFeedOptions): AlertFeed {
  const alerts: SupervisorAlert[] = store.newest(limit);
  const listeners = new Set<(a: SupervisorAlert) => void>();
  /** `<conversation>@<queuedAt>`: one wait alert per queue visit. */
  const breachedWaits = new Set<string>();
  /** Queues currently below target; re-armed once they are back at or above it. */
  const breachedQueues = new Set<string>();
  for (const b of store.openBreaches()) {
    if (b.reason === 'contact-wait') breachedWaits.add(b.key);
    else if (b.reason === 'queue-sla') breachedQueues.add(b.key);
  }

  /** A failed write costs the alert its life after a restart, never its delivery now. */
  const persist = (what: string, write: () => void): void => {
    try {
      write();
    } catch (cause) {
      log.log('error', `supervision alert ${what} not saved`, { detail: cause instanceof Error ? cause.message : String(cause) });
    }
  };

  const add = (alert: Omit<SupervisorAlert, 'id' | 'acknowledgedBy' | 'acknowledgedAt'>, breachKey: string | null = null): SupervisorAlert => {
    const full: SupervisorAlert = { ...alert, id: `alr_${randomUUID().replace(/-/g, '').slice(0, 16)}`, acknowledgedBy: null, acknowledgedAt: null };
    persist('raise', () => store.save(full, breachKey));
    alerts.unshift(full);
    if (alerts.length > limit) alerts.length = limit;
    listeners.forEach((l) => l(full));
    return full;
  };
  const cleared = (key: string, at: number): void => persist('breach end', () => store.clearBreach(key, at));

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
    escalation(escalation, conversation, at) {
      return add({
        kind: 'escalation',
        at,
        conversationId: conversation.id,
        queue: conversation.queue,
        agentId: conversation.assigneeId,
        value: escalation.score,
        reason: escalation.reason,
        ...(escalation.words.length > 0 ? { detail: escalation.words.join(', ').slice(0, 500) } : {}),
      });
    },
    lowRating({ conversationId, queue, agentId, rating, at }) {
      return add({ kind: 'low_rating', at, conversationId, queue, agentId, value: rating, reason: 'low-rating' });
    },
    compliance(findings, conversation, conversationId, agentId, at) {
      const phrases = findings.flatMap((f) => (f.kind === 'forbidden-phrase' ? [f.phrase] : []));
      return add({
        kind: 'compliance',
        at,
        conversationId,
        queue: conversation?.queue ?? null,
        agentId,
        value: null,
        reason: phrases.length > 0 ? 'forbidden-phrase' : 'sensitive-number',
        // The phrases only: a number the agent sent is never repeated here.
        ...(phrases.length > 0 ? { detail: phrases.join(', ').slice(0, 500) } : {}),
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
        raised.push(add({ kind: 'sla_breach', at: now, conversationId: c.id, queue: c.queue, agentId: null, value: Math.round((now - since) / 1000), reason: 'contact-wait' }, key));
      }
      for (const key of breachedWaits) {
        if (stillWaiting.has(key)) continue;
        breachedWaits.delete(key);
        cleared(key, now);
      }
      for (const b of boards) {
        // Contacts still waiting past the target pull the shown figure down and have their own
        // alerts; the queue's alert watches the decided contacts, so one breach raises one alert.
        const figure = b.slaDecidedPercent !== undefined ? b.slaDecidedPercent : b.slaPercent;
        const below = figure !== null && figure < b.slaTargetPercent;
        if (below && !breachedQueues.has(b.queue)) {
          breachedQueues.add(b.queue);
          raised.push(add({ kind: 'sla_breach', at: now, conversationId: null, queue: b.queue, agentId: null, value: figure, reason: 'queue-sla' }, b.queue));
        } else if (!below && breachedQueues.delete(b.queue)) cleared(b.queue, now);
      }
      // A queue deleted while below target has no board any more: its breach ends with it.
      const listed = new Set(boards.map((b) => b.queue));
      for (const queue of breachedQueues) {
        if (listed.has(queue)) continue;
        breachedQueues.delete(queue);
        cleared(queue, now);
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
      persist('acknowledgement', () => store.acknowledge(updated));
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
