import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import { createReplyDrafter, llmDrafterConfigSchema, type ReplyDrafter } from './llm-reply-drafter';

/**
 * The optional LLM drafter from the environment: `ASSIST_LLM_URL` (an OpenAI-compatible API base or
 * chat-completions URL), `ASSIST_LLM_KEY`, `ASSIST_LLM_MODEL`. A bad setting is named in the log and
 * leaves the drafts off; the on-device suggestions work either way.
 */
export function assistDrafterFromEnv(env: NodeJS.ProcessEnv, log: Logger): ReplyDrafter | undefined {
  const url = env.ASSIST_LLM_URL?.trim();
  if (!url) return undefined;
  const config = llmDrafterConfigSchema.safeParse({
    url,
    ...(env.ASSIST_LLM_KEY ? { apiKey: env.ASSIST_LLM_KEY } : {}),
    ...(env.ASSIST_LLM_MODEL ? { model: env.ASSIST_LLM_MODEL } : {}),
  });
  if (!config.success) {
    log.log('error', 'ASSIST_LLM_URL / ASSIST_LLM_MODEL refused: LLM drafts are off', { problem: describeZodError(config.error) });
    return undefined;
  }
  return createReplyDrafter(config.data);
}
