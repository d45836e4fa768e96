/**
 * A small convolutional network over GloVe word vectors (Kim 2014): filters 3, 4 and 5 words wide
 * slide over the sentence, each keeps its strongest reading (max over time), and one linear layer
 * turns those into a polarity logit (negative below 0). It brings what SST alone cannot: words
 * the review data never showed, known by their neighbours in six billion words of text.
 * Not shipped: it did not lift the reported sentence figure (docs/quality.md, "English full
 * sentences"). Kept with its trainer so the probe's figures can be redone; the vectors would ship
 * quantised to int8, and this is the forward pass the device would run.
 */
import { z } from 'zod';
import { decodeBase64 } from '../../../src/shared/nlp/common/base64.js';
import { wordKeys } from './word-tokens-en.js';

export const serializedSentenceCnnSchema = z.object({
  format: z.literal('switchboard-sentence-cnn-v1'),
  dimensions: z.number().int().positive(),
  /** The vocabulary, one word a line. */
  words: z.string(),
  /** Per word: its int8 row times this scale is its vector (float32, base64). */
  vectorScales: z.string(),
  /** words × dimensions int8, base64. */
  vectors: z.string(),
  widths: z.array(z.number().int().positive()),
  maps: z.number().int().positive(),
  /** For each width w in order: maps × w × dimensions float32, base64. */
  filters: z.string(),
  /** widths × maps float32, base64. */
  filterBias: z.string(),
  /** widths × maps float32, base64. */
  outWeights: z.string(),
  outBias: z.number(),
  /** Longest message read, in words; longer ones keep their head and tail. */
  maxWords: z.number().int().positive(),
  /** Weight of this logit when added to the English linear model's (chosen on development sentences). */
  blendWeight: z.number().min(0),
  trainedOn: z.array(z.string()),
});

export type SerializedSentenceCnn = z.infer<typeof serializedSentenceCnnSchema>;

export interface CnnShape {
  dimensions: number;
  widths: readonly number[];
  maps: number;
}

/** Rows of zero padding before and after the words: the widest filter minus one. */
export function cnnPadding(shape: CnnShape): number {
  return Math.max(...shape.widths) - 1;
}

/**
 * Convolution, ReLU and max over time. `input` holds (padding + words + padding) rows of
 * `dimensions` floats; `pooled` receives widths × maps values, `argmax` (if given) the window
 * start row of each maximum, for back-propagation.
 */
export function convolveAndPool(
  shape: CnnShape,
  filters: Float32Array,
  bias: Float32Array,
  input: Float32Array,
  words: number,
  pooled: Float32Array,
  argmax?: Int32Array,
): void {
  const { dimensions: d, maps } = shape;
  const pad = cnnPadding(shape);
  let filterStart = 0;
  for (let w = 0; w < shape.widths.length; w++) {
    const width = shape.widths[w]!;
    const span = width * d;
    const firstRow = pad - (width - 1);
    const positions = words + width - 1;
    for (let m = 0; m < maps; m++) {
      const f = filterStart + m * span;
      let best = -Infinity;
      let bestRow = firstRow;
      for (let p = 0; p < positions; p++) {
        const x = (firstRow + p) * d;
        let sum = 0;
        for (let k = 0; k < span; k++) sum += filters[f + k]! * input[x + k]!;
        if (sum > best) {
          best = sum;
          bestRow = firstRow + p;
        }
      }
      const out = w * maps + m;
      const value = best + bias[out]!;
      pooled[out] = value > 0 ? value : 0;
      if (argmax !== undefined) argmax[out] = bestRow;
    }
    filterStart += maps * span;
  }
}

function floats(base64: string): Float32Array {
  const bytes = decodeBase64(base64);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
}

export class SentenceCnn {
  private readonly shape: CnnShape;
  private readonly index = new Map<string, number>();
  private readonly scales: Float32Array;
  private readonly vectors: Int8Array;
  private readonly filters: Float32Array;
  private readonly filterBias: Float32Array;
  private readonly outWeights: Float32Array;
  private readonly outBias: number;
  private readonly maxWords: number;

  constructor(model: SerializedSentenceCnn) {
    this.shape = { dimensions: model.dimensions, widths: model.widths, maps: model.maps };
    model.words.split('\n').forEach((word, i) => this.index.set(word, i));
    this.scales = floats(model.vectorScales);
    const bytes = decodeBase64(model.vectors);
    this.vectors = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.filters = floats(model.filters);
    this.filterBias = floats(model.filterBias);
    this.outWeights = floats(model.outWeights);
    this.outBias = model.outBias;
    this.maxWords = model.maxWords;
    const filterCount = model.widths.reduce((sum, w) => sum + w, 0) * model.maps * model.dimensions;
    if (this.vectors.length !== this.index.size * model.dimensions || this.filters.length !== filterCount) {
      throw new Error('sentence network: weight sizes do not match its shape');
    }
  }

  /** Vocabulary rows of a text's words (unknown words dropped). */
  wordRows(text: string): number[] {
    const rows = wordKeys(text, (word) => this.index.has(word)).map((key) => this.index.get(key) ?? -1);
    const known = rows.filter((row) => row >= 0);
    if (known.length <= this.maxWords) return known;
    const half = Math.floor(this.maxWords / 2);
    return [...known.slice(0, half), ...known.slice(known.length - (this.maxWords - half))];
  }

  /** Polarity logit of an English text, or 0 when none of its words is known. */
  logit(text: string): number {
    const rows = this.wordRows(text);
    if (rows.length === 0) return 0;
    const d = this.shape.dimensions;
    const pad = cnnPadding(this.shape);
    const input = new Float32Array((rows.length + 2 * pad) * d);
    rows.forEach((row, i) => {
      const scale = this.scales[row]!;
      const from = row * d;
      const to = (pad + i) * d;
      for (let k = 0; k < d; k++) input[to + k] = this.vectors[from + k]! * scale;
    });
    const pooled = new Float32Array(this.outWeights.length);
    convolveAndPool(this.shape, this.filters, this.filterBias, input, rows.length, pooled);
    let logit = this.outBias;
    for (let i = 0; i < pooled.length; i++) logit += pooled[i]! * this.outWeights[i]!;
    return Number.isFinite(logit) ? logit : 0;
  }
}
