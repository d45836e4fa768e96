import { z } from 'zod';
import { phraseListsSchema, type PhraseLists } from '../../shared/nlp/phrases/phrase-lists';
import { kbLocaleSchema } from '../../shared/domain/kb-article';

/** What a customer writes to reach a person (the widget's button sends the words of its language). */
export const DEFAULT_HANDOFF_PHRASES: PhraseLists = {
  'zh-CN': ['转人工', '人工', '人工客服', '真人', '客服人员'],
  'zh-TW': ['轉人工', '人工', '人工客服', '真人', '客服人員'],
  en: ['agent', 'human', 'a person', 'real person', 'talk to a person', 'representative', 'operator'],
};

/** Thanks that close a conversation the bot answered (a message that says little else). */
export const DEFAULT_THANKS_PHRASES: PhraseLists = {
  'zh-CN': ['谢谢', '感谢', '多谢', '谢啦', '好的谢谢', '没问题了', '解决了'],
  'zh-TW': ['謝謝', '感謝', '多謝', '謝啦', '沒問題了', '解決了'],
  en: ['thanks', 'thank you', 'thx', 'that helps', 'that helped', 'solved', 'all good'],
};

/**
 * Hub config `bot` (BOT_FILE, a JSON file): the self-service bot in front of the queue. Off unless
 * `enabled`; then on the listed channels, for conversations whose queue is listed (none listed: every queue).
 */
export const botConfigSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** The channels the bot answers on (widget and WeChat are the ones it knows). */
    channels: z.array(z.enum(['widget', 'wechat'])).default(['widget', 'wechat']),
    /** The queues it answers for; empty: every queue. */
    queues: z.array(z.string().min(1).max(64)).default([]),
    /**
     * The BM25 score the best knowledge-base article must reach for the bot to answer with it. Scores grow with
     * the number of articles and with the question's length; 3 suits a knowledge base of tens of articles.
     */
    minScore: z.number().min(0).max(1000).default(3),
    /** Unsure this many times in a row: the conversation goes to people. */
    maxMisses: z.number().int().min(1).max(10).default(2),
    /** A conversation the bot answered and the customer left this long is closed as resolved by the bot. */
    resolveAfterMinutes: z.number().int().min(1).max(7 * 24 * 60).default(30),
    /** The language of a customer whose words do not tell it. */
    defaultLanguage: kbLocaleSchema.default('zh-CN'),
    /** Words that ask for a person; a locale left out keeps the shipped list. */
    handoffPhrases: phraseListsSchema(DEFAULT_HANDOFF_PHRASES),
    /** Thanks that end a conversation as resolved by the bot. */
    thanksPhrases: phraseListsSchema(DEFAULT_THANKS_PHRASES),
  })
  .strict()
  .prefault({});

export type BotConfig = z.infer<typeof botConfigSchema>;
export type BotConfigInput = z.input<typeof botConfigSchema>;

/** Whether the bot answers a new conversation on this channel and queue. */
export function botTakes(config: BotConfig, channel: string, queue: string): boolean {
  if (!config.enabled) return false;
  if (!(config.channels as readonly string[]).includes(channel)) return false;
  return config.queues.length === 0 || config.queues.includes(queue);
}
