import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** What the hub asks of a counter, whichever store holds it. */
export type RateLimiter = Pick<RateLimiterMemory, 'consume' | 'get' | 'penalty' | 'delete'>;

/**
 * Where the hub's rate-limit counters live. In memory each instance counts on its own; in a cluster they are
 * in Redis, so a budget spent through one instance holds on all of them. While Redis is unreachable each
 * instance falls back to its own counters (rate-limiter-flexible's insurance limiter): the limits loosen by
 * the number of instances for a while, the hub never stops answering.
 */
export interface RateCounters {
  /** `points` per `seconds` per key; `name` keeps one budget's keys apart from another's in a shared store. */
  limiter(name: string, points: number, seconds: number): RateLimiter;
}

export const memoryCounters: RateCounters = {
  limiter: (_name, points, duration) => new RateLimiterMemory({ points, duration }),
};

export function redisCounters(redis: Redis): RateCounters {
  return {
    limiter: (name, points, duration) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `switchboard:rl:${name}`,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      }),
  };
}
