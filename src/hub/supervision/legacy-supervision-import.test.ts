import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { loginResponseSchema } from '../../shared/protocol/hub-protocol';
import type { SupervisorAlert, Wallboard } from '../../shared/protocol/supervisor-protocol';
import { startHub, type Hub } from '../server';
import { migrate } from '../store/migrate';
import { hubMigrations } from '../store/migrations';
import { openHubDatabase } from '../store/sqlite-hub-store';
import { SupervisorTestClient } from '../../../tests/harness/hub/supervision-rig';
import { IMPORT_ACTION, importLegacySupervisionDb } from './legacy-supervision-import';

const MINUTE = 60_000;
const dirs: string[] = [];
const hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * supervision.sqlite as a hub before migration 20 left it: a supervised call, its audit trail and a refusal, two
 * alerts (one acknowledged), and the last two minutes of the chat queue's trend line. Its alert table is the shape
 * from before escalation alerts (no `detail` column), as a site that never opened the newer hub would have it.
 */
function writeLegacyFile(file: string, now: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE supervision_sessions (id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('call', 'chat')), supervisor_id TEXT NOT NULL,
      agent_id TEXT, conversation_id TEXT NOT NULL, modes TEXT NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER, end_reason TEXT) STRICT;
    CREATE TABLE supervision_audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_id TEXT, actor_role TEXT, action TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')), session_id TEXT, conversation_id TEXT, detail TEXT) STRICT;
    CREATE TABLE supervisor_alerts (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, at INTEGER NOT NULL,
      conversation_id TEXT, queue TEXT, agent_id TEXT, value REAL, reason TEXT NOT NULL, acknowledged_by TEXT, acknowledged_at INTEGER,
      breach_key TEXT, cleared_at INTEGER) STRICT;
    CREATE TABLE queue_trend_points (queue TEXT NOT NULL, at INTEGER NOT NULL, waiting INTEGER NOT NULL, sla_percent REAL, PRIMARY KEY (queue, at)) STRICT;
  `);
  const started = now - 120 * MINUTE;
  db.prepare('INSERT INTO supervision_sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    'sup_old', 'call', 'agt_sam', 'agt_alice', 'conv_old', '["monitor","whisper"]', started, started + MINUTE, 'ended by supervisor',
  );
  const audit = db.prepare('INSERT INTO supervision_audit (at, actor_id, actor_role, action, outcome, session_id, conversation_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  audit.run(started, 'agt_sam', 'supervisor', 'call.start', 'ok', 'sup_old', 'conv_old', 'monitor');
  audit.run(started + 1_000, 'agt_sam', 'supervisor', 'call.mode', 'ok', 'sup_old', 'conv_old', 'whisper');
  audit.run(started + MINUTE, 'agt_sam', null, 'call.end', 'ok', 'sup_old', 'conv_old', 'ended by supervisor');
  audit.run(started + 2 * MINUTE, 'agt_alice', 'agent', 'connect', 'refused', null, null, 'not a supervisor');
  const alert = db.prepare('INSERT INTO supervisor_alerts (id, kind, at, conversation_id, queue, agent_id, value, reason, acknowledged_by, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  alert.run('alr_old_angry', 'negative_sentiment', now - 90 * MINUTE, 'conv_old', 'chat', 'agt_alice', -0.8, 'sustained-negative', 'agt_sam', now - 89 * MINUTE);
  alert.run('alr_old_rating', 'low_rating', now - 30 * MINUTE, 'conv_old', 'chat', 'agt_alice', 1, 'low-rating', null, null);
  const point = db.prepare('INSERT INTO queue_trend_points VALUES (?, ?, ?, ?)');
  point.run('chat', now - 2 * MINUTE, 3, 90);
  point.run('chat', now - MINUTE, 4, 80);
  db.close();
}

async function supervisorWelcome(hub: Hub): Promise<{ alerts: SupervisorAlert[]; wallboard: Wallboard }> {
  const login = await fetch(`${hub.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'sam', password: 'switchboard' }),
  });
  const { token } = loginResponseSchema.parse(await login.json());
  const client = await SupervisorTestClient.open(`${hub.url.replace(/^http/, 'ws')}/supervisor/ws`, token);
  try {
    const { alerts, wallboard } = await client.next('welcome');
    return { alerts, wallboard };
  } finally {
    client.close();
  }
}

describe("an older hub's supervision.sqlite", () => {
  it('is brought into the hub database once: supervisors see the same alerts and trend, the audit trail goes on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-supervision-import-'));
    dirs.push(dataDir);
    // The site as the older hub left it: hub.sqlite at version 19, supervision.sqlite beside it.
    const old = new Database(join(dataDir, 'hub.sqlite'));
    migrate(old, hubMigrations.filter((m) => m.version <= 19));
    old.close();
    const legacyFile = join(dataDir, 'supervision.sqlite');
    const now = Date.now();
    writeLegacyFile(legacyFile, now);

    const log = createMemoryLogger();
    const hub = await startHub({ port: 0, dataDir, demo: true }, log);
    hubs.push(hub);
    expect(existsSync(legacyFile)).toBe(false);
    expect(existsSync(`${legacyFile}.imported`)).toBe(true);

    const { alerts, wallboard } = await supervisorWelcome(hub);
    expect(alerts.filter((a) => a.id.startsWith('alr_old')).map((a) => [a.id, a.acknowledgedBy, a.detail ?? null])).toEqual([
      ['alr_old_rating', null, null],
      ['alr_old_angry', 'agt_sam', null],
    ]);
    const chat = wallboard.queues.find((q) => q.queue === 'chat');
    expect(chat?.trend.slice(0, 2)).toEqual([
      { at: now - 2 * MINUTE, waiting: 3, slaPercent: 90 },
      { at: now - MINUTE, waiting: 4, slaPercent: 80 },
    ]);

    expect(hub.audit.sessions(0)).toEqual([
      { id: 'sup_old', kind: 'call', supervisorId: 'agt_sam', agentId: 'agt_alice', conversationId: 'conv_old', modes: ['monitor', 'whisper'], startedAt: now - 120 * MINUTE, endedAt: now - 119 * MINUTE, endReason: 'ended by supervisor' },
    ]);
    const trail = () => hub.audit.entries(0);
    const first = trail();
    // The old trail in its order, then the import itself, then what this hub recorded (Sam's console connecting).
    expect(first.slice(0, 5).map((e) => [e.actorId, e.action, e.outcome])).toEqual([
      ['agt_sam', 'call.start', 'ok'],
      ['agt_sam', 'call.mode', 'ok'],
      ['agt_sam', 'call.end', 'ok'],
      ['agt_alice', 'connect', 'refused'],
      [null, IMPORT_ACTION, 'ok'],
    ]);
    expect(first[4]?.detail).toContain('4 supervision_audit');
    expect(first.slice(5).map((e) => [e.actorId, e.action])).toContainEqual(['agt_sam', 'connect']);

    // A start that stopped after the copy but before the rename finds the file again: it is renamed, not copied twice.
    await hubs.splice(0)[0]?.close();
    copyFileSync(`${legacyFile}.imported`, legacyFile);
    const again = await startHub({ port: 0, dataDir, demo: true }, log);
    hubs.push(again);
    expect(existsSync(legacyFile)).toBe(false);
    const second = again.audit.entries(0);
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second.filter((e) => e.action === IMPORT_ACTION || e.conversationId === 'conv_old')).toHaveLength(4);
    expect(again.audit.sessions(0).map((s) => s.id)).toEqual(['sup_old']);
    const after = await supervisorWelcome(again);
    expect(after.alerts.filter((a) => a.id.startsWith('alr_old')).map((a) => a.id)).toEqual(['alr_old_rating', 'alr_old_angry']);
  }, 60_000);

  it('is not needed: a hub with no such file beside it imports nothing', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-supervision-import-'));
    dirs.push(dataDir);
    const db = openHubDatabase(join(dataDir, 'hub.sqlite'));
    expect(importLegacySupervisionDb(db, join(dataDir, 'supervision.sqlite'), Date.now())).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM supervision_audit').get()).toEqual({ n: 0 });
    db.close();
  });
});
