import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../harness/host/session-rig';
import { startTestHub, type TestHub } from '../harness/hub/test-hub';
import type { QueueSla } from '../../src/shared/domain/queue-sla';
import { hostOnHub, type HostOnHub } from './support/host-on-hub';

let t: TestHub | null = null;
const hosts: HostOnHub[] = [];
afterEach(async () => {
  hosts.splice(0).forEach((h) => h.stop());
  await t?.close();
  t = null;
});

const chatOf = (queues: QueueSla[] | undefined) => queues?.find((q) => q.id === 'chat');

describe('queue SLA targets from the hub to the renderer', () => {
  it('reach the workspace contract from the welcome, follow a change at the next connect, and survive an offline start', async () => {
    t = await startTestHub();
    const host = hostOnHub(t.url);
    hosts.push(host);
    expect((await host.session.login({ username: 'bob', password: 'switchboard' })).ok).toBe(true);

    // The welcome's queues come to the UI as an event, and the workspace answers them when asked.
    await until(() => host.seen.queues.length > 0, 10_000, 'queues on the desktop');
    const fromHub = [
      { id: 'chat', name: 'Chat', slaSeconds: 30, replySeconds: 120 },
      { id: 'vip', name: 'VIP', slaSeconds: 10, replySeconds: 60 },
      { id: 'voice', name: 'Voice', slaSeconds: 20, replySeconds: 120 },
    ];
    expect(host.seen.queues.at(-1)).toEqual(fromHub);
    expect(await host.workspace.queues({})).toEqual({ ok: true, value: fromHub });

    // The hub's targets change; the desktop hears them when it next connects (here: the machine woke up).
    t.hub.store.upsertQueue({ ...t.hub.store.queue('chat')!, name: 'Web chat', slaSeconds: 45, replySeconds: 90 });
    host.wake();
    await until(() => chatOf(host.seen.queues.at(-1))?.slaSeconds === 45, 10_000, 'the changed target on the desktop');
    const changed = { id: 'chat', name: 'Web chat', slaSeconds: 45, replySeconds: 90 };
    const online = await host.workspace.queues({});
    expect(online.ok && chatOf(online.value)).toEqual(changed);
    host.stop();

    // The hub is gone; the desktop starts again on its cache and still counts down to the hub's values.
    const hubUrl = t.url;
    await t.close();
    t = null;
    const offline = hostOnHub(hubUrl, host.dataDir);
    hosts.push(offline);
    const status = await offline.session.status({});
    expect(status.ok && status.value.connection).toMatchObject({ status: 'offline', cached: true });
    const cached = await offline.workspace.queues({});
    expect(cached.ok && chatOf(cached.value)).toEqual(changed);
    expect(cached.ok && cached.value.map((q) => q.id)).toEqual(['chat', 'vip', 'voice']);
  });
});
