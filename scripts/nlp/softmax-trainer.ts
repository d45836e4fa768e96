/**
 * Multinomial logistic regression over hashed features (and, optionally, a few dense ones) with
 * SGD, then pruning to a sparse int8 model: per bucket, only the weights that matter for some
 * class are kept. Used for the intent models and the desk sentiment heads.
 */
import { encodeBase64 } from '../../src/shared/nlp/common/base64.js';
import { normalizeText } from '../../src/shared/nlp/common/normalize.js';
import type { SerializedSparseSoftmax } from '../../src/shared/nlp/common/sparse-softmax-model.js';
import { vectorize, type FeatureSpec } from '../../src/shared/nlp/sentiment/vectorize.js';
import type { IntentRow } from './intent-corpus.js';
import { seededRandom } from './seeded-random.js';

export interface SoftmaxOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Entries kept after pruning; the smallest weights go first. */
  maxEntries: number;
}

export interface SoftmaxDoc {
  buckets: Int32Array;
  /** Dense features, the same length for every doc (empty when the model has none). */
  dense: readonly number[];
  /** Fixed per-class additions to the logits (hand-set rules the learned weights work around). */
  offset?: readonly number[];
  label: number;
  weight: number;
}

export interface FittedSoftmax {
  /** buckets × classes, row-major. */
  sparse: Float32Array;
  bias: Float64Array;
  /** classes × dense features. */
  dense: number[][];
}

function encodeVarints(values: readonly number[]): Uint8Array {
  const bytes: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
  }
  return Uint8Array.from(bytes);
}

function logitsOf(doc: SoftmaxDoc, model: FittedSoftmax, k: number, out: Float64Array): void {
  const norm = doc.buckets.length > 0 ? 1 / Math.sqrt(doc.buckets.length) : 0;
  for (let c = 0; c < k; c++) {
    let z = model.bias[c]! + (doc.offset?.[c] ?? 0);
    const row = model.dense[c]!;
    for (let j = 0; j < doc.dense.length; j++) z += row[j]! * doc.dense[j]!;
    out[c] = z;
  }
  for (const b of doc.buckets) for (let c = 0; c < k; c++) out[c]! += model.sparse[b * k + c]! * norm;
}

/** Softmax probabilities of one doc under a fitted (unpruned) model. */
export function predictSoftmax(doc: SoftmaxDoc, model: FittedSoftmax): number[] {
  const k = model.bias.length;
  const z = new Float64Array(k);
  logitsOf(doc, model, k, z);
  const max = Math.max(...z);
  const exp = Array.from(z, (v) => Math.exp(v - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}

export function fitSoftmax(docs: readonly SoftmaxDoc[], classes: number, options: Omit<SoftmaxOptions, 'maxEntries'>): FittedSoftmax {
  const k = classes;
  const width = docs[0]?.dense.length ?? 0;
  const model: FittedSoftmax = {
    sparse: new Float32Array((1 << options.bits) * k),
    bias: new Float64Array(k),
    dense: Array.from({ length: k }, () => new Array<number>(width).fill(0)),
  };
  const z = new Float64Array(k);
  const random = seededRandom(options.seed);
  const order = docs.map((_, i) => i);
  let step = 0;
  const total = options.epochs * docs.length;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const d of order) {
      const doc = docs[d]!;
      // Linear decay: big steps early, settling at the end.
      const lr = options.learningRate * (1 - step++ / total);
      if (doc.buckets.length === 0 && width === 0) continue;
      const norm = doc.buckets.length > 0 ? 1 / Math.sqrt(doc.buckets.length) : 0;
      logitsOf(doc, model, k, z);
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, z[c]!);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c]! - max);
      for (let c = 0; c < k; c++) {
        const g = (z[c]! / sum - (c === doc.label ? 1 : 0)) * doc.weight;
        model.bias[c]! -= lr * g * 0.1;
        const row = model.dense[c]!;
        for (let j = 0; j < width; j++) row[j]! -= lr * (g * doc.dense[j]! + options.l2 * row[j]!);
        for (const b of doc.buckets) model.sparse[b * k + c]! -= lr * (g * norm + options.l2 * model.sparse[b * k + c]!);
      }
    }
  }
  return model;
}

export function pruneSoftmax(
  model: FittedSoftmax,
  labels: readonly string[],
  spec: FeatureSpec,
  options: Pick<SoftmaxOptions, 'bits' | 'maxEntries'>,
  trainedOn: string[],
): SerializedSparseSoftmax {
  const k = labels.length;
  const w = model.sparse;
  const magnitudes = Float32Array.from(w, Math.abs).filter((m) => m > 0).sort();
  const keepFrom = Math.max(0, magnitudes.length - options.maxEntries);
  const threshold = magnitudes[keepFrom] ?? Infinity;
  const cap = magnitudes[Math.floor((magnitudes.length - 1) * 0.9999)] ?? 1;
  const scale = cap / 127 || 1e-6;
  const deltas: number[] = [];
  const classes: number[] = [];
  const weights: number[] = [];
  let lastBucket = 0;
  for (let b = 0; b < w.length / k; b++) {
    for (let c = 0; c < k; c++) {
      const value = w[b * k + c]!;
      if (Math.abs(value) < threshold) continue;
      const q = Math.max(-127, Math.min(127, Math.round(value / scale)));
      if (q === 0) continue;
      deltas.push(b - lastBucket);
      lastBucket = b;
      classes.push(c);
      weights.push(q & 0xff);
    }
  }
  return {
    format: 'switchboard-sparse-softmax-v1',
    spec,
    bits: options.bits,
    labels: [...labels],
    bias: Array.from(model.bias, (v) => Math.round(v * 1e4) / 1e4),
    scale,
    buckets: encodeBase64(encodeVarints(deltas)),
    classes: encodeBase64(Uint8Array.from(classes)),
    weights: encodeBase64(Uint8Array.from(weights)),
    trainedOn,
  };
}

export function trainSoftmax(rows: readonly IntentRow[], labels: readonly string[], spec: FeatureSpec, options: SoftmaxOptions, trainedOn: string[]): SerializedSparseSoftmax {
  const index = new Map(labels.map((label, i) => [label, i]));
  const docs = rows.map((row): SoftmaxDoc => {
    const label = index.get(row.intent);
    if (label === undefined) throw new Error(`unknown intent ${row.intent}`);
    return { buckets: vectorize(normalizeText(row.text), spec, options.bits), dense: [], label, weight: row.weight };
  });
  return pruneSoftmax(fitSoftmax(docs, labels.length, options), labels, spec, options, trainedOn);
}
