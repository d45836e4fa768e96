import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../shared/log';
import { clusterSignalSchema, type ClusterSignal, type ClusterSignals, type SignalHealth } from './cluster-signals';
import { closeRedis, connectRedis } from './redis-connection';

/** The one pub/sub channel every instance of a cluster listens on. */
export const SIGNAL_CHANNEL = 'switchboard:signals';

const envelopeSchema = z.object({ from: z.string().min(1), signal: clusterSignalSchema });

/**
 * Signals through Redis pub/sub: fire and forget, as the signals are hints (cluster-signals.ts). Publishing
 * and listening need two connections (a subscribed connection may do nothing else); the signals count as
 * connected only while both are.
 */
export function createRedisSignals(url: string, log: Logger): ClusterSignals {
  const instanceId = randomUUID();
  const listeners = new Set<(signal: ClusterSignal) => void>();
  const healthListeners = new Set<(health: SignalHealth) => void>();
  const ready = { pub: false, sub: false };
  let health: SignalHealth = 'degraded';
  const update = (): void => {
    const now: SignalHealth = ready.pub && ready.sub ? 'connected' : 'degraded';
    if (now === health) return;
    health = now;
    healthListeners.forEach((l) => l(now));
  };
  const pub = connectRedis({ url, role: 'signals-publish', log, onReady: (r) => ((ready.pub = r), update()) });
  // Subscribed on every (re)connection: commands fail at once while Redis is away, so one made earlier is lost.
  const sub = connectRedis({
    url,
    role: 'signals-listen',
    log,
    onReady: (r) => {
      if (!r) return ((ready.sub = false), update());
      sub.subscribe(SIGNAL_CHANNEL).then(
        () => ((ready.sub = true), update()),
        () => undefined, // lost again already; the next connection subscribes
      );
    },
  });
  let refused = 0;
  sub.on('message', (channel: string, text: string) => {
    if (channel !== SIGNAL_CHANNEL) return;
    let parsed: z.infer<typeof envelopeSchema>;
    try {
      parsed = envelopeSchema.parse(JSON.parse(text));
    } catch {
      // A foreign or newer publisher on our channel: counted, logged once in a while, never fatal.
      if (refused++ % 1000 === 0) log.log('warn', 'cluster signal refused', { refused });
      return;
    }
    if (parsed.from === instanceId) return;
    for (const listener of listeners) {
      try {
        listener(parsed.signal);
      } catch (cause) {
        log.log('error', 'cluster signal listener failed', { kind: parsed.signal.kind, detail: cause instanceof Error ? cause.message : String(cause) });
      }
    }
  });

  return {
    instanceId,
    publish(signal) {
      if (!ready.pub) return;
      pub.publish(SIGNAL_CHANNEL, JSON.stringify({ from: instanceId, signal })).catch(() => undefined); // a hint: dropped when Redis is gone
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onHealth(listener) {
      healthListeners.add(listener);
      listener(health);
      return () => healthListeners.delete(listener);
    },
    async close() {
      listeners.clear();
      healthListeners.clear();
      await Promise.all([closeRedis(sub), closeRedis(pub)]);
    },
  };
}
