import { describe, expect, it } from 'vitest';
import { buildKbIndex } from './kb-index.js';
import { retrievalTerms } from './retrieval-tokens.js';

const docs = [
  { id: 'ship', title: '配送时间说明', body: '下单后一般48小时内发货，快递3-5天送达。偏远地区可能延迟。', tags: ['物流', '快递'], locale: 'zh-CN' },
  { id: 'refund', title: '如何申请退款', body: '在订单详情页点击申请退款，审核通过后3-5个工作日原路退回。', tags: ['退款'], locale: 'zh-CN' },
  { id: 'invoice', title: '发票开具', body: '电子发票在确认收货后开具，可在订单详情下载。', tags: ['发票'], locale: 'zh-CN' },
  { id: 'card', title: 'When will my card arrive?', body: 'Cards are posted within 2 working days and usually arrive in 5-7 days.', tags: ['card', 'delivery'], locale: 'en' },
  { id: 'pin', title: 'Changing your PIN', body: 'You can change your PIN at any ATM or in the app under Card settings.', tags: ['card'], locale: 'en' },
];

describe('knowledge-base retrieval', () => {
  const index = buildKbIndex(docs);

  it('finds the right Chinese article for a customer question', () => {
    expect(index.search('我的快递什么时候能送到？')[0]?.id).toBe('ship');
    expect(index.search('怎么退款')[0]?.id).toBe('refund');
    expect(index.search('发票在哪里下载')[0]?.id).toBe('invoice');
  });

  it('finds the right English article, plurals and case folded', () => {
    expect(index.search('My CARD has not arrived yet')[0]?.id).toBe('card');
    expect(index.search('how do I change the pin')[0]?.id).toBe('pin');
  });

  it('filters by locale and returns nothing for unknown words', () => {
    expect(index.search('card', { locale: 'zh-CN' })).toEqual([]);
    expect(index.search('zzzz qqqq')).toEqual([]);
  });

  it('makes terms from Han bigrams and folded words', () => {
    expect(retrievalTerms('快递到了')).toEqual(['快', '快递', '递', '递到', '到', '到了']);
    expect(retrievalTerms('ＣＡＲＤＳ and PINs')).toEqual(['card', 'pin']);
  });
});
