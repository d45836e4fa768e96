import type { KbArticle, KbLocale } from '../../shared/domain/kb-article';
import type { Order } from '../../shared/domain/order';
import type { BotConfig } from './bot-config';
import { createBotPhrases, meaningfulLength, type BotPhrases } from './bot-phrases';
import { botStrings, fill } from './bot-strings';
import type { BotHandoffReason } from '../store/bot-queries';

/** What the bot does with one customer message. */
export type BotTurn =
  | { kind: 'handoff'; reason: Exclude<BotHandoffReason, 'takeover'>; text: string }
  | { kind: 'answer'; source: 'kb'; articleId: string; text: string }
  | { kind: 'answer'; source: 'order'; orderId: string; text: string }
  /** The customer thanked the bot and asks nothing more: the conversation closes as resolved by the bot. */
  | { kind: 'resolved'; text: string }
  /** Not confident: the bot says so and counts a miss. */
  | { kind: 'miss'; text: string };

export interface BotTurnInput {
  text: string;
  language: KbLocale;
  /** Misses in a row before this message. */
  misses: number;
  /** The escalation rules fired on this message (a complaint-risk phrase, strongly negative words). */
  escalated: boolean;
  /** The customer's own orders, from the CRM. */
  orders: readonly Order[];
  /** Orders linked to this conversation (named in it, or by the platform). */
  linkedOrderIds: readonly string[];
  /** The best knowledge-base article for the text in the language, with its retrieval score. */
  search(text: string, language: KbLocale): { article: KbArticle; score: number } | null;
}

/** An order question is an order word with a where/when/status word: "我的订单到哪了", "where is my order". */
const ORDER_NOUNS = createBotPhrases(['订单', '訂單', '快递', '快遞', '包裹', '物流', '单号', '單號', 'order', 'parcel', 'package', 'shipment', 'delivery']);
const ORDER_CUES = createBotPhrases([
  '到哪', '哪里', '哪裡', '什么时候', '什麼時候', '何时', '何時', '状态', '狀態', '进度', '進度', '发货', '發貨', '出貨', '没到', '沒到', '没收到', '沒收到', '查询', '查詢', '物流',
  'where', 'when', 'status', 'track', 'tracking', 'arrive', 'arrived', 'shipped', 'delivered', 'late',
]);
/** The rest of a thank-you that still makes it one ("好的谢谢", "ok thanks!"). */
const FILLER = createBotPhrases(['好的', '好', '嗯', '啊', '呀', '哈', '了', '的', '你', '您', '非常', '太', 'ok', 'okay', 'great', 'so much', 'very much', 'a lot', 'you']);

const ORDER_ID = /\b(?:[A-Z]{1,4}-?)?\d{8,24}\b/g;
const HAS_ORDER_ID = /\b(?:[A-Z]{1,4}-?)?\d{8,24}\b/;

/** Markdown as plain words: chat windows and WeChat show text. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const MAX_ARTICLE_CHARS = 600;
const clip = (text: string): string => (text.length <= MAX_ARTICLE_CHARS ? text : `${text.slice(0, MAX_ARTICLE_CHARS - 1).trimEnd()}…`);

function orderAnswer(input: BotTurnInput): BotTurn {
  const s = botStrings[input.language];
  const own = [...input.orders].sort((a, b) => b.createdAt - a.createdAt);
  const named = [...input.text.matchAll(ORDER_ID)].map((m) => m[0]);
  // Only the customer's own orders: a number someone else's order carries says nothing to this customer.
  const order = own.find((o) => named.includes(o.id)) ?? own.find((o) => input.linkedOrderIds.includes(o.id)) ?? own[0];
  if (!order) return { kind: 'miss', text: s.noOrder };
  const status = s.statuses[order.status.toLowerCase()] ?? order.status;
  const text = fill(s.orderStatus, { id: order.id, summary: order.summary, date: new Date(order.createdAt).toISOString().slice(0, 10), status });
  return { kind: 'answer', source: 'order', orderId: order.id, text };
}

export interface BotBrain {
  turn(input: BotTurnInput): BotTurn;
}

/** The bot's decisions, pure: the service around it stores, sends and hands off. */
export function createBotBrain(config: Pick<BotConfig, 'handoffPhrases' | 'thanksPhrases' | 'minScore' | 'maxMisses'>): BotBrain {
  const handoff = createBotPhrases([...config.handoffPhrases['zh-CN'], ...config.handoffPhrases['zh-TW'], ...config.handoffPhrases.en]);
  const thanks: BotPhrases = createBotPhrases([...config.thanksPhrases['zh-CN'], ...config.thanksPhrases['zh-TW'], ...config.thanksPhrases.en]);
  return {
    turn(input) {
      const s = botStrings[input.language];
      if (handoff.find(input.text).length > 0) return { kind: 'handoff', reason: 'asked', text: s.handoffAsked };
      if (input.escalated) return { kind: 'handoff', reason: 'negative', text: s.handoffNegative };
      if (thanks.find(input.text).length > 0 && meaningfulLength(FILLER.remainder(thanks.remainder(input.text))) <= 2) return { kind: 'resolved', text: s.thanks };
      let turn: BotTurn;
      if (ORDER_NOUNS.find(input.text).length > 0 && (ORDER_CUES.find(input.text).length > 0 || HAS_ORDER_ID.test(input.text))) turn = orderAnswer(input);
      else {
        const hit = input.search(input.text, input.language);
        turn =
          hit && hit.score >= config.minScore
            ? { kind: 'answer', source: 'kb', articleId: hit.article.id, text: `${hit.article.title}\n${clip(plainText(hit.article.body))}\n\n${s.more}` }
            : { kind: 'miss', text: s.miss };
      }
      if (turn.kind === 'miss' && input.misses + 1 >= config.maxMisses) return { kind: 'handoff', reason: 'not_confident', text: s.handoffNotConfident };
      return turn;
    },
  };
}
