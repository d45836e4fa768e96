import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
import { AccountCache } from '../src/host/cache/account-cache';
import { createMemoryLogger } from '../src/shared/log';
const N = 100000; const dir = mkdtempSync(join(tmpdir(), 'ing-')); const now = Date.now();
const ev = (seq: number) => ({ seq, at: now, kind: 'message.created' as const, message: { id: `m${seq}`, conversationId: `c${Math.floor((seq-1)/1000)}`, channel: 'widget' as const, direction: 'in' as const, authorKind: 'customer' as const, authorId: null, text: `您好，关于订单的问题 order #${seq}，请帮我查一下快递，谢谢 x-${seq % 977}`, attachments: [], internal: false, key: null, createdAt: now + seq } });
const raw = new Database(join(dir, 'raw.sqlite')); raw.pragma('journal_mode = WAL'); raw.pragma('synchronous = NORMAL');
raw.exec(`CREATE TABLE messages (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, conversation_id TEXT NOT NULL, text TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT; CREATE INDEX messages_conversation ON messages(conversation_id, created_at);`);
const ins = raw.prepare('INSERT INTO messages (id, conversation_id, text, created_at) VALUES (?, ?, ?, ?)');
let t = performance.now(); raw.transaction(() => { for (let s = 1; s <= N; s++) { const e = ev(s); ins.run(e.message.id, e.message.conversationId, e.message.text, e.message.createdAt); } })(); const rawMs = performance.now() - t;
const c = AccountCache.open(join(dir, 'c.sqlite'), 'a', createMemoryLogger());
if (process.env.P) for (const p of process.env.P.split(';')) c.db.pragma(p);
t = performance.now();
for (let s = 1; s <= N; s += 500) { const evs = []; for (let i = s; i < s + 500; i++) evs.push(ev(i)); c.ingest(evs, { cursor: s - 1, ceiling: s + 499 }, s + 499, N); }
const ingMs = performance.now() - t;
t = performance.now(); while (c.indexPending(20000) > 0); const idxMs = performance.now() - t;
console.log({ rawMs: Math.round(rawMs), ingestMs: Math.round(ingMs), indexMs: Math.round(idxMs) });
