import type { Contact, Customer360View } from '../shared/contracts/customer-360';
import type { Channel } from '../shared/domain/channel';
import type { Customer } from '../shared/domain/customer';
import type { Message } from '../shared/domain/message';
import { loadDefaultSentimentClassifier } from '../shared/nlp/sentiment/default-classifier';
import { sentimentLabelOf } from '../shared/nlp/sentiment/sentiment-bands';
import type { ConversationTurn } from '../shared/nlp/summary/conversation-turn';
import { summarize } from '../shared/nlp/summary/summarize';
import { summarizeCustomer } from '../shared/nlp/summary/summarize-customer';
import type { Customer360 } from '../shared/protocol/hub-api';

/** Long enough to recognise the contact, short enough for one line in a 300 px panel. */
const SUMMARY_CHARS = 80;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_CHARS ? `${flat.slice(0, SUMMARY_CHARS - 1)}…` : flat;
}

/** Internal notes and system lines are the agents' business, not what was said with the customer. */
function turnsOf(messages: Message[]): ConversationTurn[] {
  return messages
    .filter((m) => !m.internal && m.authorKind !== 'system' && m.text.trim() !== '')
    .map((m) => ({ speaker: m.direction === 'in' ? 'customer' : 'agent', text: m.text }));
}

/**
 * The hub summarizes and scores each contact (at close, or on request while open); where it sent
 * nothing, the same shared NLP runs here on the messages it did send.
 */
function contactOf(entry: Customer360['timeline'][number]): Contact {
  const { conversation, messages } = entry;
  const fromCustomer = messages.filter((m: Message) => m.direction === 'in' && !m.internal && m.text.trim() !== '');
  const channels: Channel[] = [conversation.channel];
  for (const m of messages) if (!channels.includes(m.channel)) channels.push(m.channel);
  const last = fromCustomer.at(-1);
  // The bot's part is what the customer wrote before the first person answered.
  const firstPerson = messages.find((m: Message) => m.authorKind === 'agent' && !m.internal)?.createdAt ?? Number.POSITIVE_INFINITY;
  const askedBot = messages.some((m: Message) => m.authorKind === 'bot') ? fromCustomer.filter((m) => m.createdAt < firstPerson).slice(0, 5).map((m) => oneLine(m.text)) : [];
  return {
    conversationId: conversation.id,
    channels,
    status: conversation.status,
    startedAt: conversation.createdAt,
    summary: oneLine(entry.summary || summarize(turnsOf(messages), { maxPairs: 1 }) || fromCustomer[0]?.text || conversation.preview),
    sentiment: entry.sentiment !== null ? sentimentLabelOf(entry.sentiment) : last ? loadDefaultSentimentClassifier().classify(last.text).label : null,
    disposition: conversation.disposition ?? null,
    rating: entry.rating ?? null,
    ...(askedBot.length > 0 ? { askedBot } : {}),
  };
}

/** The hub's 360 answer, shaped for the panel; `known` names customers the desktop has synced. */
export function toCustomer360View(hub: Customer360, known: (id: string) => Customer | undefined): Customer360View {
  const name = (id: string) => known(id)?.name ?? null;
  return {
    customer: hub.customer,
    orders: hub.orders,
    tickets: hub.tickets,
    contacts: hub.timeline.map(contactOf),
    mergeSuggestions: hub.mergeSuggestions
      .filter((s) => s.status === 'open')
      .map((s) => {
        const candidateId = s.candidateId === hub.customer.id ? s.customerId : s.candidateId;
        const told = hub.mergeCandidates.find((c) => c.customerId === candidateId);
        return {
          id: s.id,
          candidateId,
          candidateName: name(candidateId) ?? told?.name ?? null,
          reason: s.reason,
          ...(told ? { candidateVip: told.vip, candidateLastContact: told.lastContact } : {}),
        };
      }),
    merges: hub.merges.map((m) => ({ id: m.id, sourceId: m.sourceId, sourceName: name(m.sourceId), by: m.by, at: m.at, undoneAt: m.undoneAt })),
    consents: hub.consents,
    summary:
      hub.historySummary.slice(0, 2000) ||
      summarizeCustomer(hub.timeline.map((e) => ({ channel: e.conversation.channel, startedAt: e.conversation.createdAt, turns: turnsOf(e.messages) })))
        .slice(0, 2000) || null,
  };
}
