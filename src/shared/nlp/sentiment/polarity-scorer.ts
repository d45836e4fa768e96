/**
 * The first stage of the sentiment classifier: how good or bad a text sounds. One hashed linear
 * model per language, learned from reviews, routed by script share (mixed messages blend both),
 * plus hand-set emoji and English negation terms. Reviews are never neutral, so this stage alone
 * reads every plain question as a complaint; the desk head (desk-head.ts) fixes that.
 */
import { measureScriptMix } from '../common/script-mix.js';
import { clipText, normalizeText } from '../common/normalize.js';
import { emojiPolarity } from './emoji-lexicon.js';
import { LinearModel, type SerializedLinearModel } from './linear-model.js';
import { negatedPolarity } from './negation-rules.js';

export interface PolarityReading {
  normalized: string;
  /** Negative below 0. */
  logit: number;
  language: 'zh' | 'en' | 'mixed' | 'none';
  /** How much of the text the Chinese side speaks for: 1 for Chinese or script-less text, 0 for English. */
  zhShare: number;
}

export interface PolarityScorer {
  read(text: string): PolarityReading;
}

const PURE_SCRIPT = 0.85;
const EMOJI_GAIN = 3;
const NEGATION_GAIN = 2;

export function createPolarityScorer(models: { zh: SerializedLinearModel; en: SerializedLinearModel }, maxChars = 4000): PolarityScorer {
  const zh = new LinearModel(models.zh);
  const en = new LinearModel(models.en);
  return {
    read(text) {
      const clipped = clipText(text, maxChars);
      const normalized = normalizeText(clipped);
      const mix = measureScriptMix(normalized);
      let textLogit: number;
      let language: PolarityReading['language'];
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
      // tanh saturates: three angry faces are not three times as angry as one.
      const logit = textLogit + EMOJI_GAIN * Math.tanh(emojiPolarity(clipped) / 1.5);
      const zhShare = language === 'en' ? 0 : language === 'mixed' ? mix.zhShare : 1;
      return { normalized, logit: Number.isFinite(logit) ? logit : 0, language, zhShare };
    },
  };
}
