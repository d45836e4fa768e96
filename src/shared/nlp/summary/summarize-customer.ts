/**
 * A cross-channel summary of one customer's recent conversations, for the
 * customer-360 panel: a count per channel, then one dated line per
 * conversation, newest first.
 */
import type { ConversationTurn } from './conversation-turn.js';
import { detectConversationLanguage, summarize } from './summarize.js';

export interface CustomerConversation {
  channel: string;
  /** Epoch milliseconds or an ISO 8601 string. */
  startedAt: number | string;
  turns: readonly ConversationTurn[];
}

export interface SummarizeCustomerOptions {
  /** How many conversations get their own line. */
  maxConversations?: number;
  language?: 'zh' | 'en';
}

const CHANNEL_NAMES_ZH: Record<string, string> = {
  voice: '电话',
  phone: '电话',
  webchat: '网页聊天',
  wechat: '微信',
  email: '邮件',
  sms: '短信',
  ecommerce: '电商平台',
};

function toDate(value: number | string): Date | undefined {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isoDay(date: Date | undefined): string {
  return date === undefined ? '????-??-??' : date.toISOString().slice(0, 10);
}

export function summarizeCustomer(
  conversations: readonly CustomerConversation[],
  options: SummarizeCustomerOptions = {},
): string {
  if (conversations.length === 0) return '';
  const language = options.language ?? detectConversationLanguage(conversations.flatMap((c) => c.turns));
  const maxConversations = options.maxConversations ?? 5;
  const dated = conversations
    .map((c) => ({ ...c, date: toDate(c.startedAt) }))
    .sort((a, b) => (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0));

  const perChannel = new Map<string, number>();
  for (const c of dated) perChannel.set(c.channel, (perChannel.get(c.channel) ?? 0) + 1);
  const channelName = (channel: string): string => (language === 'zh' ? (CHANNEL_NAMES_ZH[channel] ?? channel) : channel);

  const lines: string[] = [];
  const first = isoDay(dated[dated.length - 1]!.date);
  const last = isoDay(dated[0]!.date);
  if (language === 'zh') {
    const counts = [...perChannel].map(([channel, n]) => `${channelName(channel)}${n}次`).join('、');
    lines.push(`${first}至${last}共联系${dated.length}次（${counts}）。`);
  } else {
    const counts = [...perChannel].map(([channel, n]) => `${n} via ${channel}`).join(', ');
    lines.push(`${dated.length} contact${dated.length === 1 ? '' : 's'} from ${first} to ${last} (${counts}).`);
  }
  for (const c of dated.slice(0, maxConversations)) {
    const summary = summarize(c.turns, { language, maxPairs: 1 }) || (language === 'zh' ? '（无内容）' : '(empty)');
    lines.push(`${isoDay(c.date)} ${channelName(c.channel)}: ${summary}`);
  }
  if (dated.length > maxConversations) {
    const rest = dated.length - maxConversations;
    lines.push(language === 'zh' ? `另有${rest}次更早的联系。` : `${rest} earlier contact${rest === 1 ? '' : 's'} not shown.`);
  }
  return lines.join('\n');
}
