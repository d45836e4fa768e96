import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../shared/domain/channel';
import type { Conversation } from '../../shared/domain/conversation';
import { reportQuerySchema } from '../../shared/protocol/report-protocol';
import { openSqliteHubStore } from '../store/sqlite-hub-store';
import type { HubStore } from '../store/hub-store';
import { buildReport } from './report-builder';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const D1 = Date.UTC(2026, 11, 1);
const D2 = Date.UTC(2026, 11, 2);
const h = (hours: number, minutes = 0, seconds = 0) => ((hours * 60 + minutes) * 60 + seconds) * 1000;
const s = (seconds: number) => seconds * 1000;

/**
 * Two days of history in one queue (SLA 30 s), computed by hand:
 * day 1 — c1 (A, widget) answered in 20 s by a1, handled 300 s, rated 2, A comes back on day 2 (not resolved);
 *         c2 (B, wechat) answered in 60 s by a2, handled 600 s, rated 5; c4 (C, voice) abandoned in 10 s;
 *         c5 (D, widget) abandoned after 50 s.
 * day 2 — c3 (A, email) answered in 10 s by a1, handled 120 s, rated 4.
 */
function seed(store: HubStore): void {
  store.upsertQueue({ id: 'chat', name: 'Chat', skills: [], slaSeconds: 30, slaTarget: 0.8 });
  for (const id of ['A', 'B', 'C', 'D']) store.insertCustomer({ id, name: id, tags: [], identities: [], createdAt: 0, mergedInto: null });
  const contact = (id: string, customer: string, channel: Channel, entered: number, waitS: number, answeredBy: string | null, handleS: number, rating: number | null, sentiment: 'negative' | 'neutral' | 'positive') => {
    const answeredAt = entered + s(waitS);
    const closedAt = answeredBy ? answeredAt + s(handleS) : answeredAt;
    const conversation: Conversation = {
      id, customerId: customer, channel, status: 'closed', queue: 'chat', assigneeId: null, priority: 0, tags: [], createdAt: entered,
      updatedAt: closedAt, lastMessageAt: entered, preview: '', queuedAt: entered, closedAt, disposition: 'resolved',
    };
    store.insertConversation(conversation);
    store.enterQueue(id, 'chat', entered);
    store.leaveQueue(id, answeredBy ? 'answered' : 'abandoned', answeredAt);
    if (answeredBy) {
      store.insertAssignment({ id: `asg_${id}`, conversationId: id, agentId: answeredBy, queue: 'chat', channel, offeredAt: answeredAt, expiresAt: null, answeredAt, releasedAt: closedAt, outcome: 'closed' });
      store.recordContactSentiment(id, 'chat', answeredBy, sentiment, closedAt);
    }
    if (rating !== null) {
      store.insertSurvey({ id: `srv_${id}`, conversationId: id, customerId: customer, queue: 'chat', agentId: answeredBy, channel, language: 'en', askedVia: 'widget', askedAt: closedAt, expiresAt: closedAt + h(72), rating: null, comment: null, ratedAt: null, ratedVia: null });
      store.rateSurvey(`srv_${id}`, rating, null, 'widget', closedAt + s(60));
    }
  };
  contact('c1', 'A', 'widget', D1 + h(10), 20, 'a1', 300, 2, 'negative');
  contact('c2', 'B', 'wechat', D1 + h(11), 60, 'a2', 600, 5, 'positive');
  contact('c4', 'C', 'voice', D1 + h(12), 10, null, 0, null, 'neutral');
  contact('c5', 'D', 'widget', D1 + h(13), 50, null, 0, null, 'neutral');
  contact('c3', 'A', 'email', D2 + h(9), 10, 'a1', 120, 4, 'neutral');
}

function report(query: Record<string, unknown>, more?: (store: HubStore) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'hub-report-'));
  dirs.push(dir);
  const store = openSqliteHubStore(join(dir, 'hub.sqlite'));
  seed(store);
  more?.(store);
  const built = buildReport(store, reportQuerySchema.parse({ from: '2026-12-01', to: '2026-12-02', timeZone: 'UTC', ...query }), 7, D2 + h(30));
  store.close();
  return built;
}

describe('historical report over two days of seeded history', () => {
  it('gives each day its contacts, service level, speed of answer, abandonment, handle time, FCR, CSAT and sentiment', () => {
    const r = report({});
    const [day1, day2] = r.days;
    expect(day1).toMatchObject({
      key: '2026-12-01', contacts: 4, byChannel: { widget: 2, wechat: 1, voice: 1 }, answered: 2, abandoned: 2,
      // 1 answered in time; missed: 1 answered late + 1 abandoned late; the one abandoned within 10 s is left out.
      serviceLevelPercent: 33.3, averageSpeedOfAnswerMs: 40_000, abandonmentPercent: 50,
      handled: 2, averageHandleMs: 450_000, closed: 2, resolvedFirstContact: 1, fcrPercent: 50,
      rated: 2, csatPercent: 50, averageRating: 3.5, sentiment: { negative: 1, neutral: 0, positive: 1 }, botResolvedPercent: null,
    });
    expect(day2).toMatchObject({
      key: '2026-12-02', contacts: 1, byChannel: { email: 1 }, serviceLevelPercent: 100, averageSpeedOfAnswerMs: 10_000, abandonmentPercent: 0,
      averageHandleMs: 120_000, fcrPercent: 100, csatPercent: 100, averageRating: 4,
    });
    expect(r.total).toMatchObject({
      contacts: 5, serviceLevelPercent: 50, averageSpeedOfAnswerMs: 30_000, abandonmentPercent: 40, averageHandleMs: 340_000,
      closed: 3, resolvedFirstContact: 2, fcrPercent: 66.7, rated: 3, csatPercent: 66.7, averageRating: 3.67,
    });
    expect(r.queues).toEqual([expect.objectContaining({ key: 'chat', label: 'Chat', serviceLevelPercent: 50, fcrPercent: 66.7 })]);
  });

  it('gives each agent what they handled, without queue waits', () => {
    const r = report({});
    expect(r.agents.map((a) => [a.key, a.contacts, a.handled, a.averageHandleMs, a.fcrPercent, a.csatPercent, a.serviceLevelPercent])).toEqual([
      ['a1', 2, 2, 210_000, 50, 50, null],
      ['a2', 1, 1, 600_000, 100, 100, null],
    ]);
  });

  it('counts a repeat contact only within the first-contact window, and days in the chosen time zone', () => {
    // A came back about 23 hours after c1 closed: inside a 1-day window as well. In Shanghai (UTC+8) every
    // contact still falls on the same calendar days, 10:00–21:00 and 17:00 local.
    expect(report({ fcrDays: 1 }).total.fcrPercent).toBe(66.7);
    const shanghai = report({ timeZone: 'Asia/Shanghai' });
    expect(shanghai.days.map((d) => d.contacts)).toEqual([4, 1]);
    expect(report({ from: '2026-12-02', to: '2026-12-02' }).total).toMatchObject({ contacts: 1, fcrPercent: 100 });
  });

  it('refuses a range that ends before it starts, or is longer than 92 days, and an unknown time zone', () => {
    expect(reportQuerySchema.safeParse({ from: '2026-12-02', to: '2026-12-01', timeZone: 'UTC' }).success).toBe(false);
    expect(reportQuerySchema.safeParse({ from: '2026-01-01', to: '2026-06-01', timeZone: 'UTC' }).success).toBe(false);
    expect(reportQuerySchema.safeParse({ from: '2026-12-01', to: '2026-12-01', timeZone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('gives the bot resolution of each day and queue from the bot’s sessions, and none on agent rows', () => {
    // Day 1: b1 resolved (thanks), b2 resolved (left after an answer), b3 handed off → 2 / 3 = 66.7%.
    // Day 2: b4 abandoned (left while the bot was unsure) → 0%. Both days: 2 / 4 = 50%.
    const r = report({}, (store) => {
      const bot = (id: string, startedAt: number, endedAt: number, outcome: 'resolved' | 'handed_off' | 'abandoned') => {
        store.insertConversation({
          id, customerId: 'B', channel: 'widget', status: 'closed', queue: 'chat', assigneeId: null, priority: 0, tags: [], createdAt: startedAt,
          updatedAt: endedAt, lastMessageAt: startedAt, preview: '', queuedAt: null, closedAt: endedAt, disposition: outcome === 'resolved' ? 'bot_resolved' : 'bot_abandoned',
        });
        store.startBotSession(id, 'chat', 'widget', startedAt);
        store.endBotSession(id, outcome, null, endedAt);
      };
      bot('b1', D1 + h(14), D1 + h(14, 5), 'resolved');
      bot('b2', D1 + h(15), D1 + h(15, 40), 'resolved');
      bot('b3', D1 + h(16), D1 + h(16, 1), 'handed_off');
      bot('b4', D2 + h(10), D2 + h(10, 30), 'abandoned');
    });
    expect(r.days.map((d) => d.botResolvedPercent)).toEqual([66.7, 0]);
    expect(r.total.botResolvedPercent).toBe(50);
    expect(r.queues[0]?.botResolvedPercent).toBe(50);
    expect(r.agents.map((a) => a.botResolvedPercent)).toEqual([null, null]);
    // The bot's conversations are contacts, but never handled ones: FCR and handle time stay the agents'.
    expect(r.total).toMatchObject({ contacts: 9, closed: 3, averageHandleMs: 340_000 });
  });
});
