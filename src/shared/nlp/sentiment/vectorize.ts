/**
 * Text → sorted, de-duplicated bucket indices. Presence (not counts) is what
 * both training and scoring use, so a word repeated ten times does not
 * outvote the rest of the message.
 */
import { extractEnFeatures, type EnFeatureOptions } from './features-en.js';
import { extractZhFeatures, type ZhFeatureOptions } from './features-zh.js';

export type FeatureSpec =
  | { language: 'zh'; options: ZhFeatureOptions }
  | { language: 'en'; options: EnFeatureOptions };

export function vectorize(normalized: string, spec: FeatureSpec, bits: number): Int32Array {
  const raw: number[] = [];
  if (spec.language === 'zh') extractZhFeatures(normalized, spec.options, raw);
  else extractEnFeatures(normalized, spec.options, raw);
  const mask = (1 << bits) - 1;
  const buckets = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) buckets[i] = raw[i]! & mask;
  buckets.sort();
  let n = 0;
  for (let i = 0; i < buckets.length; i++) {
    if (i === 0 || buckets[i] !== buckets[i - 1]) buckets[n++] = buckets[i]!;
  }
  return buckets.subarray(0, n);
}
