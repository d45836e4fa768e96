import { describe, expect, it } from 'vitest';
import { loadDefaultIntentClassifier } from './default-intent-classifier.js';
import { queueForIntent } from './intent-queues.js';
import { openingText } from './opening-text.js';

describe('intent classifier', () => {
  const classifier = loadDefaultIntentClassifier();

  it('suggests the queue for an English banking request it was not trained on', () => {
    const lost = classifier.suggest('Someone stole my wallet with my card in it, please block it');
    expect(lost).toMatchObject({ intent: 'lost_or_stolen_card', queue: 'cards', language: 'en' });
    const transfer = classifier.suggest('I sent money to my friend yesterday and he still has not got it');
    expect(transfer.queue).toBe('transfers');
    expect(transfer.confidence).toBeGreaterThan(0);
    expect(transfer.alternatives).toHaveLength(2);
  });

  it('suggests a queue for a Chinese e-commerce question', () => {
    const invoice = classifier.suggest('我想开一张增值税专用发票，怎么操作');
    expect(invoice).toMatchObject({ queue: 'invoices', language: 'zh' });
  });

  it('says it has nothing to go on for empty, binary or unknown text, without crashing', () => {
    for (const text of ['', '\u0000\u0001\ufffd', '🙂🙂']) {
      expect(classifier.suggest(text)).toMatchObject({ intent: null, queue: 'general', confidence: 0 });
    }
    expect(classifier.suggest('x'.repeat(1_000_000)).queue).toEqual(expect.any(String));
  });

  it('maps labels to queues, and picks the opening that carries the request', () => {
    expect(queueForIntent('en', 'top_up_by_card_charge')).toBe('top-up');
    expect(queueForIntent('zh', '价保申请流程')).toBe('price-protection');
    expect(queueForIntent('zh', '没见过的主题')).toBe('general');
    const opening = openingText([
      { speaker: 'customer', text: '在吗' },
      { speaker: 'agent', text: '您好' },
      { speaker: 'customer', text: '[订单编号]' },
      { speaker: 'customer', text: '这个订单什么时候发货啊' },
      { speaker: 'customer', text: '急用' },
    ]);
    expect(opening).toBe('在吗，[订单编号]，这个订单什么时候发货啊');
  });
});
