import { averageHandleMs, csatPercent, type RatingCounts } from '../../shared/domain/contact-kpis';
import type { QueueMetrics } from '../../shared/domain/queue';
import type { AgentBoard, ContactSentiment, LiveContact, QueueBoard, Wallboard } from '../../shared/protocol/supervisor-protocol';
import type { SupervisionStore } from './supervision-deps';
import type { TrendRecorder } from './trend-recorder';

export interface WallboardSources {
  store: SupervisionStore;
  isOnline(agentId: string): boolean;
  queueMetrics: () => QueueMetrics[];
  sentiment(conversationId: string): ContactSentiment;
  sessionFor(conversationId: string): string | null;
  trend: TrendRecorder;
}

/** The day the wallboard counts from: local midnight of the hub's machine. */
export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function computeWallboard(sources: WallboardSources, now: number): Wallboard {
  const { store } = sources;
  const live = [...store.conversationsByStatus('queued'), ...store.conversationsByStatus('offered'), ...store.conversationsByStatus('active')];
  const agents = store.agents();
  const names = new Map(agents.map((a) => [a.id, a.displayName]));
  const metrics = new Map(sources.queueMetrics().map((m) => [m.queue, m]));
  const queueMetrics = store.queues().flatMap((q) => {
    const m = metrics.get(q.id);
    return m ? [{ q, m }] : [];
  });
  sources.trend.offer(now, queueMetrics.map(({ m }) => ({ queue: m.queue, waiting: m.waiting, slaPercent: m.slaPercent })));
  const ratings = new Map<string, RatingCounts>();
  for (const r of store.ratingCounts(startOfDay(now), now + 1)) {
    const sum = ratings.get(r.queue) ?? { rated: 0, satisfied: 0, ratingSum: 0 };
    ratings.set(r.queue, { rated: sum.rated + r.rated, satisfied: sum.satisfied + r.satisfied, ratingSum: sum.ratingSum + r.ratingSum });
  }
  const queues: QueueBoard[] = queueMetrics.map(({ q, m }) => {
    const rated = ratings.get(q.id);
    return {
      ...m,
      name: q.name,
      slaSeconds: q.slaSeconds,
      trend: sources.trend.of(q.id),
      csatTodayPercent: rated ? csatPercent(rated) : null,
      ratedToday: rated?.rated ?? 0,
    };
  });

  const handling = store.agentHandling(startOfDay(now));
  const agentRows: AgentBoard[] = agents.map((a) => {
    const load = store.assignedLoad(a.id);
    const h = handling.get(a.id);
    return {
      id: a.id,
      displayName: a.displayName,
      role: a.role,
      state: a.state,
      stateReason: a.stateReason,
      stateSince: a.stateSince,
      online: sources.isOnline(a.id),
      queues: a.queues,
      chats: load.chats,
      calls: load.calls,
      handledToday: h?.handled ?? 0,
      averageHandleMs: h ? averageHandleMs(h) : null,
    };
  });

  const contacts: LiveContact[] = live
    .map((c) => ({
      conversationId: c.id,
      channel: c.channel,
      status: c.status,
      queue: c.queue,
      customerId: c.customerId,
      customerName: store.customer(c.customerId)?.name ?? '',
      assigneeId: c.assigneeId,
      assigneeName: c.assigneeId ? (names.get(c.assigneeId) ?? null) : null,
      createdAt: c.createdAt,
      queuedAt: c.queuedAt ?? null,
      lastMessageAt: c.lastMessageAt,
      preview: c.preview,
      sentiment: sources.sentiment(c.id),
      supervisionSessionId: sources.sessionFor(c.id),
    }))
    .sort((a, b) => a.createdAt - b.createdAt);

  return { at: now, queues, agents: agentRows, contacts };
}
