import { Redis } from 'ioredis';
import type { Logger } from '../../shared/log';

/** Reconnect waits grow by this much per failed attempt, up to the cap. */
const BACKOFF_STEP_MS = 200;
const BACKOFF_CAP_MS = 5_000;

export interface RedisConnectionOptions {
  url: string;
  /** What this connection is for, in its log lines. */
  role: string;
  log: Logger;
  /** Told when the connection is usable (true) and when it is lost (false). */
  onReady?(ready: boolean): void;
}

/**
 * One connection to the cluster's Redis. Redis going away must not take the hub down: the connection retries
 * forever with a growing wait (capped), commands fail at once while it is down (no queue that grows without
 * bound, no caller left waiting), and an outage is logged once when it starts and once when it ends.
 */
export function connectRedis(options: RedisConnectionOptions): Redis {
  const { log, role } = options;
  let down = false;
  const redis = new Redis(options.url, {
    retryStrategy: (attempt) => Math.min(attempt * BACKOFF_STEP_MS, BACKOFF_CAP_MS),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // Subscribers subscribe again on each 'ready' themselves (redis-signals.ts).
    autoResubscribe: false,
    // Our own name, so `CLIENT LIST` on the Redis side tells the hub's connections apart.
    connectionName: `switchboard-${role}`,
  });
  redis.on('ready', () => {
    if (down) log.log('info', 'redis reachable again', { role });
    down = false;
    options.onReady?.(true);
  });
  const lost = (detail: string): void => {
    if (!down) log.log('warn', 'redis unreachable: retrying with backoff; the hub carries on without it', { role, detail });
    if (!down) options.onReady?.(false);
    down = true;
  };
  redis.on('error', (cause: Error) => lost(cause.message));
  redis.on('close', () => lost('connection closed'));
  return redis;
}

/** Closes a connection without waiting for a Redis that may be gone. */
export async function closeRedis(redis: Redis): Promise<void> {
  redis.removeAllListeners();
  // ioredis may still report errors while it winds down; nobody is left to care.
  redis.on('error', () => undefined);
  try {
    await Promise.race([redis.quit(), new Promise((resolve) => setTimeout(resolve, 500))]);
  } catch {
    // Already gone: nothing to close politely.
  }
  redis.disconnect();
}
