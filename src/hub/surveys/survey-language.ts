import type { SurveyLanguage } from '../../shared/domain/survey';
import { measureScriptMix } from '../../shared/nlp/common/script-mix';

// Everyday characters whose Traditional and Simplified forms differ, pair by pair.
const TRADITIONAL = '們個這說對過還會時來請問謝覺點後沒麼開關電話號碼訂單處貨運費錢買賣換東為與從樣機發現讓應該聽見認識寫給顧務態間題實際經驗壞書車門區種氣幫馬當錯';
const SIMPLIFIED = '们个这说对过还会时来请问谢觉点后没么开关电话号码订单处货运费钱买卖换东为与从样机发现让应该听见认识写给顾务态间题实际经验坏书车门区种气帮马当错';

function count(text: string, set: string): number {
  let n = 0;
  for (const ch of text) if (set.includes(ch)) n++;
  return n;
}

/**
 * The language to ask a customer in, from what they wrote: Chinese when Han characters carry most of
 * it, Traditional when its characters outnumber the Simplified ones, else English. With nothing
 * written, the hub's default.
 */
export function surveyLanguageOf(customerTexts: readonly string[], fallback: SurveyLanguage): SurveyLanguage {
  const text = customerTexts.join('\n');
  if (text.trim() === '') return fallback;
  const mix = measureScriptMix(text);
  if (mix.han === 0 && mix.latinWords === 0) return fallback;
  if (mix.zhShare < 0.5) return 'en';
  // Characters both scripts share (我, 你, 的) decide nothing; a tie goes to Simplified, the more common here.
  return count(text, TRADITIONAL) > count(text, SIMPLIFIED) ? 'zh-TW' : 'zh-CN';
}
