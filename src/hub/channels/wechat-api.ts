import { z } from 'zod';
import type { Logger } from '../../shared/log';

export interface WechatApiConfig {
  apiBaseUrl: string;
  appId: string;
  appSecret: string;
}

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });
const sendSchema = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });

/**
 * The Official Account's customer-service message API. The access token is cached until a
 * minute before it expires (in memory: each hub instance fetches its own).
 */
export function createWechatApi(config: WechatApiConfig, log: Logger) {
  let token: { value: string; until: number } | null = null;

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    const url = new URL('/cgi-bin/token', config.apiBaseUrl);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret }).toString();
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const parsed = tokenSchema.safeParse(await response.json());
    if (!parsed.success) throw new Error(`WeChat token request failed with ${response.status}`);
    token = { value: parsed.data.access_token, until: Date.now() + (parsed.data.expires_in - 60) * 1000 };
    return token.value;
  }

  return {
    async sendText(openId: string, content: string): Promise<void> {
      const url = new URL('/cgi-bin/message/custom/send', config.apiBaseUrl);
      url.searchParams.set('access_token', await accessToken());
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: openId, msgtype: 'text', text: { content } }),
        signal: AbortSignal.timeout(10_000),
      });
      const parsed = sendSchema.safeParse(await response.json().catch(() => null));
      if (!response.ok || !parsed.success || parsed.data.errcode !== 0) {
        // 40001/42001: the token went stale early; the next send fetches a new one.
        if (parsed.success && [40001, 42001].includes(parsed.data.errcode)) token = null;
        log.log('warn', 'WeChat send refused', { status: response.status, errcode: parsed.success ? parsed.data.errcode : null });
        throw new Error('WeChat refused the message');
      }
    },
  };
}
