import { z } from 'zod';

/** A calendar day, as the date input gives it. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const MAX_REPORT_DAYS = 92;

const validZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const dayNumber = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/** What a supervisor asks for: a range of days (both included) in a time zone, one queue or all. */
export const reportQuerySchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    timeZone: z.string().min(1).max(64).refine(validZone, 'an IANA time zone such as Asia/Shanghai'),
    queue: z.string().min(1).max(100).nullable().default(null),
    /** The first-contact window in days; the hub's FCR_WINDOW_DAYS when absent. */
    fcrDays: z.number().int().min(1).max(90).optional(),
  })
  .refine((q) => dayNumber(q.to) >= dayNumber(q.from) && dayNumber(q.to) - dayNumber(q.from) < MAX_REPORT_DAYS, {
    message: `the end date must be on or after the start date, and at most ${MAX_REPORT_DAYS} days later`,
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;
export type ReportQueryInput = z.input<typeof reportQuerySchema>;

const count = z.number().int().nonnegative();
const pct = z.number().min(0).max(100).nullable();

/** One line of a report: a day, a queue, an agent or the whole range. Null: nothing to measure. */
export const reportRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  contacts: count,
  /** Contacts per channel (widget, wechat, email, voice…). */
  byChannel: z.record(z.string(), count),
  answered: count,
  abandoned: count,
  /** Queue figures; null on agent rows (waiting belongs to a queue, not to an agent). */
  serviceLevelPercent: pct,
  averageSpeedOfAnswerMs: z.number().nonnegative().nullable(),
  abandonmentPercent: pct,
  handled: count,
  averageHandleMs: z.number().nonnegative().nullable(),
  closed: count,
  resolvedFirstContact: count,
  fcrPercent: pct,
  rated: count,
  csatPercent: pct,
  averageRating: z.number().min(1).max(5).nullable(),
  sentiment: z.object({ negative: count, neutral: count, positive: count }),
  /** Conversations a bot resolved: null until a bot answers customers. */
  botResolvedPercent: pct,
});
export type ReportRow = z.infer<typeof reportRowSchema>;

export const reportSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  timeZone: z.string(),
  queue: z.string().nullable(),
  fcrDays: z.number().int(),
  generatedAt: z.number(),
  days: z.array(reportRowSchema),
  queues: z.array(reportRowSchema),
  agents: z.array(reportRowSchema),
  total: reportRowSchema,
});
export type Report = z.infer<typeof reportSchema>;
