/**
 * Phrase lists per interface locale, as settings carry them: validated, bounded, and the shipped
 * defaults filled in for any locale a deployment does not name.
 */
import { z } from 'zod';

export const PHRASE_LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type PhraseLocale = (typeof PHRASE_LOCALES)[number];

const phraseSchema = z.string().trim().min(1, 'a phrase may not be empty').max(100, 'a phrase is at most 100 characters');
export const phraseListSchema = z.array(phraseSchema).max(2000, 'at most 2000 phrases per locale');

export type PhraseLists = Record<PhraseLocale, string[]>;

/** A partial per-locale override; locales left out keep `defaults`. */
export function phraseListsSchema(defaults: PhraseLists) {
  return z
    .object({ 'zh-CN': phraseListSchema.optional(), 'zh-TW': phraseListSchema.optional(), en: phraseListSchema.optional() })
    .strict()
    .default({})
    .transform((given): PhraseLists => ({
      'zh-CN': given['zh-CN'] ?? defaults['zh-CN'],
      'zh-TW': given['zh-TW'] ?? defaults['zh-TW'],
      en: given.en ?? defaults.en,
    }));
}

/** Every locale's phrases in one list: a customer may write in any of them whatever the agent's language. */
export const allPhrases = (lists: PhraseLists): string[] => PHRASE_LOCALES.flatMap((l) => lists[l]);
