/**
 * Optional LLM summaries through any OpenAI-compatible
 * `/v1/chat/completions` endpoint. The on-device summarizer is the default
 * and the fallback: any error, bad answer or timeout yields its summary, so
 * the agent's panel never stays empty because a server is down.
 */
import { z } from 'zod';
import type { ConversationTurn } from '../../shared/nlp/summary/conversation-turn.js';
import { detectConversationLanguage, summarize } from '../../shared/nlp/summary/summarize.js';

export const llmSummarizerConfigSchema = z.object({
  /** The API base (".../v1") or the full ".../chat/completions" URL. */
  url: z.url(),
  apiKey: z.string().optional(),
  model: z.string().min(1).default('gpt-4o-mini'),
  timeoutMs: z.number().int().positive().default(8000),
  maxTurns: z.number().int().positive().default(80),
});

export type LlmSummarizerConfig = z.input<typeof llmSummarizerConfigSchema>;

export interface SummaryResult {
  summary: string;
  source: 'llm' | 'on-device';
  /** Why the LLM was not used, when it was configured but failed. */
  fallbackReason?: string;
}

export interface ConversationSummarizer {
  summarize(turns: readonly ConversationTurn[]): Promise<SummaryResult>;
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().min(1) }) })).min(1),
});

function endpoint(url: string): string {
  if (/\/chat\/completions\/?$/.test(url)) return url;
  return `${url.replace(/\/+$/, '')}/chat/completions`;
}

function prompt(turns: readonly ConversationTurn[], maxTurns: number): Array<{ role: string; content: string }> {
  const zh = detectConversationLanguage(turns) === 'zh';
  const system = zh
    ? '你是客服质检助手。用一到三句话总结对话，格式如"用户询问…。客服表示…。"，不要添加对话中没有的信息。'
    : 'You summarise customer-service conversations in one to three sentences: what the customer asked, what the agent answered. Add nothing that is not in the conversation.';
  const transcript = turns
    .slice(-maxTurns)
    .map((t) => `${t.speaker === 'agent' ? (zh ? '客服' : 'Agent') : zh ? '用户' : 'Customer'}: ${t.text}`)
    .join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: transcript },
  ];
}

export function createConversationSummarizer(config?: LlmSummarizerConfig): ConversationSummarizer {
  const onDevice = (turns: readonly ConversationTurn[], fallbackReason?: string): SummaryResult => ({
    summary: summarize(turns),
    source: 'on-device',
    ...(fallbackReason === undefined ? {} : { fallbackReason }),
  });
  if (config === undefined) return { summarize: async (turns) => onDevice(turns) };
  const c = llmSummarizerConfigSchema.parse(config);

  return {
    async summarize(turns) {
      if (turns.length === 0) return onDevice(turns);
      try {
        const response = await fetch(endpoint(c.url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(c.apiKey === undefined ? {} : { authorization: `Bearer ${c.apiKey}` }),
          },
          body: JSON.stringify({ model: c.model, messages: prompt(turns, c.maxTurns), temperature: 0 }),
          signal: AbortSignal.timeout(c.timeoutMs),
        });
        if (!response.ok) return onDevice(turns, `HTTP ${response.status}`);
        const parsed = completionSchema.safeParse(await response.json());
        if (!parsed.success) return onDevice(turns, 'unexpected response shape');
        return { summary: parsed.data.choices[0]!.message.content.trim(), source: 'llm' };
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        return onDevice(turns, name === 'TimeoutError' ? 'timeout' : `request failed: ${String(error)}`);
      }
    },
  };
}
