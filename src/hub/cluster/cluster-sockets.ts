import type { Logger } from '../../shared/log';
import { HUB_PROTOCOL_VERSION, serverFrameSchema } from '../../shared/protocol/hub-protocol';
import type { AgentConnection, SocketRegistry } from '../socket-registry';
import type { ClusterPresence } from './cluster-presence';
import type { ClusterSignals } from './cluster-signals';

/**
 * The agent sockets of one instance, as a member of a cluster. What is held here stays in the local registry
 * (routing and the feed bridge keep using it: they act only on sockets this instance holds); on top of it:
 * - `isOnline` is true for an agent connected to any instance (the cluster's presence as of its last read,
 *   every `refreshMs`; only this instance's sockets once it is older than `staleMs`), so the directory, the
 *   wallboard, transfers and the widget's "an agent is available" see the whole cluster;
 * - newest sign-in wins across instances: a sign-in here replaces the agent's older socket on any instance;
 * - a frame for an agent whose socket is elsewhere goes to the instance that holds it;
 * - the cluster's presence learns who is held here.
 */
export function createClusterSockets(
  local: SocketRegistry,
  deps: { signals: ClusterSignals; presence: ClusterPresence; log: Logger; refreshMs: number; staleMs: number },
): SocketRegistry & { stop(): void } {
  const { signals, presence, log } = deps;
  let elsewhere: { agents: ReadonlySet<string>; at: number } = { agents: new Set(), at: 0 };
  /** Sign-ins other instances announced since the last read of presence (which may not have them yet). */
  const announced = new Map<string, number>();
  const refresh = async (): Promise<void> => {
    const asked = Date.now();
    const online = await presence.online();
    if (!online) return;
    elsewhere = { agents: online, at: asked };
    for (const [agentId, at] of announced) if (at < asked) announced.delete(agentId);
  };
  const fresh = (at: number | undefined): boolean => at !== undefined && Date.now() - at < deps.staleMs;
  const timer = setInterval(() => void refresh().catch(() => undefined), deps.refreshMs);
  timer.unref();
  void refresh().catch(() => undefined);
  /** The sockets held here and when each signed in (the newest wins, across instances too). */
  const held = new Map<string, { connection: AgentConnection; at: number }>();

  const replace = (agentId: string, by: { sessionId: string; at: number }): void => {
    const mine = held.get(agentId);
    if (!mine || mine.connection.sessionId === by.sessionId) return;
    // Two sign-ins at once on two instances: the later one wins on both sides (ties by session id).
    if (mine.at > by.at || (mine.at === by.at && mine.connection.sessionId > by.sessionId)) return;
    held.delete(agentId);
    // Out of the registry first: the closing socket must not sign the agent out, they are signed in elsewhere.
    local.disconnect(agentId, mine.connection);
    presence.down(agentId);
    mine.connection.send({ v: HUB_PROTOCOL_VERSION, type: 'bye', reason: 'replaced', message: 'signed in on another device' });
    mine.connection.close(4409, 'replaced');
    log.log('info', 'agent session replaced from another hub instance', { agent: agentId });
  };

  const unsubscribe = signals.subscribe((signal) => {
    switch (signal.kind) {
      case 'session.started':
        announced.set(signal.agentId, Date.now());
        return replace(signal.agentId, signal);
      case 'agent.frame': {
        if (!local.isOnline(signal.agentId)) return;
        const frame = serverFrameSchema.safeParse(signal.frame);
        if (frame.success) local.send(signal.agentId, frame.data);
        else log.log('warn', 'cluster frame refused', { agent: signal.agentId });
        return;
      }
      default:
        return;
    }
  });

  return {
    connect(agentId, connection) {
      const previous = local.connect(agentId, connection);
      const at = Date.now();
      held.set(agentId, { connection, at });
      presence.up(agentId);
      signals.publish({ kind: 'session.started', agentId, sessionId: connection.sessionId, at });
      return previous;
    },
    disconnect(agentId, connection) {
      const gone = local.disconnect(agentId, connection);
      if (gone) {
        held.delete(agentId);
        presence.down(agentId);
      }
      return gone;
    },
    isOnline: (agentId) => local.isOnline(agentId) || fresh(announced.get(agentId)) || (fresh(elsewhere.at) && elsewhere.agents.has(agentId)),
    send(agentId, frame) {
      if (local.isOnline(agentId)) local.send(agentId, frame);
      else signals.publish({ kind: 'agent.frame', agentId, frame });
    },
    onlineAgentIds: () => local.onlineAgentIds(),
    stop() {
      unsubscribe();
      clearInterval(timer);
    },
  };
}
