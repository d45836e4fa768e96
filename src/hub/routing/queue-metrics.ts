import { abandonmentPercent, averageSpeedOfAnswerMs, serviceLevelPercent } from '../../shared/domain/contact-kpis';
import type { QueueMetrics } from '../../shared/domain/queue';
import type { SocketRegistry } from '../socket-registry';
import type { HubStore } from '../store/hub-store';

export const METRICS_WINDOW_MS = 24 * 60 * 60 * 1000;

/** THE service level lives with the other contact-center formulas; routing, alerts and /metrics import it from here too. */
export { serviceLevelPercent };

/**
 * Wallboard figures per queue, with the formulas of shared/domain/contact-kpis.ts (the historical
 * reports use the same ones over the same records).
 */
export function queueMetrics(store: Pick<HubStore, 'conversationsByStatus' | 'agents' | 'queues' | 'queueStats'>, presence: Pick<SocketRegistry, 'isOnline'>, now: number): QueueMetrics[] {
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
      slaDecidedPercent: serviceLevelPercent({ ...stats, waitingPastSla: 0 }),
      slaTargetPercent: Math.round(queue.slaTarget * 1000) / 10,
      averageSpeedOfAnswerMs: averageSpeedOfAnswerMs(stats),
      answered: stats.answered,
      abandoned: stats.abandoned,
      abandonmentPercent: abandonmentPercent(stats),
      availableAgents: agents.filter((a) => a.queues.includes(queue.id) && queue.skills.every((s) => a.skills.includes(s))).length,
      windowStart,
    };
  });
}
