import { describe, expect, it } from 'vitest';
import type { KbArticle, KbLocale } from '../../shared/domain/kb-article';
import type { Order } from '../../shared/domain/order';
import { buildKbIndex } from '../../shared/nlp/retrieval/kb-index';
import { botConfigSchema } from './bot-config';
import { createBotPhrases } from './bot-phrases';
import { createBotBrain, plainText, type BotTurnInput } from './bot-turn';

const article = (id: string, title: string, body: string, tags: string[], locale: KbLocale): KbArticle => ({
  id, title, body, tags, locale, retiredAt: null, updatedAt: 1, updatedBy: 'agt_admin', version: 1,
});
const articles = [
  article('kb_refund', '如何申请退款', '在**订单详情页**点击申请退款，审核通过后3-5个工作日原路退回。', ['退款'], 'zh-CN'),
  article('kb_hours', '客服工作时间', '在线客服每天9:00-21:00在线，周六周日照常营业。', ['营业时间'], 'zh-CN'),
  article('kb_refund_en', 'How do I get a refund?', 'Open the order and choose [Request a refund](https://shop.example/refund); money returns in 3-5 working days.', ['refund'], 'en'),
];
const index = buildKbIndex(articles);
const search: BotTurnInput['search'] = (text, language) => {
  const hit = index.search(text, { limit: 1, locale: language })[0];
  const found = hit && articles.find((a) => a.id === hit.id);
  return found ? { article: found, score: hit.score } : null;
};
const order = (id: string, status: string, createdAt: number): Order => ({ id, customerId: 'cus_1', platform: 'taobao', status, totalMinor: 100, currency: 'CNY', summary: '蓝牙耳机 ×1', createdAt });
const orders = [order('202601050001', 'shipped', Date.UTC(2026, 0, 5)), order('202601120042', 'delivered', Date.UTC(2026, 0, 12))];

const brain = createBotBrain(botConfigSchema.parse({ enabled: true }));
const turn = (text: string, more: Partial<BotTurnInput> = {}) =>
  brain.turn({ text, language: 'zh-CN', misses: 0, escalated: false, orders, linkedOrderIds: [], search, ...more });

describe('the bot in front of the queue', () => {
  it('answers a question its knowledge base answers with confidence, as plain text in the customer’s language', () => {
    const zh = turn('请问怎么申请退款？');
    expect(zh).toMatchObject({ kind: 'answer', source: 'kb', articleId: 'kb_refund' });
    expect(zh.text).toContain('在订单详情页点击申请退款');
    expect(zh.text).not.toContain('**');
    const en = turn('how do I get a refund', { language: 'en' });
    expect(en).toMatchObject({ kind: 'answer', source: 'kb', articleId: 'kb_refund_en' });
    expect(en.text).toContain('choose Request a refund;');
  });

  it('answers "where is my order" with the status of the customer’s own order, newest first or the one named', () => {
    expect(turn('我的订单到哪了')).toEqual({ kind: 'answer', source: 'order', orderId: '202601120042', text: '您的订单 202601120042（蓝牙耳机 ×1，2026-01-12 下单）：已签收。' });
    expect(turn('订单202601050001到哪了？')).toMatchObject({ orderId: '202601050001', text: expect.stringContaining('已发货，正在配送中') });
    expect(turn('where is my order?', { language: 'en' })).toMatchObject({ source: 'order', text: expect.stringContaining('delivered') });
    expect(turn('我的訂單到哪了', { language: 'zh-TW' })).toMatchObject({ source: 'order', text: expect.stringContaining('已簽收') });
    // Someone else's order number tells this customer nothing: their own newest order answers instead.
    expect(turn('订单 209999999999 到哪了')).toMatchObject({ orderId: '202601120042' });
  });

  it('says it found no order when the customer has none, and counts that as unsure', () => {
    expect(turn('我的快递到哪了', { orders: [] })).toMatchObject({ kind: 'miss', text: expect.stringContaining('没有找到与您关联的订单') });
  });

  it('hands off when the customer asks for a person, in any of the three languages', () => {
    for (const text of ['转人工', '轉人工', '我要人工客服', 'agent', 'Can I talk to a human please', 'Talk to a person']) expect(turn(text).kind, text).toBe('handoff');
    expect(turn('转人工')).toMatchObject({ reason: 'asked' });
    // Whole words only: "management" holds no agent, "humanity" no human.
    expect(turn('who is in management', { language: 'en' }).kind).not.toBe('handoff');
  });

  it('hands off when the escalation rules fire on the message (sentiment turned negative)', () => {
    expect(turn('怎么申请退款', { escalated: true })).toMatchObject({ kind: 'handoff', reason: 'negative' });
  });

  it('is unsure once, then hands off the second time in a row', () => {
    expect(turn('今天天气怎么样')).toMatchObject({ kind: 'miss' });
    expect(turn('今天天气怎么样', { misses: 1 })).toMatchObject({ kind: 'handoff', reason: 'not_confident' });
  });

  it('closes on thanks that ask nothing more, not on thanks with a question', () => {
    expect(turn('好的，谢谢！')).toMatchObject({ kind: 'resolved', text: '不客气！有问题随时找我。' });
    expect(turn('OK thanks a lot', { language: 'en' })).toMatchObject({ kind: 'resolved' });
    expect(turn('谢谢，那怎么申请退款呢').kind).toBe('answer');
  });
});

describe('bot phrases', () => {
  it('matches Chinese through spaces and full-width forms, Latin as words', () => {
    const p = createBotPhrases(['转人工', 'agent']);
    expect(p.find('转 人 工！')).toEqual(['转人工']);
    expect(p.find('ＡＧＥＮＴ please')).toEqual(['agent']);
    expect(p.find('reagents')).toEqual([]);
  });

  it('renders Markdown as plain text', () => {
    expect(plainText('# Title\n- **one** [two](http://x)\n`three`')).toBe('Title\none two\nthree');
  });
});
