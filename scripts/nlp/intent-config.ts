/** Settings of the shipped intent models, chosen with intent-tune.ts on the dev splits only. */
import type { FeatureSpec } from '../../src/shared/nlp/sentiment/vectorize.js';
import type { SoftmaxOptions } from './softmax-trainer.js';

export const INTENT_EN_SPEC: FeatureSpec = {
  language: 'en',
  options: { bigrams: true, trigrams: false, charMaxN: 4, negationScope: false, intensifiers: false },
};

export const INTENT_ZH_SPEC: FeatureSpec = {
  language: 'zh',
  options: { maxN: 3, negationScope: false, contrastScope: false },
};

export const INTENT_EN_TRAINER: SoftmaxOptions = { bits: 18, epochs: 20, learningRate: 1, l2: 0, seed: 7, maxEntries: 60_000 };
export const INTENT_ZH_TRAINER: SoftmaxOptions = { bits: 18, epochs: 40, learningRate: 0.5, l2: 0, seed: 7, maxEntries: 60_000 };
