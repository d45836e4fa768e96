import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KbArticle } from '../../shared/domain/kb-article';
import { createMemoryLogger } from '../../shared/log';
import { AccountCache } from './account-cache';
import { CacheThread } from './cache-thread';
import { createKbAssist } from './kb-assist';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-assist-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'cache.sqlite');
};

const article = (id: string, title: string, body: string, version = 1, tags: string[] = []): KbArticle => ({
  id,
  title,
  body,
  tags,
  locale: 'zh-CN',
  retiredAt: null,
  updatedAt: version,
  updatedBy: 'admin',
  version,
});
const delivery = article('kb1', '配送时间说明', '# 配送\n\n下单后一般48小时内发货。\n\n快递一般3-5天送达，偏远地区可能延迟。');
const refund = article('kb2', '退款说明', '退款一般3-5个工作日到账。');

describe('KB search in the cache thread', () => {
  it('searches and suggests from the articles the cache holds, and follows each sync', async () => {
    let clock = 1_000;
    const cache = AccountCache.open(tempFile(), 'agt_test', createMemoryLogger(), () => clock);
    cleanup.push(() => cache.close());
    const assist = createKbAssist(cache, async () => () => ({ queue: null, confidence: 0 }));
    expect(await assist.kbSearch('快递几天送到', { limit: 5 })).toEqual({ hits: [], articles: 0, syncedAt: null });

    cache.replaceKbArticles([delivery, refund]);
    const found = await assist.kbSearch('快递几天送到', { limit: 5 });
    expect(found).toMatchObject({ articles: 2, syncedAt: 1_000 });
    expect(found.hits[0]).toMatchObject({ articleId: 'kb1', passage: '快递一般3-5天送达，偏远地区可能延迟。' });
    expect((await assist.kbSuggest('我的快递怎么还没送到', [], { limit: 3 }))[0]).toMatchObject({ kind: 'kb', id: 'kb:kb1' });
    expect(await assist.kbSuggest('   ', [], { limit: 3 })).toEqual([]);

    // An admin edited the article: the next sync's text is what the agent finds.
    clock = 2_000;
    cache.replaceKbArticles([article('kb1', '配送时间说明', '快递现在一般2天送达。', 2), refund]);
    const edited = await assist.kbSearch('快递几天送到', { limit: 5 });
    expect(edited.syncedAt).toBe(2_000);
    expect(edited.hits[0]).toMatchObject({ articleId: 'kb1', passage: '快递现在一般2天送达。' });

    // An article retired on the hub is gone after the sync.
    clock = 3_000;
    cache.replaceKbArticles([refund]);
    const retired = await assist.kbSearch('快递几天送到', { limit: 5 });
    expect(retired).toMatchObject({ articles: 1, syncedAt: 3_000 });
    expect(retired.hits.map((h) => h.articleId)).not.toContain('kb1');
  });

  it('answers a sync that brought the same articles back as before, with its new time', async () => {
    let clock = 1_000;
    const cache = AccountCache.open(tempFile(), 'agt_test', createMemoryLogger(), () => clock);
    cleanup.push(() => cache.close());
    const assist = createKbAssist(cache, async () => () => ({ queue: null, confidence: 0 }));
    cache.replaceKbArticles([delivery, refund]);
    const before = await assist.kbSearch('快递', { limit: 3 });
    clock = 2_000;
    cache.replaceKbArticles([delivery, refund]);
    expect(await assist.kbSearch('快递', { limit: 3 })).toEqual({ ...before, syncedAt: 2_000 });
  });

  it('answers through the thread with the intent model, with arguments checked there', async () => {
    const thread = await CacheThread.open({ file: tempFile(), key: null, agentId: 'agt_test', log: createMemoryLogger(), now: Date.now });
    cleanup.push(() => thread.close());
    await thread.calls.replaceKbArticles([delivery, refund]);
    const [first] = await thread.calls.kbSuggest('我的快递怎么还没送到', [{ id: 'greeting', title: '问候', text: '您好，请问有什么可以帮您？' }], { limit: 3 });
    expect(first).toMatchObject({ kind: 'kb', id: 'kb:kb1', queue: 'logistics' });
    await expect(thread.calls.kbSearch('快递', { limit: 0 })).rejects.toThrow(/bad arguments for kbSearch/);
  });
});
