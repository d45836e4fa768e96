import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hubRequest } from './hub-request';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A stand-in for the hub's HTTP API that answers every request with `status` and `body` and records what it was sent. */
async function hubAnswering(status: number, body: unknown): Promise<{ hubUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const read = async (req: IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    return text;
  };
  server = createServer((req, res) => {
    void read(req).then((text) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, contentType: req.headers['content-type'], body: text });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { hubUrl: `http://127.0.0.1:${port}`, seen };
}

const articleSchema = z.object({ article: z.object({ id: z.string() }) });
const hubSaid = (code: string, message: string) => ({ error: { code, message } });

describe('hubRequest, common to both policies', () => {
  it('asks to sign in first when nobody is signed in, without calling the hub', async () => {
    const hub = await hubAnswering(200, { article: { id: 'a' } });
    const result = await hubRequest(null, 'GET', '/api/kb/articles', null, articleSchema, 'by-status');
    expect(result).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'sign in first' } });
    expect(hub.seen).toEqual([]);
  });

  it('reads with the bearer token and no body, and returns the checked answer', async () => {
    const hub = await hubAnswering(200, { article: { id: 'a1' }, extra: true });
    const result = await hubRequest({ hubUrl: hub.hubUrl, token: 'tok' }, 'GET', '/api/kb/articles/a1', null, articleSchema, 'by-status');
    expect(result).toEqual({ ok: true, value: { article: { id: 'a1' } } });
    expect(hub.seen).toEqual([{ method: 'GET', url: '/api/kb/articles/a1', authorization: 'Bearer tok', contentType: undefined, body: '' }]);
  });

  it('sends JSON with the bearer token, and none when there is no token (signing in)', async () => {
    const hub = await hubAnswering(200, { article: { id: 'a1' } });
    await hubRequest({ hubUrl: hub.hubUrl, token: 'tok' }, 'PUT', '/api/kb/articles/a1', { version: 3 }, articleSchema, 'hub-error');
    await hubRequest({ hubUrl: hub.hubUrl }, 'POST', '/api/login', { username: 'u' }, articleSchema, 'hub-error');
    expect(hub.seen).toEqual([
      { method: 'PUT', url: '/api/kb/articles/a1', authorization: 'Bearer tok', contentType: 'application/json', body: '{"version":3}' },
      { method: 'POST', url: '/api/login', authorization: undefined, contentType: 'application/json', body: '{"username":"u"}' },
    ]);
  });

  it('says the hub cannot be reached when nothing listens', async () => {
    const hub = await hubAnswering(200, {});
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;
    for (const policy of ['hub-error', 'by-status'] as const) {
      const result = await hubRequest({ hubUrl: hub.hubUrl, token: 't' }, 'GET', '/api/x', null, articleSchema, policy);
      expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: 'the hub cannot be reached' } });
    }
  });

  it('reports an answer that breaks the protocol as internal, naming the field', async () => {
    const hub = await hubAnswering(200, { article: { id: 7 } });
    const result = await hubRequest({ hubUrl: hub.hubUrl, token: 't' }, 'GET', '/api/x', null, articleSchema, 'by-status');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).toMatch(/^the hub answered out of protocol: article\.id: /);
    }
  });
});

describe("hubRequest with 'hub-error' (writes: the hub's own words reach the form)", () => {
  it.each([
    [400, hubSaid('invalid_argument', 'a title is required')],
    [409, hubSaid('conflict', 'someone else edited this article')],
    [401, hubSaid('unauthenticated', 'wrong username or password')],
    [403, hubSaid('permission_denied', 'only an admin may edit articles')],
    [404, hubSaid('not_found', 'no such article')],
  ])('passes a %i with the hub error through as it was said', async (status, body) => {
    const hub = await hubAnswering(status, body);
    const result = await hubRequest({ hubUrl: hub.hubUrl, token: 't' }, 'POST', '/api/kb/articles', {}, articleSchema, 'hub-error');
    expect(result).toEqual({ ok: false, ...body });
  });

  it('calls an answer without a hub error unavailable, with its status', async () => {
    const hub = await hubAnswering(502, undefined);
    const result = await hubRequest({ hubUrl: hub.hubUrl, token: 't' }, 'POST', '/api/kb/articles', {}, articleSchema, 'hub-error');
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: 'the hub answered 502' } });
  });
});

describe("hubRequest with 'by-status' (reads: fixed errors by status)", () => {
  const read = async (status: number, body: unknown) => {
    const hub = await hubAnswering(status, body);
    return hubRequest({ hubUrl: hub.hubUrl, token: 't' }, 'GET', '/api/directory', null, articleSchema, 'by-status');
  };

  it("keeps the hub's message on a 404, or names the path when it gave none", async () => {
    expect(await read(404, hubSaid('not_found', 'no such customer'))).toEqual({ ok: false, error: { code: 'not_found', message: 'no such customer' } });
    expect(await read(404, undefined)).toEqual({ ok: false, error: { code: 'not_found', message: '/api/directory not found' } });
  });

  it('answers a refused token and a refused request with fixed messages, whatever the hub said', async () => {
    expect(await read(401, hubSaid('unauthenticated', 'session expired'))).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'the hub refused the token' } });
    expect(await read(403, hubSaid('permission_denied', 'supervisors only'))).toEqual({ ok: false, error: { code: 'permission_denied', message: 'the hub refused the request' } });
  });

  it('calls any other refusal unavailable, with its status', async () => {
    expect(await read(400, hubSaid('invalid_argument', 'bad query'))).toEqual({ ok: false, error: { code: 'unavailable', message: 'the hub answered 400' } });
    expect(await read(500, undefined)).toEqual({ ok: false, error: { code: 'unavailable', message: 'the hub answered 500' } });
  });
});
