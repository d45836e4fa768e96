import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CHANNEL_SECRETS, TEST_WECHAT_TOKEN } from '../harness/hub/channel-requests';
import { startTestHub, type TestHub } from '../harness/hub/test-hub';
import { contentCounts, fuzzParams, heapMiB, hostileBody, hostileJson, hostileString, reportCases, tick } from './fuzz-kit';

let t: TestHub;
let token = '';
beforeAll(async () => {
  t = await startTestHub({
    ...TEST_CHANNEL_SECRETS,
    wechat: { token: TEST_WECHAT_TOKEN },
    sip: { secret: 'sip-secret-0123456789abcdef', domain: 'switchboard.test', wsUrl: 'ws://127.0.0.1:9/' },
  });
  token = (await t.login('sam')).token;
});
afterAll(async () => {
  reportCases();
  await t?.close();
});

interface Route {
  path: string;
  methods: string[];
}

/** Every route the hub registered, read from Fastify's own table, so a route added later is fuzzed too. */
function hubRoutes(): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of t.hub.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line.replace(/\u00a0/g, ' '));
    if (!m?.[2]) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2]);
    if (m[3]) routes.push({ path: stack.join(''), methods: m[3].split(',').map((s) => s.trim()).filter((x) => x !== 'HEAD') });
  }
  return routes;
}

const contentTypes = ['application/json', 'text/xml', 'application/xml', 'text/plain', 'image/png', 'application/pdf', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', ''];

describe('fuzz: every hub HTTP route', () => {
  it('answers generated, mutated and oversized requests without a 5xx, and stores nothing it refused', async () => {
    const routes = hubRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const requests = fc.record({
      route: fc.constantFrom(...routes),
      params: fc.array(hostileString, { minLength: 3, maxLength: 3 }),
      query: fc.dictionary(fc.oneof(fc.constantFrom('signature', 'timestamp', 'nonce', 'echostr', 'visitor', 'name', 'sig', 'callid', 'caller', 'encrypt_type', 'msg_signature'), hostileString), hostileString, { maxKeys: 4 }),
      auth: fc.constantFrom('none', 'garbage', 'valid'),
      contentType: fc.constantFrom(...contentTypes),
      body: fc.oneof(hostileBody, hostileJson.map((v) => JSON.stringify(v) ?? '')),
    });
    const before = heapMiB();
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        const method = r.route.methods[0] ?? 'GET';
        let n = 0;
        const path = r.route.path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(r.params[n++] ?? 'x').slice(0, 2000));
        const query = new URLSearchParams(Object.entries(r.query).map(([k, v]) => [k.slice(0, 100), v.slice(0, 2000)])).toString();
        const headers: Record<string, string> = {};
        if (r.auth === 'valid') headers.authorization = `Bearer ${token}`;
        if (r.auth === 'garbage') headers.authorization = 'Bearer eyJhbGciOiJub25lIn0.e30.';
        if (r.contentType) headers['content-type'] = r.contentType;
        const stored = contentCounts(t.dataDir);
        const response = await fetch(`${t.url}${path}${query ? `?${query}` : ''}`, {
          method,
          headers,
          ...(method === 'POST' ? { body: typeof r.body === 'string' ? r.body : new Uint8Array(r.body) } : {}),
          signal: AbortSignal.timeout(15_000),
        }).catch((cause: unknown) => ({ status: cause instanceof Error && /socket|reset|closed/i.test(String(cause.cause ?? cause.message)) ? 413 : 599, text: async () => String(cause) }));
        tick(`http ${method} ${r.route.path}`);
        tick('http (all routes)');
        expect(response.status, `${method} ${path}: ${await response.text().catch(() => '')}`).toBeLessThan(500);
        if (response.status >= 400) expect(contentCounts(t.dataDir)).toEqual(stored);
      }),
      fuzzParams(5),
    );
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect(heapMiB() - before).toBeLessThan(64);
  });
});
