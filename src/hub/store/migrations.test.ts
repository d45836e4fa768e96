import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { hubMigrations } from './migrations';
import { openHubDatabase, openSqliteHubStore, sqliteHubStore } from './sqlite-hub-store';
import { createAlertStore } from '../supervision/alert-store';
import { createAuditLog } from '../supervision/audit-log';
import { createTrendStore } from '../supervision/trend-store';
import { backfillFeeds } from '../feeds/feed-backfill';
import { DEFAULT_REPLY_SECONDS } from '../../shared/domain/queue-sla';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('hub migrations', () => {
  it('upgrades a version-1 store in place, keeping its conversations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations.filter((m) => m.version === 1));
    db.exec(`INSERT INTO customers VALUES ('cus_1', 'Li', '[]', 1);
      INSERT INTO conversations VALUES ('conv_1', 'cus_1', 'widget', 'queued', 'chat', NULL, 0, '[]', 1, 1, NULL, 'hi');`);
    db.close();

    const store = openSqliteHubStore(file);
    const conversation = store.conversation('conv_1');
    expect(conversation).toMatchObject({ status: 'queued', orderIds: [], disposition: null, queuedAt: null, summary: null });
    expect(store.customer('cus_1')?.mergedInto).toBeNull();
    store.close();
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(hubMigrations.at(-1)?.version);
    check.close();
  });

  it('adds the call record to a version-3 store: old calls read as none, a new one is kept whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations.filter((m) => m.version <= 3));
    db.exec(`INSERT INTO customers (id, name, tags, created_at) VALUES ('cus_1', 'Li', '[]', 1);
      INSERT INTO conversations (id, customer_id, channel, status, queue, assignee_id, priority, tags, created_at, updated_at, last_message_at, preview, call_id)
      VALUES ('conv_call', 'cus_1', 'voice', 'closed', 'voice', NULL, 0, '[]', 1, 1, NULL, '', 'sip-call-1');`);
    db.close();

    const store = openSqliteHubStore(file);
    const old = store.conversationByCallId('sip-call-1');
    expect(old).toMatchObject({ id: 'conv_call', call: null });
    const call = {
      sipCallId: 'sip-call-1',
      direction: 'inbound' as const,
      caller: '13800138000',
      answeredAt: 2,
      endedAt: 9,
      missed: false,
      quality: { mos: 4.1, grade: 'good' as const, jitterMs: 3, lossPct: 0.5, rttMs: null, samples: 7 },
    };
    expect(store.updateConversation({ ...old!, call }, old!.version)).toBe(true);
    expect(store.conversation('conv_call')?.call).toEqual(call);
    store.close();
  });

  it('keeps the events of a version-4 store and puts them in the feeds of those who see them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations.filter((m) => m.version <= 4));
    const customer = { id: 'cus_1', name: 'Li', tags: [], identities: [], createdAt: 1, mergedInto: null };
    db.prepare('INSERT INTO events (at, kind, payload) VALUES (?, ?, ?)').run(5, 'customer.upserted', JSON.stringify({ kind: 'customer.upserted', customer }));
    db.close();

    const store = openSqliteHubStore(file);
    expect(store.feedsStarted()).toBe(false);
    expect(backfillFeeds(store)).toBe(1);
    expect(store.feedAfter('*', 0, 10).map((e) => [e.pos, e.event.seq, e.event.kind])).toEqual([[1, 1, 'customer.upserted']]);
    // Done once: a second start finds the feeds begun.
    expect(backfillFeeds(store)).toBe(0);
    store.close();
  });

  it('gives the queues of a version-5 store the default reply target; a queue keeps its own, and a target must be positive', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations.filter((m) => m.version <= 5));
    db.exec(`INSERT INTO queues (id, name, skills, sla_seconds, sla_target) VALUES ('chat', 'Chat', '["chat"]', 30, 0.9);`);
    db.close();

    const store = openSqliteHubStore(file);
    expect(store.queue('chat')).toMatchObject({ slaSeconds: 30, replySeconds: DEFAULT_REPLY_SECONDS });
    store.upsertQueue({ id: 'vip', name: 'VIP', skills: ['chat'], slaSeconds: 10, slaTarget: 0.95, replySeconds: 45 });
    expect(store.queue('vip')?.replySeconds).toBe(45);
    // Upserted without a target (a caller from before it): the default, not whatever was there.
    store.upsertQueue({ id: 'vip', name: 'VIP', skills: ['chat'], slaSeconds: 10, slaTarget: 0.95 });
    expect(store.queue('vip')?.replySeconds).toBe(DEFAULT_REPLY_SECONDS);
    expect(() => store.upsertQueue({ id: 'bad', name: 'Bad', skills: [], slaSeconds: 10, slaTarget: 0.5, replySeconds: 0 })).toThrow(/CHECK/);
    store.close();
  });

  it('turns the unverified identities of a version-6 store into claims that no longer decide who a message belongs to', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations.filter((m) => m.version <= 6));
    db.exec(`INSERT INTO customers (id, name, tags, created_at) VALUES ('cus_1', 'Li', '[]', 1);
      INSERT INTO identities VALUES ('widget_visitor', 'visitor-1', 'cus_1', 1), ('email', 'li@example.com', 'cus_1', 0);
      INSERT INTO attachments VALUES ('att_1', 'visitor:visitor-1', 'a.png', 'image/png', 3, '/tmp/att_1', 5);`);
    db.close();

    const store = openSqliteHubStore(file);
    expect(store.customer('cus_1')?.identities).toEqual([
      { kind: 'email', value: 'li@example.com', verified: false },
      { kind: 'widget_visitor', value: 'visitor-1', verified: true },
    ]);
    expect(store.customerByIdentity('email', 'li@example.com')).toBeNull();
    expect(store.customerByIdentity('widget_visitor', 'visitor-1')?.id).toBe('cus_1');
    // Files from before the sweep existed count as sent: none is deleted as unreferenced.
    expect(store.unreferencedAttachments(Date.now(), 10)).toEqual([]);
    store.close();
  });

  it('reads the messages of a version-12 store as needing no delivery; a reply stored later keeps where its delivery stands', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations.filter((m) => m.version <= 12));
    db.exec(`INSERT INTO customers (id, name, tags, created_at) VALUES ('cus_1', 'Li', '[]', 1);
      INSERT INTO conversations (id, customer_id, channel, status, queue, priority, tags, created_at, updated_at, preview)
        VALUES ('conv_1', 'cus_1', 'webhook', 'active', 'chat', 0, '[]', 1, 1, 'hi');
      INSERT INTO messages (id, conversation_id, channel, direction, author_kind, author_id, text, attachments, internal, key, created_at)
        VALUES ('msg_1', 'conv_1', 'webhook', 'out', 'agent', 'agt_bob', 'sent before', '[]', 0, NULL, 2);`);
    db.close();

    const store = openSqliteHubStore(file);
    expect(store.message('msg_1')?.channelDelivery).toBeUndefined();
    expect(store.setChannelDelivery('msg_1', { state: 'failed', attempts: 3, at: 5 })).toBe(true);
    expect(store.message('msg_1')?.channelDelivery).toEqual({ state: 'failed', attempts: 3, at: 5 });
    store.close();
  });
  it('adds direct deliveries and order notices to a version-17 store: one notice per event, linked once to a reply', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations.filter((m) => m.version <= 17));
    db.exec(`INSERT INTO customers (id, name, tags, created_at) VALUES ('cus_1', 'Li', '[]', 1);`);
    db.close();

    const store = openSqliteHubStore(file);
    expect(store.customer('cus_1')?.name).toBe('Li');
    const to = { kind: 'email' as const, value: 'li@example.com' };
    store.insertDirectDelivery({ id: 'dlv_1', purpose: 'notice', ref: 'ntc_1', channel: 'email', to, subject: 'S', text: 'T', delivery: { state: 'sending', attempts: 0, at: 5 }, createdAt: 5 });
    const notice = { id: 'ntc_1', eventKey: 'taobao:e1', platform: 'taobao', eventType: 'shipment_delayed', orderId: 'o1', customerId: 'cus_1', language: 'en' as const, deliveryId: 'dlv_1', createdAt: 5, conversationId: null };
    expect(store.insertOrderNotice(notice)).toBe(true);
    expect(store.insertOrderNotice({ ...notice, id: 'ntc_2' })).toBe(false);
    expect(store.setDirectDelivery('dlv_1', { state: 'delivered', attempts: 1, at: 6 })).toBe(true);
    expect(store.directDeliveriesOf('ntc_1')).toMatchObject([{ id: 'dlv_1', to, delivery: { state: 'delivered', attempts: 1, at: 6 } }]);
    // Found by the customer, or by the address it went to; answered once.
    expect(store.unansweredNoticeOf(['cus_other'], to, 0)?.id).toBe('ntc_1');
    expect(store.unansweredNoticeOf(['cus_1'], null, 0)?.id).toBe('ntc_1');
    expect(store.unansweredNoticeOf(['cus_1'], null, 6)).toBeNull();
    expect(store.answerOrderNotice('ntc_1', 'conv_1')).toBe(true);
    expect(store.answerOrderNotice('ntc_1', 'conv_2')).toBe(false);
    expect(store.unansweredNoticeOf(['cus_1'], to, 0)).toBeNull();
    store.close();
  });

  it('adds bot sessions to a version-18 store: its conversations have none, and a session ends once with its outcome counted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations.filter((m) => m.version <= 18));
    db.exec(`INSERT INTO customers (id, name, tags, created_at) VALUES ('cus_1', 'Li', '[]', 1);
      INSERT INTO conversations (id, customer_id, channel, status, queue, priority, tags, created_at, updated_at, preview)
        VALUES ('conv_old', 'cus_1', 'widget', 'closed', 'chat', 0, '[]', 1, 1, 'hi'),
               ('conv_new', 'cus_1', 'widget', 'bot', 'chat', 0, '[]', 1, 1, 'hi');`);
    db.close();

    const store = openSqliteHubStore(file);
    expect(store.botSession('conv_old')).toBeNull();
    store.startBotSession('conv_new', 'chat', 'widget', 10);
    store.recordBotTurn('conv_new', 1, 12);
    expect(store.botSession('conv_new')).toMatchObject({ misses: 1, lastAnswerAt: 12, endedAt: null, outcome: null });
    expect(store.endBotSession('conv_new', 'resolved', 'thanks', 20)).toBe(true);
    expect(store.endBotSession('conv_new', 'handed_off', 'asked', 30)).toBe(false);
    expect(store.botOutcomes(0, 100)).toEqual([{ queue: 'chat', resolved: 1, handedOff: 0, abandoned: 0 }]);
    store.close();
  });

  it("gives a version-19 store supervision's tables, keeping its data: the audit trail, alerts and trend points are written beside it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations.filter((m) => m.version <= 19));
    db.exec(`INSERT INTO customers (id, name, tags, created_at) VALUES ('cus_1', 'Li', '[]', 1);`);
    db.close();

    const hub = openHubDatabase(file);
    const store = sqliteHubStore(hub);
    expect(store.customer('cus_1')?.name).toBe('Li');
    const audit = createAuditLog(hub);
    audit.record({ at: 5, actorId: 'agt_sam', actorRole: 'supervisor', action: 'call.start', outcome: 'ok', sessionId: 'sup_1', conversationId: 'conv_1', detail: 'monitor' });
    audit.saveSession({ id: 'sup_1', kind: 'call', supervisorId: 'agt_sam', supervisorName: 'Sam', agentId: 'agt_alice', conversationId: 'conv_1', mode: 'monitor', modes: ['monitor'], startedAt: 5, endedAt: null });
    expect(audit.entries(0)).toMatchObject([{ seq: 1, actorId: 'agt_sam', action: 'call.start', detail: 'monitor' }]);
    expect(audit.sessions(0)).toMatchObject([{ id: 'sup_1', modes: ['monitor'], endedAt: null }]);
    const alerts = createAlertStore(hub);
    const alert = { id: 'alr_1', kind: 'sla_breach' as const, at: 6, conversationId: null, queue: 'chat', agentId: null, value: 0.5, reason: 'queue-sla', acknowledgedBy: null, acknowledgedAt: null };
    alerts.save(alert, 'queue-sla:chat');
    expect(alerts.newest(10)).toEqual([alert]);
    expect(alerts.openBreaches()).toEqual([{ reason: 'queue-sla', key: 'queue-sla:chat' }]);
    const trend = createTrendStore(hub);
    trend.save(60_000, [{ queue: 'chat', waiting: 2, slaPercent: 50 }]);
    expect(trend.load(0, 10).get('chat')).toEqual([{ at: 60_000, waiting: 2, slaPercent: 50 }]);
    // A shape the tables refuse, as the old file's did.
    expect(() => audit.record({ at: 7, actorId: null, actorRole: null, action: 'x', outcome: 'maybe' as 'ok' })).toThrow(/CHECK/);
    store.close();
    const check = new Database(file, { readonly: true });
    const strict = check.prepare<[], { name: string; strict: number }>(
      "SELECT name, strict FROM pragma_table_list WHERE name IN ('supervision_sessions', 'supervision_audit', 'supervisor_alerts', 'queue_trend_points') ORDER BY name",
    ).all();
    expect(strict).toEqual(['queue_trend_points', 'supervision_audit', 'supervision_sessions', 'supervisor_alerts'].map((name) => ({ name, strict: 1 })));
    check.close();
  });

  it('refuses a hub database written by a newer hub, leaving it as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations);
    const newer = (hubMigrations.at(-1)?.version ?? 0) + 1;
    db.pragma(`user_version = ${newer}`);
    db.close();

    expect(() => openHubDatabase(file)).toThrow(/newer than this hub knows/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(newer);
    check.close();
  });
});
