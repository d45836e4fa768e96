/**
 * Trains the sentence network (src/shared/nlp/sentiment/sentence-cnn.ts) on labelled rows with
 * static word vectors: logistic loss, dropout on the pooled features, Adam, a max-norm bound on the
 * output weights (Kim 2014). Plain typed loops on one core; seeded, so a run repeats exactly.
 */
import { cnnPadding, convolveAndPool, type CnnShape } from './sentence-cnn.js';
import { wordKeys } from './word-tokens-en.js';
import type { LabeledText } from '../datasets.js';
import { seededRandom } from '../seeded-random.js';
import type { Vocabulary } from './glove-vocabulary.js';

export interface CnnTrainerOptions {
  widths: number[];
  maps: number;
  epochs: number;
  batch: number;
  learningRate: number;
  dropout: number;
  maxNorm: number;
  maxWords: number;
  seed: number;
}

export interface TrainedCnn {
  shape: CnnShape;
  filters: Float32Array;
  filterBias: Float32Array;
  outWeights: Float32Array;
  outBias: number;
}

export function textRows(vocabulary: Vocabulary, text: string, maxWords: number): Int32Array {
  const rows = wordKeys(text, (w) => vocabulary.index.has(w)).map((k) => vocabulary.index.get(k)!);
  if (rows.length <= maxWords) return Int32Array.from(rows);
  const half = Math.floor(maxWords / 2);
  return Int32Array.from([...rows.slice(0, half), ...rows.slice(rows.length - (maxWords - half))]);
}

class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;
  constructor(
    private readonly params: Float32Array,
    private readonly rate: number,
  ) {
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
  }
  step(grad: Float32Array, scale: number): void {
    this.t++;
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    for (let i = 0; i < this.params.length; i++) {
      const g = grad[i]! * scale;
      const m = (this.m[i] = b1 * this.m[i]! + (1 - b1) * g);
      const v = (this.v[i] = b2 * this.v[i]! + (1 - b2) * g * g);
      this.params[i]! -= (this.rate * (m / c1)) / (Math.sqrt(v / c2) + 1e-8);
    }
  }
}

export interface CnnRunner {
  logit(rows: Int32Array): number;
}

/** Forward pass over vocabulary rows with float vectors: the same arithmetic as SentenceCnn.logit. */
export function cnnRunner(vocabulary: Vocabulary, model: TrainedCnn): CnnRunner {
  const d = vocabulary.dimensions;
  const pad = cnnPadding(model.shape);
  const pooled = new Float32Array(model.outWeights.length);
  return {
    logit(rows) {
      if (rows.length === 0) return 0;
      const input = new Float32Array((rows.length + 2 * pad) * d);
      for (let i = 0; i < rows.length; i++) input.set(vocabulary.vectors.subarray(rows[i]! * d, rows[i]! * d + d), (pad + i) * d);
      convolveAndPool(model.shape, model.filters, model.filterBias, input, rows.length, pooled);
      let logit = model.outBias;
      for (let i = 0; i < pooled.length; i++) logit += pooled[i]! * model.outWeights[i]!;
      return logit;
    },
  };
}

export function trainCnn(
  vocabulary: Vocabulary,
  rows: readonly LabeledText[],
  options: CnnTrainerOptions,
  onEpoch?: (epoch: number, model: TrainedCnn, seconds: number) => void,
  onProgress?: (examples: number, seconds: number) => void,
): TrainedCnn {
  const d = vocabulary.dimensions;
  const shape: CnnShape = { dimensions: d, widths: options.widths, maps: options.maps };
  const pad = cnnPadding(shape);
  const random = seededRandom(options.seed);
  const features = options.widths.length * options.maps;
  const filterCount = options.widths.reduce((s, w) => s + w, 0) * options.maps * d;
  const filters = new Float32Array(filterCount);
  let at = 0;
  for (const width of options.widths) {
    const limit = Math.sqrt(6 / (width * d + options.maps));
    for (let i = 0; i < options.maps * width * d; i++) filters[at++] = (random() * 2 - 1) * limit;
  }
  const filterBias = new Float32Array(features);
  const outWeights = new Float32Array(features).map(() => (random() * 2 - 1) * Math.sqrt(6 / (features + 1)));
  const outBiasBox = new Float32Array(1);
  const model: TrainedCnn = { shape, filters, filterBias, outWeights, outBias: 0 };

  const examples = rows
    .map((row) => ({ rows: textRows(vocabulary, row.text, options.maxWords), label: row.label }))
    .filter((e) => e.rows.length > 0);
  const gFilters = new Float32Array(filterCount);
  const gFilterBias = new Float32Array(features);
  const gOut = new Float32Array(features);
  const gOutBias = new Float32Array(1);
  const adams = [
    [new Adam(filters, options.learningRate), gFilters],
    [new Adam(filterBias, options.learningRate), gFilterBias],
    [new Adam(outWeights, options.learningRate), gOut],
    [new Adam(outBiasBox, options.learningRate), gOutBias],
  ] as const;
  const pooled = new Float32Array(features);
  const argmax = new Int32Array(features);
  const mask = new Float32Array(features);
  const filterStarts: number[] = [];
  let start = 0;
  for (const width of options.widths) {
    filterStarts.push(start);
    start += options.maps * width * d;
  }
  const order = examples.map((_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const began = performance.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let b = 0; b < order.length; b += options.batch) {
      gFilters.fill(0);
      gFilterBias.fill(0);
      gOut.fill(0);
      gOutBias[0] = 0;
      const end = Math.min(order.length, b + options.batch);
      for (let e = b; e < end; e++) {
        const example = examples[order[e]!]!;
        const n = example.rows.length;
        const input = new Float32Array((n + 2 * pad) * d);
        for (let i = 0; i < n; i++) input.set(vocabulary.vectors.subarray(example.rows[i]! * d, example.rows[i]! * d + d), (pad + i) * d);
        convolveAndPool(shape, filters, filterBias, input, n, pooled, argmax);
        let logit = outBiasBox[0]!;
        for (let f = 0; f < features; f++) {
          mask[f] = random() < options.dropout ? 0 : 1 / (1 - options.dropout);
          logit += pooled[f]! * mask[f]! * outWeights[f]!;
        }
        const g = 1 / (1 + Math.exp(-logit)) - example.label;
        gOutBias[0]! += g;
        for (let f = 0; f < features; f++) {
          const z = pooled[f]! * mask[f]!;
          gOut[f]! += g * z;
          if (pooled[f]! <= 0 || mask[f] === 0) continue;
          const gz = g * outWeights[f]! * mask[f]!;
          gFilterBias[f]! += gz;
          const w = Math.floor(f / options.maps);
          const span = options.widths[w]! * d;
          const fs = filterStarts[w]! + (f % options.maps) * span;
          const x = argmax[f]! * d;
          for (let k = 0; k < span; k++) gFilters[fs + k]! += gz * input[x + k]!;
        }
      }
      if (b === options.batch * 20 && epoch === 1) onProgress?.(b, (performance.now() - began) / 1000);
      const scale = 1 / (end - b);
      for (const [adam, grad] of adams) adam.step(grad, scale);
      let norm = 0;
      for (let f = 0; f < features; f++) norm += outWeights[f]! ** 2;
      norm = Math.sqrt(norm);
      if (norm > options.maxNorm) for (let f = 0; f < features; f++) outWeights[f]! *= options.maxNorm / norm;
    }
    model.outBias = outBiasBox[0]!;
    onEpoch?.(epoch, model, (performance.now() - began) / 1000);
  }
  model.outBias = outBiasBox[0]!;
  return model;
}
