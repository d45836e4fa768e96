/**
 * A softmax over hashed n-grams (a pruned SparseSoftmaxModel) plus a few dense features with one
 * weight row per class. The desk sentiment heads and the queue model are both of this kind; what
 * the dense features are is up to the caller, who must compute them the same way as in training.
 */
import { z } from 'zod';
import { serializedSparseSoftmaxSchema, SparseSoftmaxModel, type SerializedSparseSoftmax } from './sparse-softmax-model.js';

export const hybridPartsSchema = z.object({
  sparse: serializedSparseSoftmaxSchema,
  /** One row per class (in the sparse part's label order): weights of the dense features. */
  dense: z.array(z.array(z.number())),
});

export class HybridSoftmax {
  private readonly sparse: SparseSoftmaxModel;
  private readonly dense: readonly (readonly number[])[];

  constructor(parts: { sparse: SerializedSparseSoftmax; dense: number[][] }, expected: { labels: readonly string[]; denseWidth: number }) {
    const { sparse, dense } = hybridPartsSchema.parse(parts);
    if (sparse.labels.join() !== expected.labels.join()) throw new Error(`model classes must be ${expected.labels.join(', ')}`);
    if (dense.length !== expected.labels.length || dense.some((row) => row.length !== expected.denseWidth)) {
      throw new Error(`model needs ${expected.denseWidth} dense weights for each of ${expected.labels.length} classes`);
    }
    this.sparse = new SparseSoftmaxModel(sparse);
    this.dense = dense;
  }

  /** Class probabilities, with optional fixed additions to the logits. */
  probabilities(normalized: string, features: readonly number[], offsets?: readonly number[]): number[] {
    const { logits } = this.sparse.score(normalized);
    for (let k = 0; k < logits.length; k++) {
      const row = this.dense[k]!;
      logits[k]! += offsets?.[k] ?? 0;
      for (let j = 0; j < features.length; j++) logits[k]! += row[j]! * features[j]!;
    }
    const max = Math.max(...logits);
    const exp = Array.from(logits, (v) => Math.exp(v - max));
    const total = exp.reduce((a, b) => a + b, 0);
    return exp.map((e) => e / total);
  }
}
