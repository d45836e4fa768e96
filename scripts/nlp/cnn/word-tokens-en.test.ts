import { describe, expect, it } from 'vitest';
import { NUMBER_TOKEN, splitWords, wordKeys } from './word-tokens-en.js';

const vocabulary = new Set(['i', 'do', 'not', 'like', 'it', "'s", 'a', 'very', 'dumbed', 'down', 'film', 'can', 'will', 'act', 'cliches', 'are', '.', '!', '(', ')', '"', NUMBER_TOKEN]);
const has = (word: string): boolean => vocabulary.has(word);

describe('English word tokens for the sentence network', () => {
  it('reads a typed message and its SST (Penn Treebank) spelling the same way', () => {
    expect(wordKeys("I don't like it... it's a VERY dumbed-down film!", has)).toEqual(
      wordKeys("i do n't like it ... it 's a very dumbed-down film !", has),
    );
  });

  it('maps clitics, PTB brackets, quotes, accents and numbers onto the vocabulary', () => {
    expect(wordKeys("i ca n't , you wo n't , they 're -lrb- clichés -rrb- `` 90-minute ''", has)).toEqual([
      'i', 'can', 'not', 'will', 'not', 'are', '(', 'cliches', ')', '"', NUMBER_TOKEN, '"',
    ]);
  });

  it('keeps abbreviations whole and splits sentence-final dots', () => {
    expect(splitWords('Mr. Smith left. The end.')).toEqual(['mr.', 'smith', 'left', '.', 'the', 'end', '.']);
  });

  it('drops words it cannot place', () => {
    expect(wordKeys('xyzzy plugh', has)).toEqual([]);
  });
});
