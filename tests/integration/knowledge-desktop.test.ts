import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../src/shared/log';
import { eventually, startTestHub, type TestHub } from '../harness/hub/test-hub';
import { CacheThread } from '../../src/host/cache/cache-thread';
import { createKnowledge, type Knowledge } from '../../src/host/knowledge/knowledge-service';
import { createReplyDrafter, type ReplyDrafter } from '../../src/host/nlp/llm-reply-drafter';
import { startChatCompletionsServer } from '../harness/host/chat-completions-server';

// Each desk starts a cache worker thread and the hub a store: slow on a loaded 2-core machine.
vi.setConfig({ testTimeout: 90_000 });

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function desk(hub: TestHub, username: string, token: string, drafter?: ReplyDrafter) {
  const dir = mkdtempSync(join(tmpdir(), 'kb-host-'));
  const thread = await CacheThread.open({ file: join(dir, 'cache.sqlite'), key: null, agentId: username, log: createMemoryLogger(), now: Date.now });
  const cache = thread.calls;
  let reachable = true;
  const synced: number[] = [];
  const knowledge: Knowledge = createKnowledge({
    cache: () => cache,
    auth: async () => (reachable ? { hubUrl: hub.url, token } : null),
    online: () => reachable,
    log: createMemoryLogger(),
    synced: (e) => synced.push(e.articles),
    ...(drafter ? { drafter } : {}),
  });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => thread.close(), () => knowledge.stop());
  return { knowledge, cache, synced, offline: () => (reachable = false) };
}

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('knowledge base on the desktop', () => {
  it('syncs the articles in force into the cache and searches and suggests from it offline', async () => {
    const hub = await startTestHub();
    cleanup.push(() => hub.close());
    const admin = await desk(hub, 'admin', (await hub.login('admin')).token);
    const alice = await desk(hub, 'alice', (await hub.login('alice')).token);

    const article = { title: '配送时间说明', body: '# 配送\n\n下单后一般48小时内发货。\n\n快递一般**3-5天**送达，偏远地区可能延迟。', tags: ['物流'], locale: 'zh-CN' as const };
    const made = value(await admin.knowledge.impl.create({ article }));
    const old = value(await admin.knowledge.impl.create({ article: { title: 'Old fees', body: 'Fees were 2%.', tags: [], locale: 'en' } }));
    value(await admin.knowledge.impl.retire({ id: old.id }));
    expect(value(await admin.knowledge.impl.adminList({})).articles.map((a) => [a.title, a.retiredAt !== null])).toEqual([
      ['Old fees', true],
      ['配送时间说明', false],
    ]);

    alice.knowledge.connected();
    await eventually(() => alice.synced.length > 0, 'the first sync');
    expect(alice.synced).toEqual([1]);
    alice.offline();
    const found = value(await alice.knowledge.impl.search({ query: '快递几天送到', locale: null, limit: 5 }));
    expect(found.articles).toBe(1);
    expect(found.syncedAt).not.toBeNull();
    expect(found.hits[0]).toMatchObject({ articleId: made.id, title: '配送时间说明', passage: '快递一般3-5天送达，偏远地区可能延迟。' });
    expect(value(await alice.knowledge.impl.search({ query: 'fees', locale: null, limit: 5 })).hits).toEqual([]);
    const { suggestions } = value(
      await alice.knowledge.impl.suggest({ message: '我的快递怎么还没送到', canned: [{ id: 'greeting', title: '问候', text: '您好，请问有什么可以帮您？' }], limit: 3 }),
    );
    expect(suggestions[0]).toMatchObject({ kind: 'kb', id: `kb:${made.id}`, queue: 'logistics' });
  });

  it('reports the hub’s own reasons: a stale edit, a role that may not write, a bad article', async () => {
    const hub = await startTestHub();
    cleanup.push(() => hub.close());
    const admin = await desk(hub, 'admin', (await hub.login('admin')).token);
    const alice = await desk(hub, 'alice', (await hub.login('alice')).token);
    const article = { title: 'Refunds', body: 'Refunds arrive in 3-5 working days.', tags: ['returns'], locale: 'en' as const };
    const made = value(await admin.knowledge.impl.create({ article }));
    value(await admin.knowledge.impl.edit({ id: made.id, version: 1, article: { ...article, body: 'Refunds arrive in 5 working days.' } }));
    const stale = await admin.knowledge.impl.edit({ id: made.id, version: 1, article });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await alice.knowledge.impl.create({ article })).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
    const bad = await admin.knowledge.impl.create({ article: { ...article, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(!bad.ok && bad.error.message).toContain('at most 20 tags');
    // The writer's own cache has the edit at once.
    expect(value(await admin.knowledge.impl.search({ query: 'refund', locale: 'en', limit: 3 })).hits[0]?.passage).toBe('Refunds arrive in 5 working days.');
  });

  it('drafts a reply with the optional LLM from the best passages, citing them, and says when none is configured', async () => {
    const hub = await startTestHub();
    cleanup.push(() => hub.close());
    const llm = await startChatCompletionsServer(() => 'Cards usually arrive in 5-7 days [1].');
    cleanup.push(() => llm.close());
    const admin = await desk(hub, 'admin', (await hub.login('admin')).token);
    const card = value(await admin.knowledge.impl.create({ article: { title: 'When will my card arrive?', body: 'Cards usually arrive in 5-7 days.', tags: ['logistics'], locale: 'en' } }));
    const alice = await desk(hub, 'alice', (await hub.login('alice')).token, createReplyDrafter({ url: llm.url, model: 'local' }));
    expect(value(await alice.knowledge.impl.capabilities({}))).toEqual({ llmDraft: true });
    alice.knowledge.connected();
    await eventually(() => alice.synced.length > 0, 'the first sync');
    const drafted = value(await alice.knowledge.impl.draft({ message: 'My card has not arrived' }));
    expect(drafted).toEqual({ text: 'Cards usually arrive in 5-7 days [1].', citations: [{ n: 1, articleId: card.id, title: 'When will my card arrive?' }] });
    expect(llm.requests[0]?.messages.at(-1)?.content).toContain('[1] When will my card arrive?\nCards usually arrive in 5-7 days.');
    expect(value(await admin.knowledge.impl.capabilities({}))).toEqual({ llmDraft: false });
    expect(await admin.knowledge.impl.draft({ message: 'My card has not arrived' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
