import type { Logger } from '../../shared/log';
import type { ClusterPresence } from './cluster-presence';
import type { ClusterSignals } from './cluster-signals';
import { redisCounters, type RateCounters } from './rate-counters';
import { closeRedis, connectRedis } from './redis-connection';
import { createRedisPresence } from './redis-presence';
import { createRedisSignals } from './redis-signals';

/** What an instance shares through Redis. Loaded only when a Redis URL is set: the embedded hub never loads a client. */
export function openRedisShared(url: string, presenceTtlMs: number, log: Logger): { signals: ClusterSignals; presence: ClusterPresence; counters: RateCounters; close(): Promise<void> } {
  const signals = createRedisSignals(url, log);
  const presence = createRedisPresence({ url, instanceId: signals.instanceId, ttlMs: presenceTtlMs, log });
  const countersRedis = connectRedis({ url, role: 'rate-limits', log });
  return {
    signals,
    presence,
    counters: redisCounters(countersRedis),
    close: async () => {
      await Promise.all([signals.close(), presence.close(), closeRedis(countersRedis)]);
    },
  };
}
