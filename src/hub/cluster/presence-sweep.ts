import type { Logger } from '../../shared/log';
import type { AgentStates } from '../agent-states';
import type { SocketRegistry } from '../socket-registry';
import type { HubStore } from '../store/hub-store';
import type { ClusterPresence } from './cluster-presence';

export interface PresenceSweepOptions {
  store: Pick<HubStore, 'agents'>;
  presence: ClusterPresence;
  sockets: Pick<SocketRegistry, 'isOnline'>;
  agentStates: Pick<AgentStates, 'signedOut'>;
  /** How long presence lives without a heartbeat; the sweep runs twice as often. */
  ttlMs: number;
  log: Logger;
  now?: () => number;
}

/**
 * Takes offline, once for the cluster, every agent whose presence expired: their instance died (or lost
 * Redis) and nobody renewed it. An agent is never judged while presence cannot be read, nor within a time to
 * live of their last state change (their instance may not have written their presence yet). After-call work
 * is left to its own durable job, which ends it on time either way.
 */
export function startPresenceSweep(options: PresenceSweepOptions): { stop(): void } {
  const { store, presence, sockets, agentStates, ttlMs, log } = options;
  const now = options.now ?? Date.now;
  const every = Math.max(50, Math.floor(ttlMs / 2));
  let running = false;
  const sweep = async (): Promise<void> => {
    if (running || !(await presence.claim('presence-sweep', every))) return;
    running = true;
    try {
      const candidates = store.agents().filter((a) => a.state !== 'offline' && a.state !== 'after_call_work' && a.stateSince < now() - ttlMs && !sockets.isOnline(a.id));
      if (candidates.length === 0) return;
      const online = await presence.online();
      if (!online) return;
      for (const agent of candidates) {
        if (online.has(agent.id)) continue;
        log.log('info', 'agent presence expired: offline', { agent: agent.id });
        agentStates.signedOut(agent.id);
      }
    } catch (cause) {
      log.log('error', 'presence sweep failed', { detail: cause instanceof Error ? cause.message : String(cause) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), every);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
