import type { CallRecord } from '../../shared/domain/call';
import type { Conversation } from '../../shared/domain/conversation';
import type { Amendment, Move } from '../conversations/lifecycle-table';
import type { Logger } from '../../shared/log';
import { createConversationService, type ConversationService } from '../conversation-service';
import { createBuiltinCrm } from '../crm/builtin-crm';
import { createLifecycle, type Lifecycle } from '../conversations/lifecycle';
import { createEventBus } from '../event-bus';
import { createEventPublisher } from '../event-publisher';
import { createIdentityResolver, type IdentityResolver } from '../identity/identity-resolver';
import { createMergeService } from '../identity/merge-service';
import { summarizeConversation } from '../insights/conversation-summaries';
import type { HubStore } from '../store/hub-store';
import { demoChannelIdentity, demoDeskCustomers, demoVipTicket, DEMO_VIP_ID, type DemoContact, type DemoCustomer } from './demo-desk-script';

const MINUTE = 60_000;
/** Between one turn and the next in a seeded conversation. */
const TURN_GAP_MS = 2 * MINUTE;

interface Player {
  store: HubStore;
  lifecycle: Lifecycle;
  conversations: ConversationService;
  identities: IdentityResolver;
  /** Moves the seeding clock on. */
  advance(ms: number): number;
  agentId(username: string): string | null;
}

/**
 * Plays the demo desk's script through the hub's own conversation, identity and CRM services, on a
 * clock set to when each contact happened: feeds, queue statistics, merge suggestions and summaries
 * come out as a real desk's would. Meant for a store that has no conversations yet.
 */
export async function seedDemoDesk(store: HubStore, log: Logger, now: number = Date.now()): Promise<{ customers: number; conversations: number }> {
  let clock = now;
  const at = () => clock;
  let identities: IdentityResolver | null = null;
  const events = createEventPublisher(store, createEventBus(), at);
  const lifecycle = createLifecycle(store, events, at);
  const conversations = createConversationService(store, events, lifecycle, () => identities!, at);
  const merges = createMergeService(store, () => lifecycle, events.publish, at);
  identities = createIdentityResolver(store, merges, log, at);
  const agents = new Map(store.agents().map((a) => [a.username, a.id]));
  const player: Player = { store, lifecycle, conversations, identities, advance: (ms) => (clock += ms), agentId: (u) => agents.get(u) ?? null };

  const contacts = demoDeskCustomers
    .flatMap((customer) => customer.contacts.map((contact) => ({ customer, contact })))
    .sort((a, b) => b.contact.minutesAgo - a.contact.minutesAgo);
  let count = 0;
  for (const { customer, contact } of contacts) {
    clock = now - contact.minutesAgo * MINUTE;
    if (contact.channel === 'voice' ? playCall(player, customer, contact) : playChat(player, customer, contact)) count++;
  }

  clock = now - 10 * MINUTE;
  // Her email arrived only as a claim (anyone can write a From line); alice confirmed it was her from the 360.
  for (const s of store.openSuggestionsFor(DEMO_VIP_ID)) {
    merges.merge(DEMO_VIP_ID, s.customerId === DEMO_VIP_ID ? s.candidateId : s.customerId, player.agentId('alice') ?? 'demo');
  }
  const vipConversation = store.openTextConversation(DEMO_VIP_ID);
  await createBuiltinCrm(store, at).createTicket({ customerId: DEMO_VIP_ID, conversationId: vipConversation?.id ?? null, createdBy: player.agentId('alice'), ...demoVipTicket });
  log.log('info', 'demo desk seeded', { customers: demoDeskCustomers.length, conversations: count });
  return { customers: demoDeskCustomers.length, conversations: count };
}

/** Through the lifecycle, as the live hub moves conversations; a script that asks for an illegal move is a bug. */
function move(player: Player, conversationId: string, next: Move): Conversation {
  const moved = player.lifecycle.move(conversationId, next);
  if (!moved.ok) throw new Error(`demo desk: ${next.kind} ${conversationId}: ${moved.error.message}`);
  return moved.value;
}

/** The agent takes the conversation as an accepted offer would leave it. */
function assign(player: Player, conversation: Conversation, agentId: string, amend?: Amendment): Conversation {
  player.advance(30_000);
  return move(player, conversation.id, { kind: 'answer', agentId, ...(amend ? { amend } : {}) });
}

function close(player: Player, conversationId: string, contact: DemoContact): void {
  player.advance(MINUTE);
  move(player, conversationId, {
    kind: 'close',
    disposition: contact.disposition ?? 'resolved',
    dispositionNote: null,
    amend: { summary: summarizeConversation(player.store.messages(conversationId)) },
  });
}

function playChat(player: Player, customer: DemoCustomer, contact: DemoContact): boolean {
  const agentId = contact.agent && contact.outcome !== 'queued' ? player.agentId(contact.agent) : null;
  // A platform vouches for the phone it knows, and a site that signs its visitors in does too.
  const vouched = customer.phone && (contact.channel === 'webhook' || contact.channel === 'widget') ? [{ kind: 'phone' as const, value: customer.phone, verified: true }] : [];
  let conversation: Conversation | null = null;
  contact.turns.forEach(([who, text], i) => {
    if (i > 0) player.advance(TURN_GAP_MS);
    if (who === 'c') {
      const result = player.conversations.ingest({
        channel: contact.channel,
        identity: { ...demoChannelIdentity(customer, contact), verified: contact.channel !== 'email' },
        extraIdentities: vouched,
        customerName: customer.name || undefined,
        text,
        key: `demo:${customer.key}:${contact.minutesAgo}:${i}`,
        queue: contact.queue ?? 'chat',
        orderIds: contact.orderId ? [contact.orderId] : [],
      });
      if (!result.ok) return;
      conversation = result.value.conversation;
      if (agentId && conversation.status === 'queued') conversation = assign(player, conversation, agentId);
    } else if (conversation && agentId) {
      player.conversations.reply(agentId, conversation.id, { text, internal: false }, `demo:${customer.key}:${contact.minutesAgo}:${i}`);
    }
  });
  if (!conversation) return false;
  if (contact.outcome === 'closed') close(player, (conversation as Conversation).id, contact);
  return true;
}

function playCall(player: Player, customer: DemoCustomer, contact: DemoContact): boolean {
  const identity = demoChannelIdentity(customer, contact);
  const { customer: caller } = player.identities.resolve({ primary: { ...identity, verified: true }, extra: [], name: customer.name || undefined });
  const call: CallRecord = { sipCallId: `demo-call-${customer.key}-${contact.minutesAgo}`, direction: 'inbound', caller: identity.value, answeredAt: null, endedAt: null, missed: false, quality: null };
  const opened = player.conversations.open(caller, 'voice', contact.queue ?? 'voice', call.sipCallId, call);
  const agentId = contact.agent ? player.agentId(contact.agent) : null;
  if (contact.missed || !agentId) {
    const at = player.advance(40_000);
    move(player, opened.id, { kind: 'close', disposition: contact.disposition ?? 'no_answer', dispositionNote: null, amend: { call: { ...call, endedAt: at, missed: true } } });
    return true;
  }
  const answeredAt = player.advance(12_000);
  const talking = assign(player, opened, agentId, { call: { ...call, answeredAt } });
  const endedAt = player.advance((contact.talkSeconds ?? 120) * 1000);
  move(player, opened.id, { kind: 'end', amend: { call: { ...call, answeredAt: talking.call?.answeredAt ?? answeredAt, endedAt } } });
  close(player, opened.id, contact);
  return true;
}
