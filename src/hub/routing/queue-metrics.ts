import type { QueueMetrics } from '../../shared/domain/queue';
import type { Presence } from '../presence';
import type { HubStore, QueueStats } from '../store/hub-store';

export const METRICS_WINDOW_MS = 24 * 60 * 60 * 1000;

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/**
 * THE service level, the one formula every figure uses (wallboard, SLA alerts, /metrics, reports):
 * met = answered within the target; missed = answered late, abandoned after the target, and still
 * waiting past the target. Contacts abandoned within the target are left out (the customer gave up
 * before the hub could have met it), the usual contact-center convention; contacts still waiting
 * within the target are not decided yet. So a contact that a "waiting longer than the target"
 * alert names always pulls the figure below 100%.
 */
export function serviceLevelPercent(stats: QueueStats): number | null {
  const missed = stats.answered - stats.answeredWithinSla + (stats.abandoned - stats.abandonedWithinSla) + stats.waitingPastSla;
  return percent(stats.answeredWithinSla, stats.answeredWithinSla + missed);
}

/** Wallboard figures per queue; the service level by `serviceLevelPercent`. */
export function queueMetrics(store: Pick<HubStore, 'conversationsByStatus' | 'agents' | 'queues' | 'queueStats'>, presence: Pick<Presence, 'isOnline'>, now: number): QueueMetrics[] {
  const waiting = [...store.conversationsByStatus('queued'), ...store.conversationsByStatus('offered')];
  const agents = store.agents().filter((a) => a.state === 'available' && presence.isOnline(a.id));
  const windowStart = now - METRICS_WINDOW_MS;
  return store.queues().map((queue) => {
    const here = waiting.filter((c) => c.queue === queue.id && !(c.channel === 'voice' && c.status === 'offered'));
    const stats = store.queueStats(queue.id, windowStart, queue.slaSeconds * 1000, now);
    return {
      queue: queue.id,
      waiting: here.length,
      callbacks: here.filter((c) => c.call?.callback && c.call.callback.dialledAt === null).length,
      longestWaitMs: here.reduce((max, c) => Math.max(max, now - (c.queuedAt ?? c.createdAt)), 0),
      slaPercent: serviceLevelPercent(stats),
      slaTargetPercent: Math.round(queue.slaTarget * 1000) / 10,
      averageSpeedOfAnswerMs: stats.answered === 0 ? null : Math.round(stats.totalAnswerMs / stats.answered),
      answered: stats.answered,
      abandoned: stats.abandoned,
      abandonmentPercent: percent(stats.abandoned, stats.answered + stats.abandoned),
      availableAgents: agents.filter((a) => a.queues.includes(queue.id) && queue.skills.every((s) => a.skills.includes(s))).length,
      windowStart,
    };
  });
}
