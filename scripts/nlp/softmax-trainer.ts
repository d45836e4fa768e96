/**
 * Multinomial logistic regression over hashed features with SGD, then pruning to a sparse
 * int8 model: per bucket, only the weights that matter for some intent are kept.
 */
import { encodeBase64 } from '../../src/shared/nlp/common/base64.js';
import { normalizeText } from '../../src/shared/nlp/common/normalize.js';
import type { SerializedIntentModel } from '../../src/shared/nlp/intent/intent-model.js';
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

export function trainSoftmax(rows: readonly IntentRow[], labels: readonly string[], spec: FeatureSpec, options: SoftmaxOptions, trainedOn: string[]): SerializedIntentModel {
  const k = labels.length;
  const index = new Map(labels.map((label, i) => [label, i]));
  const docs = rows.map((row) => {
    const label = index.get(row.intent);
    if (label === undefined) throw new Error(`unknown intent ${row.intent}`);
    return { buckets: vectorize(normalizeText(row.text), spec, options.bits), label, weight: row.weight };
  });
  const size = 1 << options.bits;
  const w = new Float32Array(size * k);
  const bias = new Float64Array(k);
  const logits = new Float64Array(k);
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
      if (doc.buckets.length === 0) continue;
      const norm = 1 / Math.sqrt(doc.buckets.length);
      logits.set(bias);
      for (const b of doc.buckets) for (let c = 0; c < k; c++) logits[c]! += w[b * k + c]! * norm;
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, logits[c]!);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += logits[c] = Math.exp(logits[c]! - max);
      for (let c = 0; c < k; c++) {
        const g = (logits[c]! / sum - (c === doc.label ? 1 : 0)) * doc.weight;
        bias[c]! -= lr * g * 0.1;
        for (const b of doc.buckets) w[b * k + c]! -= lr * (g * norm + options.l2 * w[b * k + c]!);
      }
    }
  }
  return prune(w, bias, labels, spec, options, trainedOn);
}

function prune(w: Float32Array, bias: Float64Array, labels: readonly string[], spec: FeatureSpec, options: SoftmaxOptions, trainedOn: string[]): SerializedIntentModel {
  const k = labels.length;
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
    bias: Array.from(bias, (v) => Math.round(v * 1e4) / 1e4),
    scale,
    buckets: encodeBase64(encodeVarints(deltas)),
    classes: encodeBase64(Uint8Array.from(classes)),
    weights: encodeBase64(Uint8Array.from(weights)),
    trainedOn,
  };
}
