import Database from 'better-sqlite3';

/**
 * Supervision keeps its own SQLite file beside hub.sqlite rather than a migration in the hub
 * store: the audit trail has a different retention and access story (compliance reads it, the
 * hub never joins on it), and the module stays pluggable without touching the hub's schema.
 * Tables are created with `IF NOT EXISTS`; a change of shape gets a new table name.
 */
export function openSupervisionDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS supervision_sessions (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('call', 'chat')),
      supervisor_id TEXT NOT NULL,
      agent_id TEXT,
      conversation_id TEXT NOT NULL,
      modes TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      end_reason TEXT
    ) STRICT;
    CREATE INDEX IF NOT EXISTS supervision_sessions_started ON supervision_sessions (started_at);
    CREATE TABLE IF NOT EXISTS supervision_audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      actor_id TEXT,
      actor_role TEXT,
      action TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
      session_id TEXT,
      conversation_id TEXT,
      detail TEXT
    ) STRICT;
    CREATE INDEX IF NOT EXISTS supervision_audit_at ON supervision_audit (at);
    CREATE TABLE IF NOT EXISTS handled_contacts (
      conversation_id TEXT NOT NULL,
      agent_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      answered_at INTEGER NOT NULL,
      closed_at INTEGER,
      PRIMARY KEY (conversation_id, agent_id, answered_at)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS handled_contacts_closed ON handled_contacts (closed_at);
  `);
  return db;
}
