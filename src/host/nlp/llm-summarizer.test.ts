import { afterEach, describe, expect, it } from 'vitest';
import { llmEndpoints } from '../../../tests/harness/host/llm-endpoint';
import { createConversationSummarizer } from './llm-summarizer.js';

const turns = [
  { speaker: 'customer', text: '我的退款什么时候到账?' },
  { speaker: 'agent', text: '退款预计三个工作日到账' },
] as const;

// A local stand-in for the OpenAI-compatible endpoint the configuration names.
const { serve, closeAll } = llmEndpoints();
afterEach(closeAll);

describe('LLM summarizer', () => {
  it('uses the configured OpenAI-compatible endpoint', async () => {
    let seen: { path?: string; auth?: string; body?: unknown } = {};
    const url = await serve((req, body, res) => {
      seen = { path: req.url, auth: req.headers.authorization, body: JSON.parse(body) };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: '用户询问退款到账时间。客服表示三个工作日。' } }] }));
    });
    const result = await createConversationSummarizer({ url, apiKey: 'k-123', model: 'local' }).summarize(turns);
    expect(result).toEqual({ summary: '用户询问退款到账时间。客服表示三个工作日。', source: 'llm' });
    expect(seen.path).toBe('/v1/chat/completions');
    expect(seen.auth).toBe('Bearer k-123');
    expect(seen.body).toMatchObject({ model: 'local', messages: [{ role: 'system' }, { role: 'user' }] });
  });

  it('falls back to the on-device summary on an error status', async () => {
    const url = await serve((_req, _body, res) => {
      res.statusCode = 500;
      res.end('boom');
    });
    const result = await createConversationSummarizer({ url }).summarize(turns);
    expect(result.source).toBe('on-device');
    expect(result.fallbackReason).toBe('HTTP 500');
    expect(result.summary).toContain('用户询问');
  });

  it('falls back on a timeout and on a malformed answer', async () => {
    const slow = await serve(() => {
      // never answers
    });
    const timedOut = await createConversationSummarizer({ url: slow, timeoutMs: 200 }).summarize(turns);
    expect(timedOut).toMatchObject({ source: 'on-device', fallbackReason: 'timeout' });
  });

  it('rejects a malformed answer and works without configuration', async () => {
    const url = await serve((_req, _body, res) => res.end('{"choices": []}'));
    expect((await createConversationSummarizer({ url }).summarize(turns)).source).toBe('on-device');
    expect((await createConversationSummarizer().summarize(turns)).source).toBe('on-device');
  });
});
