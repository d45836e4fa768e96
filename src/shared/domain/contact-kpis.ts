/**
 * The contact-center figures, one formula each, for the live wallboard and the historical reports
 * alike: both feed them the same counts from the same records (queue entries and assignments), so
 * the two never disagree. Percentages are rounded to one decimal; null means "nothing to measure".
 */

/** What a queue's waits came to over a period (QueueQueries.queueStats). */
export interface QueueCounts {
  answered: number;
  abandoned: number;
  answeredWithinSla: number;
  abandonedWithinSla: number;
  totalAnswerMs: number;
  /** Contacts still waiting that have already waited past the target (live figures only; 0 for a past period). */
  waitingPastSla: number;
}

/** Answered and released contacts and their summed handle time (AssignmentQueries.agentHandling). */
export interface HandlingCounts {
  handled: number;
  totalHandleMs: number;
}

/** Ratings given (1–5). */
export interface RatingCounts {
  rated: number;
  /** Ratings of 4 or 5. */
  satisfied: number;
  ratingSum: number;
}

export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/**
 * THE service level, the one formula every figure uses (wallboard, SLA alerts, /metrics, reports):
 * met = answered within the target; missed = answered late, abandoned after the target, and still
 * waiting past the target. Contacts abandoned within the target are left out (the customer gave up
 * before the hub could have met it), the usual contact-center convention; contacts still waiting
 * within the target are not decided yet. So a contact that a "waiting longer than the target"
 * alert names always pulls the figure below 100%.
 */
export function serviceLevelPercent(q: QueueCounts): number | null {
  const missed = q.answered - q.answeredWithinSla + (q.abandoned - q.abandonedWithinSla) + q.waitingPastSla;
  return percent(q.answeredWithinSla, q.answeredWithinSla + missed);
}

/** Average speed of answer: mean wait of the answered contacts, in ms. */
export function averageSpeedOfAnswerMs(q: QueueCounts): number | null {
  return q.answered === 0 ? null : Math.round(q.totalAnswerMs / q.answered);
}

/** Abandonment: contacts whose customer left the queue among all that left it answered or abandoned. */
export function abandonmentPercent(q: QueueCounts): number | null {
  return percent(q.abandoned, q.answered + q.abandoned);
}

/** Average handle time: from an agent's answer to their release of the contact, in ms. */
export function averageHandleMs(h: HandlingCounts): number | null {
  return h.handled === 0 ? null : h.totalHandleMs / h.handled;
}

/** CSAT: the share of ratings that are 4 or 5 out of 5. */
export function csatPercent(r: RatingCounts): number | null {
  return percent(r.satisfied, r.rated);
}

export function averageRating(r: RatingCounts): number | null {
  return r.rated === 0 ? null : Math.round((r.ratingSum / r.rated) * 100) / 100;
}

/** First-contact resolution: closed contacts with no new contact from the customer within the window, among all closed. */
export function firstContactResolutionPercent(resolved: number, closed: number): number | null {
  return percent(resolved, closed);
}

/** How the self-service bot's conversations ended over a period (BotQueries.botOutcomes). */
export interface BotCounts {
  /** Closed without a person: thanked, or left after a confident answer. */
  resolved: number;
  handedOff: number;
  /** Left while the bot was unsure. */
  abandoned: number;
}

/** Bot resolution: the bot's conversations it resolved itself, among all it ended (resolved, handed off, abandoned). */
export function botResolutionPercent(b: BotCounts): number | null {
  return percent(b.resolved, b.resolved + b.handedOff + b.abandoned);
}

export const addQueueCounts = (a: QueueCounts, b: QueueCounts): QueueCounts => ({
  answered: a.answered + b.answered,
  abandoned: a.abandoned + b.abandoned,
  answeredWithinSla: a.answeredWithinSla + b.answeredWithinSla,
  abandonedWithinSla: a.abandonedWithinSla + b.abandonedWithinSla,
  totalAnswerMs: a.totalAnswerMs + b.totalAnswerMs,
  waitingPastSla: a.waitingPastSla + b.waitingPastSla,
});

export const noQueueCounts: QueueCounts = { answered: 0, abandoned: 0, answeredWithinSla: 0, abandonedWithinSla: 0, totalAnswerMs: 0, waitingPastSla: 0 };
