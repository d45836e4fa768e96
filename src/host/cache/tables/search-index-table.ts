import type Database from 'better-sqlite3';

/**
 * The search index's progress (migration 007): messages with a rowid above `indexed_through` are
 * stored but not yet in messages_fts. `indexChunk` adds the next rows in one statement and moves the
 * mark in the same transaction, so a crash never leaves a row indexed twice or skipped.
 */
export function searchIndexTable(db: Database.Database) {
  const mark = db.prepare('SELECT indexed_through AS through FROM search_index WHERE id = 1').pluck();
  const lastRid = db.prepare('SELECT coalesce(max(rid), 0) FROM messages').pluck();
  const chunkEnd = db.prepare('SELECT rid FROM messages WHERE rid > ? ORDER BY rid LIMIT 1 OFFSET ?').pluck();
  const add = db.prepare('INSERT INTO messages_fts(rowid, text) SELECT rid, text FROM messages WHERE rid > ? AND rid <= ?');
  const move = db.prepare('UPDATE search_index SET indexed_through = ? WHERE id = 1');
  const indexedThrough = (): number => Number(mark.get());
  return {
    indexedThrough,
    /** How many stored messages the index does not hold yet. */
    pending(): number {
      const through = indexedThrough();
      return Number(db.prepare('SELECT count(*) FROM messages WHERE rid > ?').pluck().get(through));
    },
    /** Indexes up to `rows` more messages; returns how many it indexed (0: the index is complete). */
    indexChunk(rows: number): number {
      return db.transaction(() => {
        const from = indexedThrough();
        const last = Number(lastRid.get());
        if (last <= from) return 0;
        const end = Number((chunkEnd.get(from, Math.max(0, rows - 1)) as number | undefined) ?? last);
        const added = add.run(from, end).changes;
        move.run(end);
        return added;
      })();
    },
  };
}
