/**
 * A hub for the @selfservice spec, in its own process (the hub's modules load JSON weights that the
 * Playwright loader cannot): the demo desk with two days of history seeded before today, and Alice
 * signed in. It prints `{ url, day1 }` once listening; each `serve` line on stdin makes Alice take
 * the next chat offer, answer and close it, and prints `{ conversationId, customerId }`.
 */
import { createInterface } from 'node:readline';
import type { Channel } from '../../../src/shared/domain/channel';
import { startTestHub } from '../../harness/hub/test-hub';
import type { HubStore } from '../../../src/hub/store/hub-store';

/** Two days in the chat queue: day 1 answered in time (4 min, rated 2; the customer comes back on day 2), answered late (6 min, rated 5), abandoned late; day 2 answered in time (2 min, rated 4). */
function seedHistory(store: HubStore, day1: number): void {
  const day2 = day1 + 86_400_000;
  const h = (hours: number) => hours * 3_600_000;
  const slaMs = store.queue('chat')!.slaSeconds * 1000;
  for (const id of ['cus_r_a', 'cus_r_b', 'cus_r_c']) store.insertCustomer({ id, name: id, tags: [], identities: [], createdAt: 0, mergedInto: null });
  const contact = (id: string, customer: string, channel: Channel, entered: number, waitMs: number, agent: string | null, handleMs: number, rating: number | null) => {
    const answeredAt = entered + waitMs;
    const closedAt = agent ? answeredAt + handleMs : answeredAt;
    store.insertConversation({ id, customerId: customer, channel, status: 'closed', queue: 'chat', assigneeId: null, priority: 0, tags: [], createdAt: entered, updatedAt: closedAt, lastMessageAt: entered, preview: '', queuedAt: entered, closedAt, disposition: 'resolved' });
    store.enterQueue(id, 'chat', entered);
    store.leaveQueue(id, agent ? 'answered' : 'abandoned', answeredAt);
    if (agent) store.insertAssignment({ id: `asg_${id}`, conversationId: id, agentId: agent, queue: 'chat', channel, offeredAt: answeredAt, expiresAt: null, answeredAt, releasedAt: closedAt, outcome: 'closed' });
    if (rating !== null) {
      store.insertSurvey({ id: `srv_${id}`, conversationId: id, customerId: customer, queue: 'chat', agentId: agent, channel, language: 'en', askedVia: 'widget', askedAt: closedAt, expiresAt: closedAt + h(72), rating: null, comment: null, ratedAt: null, ratedVia: null });
      store.rateSurvey(`srv_${id}`, rating, null, 'widget', closedAt + 60_000);
    }
  };
  contact('rep_1', 'cus_r_a', 'widget', day1 + h(9), slaMs / 2, 'agt_alice', 240_000, 2);
  contact('rep_2', 'cus_r_b', 'wechat', day1 + h(10), slaMs * 2, 'agt_bob', 360_000, 5);
  contact('rep_3', 'cus_r_c', 'voice', day1 + h(11), slaMs + 5_000, null, 0, null);
  contact('rep_4', 'cus_r_a', 'email', day2 + h(9), slaMs / 2, 'agt_alice', 120_000, 4);
}

const t = await startTestHub();
const now = new Date();
const day1 = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 3 * 86_400_000;
seedHistory(t.hub.store, day1);
const alice = await t.agent('alice');
console.log(JSON.stringify({ url: t.url, day1 }));

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'serve') return;
  void (async () => {
    const offer = await alice.waitFor('offer');
    await alice.command({ kind: 'offer.accept', offerId: offer.offer.id });
    const conversationId = offer.offer.conversationId;
    await alice.command({ kind: 'message.send', conversationId, text: 'It arrives tomorrow.' });
    await alice.command({ kind: 'conversation.close', conversationId, disposition: 'resolved' });
    console.log(JSON.stringify({ conversationId, customerId: t.hub.store.conversation(conversationId)?.customerId }));
  })();
});
process.on('SIGTERM', () => void t.close().then(() => process.exit(0)));
