/**
 * A sparse hashed softmax model as shipped in `weights/`: for each hashed feature bucket that
 * matters, int8 weights for the few classes it speaks for. Dense weights would be
 * buckets × classes (77 intents × 2^18 buckets = 20 MB); pruned, the model is a few hundred KB.
 * The intent models and the desk sentiment heads are both of this kind.
 */
import { z } from 'zod';
import { decodeBase64 } from './base64.js';
import { vectorize, type FeatureSpec } from '../sentiment/vectorize.js';
import { serializedLinearModelSchema } from '../sentiment/linear-model.js';

export const serializedSparseSoftmaxSchema = z.object({
  format: z.literal('switchboard-sparse-softmax-v1'),
  spec: serializedLinearModelSchema.shape.spec,
  bits: z.number().int().min(8).max(24),
  labels: z.array(z.string().min(1)).min(2).max(255),
  bias: z.array(z.number()),
  scale: z.number().positive(),
  /** Varint deltas between successive buckets; a delta of 0 repeats the bucket for another class. */
  buckets: z.string(),
  /** One byte per entry: the class index in `labels`. */
  classes: z.string(),
  /** One int8 per entry, times `scale`. */
  weights: z.string(),
  trainedOn: z.array(z.string()),
});

export type SerializedSparseSoftmax = z.infer<typeof serializedSparseSoftmaxSchema>;

export function decodeVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const byte of bytes) {
    value += (byte & 0x7f) * 2 ** shift;
    if (byte & 0x80) shift += 7;
    else {
      out.push(value);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export class SparseSoftmaxModel {
  readonly labels: readonly string[];
  private readonly spec: FeatureSpec;
  private readonly bits: number;
  private readonly bias: readonly number[];
  /** bucket → [start, end) into classes/weights. */
  private readonly rows = new Map<number, [number, number]>();
  private readonly classes: Uint8Array;
  private readonly weights: Float32Array;

  constructor(serialized: SerializedSparseSoftmax) {
    const model = serializedSparseSoftmaxSchema.parse(serialized);
    const deltas = decodeVarints(decodeBase64(model.buckets));
    this.classes = decodeBase64(model.classes);
    const raw = decodeBase64(model.weights);
    if (deltas.length !== this.classes.length || raw.length !== this.classes.length) {
      throw new Error(`sparse model entries disagree: ${deltas.length} buckets, ${this.classes.length} classes, ${raw.length} weights`);
    }
    if (model.bias.length !== model.labels.length) throw new Error('sparse model: one bias per label expected');
    const int8 = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
    this.weights = Float32Array.from(int8, (w) => w * model.scale);
    let bucket = 0;
    for (let i = 0; i < deltas.length; i++) {
      if (this.classes[i]! >= model.labels.length) throw new Error(`sparse model: class ${this.classes[i]} out of range`);
      bucket += deltas[i]!;
      const row = this.rows.get(bucket);
      if (row === undefined) this.rows.set(bucket, [i, i + 1]);
      else row[1] = i + 1;
    }
    this.labels = model.labels;
    this.spec = model.spec;
    this.bits = model.bits;
    this.bias = model.bias;
  }

  /** Logits per label (same order as `labels`), and how many known features fired. */
  score(normalized: string): { logits: Float64Array; known: number } {
    const logits = Float64Array.from(this.bias);
    const buckets = vectorize(normalized, this.spec, this.bits);
    if (buckets.length === 0) return { logits, known: 0 };
    const norm = 1 / Math.sqrt(buckets.length);
    let known = 0;
    for (const bucket of buckets) {
      const row = this.rows.get(bucket);
      if (row === undefined) continue;
      known++;
      for (let i = row[0]; i < row[1]; i++) logits[this.classes[i]!]! += this.weights[i]! * norm;
    }
    return { logits, known };
  }
}
