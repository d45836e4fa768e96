/**
 * The service-desk head: a three-way softmax (negative, neutral, positive) over the review
 * polarity, the desk cue families and hashed n-grams, trained on the hand-labelled desk turns.
 * The polarity models know what is good or bad but have never seen a neutral text; the head
 * knows what a plain question, an order number or a thank-you looks like at a desk.
 */
import { z } from 'zod';
import { HybridSoftmax, hybridPartsSchema } from '../common/hybrid-softmax.js';
import { DESK_CUE_FAMILIES, deskCues } from './desk-cues.js';

export const DESK_CLASSES = ['negative', 'neutral', 'positive'] as const;

/** Its classes are DESK_CLASSES in order; its dense features are deskDenseFeatures. */
export const serializedDeskHeadSchema = hybridPartsSchema.extend({
  format: z.literal('switchboard-desk-head-v1'),
  language: z.enum(['zh', 'en']),
});

export type SerializedDeskHead = z.infer<typeof serializedDeskHeadSchema>;

/**
 * Threats and insults ("投诉", "12315", "lawyer", "ridiculous") are rare in the labelled sets, so
 * their pull towards "negative" is set by hand rather than learned from a handful of rows.
 */
const THREAT_GAIN = 2.5;

/** Fixed additions to the [negative, neutral, positive] logits; training sees them too. */
export function deskLogitOffsets(normalized: string, language: 'zh' | 'en'): [number, number, number] {
  return [DESK_CUE_FAMILIES[language][0]!.pattern.test(normalized) ? THREAT_GAIN : 0, 0, 0];
}

/**
 * The dense inputs, shared by training and inference: the polarity logit (scaled), the same again
 * for long texts, whether the text asks, its length, a constant, then one value per cue family.
 * A cue counts fully in a chat-length turn and less in a long text, where one phrase among many
 * says less than the review-trained polarity of the whole.
 */
export function deskDenseFeatures(normalized: string, language: 'zh' | 'en', polarityLogit: number): number[] {
  const length = [...normalized].length;
  const cueWeight = Math.min(1, Math.sqrt(CHAT_LENGTH / Math.max(1, length)));
  const longness = Math.min(1, length / LONG_TEXT);
  return [
    polarityLogit / 4,
    (longness * polarityLogit) / 4,
    /[?？]/.test(normalized) ? cueWeight : 0,
    Math.log1p(length) / 4,
    1,
    ...deskCues(normalized, language).map((cue) => cue * cueWeight),
  ];
}

/** Characters in a typical chat turn (Chinese turns run shorter, English ones longer; this splits them). */
const CHAT_LENGTH = 30;
/** From this length on, a text is read like a review. */
const LONG_TEXT = 120;

export class DeskHead {
  private readonly model: HybridSoftmax;
  readonly language: 'zh' | 'en';

  constructor(serialized: SerializedDeskHead) {
    const head = serializedDeskHeadSchema.parse(serialized);
    this.model = new HybridSoftmax(head, { labels: DESK_CLASSES, denseWidth: deskDenseFeatures('', head.language, 0).length });
    this.language = head.language;
  }

  /** [P(negative), P(neutral), P(positive)]. */
  probabilities(normalized: string, polarityLogit: number): [number, number, number] {
    const features = deskDenseFeatures(normalized, this.language, polarityLogit);
    const [negative = 0, neutral = 0, positive = 0] = this.model.probabilities(normalized, features, deskLogitOffsets(normalized, this.language));
    return [negative, neutral, positive];
  }
}
