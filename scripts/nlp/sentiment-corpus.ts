/**
 * Builds the training and evaluation sets for each language from the
 * corpora, so train, tune and eval all read the data the same way.
 */
import { normalizeText } from '../../src/shared/nlp/common/normalize.js';
import { vectorize, type FeatureSpec } from '../../src/shared/nlp/sentiment/vectorize.js';
import {
  loadChnSentiCorp,
  loadOnlineShopping,
  loadSst2,
  loadWaimai,
  type LabeledText,
} from './datasets.js';
import type { TrainingDoc } from './linear-trainer.js';

export interface WeightedSource {
  name: string;
  rows: LabeledText[];
  weight: number;
}

export function zhSources(weights: { chnsenticorp: number; shopping: number; waimai: number }): WeightedSource[] {
  return [
    { name: 'ChnSentiCorp train', rows: loadChnSentiCorp('train'), weight: weights.chnsenticorp },
    { name: 'online_shopping_10_cats (7 categories) minus a 10% dev split', rows: loadOnlineShopping('train'), weight: weights.shopping },
    { name: 'waimai_10k minus a 10% dev split', rows: loadWaimai('train'), weight: weights.waimai },
  ].filter((source) => source.weight > 0);
}

export function enSources(): WeightedSource[] {
  return [{ name: 'SST-2 train minus the 5% hash hold-back', rows: loadSst2('train'), weight: 1 }];
}

export function toDocs(sources: readonly WeightedSource[], spec: FeatureSpec, bits: number): TrainingDoc[] {
  const docs: TrainingDoc[] = [];
  for (const source of sources) {
    for (const row of source.rows) {
      docs.push({ buckets: vectorize(normalizeText(row.text), spec, bits), label: row.label, weight: source.weight });
    }
  }
  return docs;
}
