import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

/**
 * The inbox with 10,000 conversations in Debian's Chromium: time to first render and frame times
 * while scrolling, next to a baseline measured in the same run — the same rows rendered without
 * virtualization. The harness is the real InboxList and store, built by vite into .tmp/; the host's
 * side of the RPC is played by the page itself, answering `workspace.inboxPage` windows from memory
 * in the inbox order (the host's SQL cost is in the cache bench), so what is timed is the renderer.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
}

const root = resolve('.tmp/inbox-bench');
const CONVERSATIONS = 10_000;
const SCROLL_FRAMES = 240;

const harnessHtml = `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>inbox bench</title></head>
<body><div id="root" style="height:100vh;display:grid;grid-template-columns:320px 1fr"></div><script type="module" src="./main.tsx"></script></body></html>`;

/** The page: seed the store, render, measure; results land on window.__bench. */
const harnessMain = `
const N = ${CONVERSATIONS};
const now = Date.now();
const channels = ['widget', 'wechat', 'webhook', 'email', 'sms', 'voice'];
const statuses = ['queued', 'active', 'active', 'active', 'offered'];
const texts = ['Where is my parcel?', 'Thanks, that helped a lot!', '我的订单还没到，太慢了', 'Can I change the address?', '退款什么时候到账？'];
const conversations = [], customers = [], meta = [];
for (let i = 0; i < N; i++) {
  const status = statuses[i % statuses.length];
  conversations.push({ id: 'c' + String(i).padStart(5, '0'), customerId: 'u' + i, channel: channels[i % channels.length], status, queue: 'chat',
    assigneeId: status === 'active' ? 'agt_bench' : null, priority: 0, tags: [], createdAt: now - i * 1000, updatedAt: now - i * 1000,
    lastMessageAt: now - i * 1000, preview: texts[i % texts.length] });
  customers.push({ id: 'u' + i, name: 'Customer ' + i, tags: [], identities: [], createdAt: now });
  meta.push({ conversationId: conversations[i].id, awaitingSince: now - i * 1000, lastCustomerText: texts[i % texts.length] });
}
// The host's side: inbox windows by offset or keyset (newest first, ids descending on ties), answered on the next task as IPC would.
const listeners = [];
let pagesRead = 0;
function inboxPage(a) {
  pagesRead += 1;
  const rankOf = (c) => (c.priority + 100) * 1e13 + (c.lastMessageAt ?? c.updatedAt);
  const below = (c, k) => rankOf(c) < k.rank || (rankOf(c) === k.rank && c.id < k.id);
  const above = (c, k) => rankOf(c) > k.rank || (rankOf(c) === k.rank && c.id > k.id);
  const limit = a.limit ?? 1000;
  let start;
  if (a.before) { const end = conversations.findIndex((c) => !above(c, a.before)); start = Math.max(0, (end < 0 ? N : end) - limit); }
  else if (a.after) { const i = conversations.findIndex((c) => below(c, a.after)); start = i < 0 ? N : i; }
  else start = Math.min(a.offset ?? 0, N);
  const rows = conversations.slice(start, start + limit);
  const byId = new Set(rows.map((c) => c.customerId));
  return { conversations: rows, customers: customers.filter((c) => byId.has(c.id)), offers: [], meta: meta.slice(start, start + limit), total: N, start, next: null };
}
window.switchboard = {
  send(frame) {
    const f = JSON.parse(frame);
    if (f.t !== 'req') return;
    const r = f.c === 'workspace' && f.m === 'inboxPage' ? { ok: true, value: inboxPage(f.a) } : { ok: false, error: { code: 'unknown_method', message: f.m } };
    setTimeout(() => { for (const l of listeners) l(JSON.stringify({ t: 'res', id: f.id, r })); }, 0);
  },
  onMessage(l) { listeners.push(l); return () => listeners.splice(listeners.indexOf(l), 1); },
};
const { createRoot } = await import('react-dom/client');
const { createElement } = await import('react');
const { flushSync } = await import('react-dom');
await import('../../src/renderer/styles.css');
const { initI18n } = await import('../../src/renderer/i18n/i18n');
const { useAppStore } = await import('../../src/renderer/store/app-store');
const { InboxList } = await import('../../src/renderer/components/inbox/inbox-list');
await initI18n('en');

useAppStore.getState().setAgent({ id: 'agt_bench', username: 'bench', displayName: 'Bench', role: 'agent', skills: [], queues: ['chat'], capacity: 3, state: 'available', stateReason: null });

const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

async function measure(mount, scroller, ready = () => true) {
  const container = document.getElementById('root');
  const root = createRoot(container);
  const t0 = performance.now();
  flushSync(() => mount(root));
  while (!ready()) await frame();
  await frame();
  const firstRender = performance.now() - t0;
  const el = scroller();
  const deltas = [];
  let last = performance.now();
  for (let f = 0; f < ${SCROLL_FRAMES}; f++) {
    el.scrollTop += 240;
    await frame();
    const t = performance.now();
    deltas.push(t - last);
    last = t;
  }
  const mounted = container.querySelectorAll('[data-testid="inbox-row"], #naive > li').length;
  const loading = container.querySelectorAll('.row-loading').length;
  root.unmount();
  return { firstRender, p50: percentile(deltas, 0.5), p95: percentile(deltas, 0.95), mounted, loading };
}

// Baseline: every row in the DOM, no virtualization.
function NaiveList() {
  return createElement('ul', { id: 'naive', style: { overflowY: 'auto', height: '100vh', margin: 0, listStyle: 'none', padding: 0 } },
    conversations.map((c) => createElement('li', { key: c.id, className: 'row', style: { position: 'static', height: 76 } },
      createElement('span', { className: 'row-head' }, createElement('span', { className: 'channel' }, c.channel), createElement('span', { className: 'name' }, 'Customer ' + c.id)),
      createElement('span', { className: 'row-foot' }, createElement('span', { className: 'preview' }, c.preview)))));
}

const baseline = await measure((root) => root.render(createElement(NaiveList)), () => document.getElementById('naive'));
const inbox = await measure(
  (root) => root.render(createElement(InboxList)),
  () => document.querySelector('.inbox-scroll'),
  () => document.querySelector('[data-testid="inbox-row"]') !== null,
);
window.__bench = { inbox, baseline, held: Object.keys(useAppStore.getState().conversations).length, pagesRead };
`;

function serve(dir: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(dir) || !existsSync(path) || path.endsWith('/')) {
      const index = join(dir, 'index.html');
      res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(index));
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

export async function runInboxBench(): Promise<BenchRow[]> {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), harnessHtml);
  writeFileSync(join(root, 'main.tsx'), harnessMain);
  const outDir = join(root, 'dist');
  await build({ root, logLevel: 'error', plugins: [react()], build: { outDir, emptyOutDir: true, target: 'es2022' } });
  const server = await serve(outDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => '__bench' in window, undefined, { timeout: 120_000 });
    type Run = { firstRender: number; p50: number; p95: number; mounted: number; loading: number };
    const r = await page.evaluate(() => (window as unknown as { __bench: { inbox: Run; baseline: Run; held: number; pagesRead: number } }).__bench);
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}× of the non-virtualized list`;
    return [
      { name: `conversations the renderer holds (of ${CONVERSATIONS.toLocaleString('en')})`, value: r.held, unit: 'rows', baseline: `${r.pagesRead} windows read while scrolling` },
      { name: 'inbox time to first rows', value: r.inbox.firstRender, unit: 'ms', baseline: ratio(r.inbox.firstRender, r.baseline.firstRender) },
      { name: 'rows still loading when scrolling stopped', value: r.inbox.loading, unit: 'rows' },
      { name: 'inbox rows in the DOM', value: r.inbox.mounted, unit: 'rows', baseline: `${r.baseline.mounted.toLocaleString('en')} without virtualization` },
      { name: 'scrolling frame time p50', value: r.inbox.p50, unit: 'ms', baseline: ratio(r.inbox.p50, r.baseline.p50) },
      { name: 'scrolling frame time p95', value: r.inbox.p95, unit: 'ms', baseline: ratio(r.inbox.p95, r.baseline.p95) },
      { name: 'baseline: non-virtualized first render', value: r.baseline.firstRender, unit: 'ms' },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await runInboxBench()) process.stdout.write(`${row.name}: ${row.value.toFixed(2)} ${row.unit}${row.baseline ? ` (${row.baseline})` : ''}\n`);
}
