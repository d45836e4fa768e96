import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../src/host/harness/session-rig';
import { eventually, startTestHub, type TestHub } from '../../src/hub/harness/test-hub';
import type { HubConfigInput } from '../../src/hub/config';
import { hostOnHub, type HostOnHub } from './support/host-on-hub';

let t: TestHub | null = null;
let host: HostOnHub | null = null;
afterEach(async () => {
  host?.stop();
  host = null;
  await t?.close();
  t = null;
});

/** A real hub and the desktop's host services signed in to it as `username`. */
async function desktopOn(username: string, config: Partial<HubConfigInput> = {}): Promise<{ t: TestHub; host: HostOnHub }> {
  t = await startTestHub(config);
  host = hostOnHub(t.url);
  const login = await host.session.login({ username, password: 'switchboard' });
  expect(login.ok).toBe(true);
  const h = host;
  await until(() => t!.hub.presence.isOnline(`agt_${username}`), 10_000, 'desktop online');
  return { t, host: h };
}

/** A widget customer writes; the desktop takes the offer. Returns the conversation id. */
async function chatAccepted(h: HostOnHub, hub: TestHub, visitorId: string, text: string) {
  const visitor = await hub.visitor(visitorId);
  await visitor.say(text);
  await until(() => h.seen.offer.length > 0, 10_000, 'offer on the desktop');
  const offer = h.seen.offer.at(-1)!;
  expect((await h.workspace.acceptOffer({ offerId: offer.id })).ok).toBe(true);
  return { visitor, conversationId: offer.conversationId };
}

describe('hub frames through the desktop host', () => {
  it('typing goes both ways: the customer typing reaches the workspace, the agent typing reaches the widget', async () => {
    const { t, host } = await desktopOn('bob');
    const { visitor, conversationId } = await chatAccepted(host, t, 'visitor-typing-host', '你好');
    const head = t.hub.store.headSeq();

    visitor.send({ type: 'typing', active: true });
    await until(() => host.seen.typing.some((e) => e.conversationId === conversationId && e.typing), 5_000, 'customer typing on the desktop');
    visitor.send({ type: 'typing', active: false });
    await until(() => host.seen.typing.at(-1)?.typing === false, 5_000, 'customer stopped typing');

    expect(await host.workspace.setTyping({ conversationId, typing: true })).toEqual({ ok: true, value: {} });
    await eventually(() => visitor.frames.find((f) => f.type === 'typing' && f.active === true), 'agent typing in the widget');
    expect(await host.workspace.setTyping({ conversationId, typing: false })).toEqual({ ok: true, value: {} });
    await eventually(() => visitor.frames.find((f) => f.type === 'typing' && f.active === false), 'agent stopped typing in the widget');
    // Ephemeral: nothing was stored.
    expect(t.hub.store.headSeq()).toBe(head);
  });
});
