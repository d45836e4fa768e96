import { z } from 'zod';
import type { Logger } from '../../shared/log';
import type { AgentStates } from '../agent-states';
import type { EventBus } from '../event-bus';
import type { SocketRegistry } from '../socket-registry';
import type { HubStore } from '../store/hub-store';
import type { TypingRelay } from '../typing-relay';
import { bridgeFeeds } from './cluster-feeds';
import { createLocalPresence, type ClusterPresence } from './cluster-presence';
import { createLocalSignalGroup, type ClusterSignals } from './cluster-signals';
import { createClusterSockets } from './cluster-sockets';
import { clusterTyping } from './cluster-typing';
import { startPresenceSweep } from './presence-sweep';
import { memoryCounters, type RateCounters } from './rate-counters';
import { visitorFanOut, type VisitorFanOut } from './visitor-fan-out';

export const clusterConfigSchema = z.object({
  /** REDIS_URL / --redis: what this instance shares with the others. Unset: the embedded single process (nothing installed). */
  redisUrl: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL').optional(),
  /** An agent whose instance stops renewing their presence is offline this long after its last heartbeat. */
  presenceTtlMs: z.number().int().min(300).default(15_000),
  /** While Redis is unreachable, each desktop's feed is read this often instead of being signalled. */
  feedPollMs: z.number().int().positive().default(2_000),
});
export type ClusterConfig = z.infer<typeof clusterConfigSchema>;

/**
 * One hub instance's place in a cluster: the signals, presence and rate-limit counters it shares with the
 * others, and the wrappers that carry its sockets, typing and widget frames across. Without a Redis URL
 * everything is in-process and the hub behaves exactly as a single process (the default).
 */
export interface ClusterNode {
  counters: RateCounters;
  visitors: VisitorFanOut;
  /** The agent sockets of this instance, as cluster members (cluster-sockets.ts); `local` stays for routing and the feed bridge. */
  sockets(local: SocketRegistry): SocketRegistry;
  typing(relay: TypingRelay, store: Pick<HubStore, 'conversation'>): TypingRelay;
  /** Starts the feed bridge and, with shared presence, the sweep that takes expired agents offline; `sockets`: the local registry. */
  start(deps: { bus: EventBus; store: HubStore; sockets: SocketRegistry; agentStates: AgentStates }): void;
  /** True when presence is shared: a restart then must not take everyone offline (the sweep does it per agent). */
  shared: boolean;
  close(): Promise<void>;
}

export async function openClusterNode(config: ClusterConfig, log: Logger): Promise<ClusterNode> {
  const url = config.redisUrl;
  const redis = url ? (await import('./redis-shared')).openRedisShared(url, config.presenceTtlMs, log) : null;
  const signals: ClusterSignals = redis?.signals ?? createLocalSignalGroup().join();
  const presence: ClusterPresence = redis?.presence ?? createLocalPresence();
  const stops: Array<() => void> = [];
  return {
    counters: redis?.counters ?? memoryCounters,
    visitors: visitorFanOut(signals),
    shared: url !== undefined,
    sockets(local) {
      const sockets = createClusterSockets(local, { signals, presence, log, refreshMs: Math.max(100, Math.floor(config.presenceTtlMs / 3)), staleMs: config.presenceTtlMs });
      stops.push(sockets.stop);
      return sockets;
    },
    typing(relay, store) {
      const typing = clusterTyping(relay, signals, store);
      stops.push(typing.stop);
      return typing;
    },
    start({ bus, store, sockets, agentStates }) {
      stops.push(bridgeFeeds({ bus, signals, store, sockets, pollMs: config.feedPollMs, log }).stop);
      if (url) stops.push(startPresenceSweep({ store, presence, sockets, agentStates, ttlMs: config.presenceTtlMs, log }).stop);
    },
    async close() {
      for (const stop of stops.splice(0)) stop();
      await (redis ? redis.close() : Promise.all([signals.close(), presence.close()]));
    },
  };
}
