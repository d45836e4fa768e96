import type { Conversation } from '../../shared/domain/conversation';
import type { KbArticle, KbLocale } from '../../shared/domain/kb-article';
import type { Message } from '../../shared/domain/message';
import type { Logger } from '../../shared/log';
import type { EscalationRules } from '../../shared/nlp/escalation/escalation-rules';
import { sentimentLabelOf } from '../../shared/nlp/sentiment/sentiment-bands';
import { buildKbIndex, type KbIndex } from '../../shared/nlp/retrieval/kb-index';
import type { HubEvent } from '../../shared/protocol/hub-events';
import { z } from 'zod';
import type { ConversationService } from '../conversation-service';
import type { Lifecycle } from '../conversations/lifecycle';
import type { CrmAdapter } from '../crm/crm-adapter';
import type { JobWorker } from '../jobs/job-worker';
import type { HubStore } from '../store/hub-store';
import type { BotHandoffReason } from '../store/bot-queries';
import { surveyLanguageOf } from '../surveys/survey-language';
import type { BotConfig } from './bot-config';
import { createBotBrain, type BotTurn } from './bot-turn';

/** The durable timer that closes a conversation the customer left while with the bot. */
export const BOT_IDLE_JOB = 'bot.idle';
const idleKey = (conversationId: string): string => `bot-idle:${conversationId}`;
const idlePayload = z.object({ conversationId: z.string().min(1).max(100) });

/** Dispositions the bot closes with: reports and the 360 tell its contacts by them. */
export const BOT_RESOLVED = 'bot_resolved';
export const BOT_ABANDONED = 'bot_abandoned';

export interface BotServiceDeps {
  config: BotConfig;
  store: HubStore;
  lifecycle: Lifecycle;
  conversations: Pick<ConversationService, 'botReply' | 'systemNote'>;
  crm: Pick<CrmAdapter, 'orders'>;
  /** A customer message's sentiment score in [-1, 1] (the shared classifier). */
  sentiment: (text: string) => number;
  escalation: EscalationRules;
  jobs: () => Pick<JobWorker, 'schedule' | 'cancel'>;
  /** A conversation entered a queue: route it. */
  queued: () => void;
  log: Logger;
  now?: () => number;
}

export interface BotService {
  /** Hears committed events: a customer's message on a conversation with the bot gets the bot's answer. */
  onEvent(event: HubEvent): void;
  /** The idle timer fell due. */
  idle(payload: unknown): void;
  /** Answers one message (resolves once the answer is stored and sent); what onEvent runs, one at a time per conversation. */
  answer(message: Message): Promise<void>;
  /** A conversation left the bot some other way (a supervisor took it over, someone closed it): its session ends. */
  conversationChanged(prev: Conversation | null, next: Conversation): void;
}

const reasonNote: Record<Exclude<BotHandoffReason, 'takeover'>, string> = {
  asked: 'the customer asked for a person',
  not_confident: 'the bot was unsure twice',
  negative: 'the customer turned negative',
};

/**
 * The self-service bot in front of the queue. A conversation it takes waits with status `bot`
 * (agents do not see it yet); each customer message gets an answer from the knowledge base or the
 * customer's orders, or a hand-off through the lifecycle into the queue, where agents receive the
 * whole exchange with the bot's messages marked as the bot's.
 */
export function createBotService(deps: BotServiceDeps): BotService {
  const { config, store, lifecycle, conversations, log } = deps;
  const now = deps.now ?? Date.now;
  const brain = createBotBrain(config);
  const running = new Map<string, Promise<void>>();
  let kb: { index: KbIndex; byId: Map<string, KbArticle>; stamp: string } | null = null;

  /** The index over the articles in force, rebuilt when one changed (edits bump updatedAt). */
  function knowledge(): { index: KbIndex; byId: Map<string, KbArticle> } {
    const articles = store.articles().filter((a) => a.retiredAt === null);
    const stamp = `${articles.length}:${Math.max(0, ...articles.map((a) => a.updatedAt))}`;
    if (!kb || kb.stamp !== stamp) kb = { index: buildKbIndex(articles), byId: new Map(articles.map((a) => [a.id, a])), stamp };
    return kb;
  }
  /** The best article in the customer's language; for Chinese, in the other script too (a desk often writes only one). */
  const search = (text: string, language: KbLocale): { article: KbArticle; score: number } | null => {
    const { index, byId } = knowledge();
    const locales: KbLocale[] = language === 'en' ? ['en'] : language === 'zh-TW' ? ['zh-TW', 'zh-CN'] : ['zh-CN', 'zh-TW'];
    let best: { article: KbArticle; score: number } | null = null;
    for (const locale of locales) {
      const hit = index.search(text, { limit: 1, locale })[0];
      const article = hit ? byId.get(hit.id) : undefined;
      if (hit && article && (!best || hit.score > best.score)) best = { article, score: hit.score };
    }
    return best;
  };

  /**
   * The escalation rules, read for the bot: tone that escalates (strongly negative, angry words) hands off; a
   * complaint-risk phrase only in a negative message, since "怎么申请退款" names a refund but is a plain question.
   */
  const turnedNegative = (text: string): boolean => {
    const score = deps.sentiment(text);
    const escalation = deps.escalation.check({ source: 'text', text, score });
    return escalation !== null && (escalation.reason !== 'complaint-phrase' || sentimentLabelOf(score) === 'negative');
  };

  const withBot = (conversationId: string): Conversation | null => {
    const found = store.conversation(conversationId);
    return found && found.status === 'bot' ? found : null;
  };

  const say = (conversationId: string, text: string): void => {
    const sent = conversations.botReply(conversationId, text);
    if (!sent.ok) log.log('warn', 'bot answer not sent', { conversation: conversationId, detail: sent.error.message });
  };

  /** Into the queue first, then the words that say so: the widget hears them from a conversation no longer with the bot. */
  function handOff(conversation: Conversation, reason: Exclude<BotHandoffReason, 'takeover'>, text: string, asked: readonly string[]): void {
    const at = now();
    const moved = lifecycle.move(conversation.id, { kind: 'handoff' });
    if (!moved.ok) {
      log.log('warn', 'bot hand-off refused', { conversation: conversation.id, detail: moved.error.message });
      return;
    }
    store.endBotSession(conversation.id, 'handed_off', reason, at);
    deps.jobs().cancel(idleKey(conversation.id));
    say(conversation.id, text);
    const questions = asked.map((t) => `“${t.length > 120 ? `${t.slice(0, 119)}…` : t}”`).join(' · ');
    conversations.systemNote(conversation.id, `Handed off by the bot: ${reasonNote[reason]}. Asked the bot: ${questions}`);
    deps.queued();
  }

  function close(conversationId: string, disposition: string, outcome: 'resolved' | 'abandoned', reason: string): void {
    const closed = lifecycle.move(conversationId, { kind: 'close', disposition, dispositionNote: null });
    if (!closed.ok) return;
    store.endBotSession(conversationId, outcome, reason, now());
    deps.jobs().cancel(idleKey(conversationId));
  }

  async function answer(message: Message): Promise<void> {
    const conversation = withBot(message.conversationId);
    if (!conversation) return;
    const session = store.botSession(conversation.id);
    if (!session) store.startBotSession(conversation.id, conversation.queue, conversation.channel, now());
    const fromCustomer = store.messages(conversation.id).filter((m) => m.authorKind === 'customer' && !m.internal && m.text.trim() !== '');
    const language = surveyLanguageOf(fromCustomer.map((m) => m.text), config.defaultLanguage);
    const escalated = message.text.trim() !== '' && turnedNegative(message.text);
    const orders = await deps.crm.orders([conversation.customerId]);
    // The customer may have been taken over, or have closed, while the CRM answered.
    const current = withBot(conversation.id);
    if (!current) return;
    const turn: BotTurn = brain.turn({
      text: message.text,
      language,
      misses: session?.misses ?? 0,
      escalated,
      orders: orders.filter((o) => o.customerId === current.customerId),
      linkedOrderIds: current.orderIds ?? [],
      search,
    });
    if (turn.kind === 'handoff') {
      handOff(current, turn.reason, turn.text, fromCustomer.map((m) => m.text));
      return;
    }
    say(current.id, turn.text);
    const at = now();
    switch (turn.kind) {
      case 'resolved':
        close(current.id, BOT_RESOLVED, 'resolved', 'thanks');
        return;
      case 'answer':
      case 'miss':
        store.recordBotTurn(current.id, turn.kind === 'miss' ? (session?.misses ?? 0) + 1 : 0, turn.kind === 'answer' ? at : null);
        deps.jobs().schedule(BOT_IDLE_JOB, idleKey(current.id), at + config.resolveAfterMinutes * 60_000, { conversationId: current.id });
        return;
    }
  }

  return {
    answer,
    onEvent(event) {
      if (event.kind !== 'message.created') return;
      const { message } = event;
      if (message.authorKind !== 'customer' || message.internal || !withBot(message.conversationId)) return;
      // One message at a time per conversation, in the order they came.
      const id = message.conversationId;
      const next = (running.get(id) ?? Promise.resolve())
        .then(() => answer(message))
        .catch((cause: unknown) => log.log('error', 'bot answer failed', { conversation: id, detail: cause instanceof Error ? cause.message : String(cause) }))
        .finally(() => {
          if (running.get(id) === next) running.delete(id);
        });
      running.set(id, next);
    },
    conversationChanged(prev, next) {
      if (prev?.status !== 'bot' || next.status === 'bot') return;
      if (next.status === 'active') store.endBotSession(next.id, 'handed_off', 'takeover', now());
      else if (next.status === 'closed') store.endBotSession(next.id, next.disposition === BOT_RESOLVED ? 'resolved' : 'abandoned', 'closed', now());
    },
    idle(payload) {
      const { conversationId } = idlePayload.parse(payload);
      const conversation = withBot(conversationId);
      const session = store.botSession(conversationId);
      if (!conversation || !session || session.endedAt !== null) return;
      // Left after a confident answer: resolved by the bot. Left while the bot was unsure: abandoned.
      if (session.misses === 0 && session.lastAnswerAt !== null) close(conversationId, BOT_RESOLVED, 'resolved', 'inactive');
      else close(conversationId, BOT_ABANDONED, 'abandoned', 'inactive');
    },
  };
}
