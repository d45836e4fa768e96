import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SupervisorAlert, Wallboard } from '../../shared/protocol/supervisor-protocol';
import { answer, startRig, type Rig, type SupervisorTestClient } from '../../../tests/harness/hub/supervision-rig';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let rig: Rig;
afterEach(async () => {
  await rig.stop();
});

/** A console connecting now: what it is shown on arrival. */
async function welcome(): Promise<{ client: SupervisorTestClient; alerts: SupervisorAlert[]; wallboard: Wallboard }> {
  const client = await rig.connect(await rig.token('agt_sam', 'supervisor'));
  const frame = await client.next('welcome');
  return { client, alerts: frame.alerts, wallboard: frame.wallboard };
}

/** No alert reached this console: a request's reply comes after every frame sent before it. */
async function noAlertFrames(client: SupervisorTestClient): Promise<boolean> {
  await client.request({ kind: 'wallboard.refresh' });
  return !client.frames.some((f) => f.type === 'alert');
}

const trends = (board: Wallboard) => Object.fromEntries(board.queues.map((q) => [q.queue, q.trend]));

/** A voice contact answered a minute after it queued, at the rig's clock: the voice queue (20 s target) drops below 80 %. */
function lateVoiceAnswer(visitor: string): void {
  const { conversation } = rig.customerSays(visitor, 'calling', 'voice');
  const at = rig.now();
  rig.store.enterQueue(conversation.id, 'voice', at - MINUTE);
  rig.store.leaveQueue(conversation.id, 'answered', at);
  answer(rig, conversation.id);
}

function rowsIn(table: 'supervisor_alerts' | 'queue_trend_points'): Array<Record<string, unknown>> {
  const db = new Database(join(rig.dataDir, 'hub.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

describe('the alert feed and trend after a hub restart', () => {
  it('shows the same alerts, acknowledged ones marked, and carries the trend lines on', async () => {
    rig = await startRig({ trendIntervalMs: MINUTE });
    const { conversation: waiting } = rig.customerSays('v1', 'is anyone there?');
    const sam = (await welcome()).client;

    rig.advance(31_000);
    lateVoiceAnswer('v2');
    rig.supervision.tick();
    const wait = (await sam.next('alert', (f) => f.alert.reason === 'contact-wait')).alert;
    expect(wait.conversationId).toBe(waiting.id);
    await sam.next('alert', (f) => f.alert.reason === 'queue-sla' && f.alert.queue === 'voice');
    const acked = await sam.request({ kind: 'alert.ack', alertId: wait.id });
    expect(acked).toMatchObject({ ok: true, value: { acknowledgedBy: 'agt_sam' } });
    rig.advance(MINUTE);
    rig.supervision.tick();

    const before = await welcome();
    expect(before.alerts.map((a) => [a.reason, a.acknowledgedBy])).toEqual([
      ['queue-sla', null],
      ['contact-wait', 'agt_sam'],
    ]);
    expect(trends(before.wallboard).chat).toHaveLength(2);

    await rig.restartSupervision();
    const after = await welcome();
    expect(after.alerts).toEqual(before.alerts);
    expect(trends(after.wallboard)).toEqual(trends(before.wallboard));

    // Both breaches still stand (the contact still waits, the queue is still below target): no second alert.
    rig.advance(5_000);
    rig.supervision.tick();
    rig.supervision.tick();
    expect(await noAlertFrames(after.client)).toBe(true);
    expect((await welcome()).alerts).toHaveLength(2);

    // The chart goes on from where it was, a point a minute.
    rig.advance(MINUTE);
    rig.supervision.tick();
    const later = trends((await welcome()).wallboard);
    expect(later.chat?.slice(0, 2)).toEqual(trends(before.wallboard).chat);
    expect(later.chat).toHaveLength(3);
  });

  it('raises a breach again once it ended before the restart: a new queue visit, a queue fallen below target again', async () => {
    rig = await startRig({ trendIntervalMs: MINUTE });
    const { conversation } = rig.customerSays('v1', 'hello?');
    const sam = (await welcome()).client;
    rig.advance(31_000);
    lateVoiceAnswer('v2');
    rig.supervision.tick();
    await sam.next('alert', (f) => f.alert.reason === 'queue-sla');
    await sam.next('alert', (f) => f.alert.reason === 'contact-wait');

    // The contact is answered; the next day the voice queue has no figures yet, so it is not below target.
    answer(rig, conversation.id);
    rig.advance(DAY);
    rig.supervision.tick();
    await rig.restartSupervision();

    const { client } = await welcome();
    expect(rig.lifecycle.move(conversation.id, { kind: 'requeue', queue: 'voice', reason: 'transfer' })).toMatchObject({ ok: true });
    rig.advance(31_000);
    lateVoiceAnswer('v3');
    rig.supervision.tick();
    const again = await client.next('alert', (f) => f.alert.reason === 'contact-wait');
    expect(again.alert.conversationId).toBe(conversation.id);
    await client.next('alert', (f) => f.alert.reason === 'queue-sla' && f.alert.queue === 'voice');
    expect((await welcome()).alerts.map((a) => a.reason).sort()).toEqual(['contact-wait', 'contact-wait', 'queue-sla', 'queue-sla']);
  });

  it('deletes alerts past the retention and trend points past the chart, but keeps a breach that still stands', async () => {
    rig = await startRig({ trendIntervalMs: MINUTE });
    const { conversation: stillWaiting } = rig.customerSays('v1', 'still here');
    const { conversation: answered } = rig.customerSays('v2', 'me too');
    const sam = (await welcome()).client;
    rig.advance(31_000);
    rig.supervision.tick();
    await sam.next('alert', (f) => f.alert.conversationId === answered.id);
    const standing = (await sam.next('alert', (f) => f.alert.conversationId === stillWaiting.id)).alert;
    answer(rig, answered.id);
    rig.supervision.tick();
    expect(rowsIn('supervisor_alerts')).toHaveLength(2);

    rig.advance(31 * DAY);
    await rig.restartSupervision();
    const after = await welcome();
    expect(after.alerts.map((a) => a.id)).toEqual([standing.id]);
    expect(rowsIn('supervisor_alerts').map((r) => r.id)).toEqual([standing.id]);
    // The hour-old chart is gone from the wallboard and the file; only the point taken now is left.
    // (The contact still waiting past the target is a miss that stands: 0 %, not "no figure".)
    expect(trends(after.wallboard).chat).toEqual([{ at: after.wallboard.at, waiting: 1, slaPercent: 0 }]);
    expect(rowsIn('queue_trend_points').every((r) => Number(r.at) > rig.now() - 60 * MINUTE)).toBe(true);

    rig.supervision.tick();
    expect(await noAlertFrames(after.client)).toBe(true);
    expect((await welcome()).alerts).toHaveLength(1);
  });
});
