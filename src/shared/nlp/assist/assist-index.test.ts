import { describe, expect, it } from 'vitest';
import { loadDefaultIntentClassifier } from '../intent/default-intent-classifier.js';
import { createAssistIndex, type AssistArticle, type CannedCandidate, type RouteText } from './assist-index.js';

const articles: AssistArticle[] = [
  {
    id: 'ship',
    title: '配送时间说明',
    body: '# 配送\n\n下单后一般48小时内发货。\n\n快递一般3-5天送达，偏远地区可能延迟，可在订单详情查看物流进度。',
    tags: ['物流'],
    locale: 'zh-CN',
  },
  { id: 'refund', title: '如何申请退款', body: '在订单详情页点击**申请退款**，审核通过后3-5个工作日原路退回。', tags: ['退款'], locale: 'zh-CN' },
  { id: 'invoice', title: '发票开具', body: '电子发票在确认收货后开具，可在订单详情下载。', tags: ['发票'], locale: 'zh-CN' },
  { id: 'card', title: 'When will my card arrive?', body: 'Cards are posted within 2 working days.\n\nThey usually arrive in 5-7 days; abroad allow 10.', tags: ['card', 'delivery'], locale: 'en' },
  { id: 'pin', title: 'Changing your PIN', body: 'You can change your PIN at any ATM or in the app under Card settings.', tags: ['card'], locale: 'en' },
];
const canned: CannedCandidate[] = [
  { id: 'greeting', title: '问候', text: '张伟您好，我是客服Alice，请问有什么可以帮您？' },
  { id: 'refund', title: '退款', text: '您的退款已提交，一般 3–5 个工作日到账。' },
  { id: 'order-status', title: '订单状态', text: '请提供一下您的订单号，我帮您查询物流状态。' },
];
const route: RouteText = (text) => loadDefaultIntentClassifier().route(text);

describe('assist: knowledge-base search', () => {
  const index = createAssistIndex(articles, route);

  it('finds the article and the passage that answers, Chinese and English', () => {
    const [zh] = index.search('快递几天能送到');
    expect(zh).toMatchObject({ articleId: 'ship', title: '配送时间说明' });
    expect(zh!.passage).toContain('快递一般3-5天送达');
    const [en] = index.search('when does the card arrive abroad');
    expect(en).toMatchObject({ articleId: 'card' });
    expect(en!.passage).toBe('They usually arrive in 5-7 days; abroad allow 10.');
  });

  it('searches one locale when asked, and finds nothing for unknown words', () => {
    expect(index.search('card', { locale: 'zh-CN' })).toEqual([]);
    expect(index.search('xyzzy')).toEqual([]);
  });
});

describe('assist: suggested replies', () => {
  const index = createAssistIndex(articles, route);

  it('offers the shipping passage first for a delivery question', () => {
    const [first] = index.suggest('我的快递怎么还没送到？都5天了', canned);
    expect(first).toMatchObject({ kind: 'kb', id: 'kb:ship', queue: 'logistics' });
    expect(first!.text).toContain('快递一般3-5天送达');
  });

  it('mixes canned responses with passages, at most three, best first', () => {
    const found = index.suggest('我想申请退款，多久到账', canned);
    expect(found.length).toBeLessThanOrEqual(3);
    expect(found.map((s) => s.id)).toEqual(expect.arrayContaining(['kb:refund', 'canned:refund']));
    expect(found.map((s) => s.id)).not.toContain('canned:greeting');
    expect(found.every((s, i) => i === 0 || found[i - 1]!.score >= s.score)).toBe(true);
  });

  it('offers the English article for an English question', () => {
    expect(index.suggest('My card has still not arrived', [])[0]?.id).toBe('kb:card');
  });

  it('lets the intent decide between two equally close candidates', () => {
    const twins: AssistArticle[] = [
      { id: 'a', title: 'Order help', body: 'Order help text.', tags: ['returns'], locale: 'en' },
      { id: 'b', title: 'Order help', body: 'Order help text.', tags: ['logistics'], locale: 'en' },
    ];
    const towards = (queue: 'returns' | 'logistics'): RouteText => (text) => (text.includes('order') ? { queue, confidence: 0.9 } : { queue: null, confidence: 0 });
    expect(createAssistIndex(twins, towards('logistics')).suggest('order help', [])[0]?.id).toBe('kb:b');
    expect(createAssistIndex(twins, towards('returns')).suggest('order help', [])[0]?.id).toBe('kb:a');
    // Without lexical overlap the intent alone lifts nothing.
    expect(createAssistIndex(twins, towards('returns')).suggest('zebra crossing', [])).toEqual([]);
  });

  it('suggests nothing for a greeting or an empty knowledge base without matches', () => {
    expect(index.suggest('？？', canned)).toEqual([]);
    expect(createAssistIndex([], route).suggest('where is my parcel', [])).toEqual([]);
  });
});
