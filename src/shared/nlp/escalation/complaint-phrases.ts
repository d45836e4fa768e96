/**
 * Complaint-risk phrases shipped per locale: a customer who names a regulator, the press, a lawyer,
 * a chargeback or leaving is about to escalate outside the desk, whatever the tone of the message.
 * Deployments replace any locale's list with their own (hub config `escalation.phrases`).
 */
import type { PhraseLists } from '../phrases/phrase-lists.js';

export const DEFAULT_COMPLAINT_PHRASES: PhraseLists = {
  'zh-CN': [
    '投诉', '12315', '12345', '消协', '消费者协会', '工商局', '市场监管', '曝光', '找媒体', '记者', '律师', '起诉', '告你们',
    '法院', '报警', '退款', '退钱', '差评', '维权', '骗子', '欺诈', '黑店', '再也不买', '注销账号', '销户',
  ],
  'zh-TW': [
    '投訴', '客訴', '申訴', '消保官', '消基會', '曝光', '找媒體', '記者', '律師', '提告', '起訴', '告你們',
    '法院', '報警', '退款', '退錢', '負評', '詐騙', '騙子', '再也不買', '註銷帳號', '取消帳號',
  ],
  en: [
    'chargeback', 'charge back', 'dispute the charge', 'lawyer', 'attorney', 'legal action', 'sue you', 'take you to court',
    'small claims', 'cancel my account', 'close my account', 'delete my account', 'file a complaint', 'formal complaint',
    'report you', 'better business bureau', 'consumer protection', 'ombudsman', 'go to the press', 'never buy from you',
  ],
};
