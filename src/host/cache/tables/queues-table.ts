import type Database from 'better-sqlite3';
import { queueSlaSchema, type QueueSla } from '../../../shared/domain/queue-sla';
import type { Row } from './row';

export function queueFromRow(row: Row): QueueSla {
  return queueSlaSchema.parse({ id: row.id, name: row.name, slaSeconds: row.sla_seconds, replySeconds: row.reply_seconds });
}

/** The hub's queues as its last welcome named them; each welcome replaces them whole (a queue it dropped is gone). */
export function queuesTable(db: Database.Database) {
  const all = db.prepare('SELECT * FROM queues ORDER BY id');
  const clear = db.prepare('DELETE FROM queues');
  const insert = db.prepare('INSERT OR REPLACE INTO queues (id, name, sla_seconds, reply_seconds) VALUES (@id, @name, @slaSeconds, @replySeconds)');
  return {
    all: (): QueueSla[] => (all.all() as Row[]).map(queueFromRow),
    replaceAll(queues: readonly QueueSla[]): void {
      db.transaction(() => {
        clear.run();
        for (const q of queues) insert.run(q);
      })();
    },
  };
}
