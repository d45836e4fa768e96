import type { Logger } from '../../shared/log';
import type { EventBus } from '../event-bus';
import { ALL_SEEING_FEED, feedOwnerOf } from '../feeds/audience';
import type { SocketRegistry } from '../socket-registry';
import type { HubStore } from '../store/hub-store';
import type { ClusterSignals, SignalHealth } from './cluster-signals';

export interface ClusterFeedsOptions {
  bus: EventBus;
  signals: ClusterSignals;
  store: Pick<HubStore, 'feedAfter' | 'feedHead' | 'agent'>;
  /** The sockets held by this instance (whose feeds it must keep current). */
  sockets: Pick<SocketRegistry, 'onlineAgentIds' | 'isOnline'>;
  /** While signals are not arriving, each held feed is read this often instead. */
  pollMs: number;
  log: Logger;
}

/**
 * "Your feed advanced" across a cluster's instances. A commit here tells the others which feeds advanced to
 * where; an instance that hears it reads each of those feeds it holds a socket for from the shared store and
 * hands the event to its sockets as if it were committed here. The signal is only a hint: while signals are
 * not arriving (Redis unreachable), every held feed is read at `pollMs` instead, and once more when they come
 * back, so a desktop hears of every event late rather than never.
 */
export function bridgeFeeds(options: ClusterFeedsOptions): { stop(): void } {
  const { bus, signals, store, sockets, log } = options;

  /** Hands the event at `pos` of `owner`'s feed to the sockets here; they skip what they have sent already. */
  const advance = (owner: string, pos: number): void => {
    const [found] = store.feedAfter(owner, pos - 1, 1);
    if (found?.pos === pos) bus.advanced({ event: found.event, positions: [{ owner, pos }] });
  };
  const heldOwners = (): Set<string> => {
    const owners = new Set<string>();
    for (const id of sockets.onlineAgentIds()) {
      const agent = store.agent(id);
      if (agent) owners.add(feedOwnerOf(agent));
    }
    return owners;
  };
  const safely = (what: string, work: () => void): void => {
    try {
      work();
    } catch (cause) {
      log.log('error', what, { detail: cause instanceof Error ? cause.message : String(cause) });
    }
  };
  const pullAll = (): void =>
    safely('feed pull failed', () => {
      for (const owner of heldOwners()) {
        const head = store.feedHead(owner);
        if (head > 0) advance(owner, head);
      }
    });

  const unpublish = bus.subscribeAll((stored, remote) => {
    if (!remote && stored.positions.length > 0) signals.publish({ kind: 'feed.advanced', positions: [...stored.positions] });
  });
  const unlisten = signals.subscribe((signal) => {
    if (signal.kind !== 'feed.advanced') return;
    safely('feed notice failed', () => {
      // The shared feed of those who see everything is read once, whoever here reads it.
      const held = signal.positions.filter((p) => (p.owner === ALL_SEEING_FEED ? sockets.onlineAgentIds().length > 0 : sockets.isOnline(p.owner)));
      for (const { owner, pos } of held) advance(owner, pos);
    });
  });

  let poll: ReturnType<typeof setInterval> | null = null;
  let everConnected = false;
  const unhealth = signals.onHealth((health: SignalHealth) => {
    if (health === 'degraded' && !poll) {
      poll = setInterval(pullAll, options.pollMs);
      poll.unref();
      if (everConnected) log.log('warn', 'cluster signals lost: desktops here are kept current by reading their feeds', { everyMs: options.pollMs });
    } else if (health === 'connected') {
      everConnected = true;
      if (!poll) return;
      clearInterval(poll);
      poll = null;
      // Whatever was committed elsewhere while the signals were down.
      pullAll();
    }
  });

  return {
    stop() {
      unpublish();
      unlisten();
      unhealth();
      if (poll) clearInterval(poll);
      poll = null;
    },
  };
}
