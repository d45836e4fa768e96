import Database from 'better-sqlite3';
import { hubEventSchema, type NewHubEvent } from '../../shared/protocol/hub-events';
import { agentQueries, queueQueries } from './agent-queue-queries';
import { conversationQueries, messageQueries } from './conversation-queries';
import { channelQueries, crmQueries } from './crm-channel-queries';
import { createCommitEffects } from './commit-effects';
import { customerQueries } from './customer-queries';
import { sessionQueries } from './session-queries';
import type { HubStore, StoredEvent } from './hub-store';
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
  const effects = createCommitEffects((fn) => db.transaction(fn)());

  return {
    transaction: effects.transaction,
    afterCommit: effects.afterCommit,
    ...agentQueries(q),
    ...sessionQueries(q),
    ...queueQueries(q),
    ...customerQueries(q),
    ...conversationQueries(q),
    ...messageQueries(q),
    ...crmQueries(q),
    ...channelQueries(q),

    appendEvent(event: NewHubEvent, at: number, audience: string | null = null): StoredEvent {
      const info = q('INSERT INTO events (at, kind, payload, audience) VALUES (?, ?, ?, ?)').run(at, event.kind, JSON.stringify(event), audience);
      return { event: hubEventSchema.parse({ ...event, seq: Number(info.lastInsertRowid), at }), audience };
    },
    eventsAfter(seq, limit) {
      return q<{ seq: number; at: number; payload: string; audience: string | null }>(
        'SELECT seq, at, payload, audience FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
      )
        .all(seq, limit)
        .map((r) => ({ event: hubEventSchema.parse({ ...(JSON.parse(r.payload) as object), seq: r.seq, at: r.at }), audience: r.audience }));
    },
    headSeq: () => Number(q<{ s: number | null }>('SELECT MAX(seq) AS s FROM events').get()?.s ?? 0),

    commandResult: (key) => q<{ result: string }>('SELECT result FROM command_keys WHERE key = ?').get(key)?.result ?? null,
    saveCommandResult(key, agentId, result, at) {
      q('INSERT OR IGNORE INTO command_keys (key, agent_id, result, created_at) VALUES (?, ?, ?, ?)').run(key, agentId, result, at);
    },

    close: () => db.close(),
  };
}
