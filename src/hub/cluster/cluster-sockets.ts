import type { Logger } from '../../shared/log';
import { HUB_PROTOCOL_VERSION, serverFrameSchema } from '../../shared/protocol/hub-protocol';
import type { AgentConnection, SocketRegistry } from '../socket-registry';
import type { ClusterPresence } from './cluster-presence';
import type { ClusterSignals } from './cluster-signals';

/**
 * The agent sockets of one instance, as a member of a cluster. What is held here stays in the local registry
 * (who is connected here, `isOnline` included: routing offers only to sockets it can reach); on top of it:
 * - newest sign-in wins across instances: a sign-in here replaces the agent's older socket on any instance;
 * - a frame for an agent whose socket is elsewhere goes to the instance that holds it;
 * - the cluster's presence learns who is held here.
 */
export function createClusterSockets(local: SocketRegistry, deps: { signals: ClusterSignals; presence: ClusterPresence; log: Logger }): SocketRegistry & { stop(): void } {
  const { signals, presence, log } = deps;
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
    isOnline: (agentId) => local.isOnline(agentId),
    send(agentId, frame) {
      if (local.isOnline(agentId)) local.send(agentId, frame);
      else signals.publish({ kind: 'agent.frame', agentId, frame });
    },
    onlineAgentIds: () => local.onlineAgentIds(),
    stop: unsubscribe,
  };
}
