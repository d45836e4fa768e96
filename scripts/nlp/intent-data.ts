/** One door to the intent corpora for train, tune and eval. */
import { loadCsdsTopics } from './csds-intent-corpus.js';
import { banking77Labels, loadBanking77, type IntentPart, type IntentRow } from './intent-corpus.js';

export type IntentLanguage = 'en' | 'zh';

export function loadIntentRows(language: IntentLanguage, part: IntentPart): IntentRow[] {
  return language === 'en' ? loadBanking77(part) : loadCsdsTopics(part);
}

/** Every label the corpus knows, so the model can name a topic even if one split lacks it. */
export function intentLabels(language: IntentLanguage): string[] {
  if (language === 'en') return banking77Labels();
  return [...new Set(loadCsdsTopics('train+dev').concat(loadCsdsTopics('heldout')).map((r) => r.intent))].sort();
}
