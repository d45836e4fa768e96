import { describe, expect, it } from 'vitest';
import { fitSoftmax, predictSoftmax, pruneSoftmax, type SoftmaxDoc } from './softmax-trainer.js';

const SPEC = { language: 'zh', options: { maxN: 2, negationScope: false, contrastScope: false } } as const;

function docs(): SoftmaxDoc[] {
  return Array.from({ length: 60 }, (_, i) => ({
    buckets: Int32Array.from([i % 3, 10 + (i % 7), 20 + (i % 3)]),
    dense: [i % 3 === 0 ? 1 : 0, 1],
    label: i % 3,
    weight: 1,
  }));
}

describe('softmax trainer', () => {
  it('is seeded: the same data trains to the same bytes', () => {
    const options = { bits: 8, epochs: 5, learningRate: 0.5, l2: 0, seed: 7, maxEntries: 100 };
    const a = pruneSoftmax(fitSoftmax(docs(), 3, options), ['a', 'b', 'c'], SPEC, options, []);
    const b = pruneSoftmax(fitSoftmax(docs(), 3, options), ['a', 'b', 'c'], SPEC, options, []);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const other = pruneSoftmax(fitSoftmax(docs(), 3, { ...options, seed: 8 }), ['a', 'b', 'c'], SPEC, options, []);
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(a));
  });

  it('learns separable classes from sparse and dense features', () => {
    const model = fitSoftmax(docs(), 3, { bits: 8, epochs: 20, learningRate: 0.5, l2: 0, seed: 7 });
    for (const doc of docs().slice(0, 9)) {
      const p = predictSoftmax(doc, model);
      expect(p.indexOf(Math.max(...p))).toBe(doc.label);
    }
  });
});
