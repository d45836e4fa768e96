import {
  abandonmentPercent,
  addQueueCounts,
  averageHandleMs,
  averageRating,
  averageSpeedOfAnswerMs,
  botResolutionPercent,
  csatPercent,
  firstContactResolutionPercent,
  noQueueCounts,
  serviceLevelPercent,
  type QueueCounts,
} from '../../shared/domain/contact-kpis';
import type { Report, ReportQuery, ReportRow } from '../../shared/protocol/report-protocol';
import type { HubStore } from '../store/hub-store';
import type { AgentContactRow, ClosureRow, ContactCountRow, RatingRow, SentimentRow } from '../store/report-queries';
import type { BotOutcomeRow } from '../store/bot-queries';
import { zonedDays } from './zoned-days';

export type ReportStore = Pick<
  HubStore,
  'queues' | 'agents' | 'queueStats' | 'handlingBetween' | 'contactsOpened' | 'contactsAnswered' | 'closures' | 'ratingCounts' | 'sentimentCounts' | 'botOutcomes'
>;

/** Everything counted over one period, before it is grouped. */
interface PeriodFacts {
  opened: ContactCountRow[];
  answeredBy: AgentContactRow[];
  handling: Array<{ agentId: string; queue: string; handled: number; totalHandleMs: number }>;
  closures: ClosureRow[];
  ratings: RatingRow[];
  sentiment: SentimentRow[];
  /** The bot's conversations that ended, per queue (no agent: agent rows have no bot figure). */
  bot: BotOutcomeRow[];
}

type Pick1 = { queue: string; agentId?: string | null };

const sum = <T>(rows: readonly T[], value: (r: T) => number): number => rows.reduce((n, r) => n + value(r), 0);

/** One report line from the facts that belong to it, with the formulas the wallboard uses. */
function row(key: string, label: string, facts: PeriodFacts, keep: (r: Pick1) => boolean, contacts: ContactCountRow[], waits: QueueCounts | null): ReportRow {
  const handling = facts.handling.filter(keep);
  const closures = facts.closures.filter(keep);
  const ratings = facts.ratings.filter(keep);
  const sentiment = facts.sentiment.filter(keep);
  const bot = facts.bot.filter(keep);
  const byChannel: Record<string, number> = {};
  for (const c of contacts) byChannel[c.channel] = (byChannel[c.channel] ?? 0) + c.contacts;
  const handled = { handled: sum(handling, (h) => h.handled), totalHandleMs: sum(handling, (h) => h.totalHandleMs) };
  const rated = { rated: sum(ratings, (r) => r.rated), satisfied: sum(ratings, (r) => r.satisfied), ratingSum: sum(ratings, (r) => r.ratingSum) };
  const closed = sum(closures, (c) => c.closed);
  const resolved = sum(closures, (c) => c.resolved);
  const aht = averageHandleMs(handled);
  const mood = (label: SentimentRow['label']) => sum(sentiment.filter((s) => s.label === label), (s) => s.contacts);
  return {
    key,
    label,
    contacts: sum(contacts, (c) => c.contacts),
    byChannel,
    answered: waits?.answered ?? 0,
    abandoned: waits?.abandoned ?? 0,
    serviceLevelPercent: waits ? serviceLevelPercent(waits) : null,
    averageSpeedOfAnswerMs: waits ? averageSpeedOfAnswerMs(waits) : null,
    abandonmentPercent: waits ? abandonmentPercent(waits) : null,
    handled: handled.handled,
    averageHandleMs: aht === null ? null : Math.round(aht),
    closed,
    resolvedFirstContact: resolved,
    fcrPercent: firstContactResolutionPercent(resolved, closed),
    rated: rated.rated,
    csatPercent: csatPercent(rated),
    averageRating: averageRating(rated),
    sentiment: { negative: mood('negative'), neutral: mood('neutral'), positive: mood('positive') },
    botResolvedPercent: botResolutionPercent({ resolved: sum(bot, (b) => b.resolved), handedOff: sum(bot, (b) => b.handedOff), abandoned: sum(bot, (b) => b.abandoned) }),
  };
}

/**
 * A historical report: per day, per queue and per agent over a range of days in a time zone. The
 * queue waits and handle times are read with the wallboard's own queries (queueStats,
 * handlingBetween) over each period, and every percentage comes from shared/domain/contact-kpis.ts.
 */
export function buildReport(store: ReportStore, query: ReportQuery, defaultFcrDays: number, now: number): Report {
  const fcrDays = query.fcrDays ?? defaultFcrDays;
  const windowMs = fcrDays * 86_400_000;
  const queues = store.queues().filter((q) => query.queue === null || q.id === query.queue);
  const inScope = new Set(queues.map((q) => q.id));
  const keepQueue = (r: Pick1) => inScope.has(r.queue);
  const days = zonedDays(query.from, query.to, query.timeZone);
  const start = days[0]!.start;
  const end = days.at(-1)!.end;

  const facts = (since: number, until: number): PeriodFacts => ({
    opened: store.contactsOpened(since, until).filter(keepQueue),
    answeredBy: store.contactsAnswered(since, until).filter(keepQueue),
    handling: store.handlingBetween(since, until).filter(keepQueue),
    closures: store.closures(since, until, windowMs).filter(keepQueue),
    ratings: store.ratingCounts(since, until).filter(keepQueue),
    sentiment: store.sentimentCounts(since, until).filter(keepQueue),
    bot: store.botOutcomes(since, until).filter(keepQueue),
  });
  const waitsOf = (queueIds: readonly string[], since: number, until: number): QueueCounts =>
    queues.filter((q) => queueIds.includes(q.id)).reduce((acc, q) => addQueueCounts(acc, store.queueStats(q.id, since, q.slaSeconds * 1000, now, until)), noQueueCounts);
  const all = [...inScope];
  const everything = () => true;

  const dayRows = days.map((d) => {
    const f = facts(d.start, d.end);
    return row(d.date, d.date, f, everything, f.opened, waitsOf(all, d.start, d.end));
  });
  const whole = facts(start, end);
  const queueRows = queues.map((q) =>
    row(q.id, q.name, whole, (r) => r.queue === q.id, whole.opened.filter((c) => c.queue === q.id), waitsOf([q.id], start, end)),
  );
  const agentIds = new Set([...whole.answeredBy.map((a) => a.agentId), ...whole.handling.map((h) => h.agentId), ...whole.closures.map((c) => c.agentId)]);
  const names = new Map(store.agents().map((a) => [a.id, a.displayName]));
  const agentRows = [...agentIds]
    .map((id) => row(id, names.get(id) ?? id, whole, (r) => r.agentId === id, whole.answeredBy.filter((a) => a.agentId === id), null))
    .sort((a, b) => a.label.localeCompare(b.label));
  return {
    from: query.from,
    to: query.to,
    timeZone: query.timeZone,
    queue: query.queue,
    fcrDays,
    generatedAt: now,
    days: dayRows,
    queues: queueRows,
    agents: agentRows,
    total: row('total', 'total', whole, everything, whole.opened, waitsOf(all, start, end)),
  };
}
