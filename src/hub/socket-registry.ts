import type { HubServerFrameInput } from '../shared/protocol/hub-protocol';

export interface AgentConnection {
  sessionId: string;
  send(frame: HubServerFrameInput): void;
  close(code: number, reason: string): void;
}

/**
 * The agent sockets this hub process holds, one per agent: who is connected here, and a way to send
 * them a frame. Whether an agent is available is their state in the store; this is only the wire.
 */
export interface SocketRegistry {
  /** Registers a connection; an older connection of the same agent is returned so the caller can tell it why it lost. */
  connect(agentId: string, connection: AgentConnection): AgentConnection | null;
  disconnect(agentId: string, connection: AgentConnection): boolean;
  isOnline(agentId: string): boolean;
  send(agentId: string, frame: HubServerFrameInput): void;
  onlineAgentIds(): string[];
}

export function createSocketRegistry(): SocketRegistry {
  const connections = new Map<string, AgentConnection>();
  return {
    connect(agentId, connection) {
      const previous = connections.get(agentId) ?? null;
      connections.set(agentId, connection);
      return previous;
    },
    disconnect(agentId, connection) {
      if (connections.get(agentId) !== connection) return false;
      connections.delete(agentId);
      return true;
    },
    isOnline: (agentId) => connections.has(agentId),
    send(agentId, frame) {
      connections.get(agentId)?.send(frame);
    },
    onlineAgentIds: () => [...connections.keys()],
  };
}
