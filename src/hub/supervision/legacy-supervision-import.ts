import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';

/** The tables an older hub kept in supervision.sqlite; since hub migration 20 they are in the hub database. */
const TABLES = ['supervision_sessions', 'supervision_audit', 'supervisor_alerts', 'queue_trend_points'] as const;
type Table = (typeof TABLES)[number];

/** The audit entry an import leaves: the trail says when it was brought over, and a second start finds it done. */
export const IMPORT_ACTION = 'supervision.import';

export interface LegacyImport {
  /** Where the old file is now. */
  renamedTo: string;
  /** Rows copied per table (none when an earlier start had copied them and stopped before the rename). */
  rows: Record<Table, number>;
}

/**
 * Before hub migration 20, supervision kept its own `supervision.sqlite` beside hub.sqlite. An upgraded hub finds it
 * there at start-up, copies its sessions, audit trail, alerts and trend points into the hub database in one
 * transaction, and renames it `supervision.sqlite.imported` (kept, not deleted: it is the compliance record as it
 * was). Audit entries and alerts keep their order (their `seq` is the hub's own); a session, alert or trend point
 * already in the hub is left as it is. The import writes an audit entry of its own, so a start that stopped between
 * the copy and the rename only renames. Returns null when there is no file. A file that cannot be read stops the
 * start-up: the hub does not run on with the audit trail left behind.
 */
export function importLegacySupervisionDb(db: Database.Database, file: string, now: number): LegacyImport | null {
  if (!existsSync(file)) return null;
  const renamedTo = `${file}.imported`;
  // Its last writes may still be in its -wal file: fold them in and leave one self-contained file to attach and keep.
  const legacy = new Database(file, { fileMustExist: true });
  try {
    legacy.pragma('journal_mode = DELETE');
  } finally {
    legacy.close();
  }
  const rows: Record<Table, number> = { supervision_sessions: 0, supervision_audit: 0, supervisor_alerts: 0, queue_trend_points: 0 };
  const done = db.prepare('SELECT 1 FROM supervision_audit WHERE action = ? LIMIT 1').get(IMPORT_ACTION) !== undefined;
  if (!done) {
    db.prepare('ATTACH DATABASE ? AS legacy').run(file);
    try {
      db.transaction(() => {
        for (const table of TABLES) rows[table] = copyTable(db, table);
        const counts = TABLES.map((t) => `${rows[t]} ${t}`).join(', ');
        db.prepare(`INSERT INTO supervision_audit (at, action, outcome, detail) VALUES (?, ?, 'ok', ?)`).run(now, IMPORT_ACTION, `from supervision.sqlite: ${counts}`);
      })();
    } finally {
      db.exec('DETACH DATABASE legacy');
    }
  }
  renameSync(file, renamedTo);
  return { renamedTo, rows };
}

/** Copies the columns both files have (a file from before a column was added lacks it), oldest row first. */
function copyTable(db: Database.Database, table: Table): number {
  const exists = db.prepare("SELECT 1 FROM legacy.sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  if (!exists) return 0;
  const columnsOf = (schema: 'main' | 'legacy') =>
    db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}', '${schema}')`).all().map((c) => c.name);
  const theirs = new Set(columnsOf('legacy'));
  // seq is the hub's own counter: the rows are appended in their old order rather than colliding with the hub's.
  const columns = columnsOf('main').filter((c) => theirs.has(c) && c !== 'seq');
  const order = theirs.has('seq') ? 'seq' : 'rowid';
  const list = columns.join(', ');
  return db.prepare(`INSERT OR IGNORE INTO main.${table} (${list}) SELECT ${list} FROM legacy.${table} ORDER BY ${order}`).run().changes;
}
