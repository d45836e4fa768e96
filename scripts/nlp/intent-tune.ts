/**
 * Grid search for the intent models; the held-out splits are never read here.
 *   npx tsx scripts/nlp/intent-tune.ts en   Banking77: train on the train split, score the dev split.
 *   npx tsx scripts/nlp/intent-tune.ts zh   Chinese queues: five-fold cross-validation over the training and
 *                                           dev dialogues (folds by dialogue, so QA sentences never leak).
 * GRID='{"epochs":[8,12],"learningRate":[0.3,0.5]}' varies trainer options.
 */
import { hashString } from '../../src/shared/nlp/common/hash.js';
import { createIntentClassifier } from '../../src/shared/nlp/intent/intent-classifier.js';
import { queueForIntent } from '../../src/shared/nlp/intent/intent-queues.js';
import { SERVICE_QUEUES } from '../../src/shared/nlp/intent/service-queues.js';
import { serializedQueueModelSchema } from '../../src/shared/nlp/intent/queue-model.js';
import { loadCsdsQueues } from './csds-intent-corpus.js';
import { INTENT_EN_SPEC, INTENT_EN_TRAINER } from './intent-config.js';
import { intentLabels, loadIntentRows } from './intent-data.js';
import { QUEUE_ZH_TRAINER, queueDoc } from './queue-training.js';
import { fitSoftmax, predictSoftmax, trainSoftmax, type SoftmaxOptions } from './softmax-trainer.js';
import { readWeights } from './weights-files.js';

const language = process.argv[2] === 'zh' ? 'zh' : 'en';
const base = language === 'en' ? INTENT_EN_TRAINER : QUEUE_ZH_TRAINER;
const grid = JSON.parse(process.env['GRID'] ?? '{}') as Partial<Record<keyof SoftmaxOptions, number[]>>;

function* combinations(): Generator<SoftmaxOptions> {
  const keys = Object.keys(grid) as Array<keyof SoftmaxOptions>;
  const walk = function* (i: number, current: SoftmaxOptions): Generator<SoftmaxOptions> {
    if (i === keys.length) return yield current;
    for (const value of grid[keys[i]!]!) yield* walk(i + 1, { ...current, [keys[i]!]: value });
  };
  yield* walk(0, base);
}

const pct = (n: number, d: number): string => ((100 * n) / d).toFixed(2);

function tuneEnglish(options: SoftmaxOptions): string {
  const train = loadIntentRows('en', 'train');
  const dev = loadIntentRows('en', 'dev');
  const model = trainSoftmax(train, intentLabels('en'), INTENT_EN_SPEC, options, []);
  const queueZh = serializedQueueModelSchema.parse(readWeights('queue-zh'));
  // Only the English slot is consulted for English rows.
  const classifier = createIntentClassifier({ en: model, zh: model, queueZh });
  const suggestions = dev.map((row) => classifier.suggest(row.text));
  const right = suggestions.filter((s, i) => s.intent === dev[i]!.intent).length;
  const queueRight = suggestions.filter((s, i) => s.queue === queueForIntent('en', dev[i]!.intent)).length;
  return `dev intent ${pct(right, dev.length)}%, queue ${pct(queueRight, dev.length)}% (${dev.length} rows)`;
}

function tuneChinese(options: SoftmaxOptions): string {
  const rows = loadCsdsQueues('train+dev').filter((row) => row.queue !== 'none');
  const folds = 5;
  let right = 0;
  let scored = 0;
  for (let fold = 0; fold < folds; fold++) {
    const inFold = (row: { dialogueId: string }): boolean => hashString(row.dialogueId, 0xabc) % folds === fold;
    const model = fitSoftmax(rows.filter((row) => !inFold(row)).map(queueDoc), SERVICE_QUEUES.length, options);
    for (const row of rows.filter((r) => inFold(r) && r.weight === 1)) {
      const p = predictSoftmax(queueDoc(row), model);
      scored++;
      if (SERVICE_QUEUES[p.indexOf(Math.max(...p))] === row.queue) right++;
    }
  }
  return `cross-validated queue ${pct(right, scored)}% (${scored} first messages)`;
}

for (const options of combinations()) {
  process.stdout.write(`${JSON.stringify(options)} ${language === 'en' ? tuneEnglish(options) : tuneChinese(options)}\n`);
}
