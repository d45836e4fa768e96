/**
 * Words of anger per locale. The desk sentiment model scores an ordinary complaint ("快递三天了还没到，
 * 怎么回事", even "still here") close to -1, so a low score alone would escalate half the desk: a single
 * message escalates for its tone only when it is scored strongly negative AND says something angry.
 * Deployments replace any locale's list (hub config `escalation.angerWords`).
 */
import type { PhraseLists } from '../phrases/phrase-lists.js';

export const DEFAULT_ANGER_WORDS: PhraseLists = {
  'zh-CN': [
    '气死', '火大', '恼火', '愤怒', '垃圾', '坑人', '坑爹', '无耻', '恶心', '妈的', '他妈', 'tmd', '去死', '忍无可忍', '太过分',
    '受够了', '什么破', '破玩意', '骗人', '混蛋', '王八蛋', '滚', '欺人太甚', '岂有此理', '有病', '脑子', '废物', '烂透',
  ],
  'zh-TW': [
    '氣死', '火大', '惱火', '憤怒', '垃圾', '坑人', '無恥', '噁心', '他媽', '去死', '忍無可忍', '太過分', '受夠了', '什麼爛',
    '騙人', '混蛋', '王八蛋', '滾', '欺人太甚', '豈有此理', '有病', '廢物', '爛透',
  ],
  en: [
    'furious', 'angry', 'outraged', 'outrageous', 'ridiculous', 'unacceptable', 'disgusting', 'disgrace', 'worst', 'pathetic',
    'useless', 'incompetent', 'wtf', 'what the hell', 'fed up', 'sick of', 'sick and tired', 'terrible', 'awful', 'horrible',
    'a joke', 'rip off', 'ripoff', 'screw you', 'damn', 'shit', 'fuck', 'livid', 'appalling', 'enough is enough',
  ],
};
