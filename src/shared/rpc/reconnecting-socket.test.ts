import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../backoff';
import { createReconnectingSocket, type SocketEvents, type SocketStatus } from './reconnecting-socket';

/** Sockets the test opens, answers and closes by hand; what each was sent. */
function fakeNetwork() {
  const sockets: Array<{ url: string; events: SocketEvents; sent: string[]; dropped: boolean; closed: boolean }> = [];
  const connect = (url: string, events: SocketEvents) => {
    const socket = { url, events, sent: [] as string[], dropped: false, closed: false };
    sockets.push(socket);
    return {
      send: (text: string) => void socket.sent.push(text),
      close: () => void (socket.closed = true),
      drop: () => void (socket.dropped = true),
    };
  };
  return { sockets, connect, last: () => sockets.at(-1)! };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the reconnecting socket', () => {
  it('says hello with fresh credentials on every socket and retries with jittered, growing delays', async () => {
    const net = fakeNetwork();
    let n = 0;
    const socket = createReconnectingSocket({
      connect: net.connect,
      address: async () => ({ url: 'ws://hub/agent/ws', hello: `hello-${++n}` }),
      backoff: { baseMs: 500, maxMs: 15_000, random: () => 1 },
    });
    const statuses: SocketStatus['state'][] = [];
    socket.onStatus((s) => statuses.push(s.state));
    await vi.advanceTimersByTimeAsync(0);
    net.last().events.open();
    expect(net.last().sent).toEqual(['hello-1']);
    expect(socket.send('x')).toBe(true);

    // Three failed attempts: the waits double (full jitter, here at its ceiling): 500, 1000, 2000 ms.
    net.last().events.close(1006);
    for (const wait of [500, 1_000, 2_000]) {
      const before = net.sockets.length;
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(net.sockets.length).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(net.sockets.length).toBe(before + 1);
      net.last().events.close(1006);
    }
    expect(socket.send('lost')).toBe(false);
    await vi.advanceTimersByTimeAsync(4_000);
    net.last().events.open();
    expect(net.last().sent).toEqual(['hello-5']);
    // Accepted: the next failure waits the shortest delay again.
    socket.accepted();
    net.last().events.close(1006);
    await vi.advanceTimersByTimeAsync(500);
    expect(net.sockets).toHaveLength(6);
    expect(statuses).toContain('down');
    socket.close();

    // The schedule itself: full jitter within [ceiling/2, ceiling], doubling up to the cap.
    expect(backoffDelay(0, 500, 15_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 15_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 15_000, () => 1)).toBe(4_000);
    expect(backoffDelay(30, 500, 15_000, () => 1)).toBe(15_000);
  });

  it('drops a silent socket by heartbeat and pings one that talks', async () => {
    const net = fakeNetwork();
    const socket = createReconnectingSocket({
      connect: net.connect,
      address: () => ({ url: 'ws://hub', hello: null }),
      heartbeat: { everyMs: 1_000, deadAfterMs: 3_000, ping: () => 'ping' },
      backoff: { random: () => 0 },
    });
    const statuses: SocketStatus[] = [];
    socket.onStatus((s) => statuses.push(s));
    await vi.advanceTimersByTimeAsync(0);
    net.last().events.open();
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(1_000);
      net.last().events.message('pong');
    }
    expect(net.last().sent.filter((f) => f === 'ping')).toHaveLength(5);
    expect(net.last().dropped).toBe(false);
    const first = net.last();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(first.dropped).toBe(true);
    expect(statuses).toContainEqual({ state: 'down', code: null, silent: true });
    // A frame the dropped socket still delivers is not taken for the new one's.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(net.sockets).toHaveLength(2);
    const heard: number[] = [];
    socket.onMessage((_text, connection) => heard.push(connection));
    first.events.message('late');
    net.last().events.open();
    net.last().events.message('fresh');
    expect(heard).toEqual([socket.current()]);
    socket.close();
  });

  it('stops on a close code that says retrying cannot help, and waits while there is nothing to connect with', async () => {
    const net = fakeNetwork();
    let token: string | null = null;
    const socket = createReconnectingSocket({
      connect: net.connect,
      address: () => (token ? { url: 'ws://hub', hello: token } : { wait: 'signed out' }),
      finalCodes: [4401],
      backoff: { random: () => 0 },
    });
    const statuses: SocketStatus[] = [];
    socket.onStatus((s) => statuses.push(s));
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses).toContainEqual({ state: 'waiting', detail: 'signed out' });
    expect(net.sockets).toHaveLength(0);
    token = 't';
    await vi.advanceTimersByTimeAsync(1_000);
    expect(net.sockets).toHaveLength(1);
    net.last().events.close(4401);
    expect(statuses.at(-1)).toEqual({ state: 'refused', code: 4401 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(net.sockets).toHaveLength(1);
  });
});
