/**
 * Phrase matching for the bot's own lists (asking for a person, thanks, order questions). Chinese
 * phrases match through spaces and punctuation ("转 人 工"); Latin ones only as whole words, so
 * "agent" is not found in "management" nor "human" in "humanity". Full-width forms and case fold away.
 */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const GAP = '[\\s\\p{P}\\p{S}\\p{Cf}]*';

/** The length of what carries meaning: no spaces, punctuation or symbols. */
export const meaningfulLength = (text: string): number => fold(text).replace(/[\s\p{P}\p{S}\p{Cf}\p{Cc}]/gu, '').length;

export interface BotPhrases {
  /** The listed phrases found in `text`, as written in the list. */
  find(text: string): string[];
  /** `text` folded, with every listed phrase taken out. */
  remainder(text: string): string;
}

export function createBotPhrases(phrases: readonly string[]): BotPhrases {
  const entries = [...new Set(phrases.map((p) => p.trim()).filter((p) => meaningfulLength(p) > 0))].map((phrase) => {
    const folded = fold(phrase);
    const source = /[a-z0-9]/.test(folded)
      ? `(?<![\\p{L}\\p{N}])${folded.split(/\s+/).map(escape).join('[\\s\\p{P}]+')}(?![\\p{L}\\p{N}])`
      : [...folded.replace(/[\s\p{P}\p{S}\p{Cf}\p{Cc}]/gu, '')].map(escape).join(GAP);
    return { phrase, pattern: new RegExp(source, 'gu') };
  });
  return {
    find(text) {
      const folded = fold(text);
      return entries.filter((e) => {
        e.pattern.lastIndex = 0;
        return e.pattern.test(folded);
      }).map((e) => e.phrase);
    },
    remainder(text) {
      // Longer phrases first, so "好的谢谢" goes whole before "好" takes its first character.
      return [...entries].sort((a, b) => b.phrase.length - a.phrase.length).reduce((rest, e) => rest.replace(e.pattern, ' '), fold(text));
    },
  };
}
