import type { Logger } from '../../shared/log';
import type { ClusterPresence } from './cluster-presence';
import { closeRedis, connectRedis } from './redis-connection';

const PREFIX = 'switchboard:presence:';
const CLAIM_PREFIX = 'switchboard:claim:';

/** Deletes a presence entry only while this instance owns it: an agent who moved to another instance stays. */
const DELETE_IF_MINE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

export interface RedisPresenceOptions {
  url: string;
  instanceId: string;
  /** An agent whose instance stops renewing is gone this long after the last heartbeat. */
  ttlMs: number;
  log: Logger;
}

/**
 * Presence in Redis: one key per agent naming the instance that holds their socket, with a time to live the
 * instance renews (every third of it) while the socket stays. Writes made while Redis is gone are dropped;
 * the next heartbeat after it returns restores every entry this instance owns.
 */
export function createRedisPresence(options: RedisPresenceOptions): ClusterPresence {
  const { instanceId, ttlMs } = options;
  const here = new Set<string>();
  let ready = false;
  const redis = connectRedis({
    url: options.url,
    role: 'presence',
    log: options.log,
    onReady: (r) => {
      ready = r;
      if (r) void heartbeat();
    },
  });
  const write = (agentId: string): Promise<unknown> => redis.set(`${PREFIX}${agentId}`, instanceId, 'PX', ttlMs);

  async function heartbeat(): Promise<void> {
    if (!ready || here.size === 0) return;
    const batch = redis.pipeline();
    for (const agentId of here) batch.set(`${PREFIX}${agentId}`, instanceId, 'PX', ttlMs);
    await batch.exec().catch(() => undefined); // retried on the next beat
  }
  const timer = setInterval(() => void heartbeat(), Math.max(50, Math.floor(ttlMs / 3)));
  timer.unref();

  return {
    up(agentId) {
      here.add(agentId);
      if (ready) write(agentId).catch(() => undefined);
    },
    down(agentId) {
      here.delete(agentId);
      if (ready) redis.eval(DELETE_IF_MINE, 1, `${PREFIX}${agentId}`, instanceId).catch(() => undefined);
    },
    async online() {
      if (!ready) return null;
      try {
        const found = new Set<string>();
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
          for (const key of keys) found.add(key.slice(PREFIX.length));
          cursor = next;
        } while (cursor !== '0');
        return found;
      } catch {
        return null;
      }
    },
    async claim(name, ms) {
      if (!ready) return false;
      try {
        return (await redis.set(`${CLAIM_PREFIX}${name}`, instanceId, 'PX', ms, 'NX')) === 'OK';
      } catch {
        return false;
      }
    },
    async close() {
      clearInterval(timer);
      // A clean stop gives its agents up at once rather than after the time to live.
      if (ready && here.size > 0) {
        const batch = redis.pipeline();
        for (const agentId of here) batch.eval(DELETE_IF_MINE, 1, `${PREFIX}${agentId}`, instanceId);
        await batch.exec().catch(() => undefined);
      }
      here.clear();
      await closeRedis(redis);
    },
  };
}
