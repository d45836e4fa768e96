import { describe, expect, it } from 'vitest';
import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer } from '../../shared/domain/customer';
import { highlight, rankSearchHits } from './search-ranking';

const NOW = Date.UTC(2026, 11, 3, 12);
const DAY = 86_400_000;

const customer = (id: string, name: string, phone?: string): Customer => ({
  id,
  name,
  tags: [],
  identities: phone ? [{ kind: 'phone', value: phone, verified: true }] : [],
  createdAt: 0,
});
const conversation = (id: string, customerId: string, at: number, channel: Conversation['channel'] = 'widget'): Conversation => ({
  id,
  customerId,
  channel,
  status: 'active',
  queue: 'chat',
  assigneeId: null,
  priority: 0,
  tags: [],
  createdAt: at,
  updatedAt: at,
  lastMessageAt: at,
  preview: `preview of ${id}`,
});
const message = (id: string, conversationId: string, text: string, at: number, channel: WorkspaceMessage['channel'] = 'widget'): WorkspaceMessage => ({
  id,
  conversationId,
  channel,
  direction: 'in',
  authorKind: 'customer',
  authorId: null,
  text,
  attachments: [],
  internal: false,
  key: null,
  createdAt: at,
  delivery: 'sent',
});

describe('search as you type: ranking', () => {
  const customers = [customer('u1', 'Wang Fang', '+8613800000001'), customer('u2', 'Li Wang'), customer('u3', '陈美玲')];
  const conversations = [conversation('c1', 'u1', NOW - DAY), conversation('c2', 'u2', NOW - 2 * DAY, 'wechat'), conversation('c3', 'u3', NOW - 3 * DAY)];

  it('puts a customer whose name starts with the query before a message that mentions it', () => {
    const hits = rankSearchHits('wang', { customers, conversations, messages: [message('m1', 'c3', 'please ask Wang about it', NOW)] }, NOW);
    expect(hits.map((h) => h.conversationId)).toEqual(['c1', 'c2', 'c3']);
    expect(hits[0]).toMatchObject({ customerName: 'Wang Fang', matched: 'name', channel: 'widget' });
    expect(hits[1]).toMatchObject({ customerName: 'Li Wang', channel: 'wechat' });
  });

  it('names the customer and channel of a message hit', () => {
    const hits = rankSearchHits('退款', { customers, conversations, messages: [message('m1', 'c3', '请问退款什么时候到账', NOW - DAY, 'email')] }, NOW);
    expect(hits).toEqual([expect.objectContaining({ conversationId: 'c3', customerName: '陈美玲', channel: 'email', snippet: '请问退款什么时候到账', matched: 'message' })]);
  });

  it('prefers the whole phrase to scattered words, then the newer message', () => {
    const messages = [
      message('old-phrase', 'c1', 'my parcel arrived damaged', NOW - 20 * DAY),
      message('new-scattered', 'c2', 'the parcel was fine but the box arrived late', NOW),
      message('new-phrase', 'c3', 'second parcel arrived today', NOW - DAY),
    ];
    const hits = rankSearchHits('parcel arrived', { customers: [], conversations, messages }, NOW);
    expect(hits.map((h) => h.conversationId)).toEqual(['c3', 'c1', 'c2']);
  });

  it('keeps one row per conversation, its best match', () => {
    const messages = [message('a', 'c1', 'refund please', NOW - 5 * DAY), message('b', 'c1', 'where is my refund', NOW)];
    const hits = rankSearchHits('refund', { customers, conversations, messages }, NOW);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.snippet).toBe('where is my refund');
  });

  it('matches a phone number among the identities, and ignores case and full-width letters', () => {
    expect(rankSearchHits('13800000001', { customers, conversations, messages: [] }, NOW).map((h) => h.conversationId)).toEqual(['c1']);
    expect(rankSearchHits('ＷＡＮＧ fang', { customers, conversations, messages: [] }, NOW).map((h) => h.conversationId)).toEqual(['c1']);
  });

  it('returns nothing for an empty query', () => {
    expect(rankSearchHits('   ', { customers, conversations, messages: [message('m', 'c1', 'x', NOW)] }, NOW)).toEqual([]);
  });
});

describe('search highlight', () => {
  it('marks every query word, whatever its case', () => {
    expect(highlight('Refund for my REFUND order', 'refund order')).toEqual([
      { text: 'Refund', match: true },
      { text: ' for my ', match: false },
      { text: 'REFUND', match: true },
      { text: ' ', match: false },
      { text: 'order', match: true },
    ]);
  });
  it('marks Chinese terms inside a sentence', () => {
    expect(highlight('请问退款什么时候到账', '退款')).toEqual([
      { text: '请问', match: false },
      { text: '退款', match: true },
      { text: '什么时候到账', match: false },
    ]);
  });
});
