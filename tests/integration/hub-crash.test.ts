import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionRig, until } from '../../src/host/harness/session-rig';
import { freePort, startHubProcess, type HubProcess } from './support/hub-process';
import { WidgetVisitor } from './support/widget-visitor';

const VISITORS = 10;
const PER_VISITOR = 100;
const TOTAL = VISITORS * PER_VISITOR;

let hub: HubProcess | null = null;
const visitors: WidgetVisitor[] = [];
let rig: ReturnType<typeof sessionRig> | null = null;
afterAll(async () => {
  visitors.forEach((v) => v.close());
  await rig?.session.stop();
  await hub?.stop();
});

const countBy = (texts: string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
};
const expectExactlyOnce = (texts: string[], expected: string[]): void => {
  const counts = countBy(texts);
  const missing = expected.filter((t) => !counts.has(t));
  const doubled = [...counts].filter(([, n]) => n > 1).map(([t]) => t);
  expect({ missing: missing.slice(0, 5), doubled: doubled.slice(0, 5) }).toEqual({ missing: [], doubled: [] });
};

describe('hub crash', () => {
  it('kill -9 of the hub while 1,000 messages flow each way loses and doubles nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-crash-'));
    const port = await freePort();
    // Ten visitors talking as fast as the machine lets them: far above what the widget allows one person.
    const limits = join(dataDir, 'limits.json');
    writeFileSync(limits, JSON.stringify({ widgetMessagesPerSecond: 10_000, widgetMessageBurst: 10_000 }));
    hub = await startHubProcess(dataDir, port, ['--limits', limits]);

    // A supervisor may answer any open conversation, so no offers need accepting.
    rig = sessionRig(hub.url);
    const agent = rig;
    expect((await agent.session.login('sam', 'switchboard')).ok).toBe(true);
    await until(() => agent.session.connection.status === 'online', 15_000, 'agent online');
    // Every customer message the agent sees for the first time gets exactly one reply through the outbox.
    const replied = new Set<string>();
    const failures: string[] = [];
    const answer = (): void => {
      for (const m of agent.messages) {
        if (m.direction !== 'in' || replied.has(m.id)) continue;
        replied.add(m.id);
        void agent.session.sendMessage(m.conversationId, `re: ${m.text}`, false).then((queued) => {
          if (!queued.ok) failures.push(queued.error.message);
        });
      }
    };
    const answering = setInterval(answer, 20);

    for (let v = 0; v < VISITORS; v++) visitors.push(new WidgetVisitor(hub.url, `crash-visitor-${v}`));
    await Promise.all(visitors.map((v) => v.start()));
    let acked = 0;
    const talking = Promise.all(
      visitors.map(async (v, vi) => {
        for (let i = 0; i < PER_VISITOR; i++) {
          await v.say(`v${vi} m${i}`, `key-${vi}-${i}-crash`);
          acked++;
        }
      }),
    );

    await until(() => acked >= TOTAL * 0.3 && agent.session.connection.pendingActions! > 0, 60_000, 'traffic both ways');
    await hub.kill9();
    const ackedAtCrash = acked;
    await new Promise((r) => setTimeout(r, 500));
    hub = await startHubProcess(dataDir, port, ['--limits', limits]);
    agent.session.wake();

    await talking;
    expect(ackedAtCrash).toBeLessThan(TOTAL);
    await until(() => replied.size === TOTAL, 90_000, 'agent saw every customer message');
    await until(() => agent.session.connection.pendingActions === 0, 90_000, 'outbox drained');
    clearInterval(answering);
    expect(failures).toEqual([]);

    const inbound = visitors.flatMap((_, vi) => Array.from({ length: PER_VISITOR }, (_x, i) => `v${vi} m${i}`));
    const replies = inbound.map((t) => `re: ${t}`);

    // The hub's own store.
    const hubDb = new Database(join(dataDir, 'hub.sqlite'), { readonly: true });
    const hubTexts = (direction: string) =>
      (hubDb.prepare('SELECT text FROM messages WHERE direction = ?').all(direction) as Array<{ text: string }>).map((r) => r.text);
    expectExactlyOnce(hubTexts('in'), inbound);
    expectExactlyOnce(hubTexts('out'), replies);
    hubDb.close();

    // The agent's cache, once it has caught up with the hub.
    const cache = agent.session.cache!;
    await until(async () => (await cache.messageCount()) >= TOTAL * 2, 30_000, 'agent cache caught up');
    const db = agent.readCache(agent.session.agent!.id);
    const cached = (direction: string) =>
      (db.prepare('SELECT text FROM messages WHERE direction = ?').all(direction) as Array<{ text: string }>).map((r) => r.text);
    expectExactlyOnce(cached('in'), inbound);
    expectExactlyOnce(cached('out'), replies);
    expect(db.prepare(`SELECT count(*) AS n FROM messages WHERE delivery != 'sent'`).get()).toEqual({ n: 0 });
    db.close();

    // Each customer's widget, as it would load after a reload.
    for (const [vi, v] of visitors.entries()) {
      const history = await v.reload();
      const mine = Array.from({ length: PER_VISITOR }, (_x, i) => `v${vi} m${i}`);
      expectExactlyOnce(history.filter((m) => m.direction === 'in').map((m) => m.text), mine);
      expectExactlyOnce(history.filter((m) => m.direction === 'out').map((m) => m.text), mine.map((t) => `re: ${t}`));
    }
  }, 240_000);
});
