import { conversationStatuses } from '../../shared/domain/conversation';
import { canSeeConversation, seesEverything } from '../../shared/domain/visibility';
import type { HubStore } from '../store/hub-store';
import { ALL_SEEING_FEED } from './audience';

const PAGE = 1_000;

/**
 * A store whose events predate feeds gets them once: everything in the shared feed, in order, and
 * each agent the history of every conversation they see now (and of its customer). Returns how many
 * events the shared feed received.
 */
export function backfillFeeds(store: HubStore): number {
  if (store.feedsStarted() || store.eventCount() === 0) return 0;
  return store.transaction(() => {
    let count = 0;
    for (let seqs = store.eventSeqsAfter(0, PAGE); seqs.length > 0; seqs = store.eventSeqsAfter(seqs.at(-1)!, PAGE)) {
      for (const seq of seqs) store.appendToFeeds(seq, [ALL_SEEING_FEED]);
      count += seqs.length;
    }
    const agents = store.agents().filter((a) => !seesEverything(a));
    for (const status of conversationStatuses) {
      for (const c of store.conversationsByStatus(status)) {
        for (const agent of agents) if (canSeeConversation(agent, c)) store.grantHistory(agent.id, c.id, c.customerId, Number.MAX_SAFE_INTEGER);
      }
    }
    return count;
  });
}
