import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import type { Channel } from '../../shared/domain/channel';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer } from '../../shared/domain/customer';

export interface SearchHit {
  /** What the agent opens with Enter. */
  conversationId: string;
  customerId: string | null;
  customerName: string | null;
  channel: Channel;
  /** The line shown under the name: the matching message, or the conversation's preview for a name match. */
  snippet: string;
  at: number;
  matched: 'name' | 'message';
  score: number;
}

export interface SearchAnswer {
  messages: WorkspaceMessage[];
  conversations: Conversation[];
  customers: Customer[];
}

const DAY_MS = 86_400_000;
const terms = (query: string): string[] => [...new Set(query.normalize('NFKC').toLowerCase().trim().split(/\s+/u).filter(Boolean))];
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** 0..9, under the gap between match kinds: a match from today outranks one from last month, never a better match. */
const freshness = (at: number, now: number): number => 9 * Math.exp(-Math.max(0, now - at) / (7 * DAY_MS));

function nameScore(name: string, identities: string[], words: string[], phrase: string): number {
  const n = fold(name);
  if (n === phrase) return 100;
  if (n.startsWith(phrase)) return 90;
  if (words.every((w) => n.includes(w))) return 70;
  if (identities.some((i) => words.every((w) => fold(i).includes(w)))) return 60;
  return 0;
}

function textScore(text: string, words: string[], phrase: string): number {
  const t = fold(text);
  if (t.includes(phrase)) return 50;
  return words.every((w) => t.includes(w)) ? 40 : 0;
}

/**
 * One row per conversation, best first: a customer whose name matches beats a message that does
 * (an agent typing a name wants that customer), the whole phrase beats scattered words, and
 * between equals the newer wins.
 */
export function rankSearchHits(query: string, answer: SearchAnswer, now: number, limit = 20): SearchHit[] {
  const words = terms(query);
  if (words.length === 0) return [];
  const phrase = words.join(' ');
  const conversations = new Map(answer.conversations.map((c) => [c.id, c]));
  const customers = new Map(answer.customers.map((c) => [c.id, c]));
  const best = new Map<string, SearchHit>();
  const offer = (hit: SearchHit): void => {
    const held = best.get(hit.conversationId);
    if (!held || hit.score > held.score) best.set(hit.conversationId, hit);
  };

  for (const m of answer.messages) {
    const conversation = conversations.get(m.conversationId);
    const score = textScore(m.text, words, phrase);
    if (score === 0) continue;
    offer({
      conversationId: m.conversationId,
      customerId: conversation?.customerId ?? null,
      customerName: conversation ? (customers.get(conversation.customerId)?.name ?? null) : null,
      channel: m.channel,
      snippet: m.text,
      at: m.createdAt,
      matched: 'message',
      score: score + freshness(m.createdAt, now),
    });
  }
  for (const c of answer.conversations) {
    const customer = customers.get(c.customerId);
    if (!customer) continue;
    const score = nameScore(customer.name, customer.identities.map((i) => i.value), words, phrase);
    if (score === 0) continue;
    const at = c.lastMessageAt ?? c.updatedAt;
    offer({ conversationId: c.id, customerId: customer.id, customerName: customer.name, channel: c.channel, snippet: c.preview, at, matched: 'name', score: score + freshness(at, now) });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || b.at - a.at || (a.conversationId < b.conversationId ? -1 : 1)).slice(0, limit);
}

/** The snippet cut into plain and matching parts, for highlighting; case and width do not matter. */
export function highlight(text: string, query: string): Array<{ text: string; match: boolean }> {
  const words = terms(query).sort((a, b) => b.length - a.length);
  if (words.length === 0 || text.length === 0) return [{ text, match: false }];
  const folded = fold(text);
  // NFKC folding can change lengths (full-width forms keep theirs; ligatures do not): fall back to no highlight then.
  if (folded.length !== text.length) return [{ text, match: false }];
  const marks = new Array<boolean>(text.length).fill(false);
  for (const w of words) {
    for (let at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + w.length)) marks.fill(true, at, at + w.length);
  }
  const parts: Array<{ text: string; match: boolean }> = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts.at(-1);
    if (last && last.match === marks[i]) last.text += text[i];
    else parts.push({ text: text[i]!, match: marks[i]! });
  }
  return parts;
}
