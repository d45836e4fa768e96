import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { hubMigrations } from './migrations';
import { openSqliteHubStore } from './sqlite-hub-store';
import type { SurveyRecord } from './survey-queries';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migration 15 (surveys) and the survey queries', () => {
  it('upgrades a version-14 store; a survey is answered once, before it expires, with a rating from 1 to 5', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-surveys-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const db = new Database(file);
    migrate(db, hubMigrations.filter((m) => m.version <= 14));
    db.exec(`INSERT INTO customers (id, name, tags, created_at) VALUES ('cus_1', 'Li', '[]', 1);
      INSERT INTO conversations (id, customer_id, channel, status, queue, assignee_id, priority, tags, created_at, updated_at, last_message_at, preview)
      VALUES ('conv_1', 'cus_1', 'widget', 'closed', 'chat', NULL, 0, '[]', 1, 1, NULL, 'hi');`);
    db.close();

    const store = openSqliteHubStore(file);
    const survey: SurveyRecord = {
      id: 'srv_1', conversationId: 'conv_1', customerId: 'cus_1', queue: 'chat', agentId: 'agt_1', channel: 'widget', language: 'en',
      askedVia: 'wechat', askedAt: 100, expiresAt: 1_000, rating: null, comment: null, ratedAt: null, ratedVia: null,
    };
    store.insertSurvey(survey);
    expect(store.openSurveyOf(['cus_1'], 'wechat', 500)?.id).toBe('srv_1');
    expect(store.openSurveyOf(['cus_1'], 'wechat', 1_000)).toBeNull();
    expect(store.rateSurvey('srv_1', 4, null, 'wechat', 1_000)).toBe(false);
    expect(() => store.rateSurvey('srv_1', 6, null, 'wechat', 500)).toThrow(/CHECK/);
    expect(store.rateSurvey('srv_1', 2, 'slow', 'wechat', 500)).toBe(true);
    expect(store.rateSurvey('srv_1', 5, null, 'wechat', 600)).toBe(false);
    expect(store.ratingsOf(['conv_1']).get('conv_1')).toEqual({ rating: 2, comment: 'slow', ratedAt: 500, via: 'wechat' });
    expect(store.ratingCounts(0, 1_000)).toEqual([{ queue: 'chat', agentId: 'agt_1', rated: 1, satisfied: 0, ratingSum: 2 }]);
    store.recordContactSentiment('conv_1', 'chat', 'agt_1', 'negative', 50);
    store.recordContactSentiment('conv_1', 'chat', 'agt_1', 'neutral', 60);
    expect(store.sentimentCounts(0, 100)).toEqual([{ queue: 'chat', agentId: 'agt_1', label: 'neutral', contacts: 1 }]);
    store.close();
  });
});
