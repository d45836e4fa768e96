/**
 * Phrases an agent must not send, shipped per locale: promises of compensation and guarantees the desk
 * cannot give, and rude words. Deployments replace any locale's list (hub config `compliance.phrases`).
 */
import type { PhraseLists } from '../phrases/phrase-lists.js';

export const DEFAULT_FORBIDDEN_PHRASES: PhraseLists = {
  'zh-CN': [
    '保证赔偿', '一定赔偿', '全额赔偿', '双倍赔偿', '三倍赔偿', '肯定赔', '包赔', '我保证', '百分之百', '绝对没问题', '肯定没问题',
    '一定退款', '保证退款', '傻逼', '滚', '你有病', '神经病', '白痴', '蠢货', '爱买不买', '关我什么事', '不关我的事',
  ],
  'zh-TW': [
    '保證賠償', '一定賠償', '全額賠償', '雙倍賠償', '包賠', '我保證', '百分之百', '絕對沒問題', '一定退款', '保證退款', '白痴',
    '你有病', '神經病', '蠢貨', '愛買不買', '關我什麼事', '不關我的事',
  ],
  en: [
    'we guarantee', 'i guarantee', 'guaranteed refund', 'i promise', 'we promise', 'full compensation', 'double compensation',
    'we will compensate', '100% sure', 'definitely no problem', 'stupid', 'idiot', 'shut up', 'not my problem', 'your fault',
  ],
};
