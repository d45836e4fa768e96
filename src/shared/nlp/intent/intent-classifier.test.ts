import { describe, expect, it } from 'vitest';
import { loadDefaultIntentClassifier } from './default-intent-classifier.js';
import { queueForIntent } from './intent-queues.js';
import { firstSubstantiveMessage, hasSubstance, openingText } from './opening-text.js';

describe('intent routing', () => {
  const classifier = loadDefaultIntentClassifier();

  it('routes Chinese e-commerce questions to the desk queue that handles them', () => {
    expect(classifier.route('我想开一张增值税专用发票，怎么操作')).toMatchObject({ queue: 'billing', language: 'zh' });
    expect(classifier.route('我的快递到哪了，三天了还没到')).toMatchObject({ queue: 'logistics' });
    expect(classifier.route('收到的手机屏幕碎了，我要退货')).toMatchObject({ queue: 'returns' });
    expect(classifier.route('这款有现货吗')).toMatchObject({ queue: 'product' });
    expect(classifier.route('忘记登录密码了怎么办')).toMatchObject({ queue: 'account' });
    const route = classifier.route('我的快递到哪了');
    expect(route.confidence).toBeGreaterThan(0.5);
    expect(route.intent).not.toBeNull();
  });

  it('routes English banking requests it was not trained on through Banking77 intents', () => {
    expect(classifier.route('Someone stole my wallet with my card in it, please block it')).toMatchObject({ intent: 'lost_or_stolen_card', queue: 'account', language: 'en' });
    expect(classifier.route('My new card still has not arrived')).toMatchObject({ queue: 'logistics' });
    expect(classifier.route('I want my money back for this purchase')).toMatchObject({ queue: 'returns' });
    const transfer = classifier.suggest('I sent money to my friend yesterday and he still has not got it');
    expect(transfer.queue).toBe('billing');
    expect(transfer.alternatives).toHaveLength(2);
  });

  it('gives no queue for a message without a request, so the router falls back', () => {
    for (const text of ['在吗', '[订单编号]', 'hello? anyone there', '您好，人工客服', '', '\u0000\u0001\ufffd', '🙂🙂', '咨询订单号:[订单编号]商品ID:5051641']) {
      expect(classifier.route(text), text).toMatchObject({ queue: null, intent: null, confidence: 0 });
    }
    expect(classifier.route('x'.repeat(1_000_000)).confidence).toBeGreaterThanOrEqual(0);
  });

  it('maps intents to queues by table, and finds the first message with substance', () => {
    expect(queueForIntent('en', 'top_up_by_card_charge')).toBe('billing');
    expect(queueForIntent('zh', '价保申请流程')).toBe('returns');
    expect(queueForIntent('zh', '没见过的主题')).toBeNull();
    expect(hasSubstance('在吗')).toBe(false);
    expect(hasSubstance('ＨＥＬＬＯ？')).toBe(false);
    expect(hasSubstance('这个订单什么时候发货啊')).toBe(true);
    const turns = [
      { speaker: 'customer', text: '在吗' },
      { speaker: 'agent', text: '您好' },
      { speaker: 'customer', text: '[订单编号]' },
      { speaker: 'customer', text: '这个订单什么时候发货啊' },
      { speaker: 'customer', text: '急用' },
    ] as const;
    expect(firstSubstantiveMessage(turns)).toBe('这个订单什么时候发货啊');
    expect(openingText(turns)).toBe('在吗，[订单编号]，这个订单什么时候发货啊');
  });
});
