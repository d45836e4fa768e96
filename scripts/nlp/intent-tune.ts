/**
 * Grid search for the intent models: trains on the train split, scores the dev split. The
 * held-out split is never read here. Usage: npx tsx scripts/nlp/intent-tune.ts en|zh
 * with GRID='{"epochs":[8,12],"learningRate":[0.3,0.5]}' to vary trainer options.
 */
import { createIntentClassifier } from '../../src/shared/nlp/intent/intent-classifier.js';
import { queueForIntent } from '../../src/shared/nlp/intent/intent-queues.js';
import { INTENT_EN_SPEC, INTENT_EN_TRAINER, INTENT_ZH_SPEC, INTENT_ZH_TRAINER } from './intent-config.js';
import { intentLabels, loadIntentRows, type IntentLanguage } from './intent-data.js';
import { trainSoftmax, type SoftmaxOptions } from './softmax-trainer.js';

const language = (process.argv[2] ?? 'en') as IntentLanguage;
const base = language === 'en' ? INTENT_EN_TRAINER : INTENT_ZH_TRAINER;
const spec = language === 'en' ? INTENT_EN_SPEC : INTENT_ZH_SPEC;
const grid = JSON.parse(process.env['GRID'] ?? '{}') as Partial<Record<keyof SoftmaxOptions, number[]>>;

function* combinations(): Generator<SoftmaxOptions> {
  const keys = Object.keys(grid) as Array<keyof SoftmaxOptions>;
  const walk = function* (i: number, current: SoftmaxOptions): Generator<SoftmaxOptions> {
    if (i === keys.length) return yield current;
    for (const value of grid[keys[i]!]!) yield* walk(i + 1, { ...current, [keys[i]!]: value });
  };
  yield* walk(0, base);
}

const train = loadIntentRows(language, 'train');
const dev = loadIntentRows(language, 'dev');
const labels = intentLabels(language);
for (const options of combinations()) {
  const model = trainSoftmax(train, labels, spec, options, []);
  // Both slots hold the model under test; the dev rows are all one language, so only its slot is consulted.
  const classifier = createIntentClassifier({ en: model, zh: model });
  const suggestions = dev.map((row) => classifier.suggest(row.text));
  const right = suggestions.filter((s, i) => s.intent === dev[i]!.intent).length;
  const queueRight = suggestions.filter((s, i) => s.queue === queueForIntent(language, dev[i]!.intent)).length;
  const pct = (n: number): string => ((100 * n) / dev.length).toFixed(2);
  process.stdout.write(`${JSON.stringify(options)} dev intent ${pct(right)}%, queue ${pct(queueRight)}% (${dev.length} rows), ${(JSON.stringify(model).length / 1024).toFixed(0)} KiB\n`);
}
