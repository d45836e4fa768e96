import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { postSigned, signBody, TEST_CHANNEL_SECRETS } from '../../../tests/harness/hub/channel-requests';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

/** A raw TCP client that writes a little at a time and reports when the server hangs up. */
function trickle(port: number, first: string, next: () => string, everyMs: number): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(first));
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write(next());
    }, everyMs);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    });
    socket.resume();
  });
}

describe('slow and idle connections', () => {
  it('hangs up on trickled headers and on a trickled body', async () => {
    t = await startTestHub({ limits: { http: { headersTimeoutMs: 400, requestTimeoutMs: 800 } } });
    let n = 0;
    const headers = await trickle(t.hub.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', () => `X-Slow-${n++}: 1\r\n`, 100);
    expect(headers).toBeLessThan(5_000);
    const body = await trickle(
      t.hub.port,
      'POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      () => ' ',
      100,
    );
    expect(body).toBeLessThan(5_000);
  });

  it('counts bad frames from a socket that has not signed in, closes it, and logs one line for them', async () => {
    t = await startTestHub();
    const before = t.log.entries.length;
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/agent/ws`);
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    await new Promise((r) => ws.once('open', r));
    for (let i = 0; i < 300; i++) ws.send('not json');
    expect(await closed).toBe(4400);
    await eventually(() => t.log.entries.length > before, 'the summary line');
    expect(t.log.entries.length - before).toBeLessThanOrEqual(2);
  });

  it('never logs the name a refused sign-in was tried with (people type passwords there)', async () => {
    t = await startTestHub();
    const refused = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'Hunter2!MyRealPassword', password: 'x' }),
    });
    expect(refused.status).toBe(401);
    expect(JSON.stringify(t.log.entries)).not.toContain('Hunter2!MyRealPassword');
  });
});

describe('rate budgets behind a proxy', () => {
  const good = (id: string): string => JSON.stringify({ messageId: id, userId: 'u-proxy', text: 'hello' });

  it('keys budgets on the client address the trusted proxy names, and spends none on unsigned junk', async () => {
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, channelRateLimitPerMinute: 5, trustProxy: ['127.0.0.1'] });
    const url = `${t.url}/channels/webhook/generic`;
    const from = (address: string, body: string, signed = true) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(signed ? {} : { 'x-switchboard-signature': 't=1,v1=' + '0'.repeat(64) }) },
        body,
      });
    // Junk from anyone does not use up the platform's budget.
    for (let i = 0; i < 20; i++) await from('203.0.113.9', good(`junk-${i}`), false);
    for (let i = 0; i < 5; i++) {
      const signed = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1', 'x-switchboard-signature': signedFor(good(`real-${i}`)) },
        body: good(`real-${i}`),
      });
      expect(signed.status).toBe(202);
    }
    // One sender over its budget does not block another behind the same proxy.
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1', 'x-switchboard-signature': signedFor(good('over')) }, body: good('over') })).status).toBe(429);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.2', 'x-switchboard-signature': signedFor(good('other')) }, body: good('other') })).status).toBe(202);
  });

  it('ignores X-Forwarded-For from a sender that is not a trusted proxy', async () => {
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, channelRateLimitPerMinute: 2 });
    const url = `${t.url}/channels/webhook/generic`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const body = good(`spoof-${i}`);
      statuses.push((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}`, 'x-switchboard-signature': signedFor(body) }, body })).status);
    }
    expect(statuses).toEqual([202, 202, 429]);
    expect((await postSigned(url, good('after'))).status).toBe(429);
  });
});

const signedFor = (body: string): string => signBody(body, 'webhook:generic');
