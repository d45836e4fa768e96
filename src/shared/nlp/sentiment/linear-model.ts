/**
 * A hashed linear model as shipped in `weights/`: int8 weights with one
 * scale, base64-encoded so the blob travels as an ordinary module string.
 */
import { z } from 'zod';
import { decodeBase64 } from '../common/base64.js';
import { vectorize, type FeatureSpec } from './vectorize.js';

const zhOptionsSchema = z.object({
  maxN: z.number().int().min(1).max(6),
  negationScope: z.boolean(),
  contrastScope: z.boolean(),
});
const enOptionsSchema = z.object({
  bigrams: z.boolean(),
  trigrams: z.boolean(),
  charMaxN: z.number().int().min(0).max(6),
  negationScope: z.boolean(),
  intensifiers: z.boolean(),
});

export const serializedLinearModelSchema = z.object({
  format: z.literal('switchboard-hashed-linear-v1'),
  spec: z.discriminatedUnion('language', [
    z.object({ language: z.literal('zh'), options: zhOptionsSchema }),
    z.object({ language: z.literal('en'), options: enOptionsSchema }),
  ]),
  bits: z.number().int().min(8).max(24),
  /** Features are scaled by 1/sqrt(count)^lengthPower before the dot product. */
  lengthPower: z.number().min(0).max(1),
  bias: z.number(),
  scale: z.number().positive(),
  weights: z.string(),
  trainedOn: z.array(z.string()),
});

export type SerializedLinearModel = z.infer<typeof serializedLinearModelSchema>;

export interface LinearScore {
  logit: number;
  /** How many hashed features fired; 0 means the model saw nothing it knows. */
  featureCount: number;
}

export class LinearModel {
  readonly spec: FeatureSpec;
  private readonly weights: Int8Array;
  private readonly bits: number;
  private readonly bias: number;
  private readonly scale: number;
  private readonly lengthPower: number;

  constructor(serialized: SerializedLinearModel) {
    const model = serializedLinearModelSchema.parse(serialized);
    const bytes = decodeBase64(model.weights);
    if (bytes.length !== 1 << model.bits) {
      throw new Error(`weights hold ${bytes.length} bytes, expected ${1 << model.bits}`);
    }
    this.weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    this.spec = model.spec;
    this.bits = model.bits;
    this.bias = model.bias;
    this.scale = model.scale;
    this.lengthPower = model.lengthPower;
  }

  score(normalized: string): LinearScore {
    const buckets = vectorize(normalized, this.spec, this.bits);
    if (buckets.length === 0) return { logit: 0, featureCount: 0 };
    let sum = 0;
    for (let i = 0; i < buckets.length; i++) sum += this.weights[buckets[i]!]!;
    const norm = Math.pow(buckets.length, -0.5 * this.lengthPower);
    return { logit: this.bias + sum * this.scale * norm, featureCount: buckets.length };
  }
}
