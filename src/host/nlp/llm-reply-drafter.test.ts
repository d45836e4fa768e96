import { afterEach, describe, expect, it } from 'vitest';
import { llmEndpoints } from '../../../tests/harness/host/llm-endpoint';
import { createReplyDrafter } from './llm-reply-drafter.js';

// A local stand-in for the OpenAI-compatible endpoint the configuration names.
const { serve, closeAll } = llmEndpoints();
afterEach(closeAll);

const passages = [
  { articleId: 'kb_ship', title: '配送时间说明', passage: '快递一般3-5天送达，偏远地区可能延迟。' },
  { articleId: 'kb_track', title: '查询物流', passage: '可在订单详情查看物流进度。' },
];

describe('LLM reply drafter', () => {
  it('sends the passages and the message, and returns the draft with the passages it cites', async () => {
    let seen: { path?: string; auth?: string; body?: { model: string; messages: Array<{ role: string; content: string }> } } = {};
    const url = await serve((req, body, res) => {
      seen = { path: req.url, auth: req.headers.authorization, body: JSON.parse(body) };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: '您好，快递一般3-5天送达 [1]，您可在订单详情查看进度 [2]。' } }] }));
    });
    const drafted = await createReplyDrafter({ url, apiKey: 'k-1', model: 'local' }).draft('我的快递怎么还没到', passages);
    expect(drafted).toEqual({
      ok: true,
      value: {
        text: '您好，快递一般3-5天送达 [1]，您可在订单详情查看进度 [2]。',
        citations: [
          { n: 1, articleId: 'kb_ship', title: '配送时间说明' },
          { n: 2, articleId: 'kb_track', title: '查询物流' },
        ],
      },
    });
    expect(seen.path).toBe('/v1/chat/completions');
    expect(seen.auth).toBe('Bearer k-1');
    expect(seen.body?.model).toBe('local');
    const user = seen.body?.messages.find((m) => m.role === 'user')?.content ?? '';
    expect(user).toContain('[1] 配送时间说明');
    expect(user).toContain('我的快递怎么还没到');
    expect(seen.body?.messages[0]?.content).toContain('只根据下面编号的知识库段落');
  });

  it('says why when the service fails, answers out of protocol or is too slow; asks nothing without passages', async () => {
    const down = await serve((_req, _body, res) => {
      res.statusCode = 503;
      res.end('{}');
    });
    expect(await createReplyDrafter({ url: down }).draft('hello', passages)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('503') } });
    const odd = await serve((_req, _body, res) => res.end(JSON.stringify({ choices: [] })));
    expect(await createReplyDrafter({ url: odd }).draft('hello', passages)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const slow = await serve(() => undefined);
    expect(await createReplyDrafter({ url: slow, timeoutMs: 200 }).draft('hello', passages)).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(await createReplyDrafter({ url: slow }).draft('hello', [])).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(() => createReplyDrafter({ url: 'ftp://x' })).toThrow();
  });
});
