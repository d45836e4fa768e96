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
    -- The alert feed, so a restart keeps what supervisors saw and acknowledged. seq is the order
    -- alerts were raised in (a sentiment alert's at is its message's time, not the raise time).
    -- breach_key and cleared_at are the SLA checks' "once per breach" memory: set while it stands.
    CREATE TABLE IF NOT EXISTS supervisor_alerts (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      at INTEGER NOT NULL,
      conversation_id TEXT,
      queue TEXT,
      agent_id TEXT,
      value REAL,
      reason TEXT NOT NULL,
      acknowledged_by TEXT,
      acknowledged_at INTEGER,
      breach_key TEXT,
      cleared_at INTEGER
    ) STRICT;
    CREATE INDEX IF NOT EXISTS supervisor_alerts_at ON supervisor_alerts (at);
    CREATE INDEX IF NOT EXISTS supervisor_alerts_open_breach ON supervisor_alerts (breach_key) WHERE breach_key IS NOT NULL AND cleared_at IS NULL;
    -- The wallboard's per-queue trend points (one a minute), so the chart continues after a restart.
    CREATE TABLE IF NOT EXISTS queue_trend_points (
      queue TEXT NOT NULL,
      at INTEGER NOT NULL,
      waiting INTEGER NOT NULL,
      sla_percent REAL,
      PRIMARY KEY (queue, at)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS queue_trend_points_at ON queue_trend_points (at);
  `);
  // Added with escalation alerts: what the customer said that fired the alert.
  const alertColumns = db.prepare<[], { name: string }>('PRAGMA table_info(supervisor_alerts)').all();
  if (!alertColumns.some((c) => c.name === 'detail')) db.exec('ALTER TABLE supervisor_alerts ADD COLUMN detail TEXT');
  return db;
}
