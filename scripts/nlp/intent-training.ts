/** Trains an intent model and writes it to src/shared/nlp/weights/intent-{zh,en}.json. */
import { INTENT_EN_SPEC, INTENT_EN_TRAINER, INTENT_ZH_SPEC, INTENT_ZH_TRAINER } from './intent-config.js';
import { intentLabels, loadIntentRows } from './intent-data.js';
import { trainQueueModel } from './queue-training.js';
import { trainSoftmax } from './softmax-trainer.js';
import { writeWeights } from './weights-files.js';

export function trainIntentModel(language: 'zh' | 'en'): void {
  const started = performance.now();
  // The shipped model also learns the dev split settings were chosen on; the held-out split stays unseen.
  const rows = loadIntentRows(language, 'train+dev');
  const spec = language === 'zh' ? INTENT_ZH_SPEC : INTENT_EN_SPEC;
  const options = language === 'zh' ? INTENT_ZH_TRAINER : INTENT_EN_TRAINER;
  const source = language === 'zh' ? 'CSDS-topic val, 70% of dialogues by id hash' : 'Banking77 train, 90% by text hash';
  writeWeights(`intent-${language}`, trainSoftmax(rows, intentLabels(language), spec, options, [`${source} (${rows.length} rows)`]));
  process.stderr.write(`intent ${language}: ${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

export function trainChineseQueues(): void {
  const { model, rows } = trainQueueModel('train+dev');
  writeWeights('queue-zh', model);
  process.stderr.write(`queue zh: ${rows} rows\n`);
}
