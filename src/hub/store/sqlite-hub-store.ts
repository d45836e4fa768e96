import Database from 'better-sqlite3';
import { hubEventSchema, type HubEvent, type NewHubEvent } from '../../shared/protocol/hub-events';
import { agentQueries, queueQueries } from './agent-queue-queries';
import { conversationQueries, messageQueries } from './conversation-queries';
import { channelQueries, crmQueries } from './crm-channel-queries';
import { customerQueries } from './customer-queries';
import type { HubStore } from './hub-store';
import { migrate } from './migrate';
import { hubMigrations } from './migrations';
import { createQueryFn } from './sqlite-query';

export function openSqliteHubStore(file: string): HubStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, hubMigrations);
  const q = createQueryFn(db);

  return {
    transaction: (fn) => db.transaction(fn)(),
    ...agentQueries(q),
    ...queueQueries(q),
    ...customerQueries(q),
    ...conversationQueries(q),
    ...messageQueries(q),
    ...crmQueries(q),
    ...channelQueries(q),

    appendEvent(event: NewHubEvent, at: number): HubEvent {
      const info = q('INSERT INTO events (at, kind, payload) VALUES (?, ?, ?)').run(at, event.kind, JSON.stringify(event));
      return hubEventSchema.parse({ ...event, seq: Number(info.lastInsertRowid), at });
    },
    eventsAfter(seq, limit) {
      return q<{ seq: number; at: number; payload: string }>('SELECT seq, at, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?')
        .all(seq, limit)
        .map((r) => hubEventSchema.parse({ ...(JSON.parse(r.payload) as object), seq: r.seq, at: r.at }));
    },
    headSeq: () => Number(q<{ s: number | null }>('SELECT MAX(seq) AS s FROM events').get()?.s ?? 0),

    commandResult: (key) => q<{ result: string }>('SELECT result FROM command_keys WHERE key = ?').get(key)?.result ?? null,
    saveCommandResult(key, agentId, result, at) {
      q('INSERT OR IGNORE INTO command_keys (key, agent_id, result, created_at) VALUES (?, ?, ?, ?)').run(key, agentId, result, at);
    },

    close: () => db.close(),
  };
}
