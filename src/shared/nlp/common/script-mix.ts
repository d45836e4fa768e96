/**
 * How much of a text is Chinese versus Latin-script. Routing by share, not by
 * a yes/no language guess, lets mixed messages ("这个app太卡了 so slow") use
 * both models in proportion.
 */

export interface ScriptMix {
  han: number;
  latinWords: number;
  /** In [0, 1]; 0.5 when the text has neither script. */
  zhShare: number;
}

const HAN = /\p{Script=Han}/u;

export function measureScriptMix(text: string): ScriptMix {
  let han = 0;
  for (const ch of text) if (HAN.test(ch)) han++;
  const latinWords = (text.match(/[A-Za-z]{2,}/g) ?? []).length;
  // A Chinese character carries roughly the information of a short English
  // word, so words count 1.5 characters.
  const total = han + latinWords * 1.5;
  return { han, latinWords, zhShare: total === 0 ? 0.5 : han / total };
}
