/**
 * On-device extractive summaries in the CSDS style: the customer's key
 * questions paired with the agent's key answers, rendered as
 * "用户询问…。客服回答…。" (or "The customer asked …. The agent said ….").
 * A conversation held in Traditional characters gets a Traditional frame
 * ("用戶詢問…。客服回答…。"), never a Simplified one around Traditional words.
 */
import { chineseScript, type ChineseScript } from '../common/chinese-script.js';
import { measureScriptMix } from '../common/script-mix.js';
import type { ConversationTurn } from './conversation-turn.js';
import { EN_AGENT_BOILERPLATE, EN_AGENT_INFORMATIVE, EN_QUESTION, EN_REQUEST, EN_SMALL_TALK } from './en-cues.js';
import {
  ZH_AGENT_BOILERPLATE,
  ZH_AGENT_INFORMATIVE,
  ZH_NOISE,
  ZH_QUESTION,
  ZH_REQUEST,
  ZH_SMALL_TALK,
} from './zh-cues.js';

export interface SummarizeOptions {
  /** Question/answer pairs to keep; by default it grows with the conversation. */
  maxPairs?: number;
  language?: 'zh' | 'en';
}

interface Cues {
  question: RegExp;
  request: RegExp;
  smallTalk: RegExp;
  boilerplate: RegExp;
  informative: RegExp;
  /** Length at which a turn stops earning credit for being longer. */
  fullLength: number;
}

const ZH: Cues = {
  question: ZH_QUESTION,
  request: ZH_REQUEST,
  smallTalk: ZH_SMALL_TALK,
  boilerplate: ZH_AGENT_BOILERPLATE,
  informative: ZH_AGENT_INFORMATIVE,
  fullLength: 20,
};
const EN: Cues = {
  question: EN_QUESTION,
  request: EN_REQUEST,
  smallTalk: EN_SMALL_TALK,
  boilerplate: EN_AGENT_BOILERPLATE,
  informative: EN_AGENT_INFORMATIVE,
  fullLength: 60,
};

interface Pair {
  questionIndex: number;
  question: string;
  answer: string | undefined;
  answerIndex: number;
  score: number;
  kind: 'question' | 'request' | 'statement';
  subject: string;
}

const ANSWER_WINDOW = 8;
/** Tuned on half of CSDS val: about one question/answer pair per ten turns, at most three. */
const TURNS_PER_PAIR = 10;
const MAX_DEFAULT_PAIRS = 3;

function clean(text: string): string {
  return text.replace(ZH_NOISE, '').replace(/\s+/g, ' ').trim();
}

function contentLength(text: string): number {
  return text.replace(/\[[^\]]*\]/g, '').replace(/[\p{P}\p{S}\s\d]/gu, '').length;
}

function scoreCustomer(text: string, cues: Cues): number {
  if (cues.smallTalk.test(text)) return 0;
  const length = contentLength(text);
  if (length < 3) return 0;
  let score = Math.min(length, cues.fullLength) / cues.fullLength;
  if (cues.question.test(text)) score += 0.8;
  if (cues.request.test(text)) score += 0.5;
  return score;
}

function scoreAgent(text: string, cues: Cues, distance: number): number {
  const length = contentLength(text);
  if (length < 2) return 0;
  let score = Math.min(length, cues.fullLength) / cues.fullLength;
  if (cues.informative.test(text)) score += 0.5;
  if (cues.boilerplate.test(text)) score -= 1;
  // An agent asking back ("是这个订单吗?") is clarifying, not answering.
  if (/[?？]|吗|\b(could you|can you|do you)\b/i.test(text)) score -= 0.4;
  return score + 0.3 * (1 - distance / ANSWER_WINDOW);
}

function stripSubject(text: string): { subject: string | undefined; text: string } {
  const match = /^(商家|用户|顾客)[:：]\s*/.exec(text);
  return match ? { subject: match[1], text: text.slice(match[0].length) } : { subject: undefined, text };
}

function findPairs(turns: readonly ConversationTurn[], cues: Cues, defaultSubject: string): Pair[] {
  const pairs: Pair[] = [];
  const texts = turns.map((t) => clean(t.text));
  for (let i = 0; i < turns.length; i++) {
    if (turns[i]!.speaker !== 'customer') continue;
    const { subject, text } = stripSubject(texts[i]!);
    const questionScore = scoreCustomer(text, cues);
    if (questionScore <= 0) continue;
    let best: { index: number; score: number } | undefined;
    for (let j = i + 1, seen = 0; j < turns.length && seen < ANSWER_WINDOW; j++, seen++) {
      if (turns[j]!.speaker !== 'agent') continue;
      const score = scoreAgent(texts[j]!, cues, seen);
      if (score > 0 && (best === undefined || score > best.score)) best = { index: j, score };
    }
    pairs.push({
      questionIndex: i,
      question: text,
      answer: best === undefined ? undefined : texts[best.index],
      answerIndex: best?.index ?? -1,
      score: questionScore + (best?.score ?? 0),
      kind: cues.question.test(text) ? 'question' : cues.request.test(text) ? 'request' : 'statement',
      subject: subject ?? defaultSubject,
    });
  }
  return pairs;
}

function selectPairs(pairs: Pair[], maxPairs: number): Pair[] {
  const chosen: Pair[] = [];
  for (const pair of [...pairs].sort((a, b) => b.score - a.score)) {
    if (chosen.length >= maxPairs) break;
    // One answer serves one question: a second pair reusing it only repeats.
    if (pair.answerIndex >= 0 && chosen.some((c) => c.answerIndex === pair.answerIndex)) continue;
    chosen.push(pair);
  }
  return chosen.sort((a, b) => a.questionIndex - b.questionIndex);
}

function defaultPairCount(turns: readonly ConversationTurn[]): number {
  return Math.max(1, Math.min(MAX_DEFAULT_PAIRS, Math.round(turns.length / TURNS_PER_PAIR)));
}

/** The words the Chinese frame is made of, in each script. */
const ZH_FRAME: Record<ChineseScript, { customer: string; asked: string; requested: string; said: string; answered: string }> = {
  simplified: { customer: '用户', asked: '询问', requested: '要求', said: '表示', answered: '回答' },
  traditional: { customer: '用戶', asked: '詢問', requested: '要求', said: '表示', answered: '回答' },
};

function trimZh(text: string): string {
  return text
    .replace(/^(请问一下|請問一下|请问|請問|问一下|問一下|亲爱的?|親愛的?|亲|親|您好|你好)[,，!！\s]*/u, '')
    .replace(/[?？!！。.~，,、\s呢啊呀吧嘛哈哦的了]+$/u, '')
    .replace(/^[,，。\s]+/u, '');
}

function renderZh(pairs: readonly Pair[], script: ChineseScript): string {
  const frame = ZH_FRAME[script];
  return pairs
    .map((pair) => {
      const verb = pair.kind === 'question' ? frame.asked : pair.kind === 'request' ? frame.requested : frame.said;
      const subject = pair.subject === ZH_FRAME.simplified.customer ? frame.customer : pair.subject;
      const question = trimZh(pair.question)
        .replace(/^我/u, '')
        .replace(/你们|你們|你/gu, '客服')
        .replace(/我/gu, subject);
      const head = `${subject}${verb}${question}。`;
      if (pair.answer === undefined) return head;
      const answer = trimZh(pair.answer).replace(/您/gu, subject);
      return `${head}客服${pair.kind === 'question' ? frame.answered : frame.said}${answer}。`;
    })
    .join('');
}

function trimEn(text: string): string {
  return text.replace(/^(hi|hello|hey)[,!.\s]+/i, '').replace(/[\s?!.,]+$/u, '');
}

function renderEn(pairs: readonly Pair[]): string {
  return pairs
    .map((pair) => {
      const verb = pair.kind === 'question' ? 'asked' : pair.kind === 'request' ? 'requested' : 'said';
      const head = `The customer ${verb}: "${trimEn(pair.question)}".`;
      return pair.answer === undefined ? head : `${head} The agent replied: "${trimEn(pair.answer)}".`;
    })
    .join(' ');
}

export function detectConversationLanguage(turns: readonly ConversationTurn[]): 'zh' | 'en' {
  const mix = measureScriptMix(turns.map((t) => t.text).join(' '));
  return mix.zhShare >= 0.3 ? 'zh' : 'en';
}

/** A short summary of one conversation; empty string when nothing was said. */
export function summarize(turns: readonly ConversationTurn[], options: SummarizeOptions = {}): string {
  const language = options.language ?? detectConversationLanguage(turns);
  const cues = language === 'zh' ? ZH : EN;
  const pairs = findPairs(turns, cues, language === 'zh' ? '用户' : 'customer');
  const chosen = selectPairs(pairs, options.maxPairs ?? defaultPairCount(turns));
  if (chosen.length === 0) {
    const firstCustomer = turns.find((t) => t.speaker === 'customer' && clean(t.text).length > 0);
    if (firstCustomer === undefined) return '';
    const text = clean(firstCustomer.text);
    if (language !== 'zh') return `The customer said: "${trimEn(text)}".`;
    const frame = ZH_FRAME[chineseScript(text)];
    return `${frame.customer}${frame.said}${trimZh(text)}。`;
  }
  return language === 'zh' ? renderZh(chosen, chineseScript(turns.map((t) => t.text).join(''))) : renderEn(chosen);
}
