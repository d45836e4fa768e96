/**
 * Knowledge-base retrieval for one customer message over 5,000 articles, on the device: the BM25
 * index (src/shared/nlp/retrieval) beside a plain substring scan of the same articles (every query
 * word or Chinese bigram looked up in every title and body), the baseline measured in the same run.
 */
import { performance } from 'node:perf_hooks';
import { buildKbIndex, type IndexedDoc } from '../src/shared/nlp/retrieval/kb-index';
import type { BenchRow } from './run';

const ARTICLES = 5_000;
const QUERIES = 400;
const ZH = ['快递', '物流', '发货', '退款', '退货', '发票', '账号', '登录', '密码', '优惠券', '尺码', '颜色', '保修', '售后', '配送', '地址', '修改', '取消', '订单', '支付'];
const EN = ['card', 'delivery', 'refund', 'invoice', 'account', 'password', 'transfer', 'fee', 'exchange', 'rate', 'pin', 'limit', 'top', 'up', 'cash', 'atm', 'statement', 'payment', 'pending', 'declined'];

/** A small deterministic generator, so every run measures the same articles and questions. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function pick<T>(r: () => number, list: readonly T[], n: number): T[] {
  return Array.from({ length: n }, () => list[Math.floor(r() * list.length)]!);
}

export const benchNotes =
  'Suggestions for one message: BM25 top-3 over 5,000 generated articles (half Chinese, half English, ~120 words each) against a substring scan of every title and body for each query term; p50/p99 over 400 questions, the index built once.';

export async function runKbBench(): Promise<BenchRow[]> {
  const r = rng(18);
  const docs: IndexedDoc[] = Array.from({ length: ARTICLES }, (_, i) => {
    const zh = i % 2 === 0;
    const words = zh ? ZH : EN;
    return {
      id: `kb${i}`,
      title: pick(r, words, 3).join(zh ? '' : ' '),
      body: pick(r, words, 120).join(zh ? '，' : ' '),
      tags: pick(r, words, 2),
      locale: zh ? 'zh-CN' : 'en',
    };
  });
  const queries = Array.from({ length: QUERIES }, (_, i) => (i % 2 === 0 ? `我的${pick(r, ZH, 2).join('')}怎么还没好？` : `my ${pick(r, EN, 3).join(' ')} is not working`));

  const t0 = performance.now();
  const index = buildKbIndex(docs);
  const buildMs = performance.now() - t0;

  const terms = (q: string): string[] => {
    const han = q.match(/\p{Script=Han}{2}/gu) ?? [];
    const words = q.toLowerCase().match(/[a-z]{2,}/g) ?? [];
    return [...han, ...words];
  };
  const scan = (q: string): string[] => {
    const wanted = terms(q);
    const scored: Array<[string, number]> = [];
    for (const d of docs) {
      const text = `${d.title} ${d.body}`.toLowerCase();
      let hits = 0;
      for (const w of wanted) if (text.includes(w)) hits++;
      if (hits > 0) scored.push([d.id, hits]);
    }
    return scored.sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id]) => id);
  };

  const time = (fn: (q: string) => unknown): number[] =>
    queries.map((q) => {
      const start = performance.now();
      fn(q);
      return performance.now() - start;
    });
  const quantile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  const indexed = time((q) => index.search(q, { limit: 3 }));
  const scanned = time(scan);
  const p50 = quantile(indexed, 0.5);
  const p99 = quantile(indexed, 0.99);
  const s50 = quantile(scanned, 0.5);
  const s99 = quantile(scanned, 0.99);
  return [
    { name: 'KB index build, 5,000 articles', value: Math.round(buildMs), unit: 'ms' },
    { name: 'Suggestions (BM25 top-3), p50', value: +p50.toFixed(2), unit: 'ms', baseline: `substring scan ${s50.toFixed(2)} ms (×${(s50 / p50).toFixed(1)})` },
    { name: 'Suggestions (BM25 top-3), p99', value: +p99.toFixed(2), unit: 'ms', baseline: `substring scan ${s99.toFixed(2)} ms (×${(s99 / p99).toFixed(1)})` },
  ];
}
