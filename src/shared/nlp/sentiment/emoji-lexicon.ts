/**
 * Emoji, emoticons and chat-app sticker codes carry strong sentiment but are
 * nearly absent from the review corpora the models learn from, so their
 * polarity is set by hand. Values are in [-1, 1].
 */

const EMOJI: ReadonlyArray<readonly [string, number]> = [
  ['😡', -1], ['🤬', -1], ['😠', -0.9], ['👿', -0.8], ['💢', -0.8], ['🖕', -1], ['😤', -0.7],
  ['😞', -0.7], ['😢', -0.7], ['😭', -0.8], ['😩', -0.8], ['😫', -0.8], ['😒', -0.6], ['🙄', -0.5],
  ['😣', -0.6], ['😖', -0.7], ['😓', -0.5], ['😰', -0.6], ['😱', -0.6], ['👎', -0.8], ['💩', -0.7],
  ['😾', -0.7], ['☹', -0.7], ['🙁', -0.6], ['😟', -0.5], ['😔', -0.5], ['😕', -0.4], ['🤮', -0.9],
  ['🤢', -0.7], ['💔', -0.7], ['😑', -0.3], ['😐', -0.2],
  ['😀', 0.7], ['😃', 0.7], ['😄', 0.8], ['😁', 0.7], ['😊', 0.8], ['🙂', 0.4], ['☺', 0.7],
  ['😍', 0.9], ['🥰', 0.9], ['😘', 0.7], ['👍', 0.8], ['👏', 0.7], ['🙏', 0.4], ['❤', 0.8],
  ['💕', 0.7], ['💯', 0.7], ['🎉', 0.7], ['😂', 0.3], ['🤣', 0.4], ['😆', 0.6], ['😉', 0.4],
  ['🥳', 0.8], ['🌹', 0.5], ['👌', 0.6], ['💪', 0.5], ['😎', 0.5], ['🤗', 0.6], ['🌟', 0.5],
];

/** Matched on the raw (un-normalised) text: NFKC and lowercasing would break some of them. */
const TOKENS: ReadonlyArray<readonly [string, number]> = [
  ['>:(', -0.9], [":'(", -0.7], [':-(', -0.6], [':(', -0.6], [':-)', 0.6], [':)', 0.6],
  [':D', 0.7], ['T_T', -0.6], ['QAQ', -0.5],
  ['[怒]', -0.9], ['[发怒]', -0.9], ['[抓狂]', -0.8], ['[大哭]', -0.7], ['[流泪]', -0.6], ['[弱]', -0.5],
  ['[赞]', 0.7], ['[强]', 0.6], ['[愉快]', 0.6], ['[玫瑰]', 0.5], ['[爱心]', 0.7],
];

const EMOJI_VALUES = new Map(EMOJI);

/** Sum of the polarity of every emoji and emoticon in the text. */
export function emojiPolarity(text: string): number {
  let sum = 0;
  for (const ch of text) {
    const value = EMOJI_VALUES.get(ch);
    if (value !== undefined) sum += value;
  }
  for (const [token, value] of TOKENS) {
    let from = text.indexOf(token);
    while (from >= 0) {
      sum += value;
      from = text.indexOf(token, from + token.length);
    }
  }
  return sum;
}
