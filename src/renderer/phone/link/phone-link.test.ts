import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../../shared/log';
import { defineContract } from '../../../shared/rpc/contract';
import { createRpcClient } from '../../../shared/rpc/rpc-client';
import { createRpcServer } from '../../../shared/rpc/rpc-server';
import { ok } from '../../../shared/result';
import type { LinkChannel } from './link-messages';
import { connectPhoneLink, type PhoneLinkClient } from './phone-link-client';
import { servePhoneLink, type PhoneLinkServer } from './phone-link-server';

const echo = defineContract({
  name: 'echo',
  methods: { whoAmI: { input: z.object({ name: z.string() }), output: z.object({ name: z.string() }) } },
  events: { tick: z.object({ n: z.number() }) },
});

let name = '';
const opened: Array<{ close(): void }> = [];
/** Node's own BroadcastChannel: each page of the real thing gets its own channel object too. */
function channel(): LinkChannel {
  const c = new BroadcastChannel(name);
  opened.push(c);
  return c as unknown as LinkChannel;
}

function startPhone(): { link: PhoneLinkServer; tick: (n: number) => void } {
  const server = createRpcServer(createLogger('test', () => undefined));
  const emit = server.register(echo, { whoAmI: async ({ name: n }) => ok({ name: n }) });
  const link = servePhoneLink(channel(), server);
  opened.push(link);
  return { link, tick: (n) => emit('tick', { n }) };
}

function startUi(address: string): { link: PhoneLinkClient; client: ReturnType<typeof createRpcClient> } {
  const link = connectPhoneLink(channel(), { address, heartbeatMs: 50, missedBeats: 2 });
  opened.push(link);
  return { link, client: createRpcClient(link.port, { timeoutMs: 1500 }) };
}

beforeEach(() => {
  name = `test-link-${Math.random()}`;
});

afterEach(() => {
  // Links first (they say bye and phone-down on their channel), then the channels.
  opened.splice(0).reverse().forEach((c) => c.close());
});

describe('phone link over BroadcastChannel', () => {
  it('answers each UI page its own calls, and sends events to every page', async () => {
    const phone = startPhone();
    const a = startUi('ui-a');
    const b = startUi('ui-b');
    await vi.waitFor(() => expect(a.link.alive() && b.link.alive()).toBe(true));
    const seenByA: number[] = [];
    const seenByB: number[] = [];
    a.client.proxy(echo).on('tick', ({ n }) => seenByA.push(n));
    b.client.proxy(echo).on('tick', ({ n }) => seenByB.push(n));
    // Both pages use request id 1 at the same moment: addressing keeps the answers apart.
    const [ra, rb] = await Promise.all([a.client.proxy(echo).whoAmI({ name: 'a' }), b.client.proxy(echo).whoAmI({ name: 'b' })]);
    expect(ra).toEqual({ ok: true, value: { name: 'a' } });
    expect(rb).toEqual({ ok: true, value: { name: 'b' } });
    expect(phone.link.clients()).toBe(2);
    phone.tick(7);
    await vi.waitFor(() => expect([seenByA, seenByB]).toEqual([[7], [7]]));
  });

  it('stops serving a page that said bye, and a reloaded page simply connects again', async () => {
    const phone = startPhone();
    const first = startUi('ui-reload-1');
    await vi.waitFor(() => expect(first.link.alive()).toBe(true));
    first.link.close();
    await vi.waitFor(() => expect(phone.link.clients()).toBe(0));
    const again = startUi('ui-reload-2');
    expect((await again.client.proxy(echo).whoAmI({ name: 'back' })).ok).toBe(true);
    expect(phone.link.clients()).toBe(1);
  });

  it('a restarted phone page hears what the UI listens to again, and still sends its events', async () => {
    const first = startPhone();
    const ui = startUi('ui-restart');
    await vi.waitFor(() => expect(ui.link.alive()).toBe(true));
    const seen: number[] = [];
    ui.client.proxy(echo).on('tick', ({ n }) => seen.push(n));
    await ui.client.proxy(echo).whoAmI({ name: 'x' });
    first.tick(1);
    await vi.waitFor(() => expect(seen).toEqual([1]));
    first.link.close();
    const second = startPhone();
    await vi.waitFor(() => expect(second.link.clients()).toBe(1));
    await vi.waitFor(() => {
      second.tick(2);
      expect(seen).toContain(2);
    });
  });

  it('tells the UI when no phone page answers, and when one starts', async () => {
    const ui = startUi('ui-waiting');
    const presence: boolean[] = [];
    ui.link.onPresence((alive) => presence.push(alive));
    await new Promise((r) => setTimeout(r, 200));
    expect(ui.link.alive()).toBe(false);
    const phone = startPhone();
    await vi.waitFor(() => expect(ui.link.alive()).toBe(true));
    phone.link.close();
    await vi.waitFor(() => expect(ui.link.alive()).toBe(false));
    expect(presence).toEqual([true, false]);
  });
});
