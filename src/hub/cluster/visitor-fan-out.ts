import type { ClusterSignals } from './cluster-signals';

/** Frames for a widget visitor's tabs, which may be open on other instances of a cluster. */
export interface VisitorFanOut {
  /** Tells the other instances (this one has delivered to its own tabs already). */
  publish(visitorId: string, text: string): void;
  /** Frames the other instances sent, for the tabs held here. */
  subscribe(deliver: (visitorId: string, text: string) => void): () => void;
}

export function visitorFanOut(signals: ClusterSignals): VisitorFanOut {
  return {
    publish: (visitorId, text) => signals.publish({ kind: 'visitor.frame', visitorId, text }),
    subscribe: (deliver) =>
      signals.subscribe((signal) => {
        if (signal.kind === 'visitor.frame') deliver(signal.visitorId, signal.text);
      }),
  };
}
