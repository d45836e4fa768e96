/**
 * Trains the shipped models from ../shared/data and the hand-labelled sets in scripts/nlp/labels,
 * and writes them to src/shared/nlp/weights/ as JSON. Every step is seeded: the same data gives
 * the same bytes.
 * Usage: npm run train [zh|en|desk|intent|intent-zh|intent-en]  (a few minutes on 2 cores)
 */
import { serializedLinearModelSchema, type SerializedLinearModel } from '../../src/shared/nlp/sentiment/linear-model.js';
import { createPolarityScorer } from '../../src/shared/nlp/sentiment/polarity-scorer.js';
import { loadDeskSentiment } from './desk/desk-labels.js';
import { trainDeskHead } from './desk/desk-head-training.js';
import { deskReviewRows } from './desk/desk-review-rows.js';
import { trainChineseQueues, trainIntentModel } from './intent-training.js';
import { quantize, trainLinear } from './linear-trainer.js';
import { enSources, toDocs, zhSources, type WeightedSource } from './sentiment-corpus.js';
import { EN_SPEC, EN_TRAINER, ZH_SOURCE_WEIGHTS, ZH_SPEC, ZH_TRAINER } from './train-config.js';
import { readWeights, writeWeights } from './weights-files.js';

function describe(sources: readonly WeightedSource[]): string[] {
  return sources.map((s) => `${s.name} (${s.rows.length} rows, weight ${s.weight})`);
}

function trainPolarity(language: 'zh' | 'en'): void {
  const started = performance.now();
  const sources = language === 'zh' ? zhSources(ZH_SOURCE_WEIGHTS) : enSources();
  const spec = language === 'zh' ? ZH_SPEC : EN_SPEC;
  const options = language === 'zh' ? ZH_TRAINER : EN_TRAINER;
  const docs = toDocs(sources, spec, options.bits);
  writeWeights(`sentiment-${language}`, quantize(trainLinear(docs, options), spec, options, describe(sources)));
  process.stderr.write(`${language}: ${docs.length} docs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

function shippedPolarity(language: 'zh' | 'en'): SerializedLinearModel {
  return serializedLinearModelSchema.parse(readWeights(`sentiment-${language}`));
}

function trainDesk(): void {
  // The heads learn on top of the polarity models as shipped (quantized), exactly as they run.
  const polarity = createPolarityScorer({ zh: shippedPolarity('zh'), en: shippedPolarity('en') });
  for (const language of ['zh', 'en'] as const) {
    const rows = loadDeskSentiment(language, 'train');
    const source = language === 'zh' ? 'CSDS-topic val customer turns' : 'Banking77 train rows';
    const reviews = deskReviewRows(language, rows.length);
    const { head, shift, outOfFoldCaught } = trainDeskHead(language, rows, reviews, polarity, [
      `hand-labelled ${source}, training part (${rows.length} rows)`,
      `${reviews.name} (${reviews.rows.length} rows, weight ${reviews.weight})`,
    ]);
    writeWeights(`sentiment-desk-${language}`, head);
    process.stderr.write(`desk ${language}: ${rows.length} rows, negative bias shifted by ${shift}, out of fold ${outOfFoldCaught.toFixed(1)}% of complaints caught\n`);
  }
}

// npm run train [zh|en|desk|intent|intent-zh|intent-en]; no argument trains everything.
const which = process.argv[2];
if (which === undefined || which === 'zh') trainPolarity('zh');
if (which === undefined || which === 'en') trainPolarity('en');
if (which === undefined || which === 'zh' || which === 'en' || which === 'desk') trainDesk();
if (which === undefined || which === 'intent' || which === 'intent-zh') trainIntentModel('zh');
if (which === undefined || which === 'intent' || which === 'intent-zh') trainChineseQueues();
if (which === undefined || which === 'intent' || which === 'intent-en') trainIntentModel('en');
