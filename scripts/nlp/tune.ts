/**
 * Grid search on the development sets (ChnSentiCorp dev, SST-2 hold-back).
 * Not part of the shipped pipeline: it is how the settings in
 * `train-config.ts` were chosen. Usage: npx tsx scripts/nlp/tune.ts zh|en
 */
import { LinearModel } from '../../src/shared/nlp/sentiment/linear-model.js';
import { normalizeText } from '../../src/shared/nlp/common/normalize.js';
import type { FeatureSpec } from '../../src/shared/nlp/sentiment/vectorize.js';
import { loadChnSentiCorp, loadOnlineShopping, loadSst2, loadWaimai, type LabeledText } from './datasets.js';
import { quantize, trainLinear, type TrainerOptions } from './linear-trainer.js';
import { enSources, toDocs, zhSources } from './sentiment-corpus.js';

function accuracy(model: LinearModel, rows: readonly LabeledText[]): number {
  let right = 0;
  for (const row of rows) {
    const { logit } = model.score(normalizeText(row.text));
    if ((logit >= 0 ? 1 : 0) === row.label) right++;
  }
  return right / rows.length;
}

interface Trial {
  spec: FeatureSpec;
  trainer: TrainerOptions;
  sourceWeights?: { chnsenticorp: number; shopping: number; waimai: number };
}

const base: TrainerOptions = { bits: 20, epochs: 6, learningRate: 0.2, l2: 0, nbAlpha: 1, lengthPower: 1, seed: 7, bags: 1 };

function zhTrials(): Trial[] {
  const trials: Trial[] = [];
  const grid = (process.env['GRID'] ?? '').split(';').filter(Boolean);
  for (const cell of grid) {
    const o = JSON.parse(cell) as Record<string, number | boolean>;
    trials.push({
      spec: {
        language: 'zh',
        options: { maxN: Number(o['maxN'] ?? 4), negationScope: Boolean(o['neg'] ?? false), contrastScope: Boolean(o['but'] ?? false) },
      },
      trainer: { ...base, ...(o as Partial<TrainerOptions>) },
      sourceWeights: {
        chnsenticorp: Number(o['wc'] ?? 1),
        shopping: Number(o['ws'] ?? 1),
        waimai: Number(o['ww'] ?? 1),
      },
    });
  }
  return trials;
}

function enTrials(): Trial[] {
  const trials: Trial[] = [];
  const grid = (process.env['GRID'] ?? '').split(';').filter(Boolean);
  for (const cell of grid) {
    const o = JSON.parse(cell) as Record<string, number | boolean>;
    trials.push({
      spec: {
        language: 'en',
        options: {
          bigrams: Boolean(o['bi'] ?? true),
          trigrams: Boolean(o['tri'] ?? false),
          charMaxN: Number(o['char'] ?? 0),
          negationScope: Boolean(o['neg'] ?? true),
          intensifiers: Boolean(o['int'] ?? false),
        },
      },
      trainer: { ...base, bits: 19, ...(o as Partial<TrainerOptions>) },
    });
  }
  return trials;
}

const language = process.argv[2] === 'en' ? 'en' : 'zh';
const devSets: Array<[string, LabeledText[]]> =
  language === 'zh'
    ? [['chn', loadChnSentiCorp('dev')], ['shop', loadOnlineShopping('dev')], ['waimai', loadWaimai('dev')]]
    : [['sst2', loadSst2('heldout')]];
for (const trial of language === 'zh' ? zhTrials() : enTrials()) {
  const started = performance.now();
  const sources = language === 'zh' ? zhSources(trial.sourceWeights ?? { chnsenticorp: 1, shopping: 1, waimai: 1 }) : enSources();
  const docs = toDocs(sources, trial.spec, trial.trainer.bits);
  const trained = trainLinear(docs, trial.trainer);
  const model = new LinearModel(quantize(trained, trial.spec, trial.trainer, []));
  const accs = devSets.map(([name, rows]) => `${name} ${(accuracy(model, rows) * 100).toFixed(2)}%`).join('  ');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${accs}  ${seconds}s  ${JSON.stringify(trial.spec.options)} ${JSON.stringify(trial.trainer)} ${JSON.stringify(trial.sourceWeights ?? {})}`);
}
