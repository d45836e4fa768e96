import type { CallRecord } from '../../shared/domain/call';
import type { Conversation } from '../../shared/domain/conversation';
import type { Logger } from '../../shared/log';
import { createConversationService, type ConversationService } from '../conversation-service';
import { createBuiltinCrm } from '../crm/builtin-crm';
import { createEventBus } from '../event-bus';
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
  const conversations = createConversationService(store, createEventBus(), () => identities!, at);
  const merges = createMergeService(store, conversations.publish, at);
  identities = createIdentityResolver(store, merges, log, at);
  const agents = new Map(store.agents().map((a) => [a.username, a.id]));
  const player: Player = { store, conversations, identities, advance: (ms) => (clock += ms), agentId: (u) => agents.get(u) ?? null };

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

/** The agent takes the conversation as an accepted offer would leave it. */
function assign(player: Player, conversation: Conversation, agentId: string): Conversation {
  const at = player.advance(30_000);
  const next: Conversation = { ...conversation, status: 'active', assigneeId: agentId, updatedAt: at };
  player.conversations.updateConversation(next);
  return next;
}

function close(player: Player, conversationId: string, contact: DemoContact): void {
  const current = player.store.conversation(conversationId);
  if (!current) return;
  const at = player.advance(MINUTE);
  player.conversations.updateConversation({
    ...current,
    status: 'closed',
    closedAt: at,
    disposition: contact.disposition ?? 'resolved',
    dispositionNote: null,
    summary: summarizeConversation(player.store.messages(conversationId)),
    updatedAt: at,
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
    player.conversations.updateConversation({ ...opened, status: 'closed', closedAt: at, updatedAt: at, disposition: contact.disposition ?? 'no_answer', call: { ...call, endedAt: at, missed: true } });
    return true;
  }
  const answeredAt = player.advance(12_000);
  const talking = { ...assign(player, opened, agentId), call: { ...call, answeredAt } };
  player.conversations.updateConversation(talking);
  const endedAt = player.advance((contact.talkSeconds ?? 120) * 1000);
  player.conversations.updateConversation({ ...talking, call: { ...talking.call, endedAt }, updatedAt: endedAt });
  close(player, opened.id, contact);
  return true;
}
