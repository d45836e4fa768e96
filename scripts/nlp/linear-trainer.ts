/**
 * NBSVM-style training (Wang & Manning 2012): features are scaled by their
 * naive-Bayes log-count ratio, then a logistic regression is fitted with
 * SGD. The NB scaling is folded into the weights at the end, so the shipped
 * model is a single weight per bucket.
 */
import { encodeBase64 } from '../../src/shared/nlp/common/base64.js';
import type { SerializedLinearModel } from '../../src/shared/nlp/sentiment/linear-model.js';
import type { FeatureSpec } from '../../src/shared/nlp/sentiment/vectorize.js';
import { seededRandom } from './seeded-random.js';

export interface TrainingDoc {
  buckets: Int32Array;
  label: 0 | 1;
  weight: number;
}

export interface TrainerOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Laplace smoothing for the NB ratio; 0 turns NB scaling off (plain logistic regression). */
  nbAlpha: number;
  lengthPower: number;
  seed: number;
  /** Independent shuffles whose weights are averaged: cheap variance reduction. */
  bags: number;
}

export interface TrainedWeights {
  weights: Float32Array;
  bias: number;
}

function nbRatios(docs: readonly TrainingDoc[], size: number, alpha: number): Float32Array {
  const ratios = new Float32Array(size).fill(1);
  if (alpha <= 0) return ratios;
  const pos = new Float64Array(size).fill(alpha);
  const neg = new Float64Array(size).fill(alpha);
  for (const doc of docs) {
    const target = doc.label === 1 ? pos : neg;
    for (const b of doc.buckets) target[b]! += doc.weight;
  }
  let posTotal = 0;
  let negTotal = 0;
  for (let i = 0; i < size; i++) {
    posTotal += pos[i]!;
    negTotal += neg[i]!;
  }
  for (let i = 0; i < size; i++) ratios[i] = Math.log(pos[i]! / posTotal / (neg[i]! / negTotal));
  return ratios;
}

export function trainLinear(docs: readonly TrainingDoc[], options: TrainerOptions): TrainedWeights {
  const size = 1 << options.bits;
  const ratios = nbRatios(docs, size, options.nbAlpha);
  const sum = new Float32Array(size);
  let biasSum = 0;
  const bags = Math.max(1, options.bags);
  for (let bag = 0; bag < bags; bag++) {
    const one = trainOne(docs, ratios, { ...options, seed: options.seed + bag * 7919 });
    for (let i = 0; i < size; i++) sum[i]! += one.weights[i]!;
    biasSum += one.bias;
  }
  for (let i = 0; i < size; i++) sum[i] = (sum[i]! / bags) * ratios[i]!;
  return { weights: sum, bias: biasSum / bags };
}

function trainOne(docs: readonly TrainingDoc[], ratios: Float32Array, options: TrainerOptions): TrainedWeights {
  const size = ratios.length;
  const w = new Float32Array(size);
  // Per-bucket AdaGrad: rare n-grams keep a large step, frequent ones settle.
  const g2 = new Float32Array(size).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const order = docs.map((_, i) => i);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const doc = docs[index]!;
      if (doc.buckets.length === 0) continue;
      const norm = Math.pow(doc.buckets.length, -0.5 * options.lengthPower);
      let z = bias;
      for (const b of doc.buckets) z += w[b]! * ratios[b]! * norm;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - doc.label) * doc.weight;
      for (const b of doc.buckets) {
        const grad = g * ratios[b]! * norm + options.l2 * w[b]!;
        g2[b]! += grad * grad;
        w[b]! -= (options.learningRate * grad) / Math.sqrt(g2[b]!);
      }
      biasG2 += g * g;
      bias -= (options.learningRate * g) / Math.sqrt(biasG2);
    }
  }
  return { weights: w, bias };
}

/**
 * int8 with a scale taken at the 99.99th percentile: a handful of extreme
 * weights are clipped so the other million keep their resolution.
 */
export function quantize(
  trained: TrainedWeights,
  spec: FeatureSpec,
  options: Pick<TrainerOptions, 'bits' | 'lengthPower'>,
  trainedOn: string[],
): SerializedLinearModel {
  const magnitudes = Float32Array.from(trained.weights, Math.abs).sort();
  const cap = magnitudes[Math.floor(magnitudes.length * 0.9999)] || 1e-6;
  const scale = cap / 127;
  const bytes = new Uint8Array(trained.weights.length);
  const view = new Int8Array(bytes.buffer);
  for (let i = 0; i < trained.weights.length; i++) {
    view[i] = Math.max(-127, Math.min(127, Math.round(trained.weights[i]! / scale)));
  }
  return {
    format: 'switchboard-hashed-linear-v1',
    spec,
    bits: options.bits,
    lengthPower: options.lengthPower,
    bias: trained.bias,
    scale,
    weights: encodeBase64(bytes),
    trainedOn,
  };
}
