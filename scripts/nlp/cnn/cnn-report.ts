/**
 * Scores a sentence network chosen on the development split, once, on the reported held-back
 * whole sentences (and the 5% hash hold-back): the shipped polarity stage alone, and with the
 * network's logit added at its blend weight.
 * Usage: tsx scripts/nlp/cnn/cnn-report.ts <model.json written by cnn-dev.ts> <blend weight>
 */
import { readFileSync } from 'node:fs';
import { shippedSentimentModels } from '../../../src/shared/nlp/sentiment/default-classifier.js';
import { createPolarityScorer } from '../../../src/shared/nlp/sentiment/polarity-scorer.js';
import { loadSst2 } from '../datasets.js';
import { SentenceCnn, serializedSentenceCnnSchema } from './sentence-cnn.js';

const [modelPath, weightArg] = process.argv.slice(2);
if (modelPath === undefined || weightArg === undefined) throw new Error('usage: cnn-report.ts <model.json> <blend weight>');
const weight = Number(weightArg);
const network = new SentenceCnn(serializedSentenceCnnSchema.parse({ ...(JSON.parse(readFileSync(modelPath, 'utf8')) as object), blendWeight: weight }));
const polarity = createPolarityScorer(shippedSentimentModels());
for (const part of ['long-heldout', 'heldout'] as const) {
  const rows = loadSst2(part);
  let alone = 0;
  let blended = 0;
  let networkAlone = 0;
  let ms = 0;
  for (const row of rows) {
    const linear = polarity.read(row.text).logit;
    const started = performance.now();
    const logit = network.logit(row.text);
    ms += performance.now() - started;
    if ((linear >= 0 ? 1 : 0) === row.label) alone++;
    if ((logit >= 0 ? 1 : 0) === row.label) networkAlone++;
    if ((linear + weight * logit >= 0 ? 1 : 0) === row.label) blended++;
  }
  const pct = (n: number): string => ((100 * n) / rows.length).toFixed(2);
  process.stdout.write(
    `${part}: ${rows.length} rows; polarity stage alone ${pct(alone)}%, network alone ${pct(networkAlone)}%, ` +
      `blended (weight ${weight}) ${pct(blended)}%; network ${(ms / rows.length).toFixed(2)} ms per row\n`,
  );
}
