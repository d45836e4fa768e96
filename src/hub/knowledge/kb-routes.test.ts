import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

let t: TestHub | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function call(hub: TestHub, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('knowledge base on the hub', () => {
  it('lets admins create, edit and retire articles, agents search those in force, and checks roles and input', async () => {
    t = await startTestHub();
    const admin = (await t.login('admin')).token;
    const alice = (await t.login('alice')).token;
    const article = { title: '配送时间说明', body: '下单后一般**48小时**内发货，快递3-5天送达。', tags: ['物流'], locale: 'zh-CN' };

    expect((await call(t, alice, 'POST', '/api/kb/articles', article)).status).toBe(403);
    const bad = await call(t, admin, 'POST', '/api/kb/articles', { ...article, title: '' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('title');
    expect((await call(t, admin, 'POST', '/api/kb/articles', { ...article, locale: 'fr' })).status).toBe(400);

    const created = await call(t, admin, 'POST', '/api/kb/articles', article);
    expect(created.status).toBe(201);
    const id = (created.body.article as { id: string }).id;
    await call(t, admin, 'POST', '/api/kb/articles', { title: 'Refunds', body: 'Refunds arrive in 3-5 working days.', tags: ['refund'], locale: 'en' });

    const found = await call(t, alice, 'GET', `/api/kb/search?q=${encodeURIComponent('我的快递什么时候到')}`);
    expect((found.body.hits as Array<{ article: { id: string } }>)[0]?.article.id).toBe(id);
    const english = await call(t, alice, 'GET', `/api/kb/search?q=refund&locale=en`);
    expect((english.body.hits as Array<{ article: { title: string } }>)[0]?.article.title).toBe('Refunds');

    const edited = await call(t, admin, 'PUT', `/api/kb/articles/${id}`, { article: { ...article, body: '下单后24小时内发货。' }, version: 1 });
    expect(edited.body.article).toMatchObject({ version: 2, body: '下单后24小时内发货。', updatedBy: 'agt_root' });
    // An edit based on the old copy is refused, not lost silently.
    expect((await call(t, admin, 'PUT', `/api/kb/articles/${id}`, { article, version: 1 })).status).toBe(409);

    expect((await call(t, alice, 'POST', `/api/kb/articles/${id}/retire`)).status).toBe(403);
    expect((await call(t, admin, 'POST', `/api/kb/articles/${id}/retire`)).body.article).toMatchObject({ version: 3 });
    expect((await call(t, alice, 'GET', `/api/kb/search?q=${encodeURIComponent('快递')}`)).body.hits).toEqual([]);
    expect((await call(t, alice, 'GET', '/api/kb/articles')).body.articles).toHaveLength(1);
    expect((await call(t, alice, 'GET', '/api/kb/articles?retired=1')).body.articles).toHaveLength(1);
    expect((await call(t, admin, 'GET', '/api/kb/articles?retired=1')).body.articles).toHaveLength(2);

    const anonymous = await fetch(`${t.url}/api/kb/search?q=x`);
    expect(anonymous.status).toBe(401);
  });
});
