/**
 * The sentiment classifier: one hashed linear model per language, mixed by
 * script share, plus a hand-set emoji term. Scores are in [-1, 1], negative
 * below 0.
 */
import { measureScriptMix } from '../common/script-mix.js';
import { clipText, normalizeText } from '../common/normalize.js';
import { emojiPolarity } from './emoji-lexicon.js';
import { LinearModel, type SerializedLinearModel } from './linear-model.js';
import { negatedPolarity } from './negation-rules.js';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export interface SentimentResult {
  label: SentimentLabel;
  /** In [-1, 1]; below 0 is negative. */
  score: number;
  /** Which model(s) carried the decision. */
  language: 'zh' | 'en' | 'mixed' | 'none';
}

export interface SentimentClassifierOptions {
  /** |score| below this is reported as neutral. */
  neutralBand?: number;
  /** Longer texts are clipped to head + tail; bounds scoring time on pasted logs. */
  maxChars?: number;
}

export interface SentimentClassifier {
  classify(text: string): SentimentResult;
}

const PURE_SCRIPT = 0.85;
const EMOJI_GAIN = 3;
const NEGATION_GAIN = 2;

export function createSentimentClassifier(
  models: { zh: SerializedLinearModel; en: SerializedLinearModel },
  options: SentimentClassifierOptions = {},
): SentimentClassifier {
  const zh = new LinearModel(models.zh);
  const en = new LinearModel(models.en);
  const neutralBand = options.neutralBand ?? 0.2;
  const maxChars = options.maxChars ?? 4000;

  return {
    classify(text: string): SentimentResult {
      const clipped = clipText(text, maxChars);
      const normalized = normalizeText(clipped);
      const mix = measureScriptMix(normalized);
      let textLogit = 0;
      let language: SentimentResult['language'];
      if (mix.han === 0 && mix.latinWords === 0) {
        language = 'none';
        // Digits, punctuation, emoji only: the Chinese char model still knows
        // things like "!!!" or "???", but nothing word-based applies.
        const z = zh.score(normalized);
        textLogit = z.featureCount > 0 ? z.logit * 0.5 : 0;
      } else if (mix.zhShare >= PURE_SCRIPT) {
        language = 'zh';
        textLogit = zh.score(normalized).logit;
      } else if (mix.zhShare <= 1 - PURE_SCRIPT) {
        language = 'en';
        textLogit = en.score(normalized).logit;
      } else {
        language = 'mixed';
        textLogit = mix.zhShare * zh.score(normalized).logit + (1 - mix.zhShare) * en.score(normalized).logit;
      }
      const englishShare = language === 'en' ? 1 : language === 'mixed' ? 1 - mix.zhShare : 0;
      if (englishShare > 0) textLogit += englishShare * NEGATION_GAIN * Math.tanh(negatedPolarity(normalized));
      const emoji = emojiPolarity(clipped);
      // tanh saturates: three angry faces are not three times as angry as one.
      const logit = textLogit + EMOJI_GAIN * Math.tanh(emoji / 1.5);
      const score = Math.tanh(logit / 2);
      const label: SentimentLabel = Math.abs(score) < neutralBand ? 'neutral' : score < 0 ? 'negative' : 'positive';
      return { label, score: Number.isFinite(score) ? score : 0, language };
    },
  };
}
