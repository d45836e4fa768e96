import { BurstyRateLimiter, RateLimiterMemory } from 'rate-limiter-flexible';
import { z } from 'zod';
import { memoryCounters, type RateCounters } from '../cluster/rate-counters';

/**
 * How much anyone may make the hub hold or do: the hub is on the internet and most of its input is anonymous.
 * Defaults suit a single site; each is a setting (README, "Limits").
 */
export const hubLimitsSchema = z.object({
  /** A socket that has not said hello by then is closed (4408). */
  helloTimeoutMs: z.number().int().positive().default(10_000),
  /** A consumer whose unsent frames pass this is cut off rather than buffered for. */
  maxBufferedBytes: z.number().int().positive().default(1024 * 1024),
  /** Malformed frames a socket that has not signed in may send before it is closed (4400). */
  maxBadFrames: z.number().int().positive().default(10),
  /** Widget messages per socket: this many at once, then this many a second. */
  widgetMessageBurst: z.number().int().positive().default(5),
  widgetMessagesPerSecond: z.number().positive().default(1),
  /** Typing indicators per widget socket a second (the page sends one every few seconds). */
  widgetTypingPerSecond: z.number().positive().default(2),
  /** Open widget sockets per source address. */
  socketsPerAddress: z.number().int().positive().default(20),
  /** Visitor ids the hub has not seen before, per source address an hour. */
  newVisitorsPerAddressPerHour: z.number().int().positive().default(30),
  /** Conversations opened from the widget, per source address an hour. */
  newConversationsPerAddressPerHour: z.number().int().positive().default(30),
  /** Bytes a widget visitor may upload in 24 hours. */
  uploadBytesPerVisitorPerDay: z.number().int().positive().default(20 * 1024 * 1024),
  /** An upload no message uses by then is deleted; the sweep runs this often. */
  unreferencedUploadGraceMs: z.number().int().positive().default(3_600_000),
  uploadSweepMs: z.number().int().positive().default(600_000),
  /** Commands and sync pages an agent socket may have waiting; more are refused at once (rate_limited). */
  agentPendingCommands: z.number().int().positive().default(100),
  http: z
    .object({
      /** The whole request head must arrive within this. */
      headersTimeoutMs: z.number().int().positive().default(10_000),
      /** The whole request, body included. */
      requestTimeoutMs: z.number().int().positive().default(30_000),
      keepAliveTimeoutMs: z.number().int().positive().default(5_000),
      maxConnections: z.number().int().positive().default(10_000),
    })
    .refine((h) => h.headersTimeoutMs <= h.requestTimeoutMs, 'headersTimeoutMs must not exceed requestTimeoutMs')
    .prefault({}),
});
export type HubLimits = z.infer<typeof hubLimitsSchema>;

/** A keyed allowance: `take` is false once the key has used its share for now. */
export interface Budget {
  take(key: string, cost?: number): Promise<boolean>;
}

const allowance = (limiter: { consume(key: string, points?: number): Promise<unknown> }): Budget => ({
  take: (key, cost = 1) =>
    limiter.consume(key, cost).then(
      () => true,
      () => false,
    ),
});

/** `points` per `seconds`, per key: in memory (each hub instance counts on its own) unless shared counters are given. */
export function budget(points: number, seconds: number, shared?: { counters: RateCounters; name: string }): Budget {
  return allowance((shared?.counters ?? memoryCounters).limiter(shared?.name ?? 'local', points, seconds));
}

/** A steady `perSecond` with room for `burst` more at once, per key. */
export function burstBudget(perSecond: number, burst: number): Budget {
  const steady = new RateLimiterMemory({ points: Math.max(1, Math.floor(perSecond)), duration: Math.max(1, 1 / perSecond) });
  const extra = new RateLimiterMemory({ points: burst, duration: Math.max(1, burst / perSecond) });
  return allowance(new BurstyRateLimiter(steady, extra));
}
