/**
 * Who has a desktop connected anywhere in the cluster. Each instance says which agents it holds; the entries
 * live on heartbeats with a time to live, so an instance that dies takes its agents offline when their
 * presence expires, not the moment some instance restarts.
 */
export interface ClusterPresence {
  /** This instance now holds the agent's socket. */
  up(agentId: string): void;
  /** This instance no longer holds it (another instance that took it over keeps its own entry). */
  down(agentId: string): void;
  /** The agents present anywhere; null when that cannot be known now (then nobody may be judged offline). */
  online(): Promise<ReadonlySet<string> | null>;
  /** True for one instance of the cluster per `ms` (for work that should run once, like the expiry sweep). */
  claim(name: string, ms: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The single process's presence: exactly the sockets it holds. */
export function createLocalPresence(): ClusterPresence {
  const here = new Set<string>();
  return {
    up: (agentId) => void here.add(agentId),
    down: (agentId) => void here.delete(agentId),
    online: async () => new Set(here),
    claim: async () => true,
    close: async () => undefined,
  };
}
