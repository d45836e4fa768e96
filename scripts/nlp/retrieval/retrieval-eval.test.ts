import { describe, expect, it } from 'vitest';
import { measureRetrieval } from './retrieval-eval.js';
import type { RetrievalSet } from './retrieval-set.js';

const article = (id: string, title: string, body: string) => ({ id, title, body, tags: [], locale: 'en' });

const set = (queries: RetrievalSet['queries']): RetrievalSet => ({
  name: 'tiny',
  language: 'en',
  note: '',
  articles: [
    article('arrival', 'Card delivery', 'Your new card is posted within a week.'),
    article('pin', 'PIN blocked', 'Unblock your PIN at an ATM.'),
    article('refund', 'Refunds', 'Ask the merchant for a refund first.'),
    article('fees', 'Transfer fees', 'International transfers carry a fee.'),
  ],
  queries,
});

describe('measureRetrieval', () => {
  it('counts a question whose right article ranks first as a top-1 and top-3 hit with reciprocal rank 1', () => {
    const figure = measureRetrieval(set([{ text: 'my PIN is blocked', articleId: 'pin' }]));
    expect(figure).toMatchObject({ queries: 1, articles: 4, top1: 100, top3: 100, mrr: 1, chanceTop3: 75 });
  });

  it('counts a right article the ranking never returns as a miss', () => {
    const figure = measureRetrieval(set([
      { text: 'my PIN is blocked', articleId: 'pin' },
      { text: 'my PIN is blocked', articleId: 'refund' },
    ]));
    expect(figure.top1).toBe(50);
    expect(figure.top3).toBe(50);
    expect(figure.mrr).toBeCloseTo(0.5);
  });

  it('gives partial credit by rank', () => {
    // "card" and "fee" both match; the query ranks the fee article first, the delivery article second.
    const figure = measureRetrieval(set([{ text: 'transfer fee international card', articleId: 'arrival' }]));
    expect(figure.top1).toBe(0);
    expect(figure.top3).toBe(100);
    expect(figure.mrr).toBeCloseTo(0.5);
  });

  it('refuses an empty question set rather than reporting 0 or NaN', () => {
    expect(() => measureRetrieval(set([]))).toThrow(/no questions/);
  });
});
