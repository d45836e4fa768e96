import { z } from 'zod';

/**
 * What one hub instance tells the others. Every signal is a hint that saves a wait, never the only copy of
 * anything: the store holds the events (desktops pull by cursor), the sessions and the states. A lost signal
 * costs latency (a desktop hears of its event at the next pull) or an ephemeral frame (a typing indicator).
 */
export const clusterSignalSchema = z.discriminatedUnion('kind', [
  /** Feeds advanced to these positions (an event committed on the sending instance). */
  z.object({
    kind: z.literal('feed.advanced'),
    positions: z.array(z.object({ owner: z.string().min(1), pos: z.number().int().nonnegative() })).max(10_000),
  }),
  /** An agent's socket signed in on the sending instance: any older socket of theirs elsewhere is replaced. */
  z.object({ kind: z.literal('session.started'), agentId: z.string().min(1), sessionId: z.string().min(1), at: z.number() }),
  /** A frame for an agent whose socket is not on the sending instance; whoever holds it delivers it. */
  z.object({ kind: z.literal('agent.frame'), agentId: z.string().min(1), frame: z.unknown() }),
  /** An agent typed (or stopped): each instance tells its own supervisors and widget visitors. */
  z.object({ kind: z.literal('agent.typing'), agentId: z.string().min(1), conversationId: z.string().min(1), active: z.boolean() }),
  /** A frame (already JSON) for every widget tab of a visitor, on whichever instance holds them. */
  z.object({ kind: z.literal('visitor.frame'), visitorId: z.string().min(1), text: z.string() }),
]);
export type ClusterSignal = z.infer<typeof clusterSignalSchema>;

/** Whether signals from other instances are arriving: while they are not, instances fall back to pulling. */
export type SignalHealth = 'connected' | 'degraded';

export interface ClusterSignals {
  /** This instance's name in the cluster (logs, presence ownership). */
  readonly instanceId: string;
  /** Tells every other instance; never throws and never waits (a signal that cannot go out is dropped). */
  publish(signal: ClusterSignal): void;
  /** Signals from the other instances, never this one's own. */
  subscribe(listener: (signal: ClusterSignal) => void): () => void;
  /** Health changes; the listener hears the current health at once. */
  onHealth(listener: (health: SignalHealth) => void): () => void;
  close(): Promise<void>;
}

/**
 * The in-process signals: instances that share one group hear each other synchronously. The embedded hub has
 * a group of its own (nobody to tell); tests may put several in-process instances in one group.
 */
export function createLocalSignalGroup() {
  const members = new Set<{ id: string; deliver(signal: ClusterSignal): void }>();
  let next = 0;
  return {
    join(): ClusterSignals {
      const listeners = new Set<(signal: ClusterSignal) => void>();
      const member = { id: `local-${++next}`, deliver: (signal: ClusterSignal) => listeners.forEach((l) => l(signal)) };
      members.add(member);
      return {
        instanceId: member.id,
        publish(signal) {
          for (const other of members) if (other !== member) other.deliver(signal);
        },
        subscribe(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        onHealth(listener) {
          listener('connected');
          return () => undefined;
        },
        close: async () => {
          members.delete(member);
        },
      };
    },
  };
}
