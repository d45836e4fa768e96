import type Database from 'better-sqlite3';
import { z } from 'zod';

export interface SyncState {
  cursor: number;
  head: number;
  lastSyncAt: number | null;
}

const rowSchema = z.object({ cursor: z.number().int().nonnegative(), head: z.number().int().nonnegative(), last_sync_at: z.number().nullable() });

/** The one row saying how far this cache has synced; written in the same transaction as the events it covers. */
export function syncStateTable(db: Database.Database) {
  const read = db.prepare('SELECT cursor, head, last_sync_at FROM sync_state WHERE id = 1');
  const write = db.prepare('UPDATE sync_state SET cursor = ?, head = ?, last_sync_at = ? WHERE id = 1');
  return {
    get(): SyncState {
      const row = rowSchema.parse(read.get());
      return { cursor: row.cursor, head: row.head, lastSyncAt: row.last_sync_at };
    },
    set(state: SyncState): void {
      write.run(state.cursor, state.head, state.lastSyncAt);
    },
  };
}
