/**
 * A deep averaging network (Iyyer et al. 2015) over the same static word vectors, as the cheap
 * alternative to the convolutional network: mean of the words' vectors (word dropout while
 * training), two ReLU layers, a logit. Seeded; Adam; logistic loss.
 */
import { seededRandom } from '../seeded-random.js';
import type { LabeledText } from '../datasets.js';
import { textRows } from './cnn-trainer.js';
import type { Vocabulary } from './glove-vocabulary.js';

export interface DanOptions {
  hidden: number;
  epochs: number;
  batch: number;
  learningRate: number;
  wordDropout: number;
  maxWords: number;
  seed: number;
}

export interface TrainedDan {
  hidden: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  w3: Float32Array;
  b3: Float32Array;
}

function adamStep(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, t: number, rate: number, scale: number): void {
  const c1 = 1 - 0.9 ** t;
  const c2 = 1 - 0.999 ** t;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]! * scale;
    m[i] = 0.9 * m[i]! + 0.1 * gi;
    v[i] = 0.999 * v[i]! + 0.001 * gi * gi;
    p[i]! -= (rate * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + 1e-8);
  }
}

/** Forward pass; fills `h1`, `h2` and returns the logit. `keep` marks the words averaged (all when absent). */
export function danForward(
  vocabulary: Vocabulary,
  model: TrainedDan,
  rows: Int32Array,
  mean: Float32Array,
  h1: Float32Array,
  h2: Float32Array,
  keep?: Uint8Array,
): number {
  const d = vocabulary.dimensions;
  const h = model.hidden;
  mean.fill(0);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    if (keep !== undefined && keep[i] === 0) continue;
    count++;
    const from = rows[i]! * d;
    for (let k = 0; k < d; k++) mean[k]! += vocabulary.vectors[from + k]!;
  }
  if (count > 0) for (let k = 0; k < d; k++) mean[k]! /= count;
  for (let j = 0; j < h; j++) {
    let s = model.b1[j]!;
    const row = j * d;
    for (let k = 0; k < d; k++) s += model.w1[row + k]! * mean[k]!;
    h1[j] = s > 0 ? s : 0;
  }
  let logit = model.b3[0]!;
  for (let j = 0; j < h; j++) {
    let s = model.b2[j]!;
    const row = j * h;
    for (let k = 0; k < h; k++) s += model.w2[row + k]! * h1[k]!;
    h2[j] = s > 0 ? s : 0;
    logit += model.w3[j]! * h2[j]!;
  }
  return logit;
}

export function trainDan(
  vocabulary: Vocabulary,
  rows: readonly LabeledText[],
  options: DanOptions,
  onEpoch?: (epoch: number, model: TrainedDan, seconds: number) => void,
): TrainedDan {
  const d = vocabulary.dimensions;
  const h = options.hidden;
  const random = seededRandom(options.seed);
  const init = (n: number, fanIn: number): Float32Array => new Float32Array(n).map(() => (random() * 2 - 1) * Math.sqrt(6 / fanIn));
  const model: TrainedDan = {
    hidden: h,
    w1: init(h * d, d + h),
    b1: new Float32Array(h),
    w2: init(h * h, 2 * h),
    b2: new Float32Array(h),
    w3: init(h, h + 1),
    b3: new Float32Array(1),
  };
  const params = [model.w1, model.b1, model.w2, model.b2, model.w3, model.b3];
  const grads = params.map((p) => new Float32Array(p.length));
  const ms = params.map((p) => new Float32Array(p.length));
  const vs = params.map((p) => new Float32Array(p.length));
  const [gw1, gb1, gw2, gb2, gw3, gb3] = grads as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  const examples = rows
    .map((row) => ({ rows: textRows(vocabulary, row.text, options.maxWords), label: row.label }))
    .filter((e) => e.rows.length > 0);
  const mean = new Float32Array(d);
  const h1 = new Float32Array(h);
  const h2 = new Float32Array(h);
  const g1 = new Float32Array(h);
  const keep = new Uint8Array(options.maxWords);
  const order = examples.map((_, i) => i);
  let t = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const began = performance.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let b = 0; b < order.length; b += options.batch) {
      for (const g of grads) g.fill(0);
      const end = Math.min(order.length, b + options.batch);
      for (let e = b; e < end; e++) {
        const example = examples[order[e]!]!;
        let kept = 0;
        for (let i = 0; i < example.rows.length; i++) {
          keep[i] = random() < options.wordDropout ? 0 : 1;
          kept += keep[i]!;
        }
        if (kept === 0) keep[Math.floor(random() * example.rows.length)] = 1;
        const logit = danForward(vocabulary, model, example.rows, mean, h1, h2, keep);
        const g = 1 / (1 + Math.exp(-logit)) - example.label;
        gb3[0]! += g;
        g1.fill(0);
        for (let j = 0; j < h; j++) {
          gw3[j]! += g * h2[j]!;
          if (h2[j]! <= 0) continue;
          const g2 = g * model.w3[j]!;
          gb2[j]! += g2;
          const row = j * h;
          for (let k = 0; k < h; k++) {
            gw2[row + k]! += g2 * h1[k]!;
            g1[k]! += g2 * model.w2[row + k]!;
          }
        }
        for (let j = 0; j < h; j++) {
          if (h1[j]! <= 0) continue;
          gb1[j]! += g1[j]!;
          const row = j * d;
          for (let k = 0; k < d; k++) gw1[row + k]! += g1[j]! * mean[k]!;
        }
      }
      t++;
      params.forEach((p, i) => adamStep(p, grads[i]!, ms[i]!, vs[i]!, t, options.learningRate, 1 / (end - b)));
    }
    onEpoch?.(epoch, model, (performance.now() - began) / 1000);
  }
  return model;
}
