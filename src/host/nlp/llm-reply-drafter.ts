/**
 * Optional: a reply drafted by an LLM through any OpenAI-compatible `/v1/chat/completions`
 * endpoint (`ASSIST_LLM_URL`), grounded in the knowledge-base passages the device ranked best and
 * citing them as [1], [2], [3]. Nothing depends on it: the assist panel's suggestions are made on
 * the device; a draft that fails says why and the agent carries on without it.
 */
import { z } from 'zod';
import { measureScriptMix } from '../../shared/nlp/common/script-mix.js';
import { err, ok, type Result } from '../../shared/result.js';

export const llmDrafterConfigSchema = z.object({
  /** The API base (".../v1") or the full ".../chat/completions" URL. */
  url: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().optional(),
  model: z.string().min(1).default('gpt-4o-mini'),
  timeoutMs: z.number().int().positive().default(15_000),
});
export type LlmDrafterConfig = z.input<typeof llmDrafterConfigSchema>;

export interface GroundingPassage {
  articleId: string;
  title: string;
  passage: string;
}

export interface DraftedReply {
  text: string;
  /** The passages the draft cites, in the order they were given. */
  citations: Array<{ n: number; articleId: string; title: string }>;
}

export interface ReplyDrafter {
  draft(message: string, passages: readonly GroundingPassage[]): Promise<Result<DraftedReply>>;
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().min(1).max(8_000) }) })).min(1),
});

const endpoint = (url: string): string => (/\/chat\/completions\/?$/.test(url) ? url : `${url.replace(/\/+$/, '')}/chat/completions`);

function prompt(message: string, passages: readonly GroundingPassage[]): Array<{ role: string; content: string }> {
  const zh = measureScriptMix(message).zhShare >= 0.5;
  const system = zh
    ? '你是客服助手。只根据下面编号的知识库段落，为客服起草一条简短、礼貌的中文回复。使用了哪个段落，就在句末标注 [编号]。段落中没有答案时，说明会为客户进一步核实，不要编造。'
    : 'You help a contact-center agent. Draft a short, polite reply to the customer using only the numbered knowledge-base passages below. Cite each passage you use as [n] at the end of the sentence. If the passages do not answer, say you will check further; never invent facts.';
  const sources = passages.map((p, i) => `[${i + 1}] ${p.title}\n${p.passage}`).join('\n\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: `${zh ? '知识库段落' : 'Passages'}:\n${sources}\n\n${zh ? '客户消息' : 'Customer message'}:\n${message}` },
  ];
}

export function createReplyDrafter(config: LlmDrafterConfig): ReplyDrafter {
  const c = llmDrafterConfigSchema.parse(config);
  return {
    async draft(message, passages) {
      if (passages.length === 0) return err('not_found', 'no knowledge-base passage fits this message');
      let response: Response;
      try {
        response = await fetch(endpoint(c.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(c.apiKey === undefined ? {} : { authorization: `Bearer ${c.apiKey}` }) },
          body: JSON.stringify({ model: c.model, messages: prompt(message, passages), temperature: 0.2 }),
          signal: AbortSignal.timeout(c.timeoutMs),
        });
      } catch (e) {
        return err(e instanceof Error && e.name === 'TimeoutError' ? 'timeout' : 'unavailable', 'the drafting service cannot be reached');
      }
      if (!response.ok) return err('unavailable', `the drafting service answered ${response.status}`);
      const parsed = completionSchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) return err('unavailable', 'the drafting service answered out of protocol');
      const text = parsed.data.choices[0]!.message.content.trim();
      const cited = new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])));
      const citations = passages.flatMap((p, i) => (cited.has(i + 1) ? [{ n: i + 1, articleId: p.articleId, title: p.title }] : []));
      return ok({ text, citations });
    },
  };
}
