import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISITOR_SIP_PREFIX } from '../../src/hub/channels/widget-call';
import { sipApiSecret } from '../../src/hub/sip/sip-api-secret';
import { issueSipCredentials } from '../../src/hub/sip/sip-credentials';
import { freePort } from '../../src/host/telephony/free-port';
import { startKamailio, type RunningKamailio } from '../../src/host/telephony/start-kamailio';
import { sipUdpClient, type SipUdpClient } from './support/sip-udp-client';

/**
 * sip/kamailio.cfg, route[WEB_VISITOR], against the real Kamailio: a website visitor's browser
 * ("Call us", credentials the hub minted for web-<customer>) reaches queue numbers and nothing
 * else, while an agent's credentials still reach other SIP users.
 */
describe('Kamailio and website visitors', () => {
  const secret = randomBytes(24).toString('base64url');
  const domain = 'switchboard.test';
  let kamailio: RunningKamailio;
  let hub: Server;
  let sipPort: number;
  let client: SipUdpClient;
  /** What Kamailio asked the stand-in hub, and what it answers next. */
  const asked: URLSearchParams[] = [];
  let answer: object = { action: 'busy' };

  const as = (sipUser: string) => {
    const c = issueSipCredentials({ sipUser, secret, ttlSeconds: 120, domain, wsUrl: 'ws://127.0.0.1:1' });
    return { from: c.uri, auth: { username: c.authorizationUsername, password: c.password } };
  };
  const visitor = as(`${VISITOR_SIP_PREFIX}cus_0123456789abcdef`);
  const agent = as('agent-bob');
  const call = (who: { from: string; auth: { username: string; password: string } }, method: string, user: string) =>
    client.request(method, `sip:${user}@${domain}`, who.from, who.auth);

  beforeAll(async () => {
    hub = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://hub');
      if (url.pathname === '/sip/route' && req.headers['x-switchboard-sip-secret'] === sipApiSecret({ secret })) {
        asked.push(url.searchParams);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer));
        return;
      }
      res.statusCode = url.pathname === '/sip/events' ? 204 : 404;
      res.end();
    });
    await new Promise<void>((done) => hub.listen(0, '127.0.0.1', done));
    const address = hub.address();
    const hubPort = typeof address === 'object' && address ? address.port : 0;
    sipPort = await freePort();
    kamailio = await startKamailio({ wsPort: await freePort(), sipPort, hubUrl: `http://127.0.0.1:${hubPort}`, secret, domain });
    client = await sipUdpClient(sipPort);
  });
  afterAll(async () => {
    client?.close();
    await kamailio?.stop();
    await new Promise<void>((done) => (hub ? hub.close(() => done()) : done()));
  });

  it('lets a visitor call a queue number, asking the hub as a visitor call', async () => {
    answer = { action: 'busy' };
    asked.length = 0;
    const response = await call(visitor, 'INVITE', '1000');
    expect(response.status).toBe(486);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.get('origin')).toBe('visitor');
    expect(asked[0]!.get('caller')).toBe(`${VISITOR_SIP_PREFIX}cus_0123456789abcdef`);
    expect(asked[0]!.get('queue')).toBe('1000');
  });

  it('refuses a visitor calling an agent, another SIP user or an external number, without asking the hub', async () => {
    asked.length = 0;
    for (const target of ['agent-alice', 'web-cus_other', '+8613800138000']) {
      const response = await call(visitor, 'INVITE', target);
      expect(response.status, target).toBe(403);
      expect(response.reason).toMatch(/queue numbers only/);
    }
    expect(asked).toHaveLength(0);
  });

  it('refuses a visitor registering, messaging or subscribing', async () => {
    for (const method of ['REGISTER', 'MESSAGE', 'SUBSCRIBE']) {
      const response = await call(visitor, method, method === 'REGISTER' ? visitor.from.slice(4, visitor.from.indexOf('@')) : '1000');
      expect(response.status, method).toBe(403);
    }
  });

  it('refuses a visitor call the hub would send to an external number', async () => {
    answer = { action: 'external', number: '+8613800138000' };
    const response = await call(visitor, 'INVITE', '1000');
    expect(response.status).toBe(403);
  });

  it('refuses forged and expired visitor credentials', async () => {
    const forged = { ...visitor, auth: { ...visitor.auth, password: 'not-the-password' } };
    expect((await call(forged, 'INVITE', '1000')).status).toBe(407);
    const old = issueSipCredentials({ sipUser: 'web-cus_0123456789abcdef', secret, ttlSeconds: 60, domain, wsUrl: 'ws://127.0.0.1:1', nowMs: Date.now() - 10 * 60_000 });
    const expired = { from: old.uri, auth: { username: old.authorizationUsername, password: old.password } };
    expect((await call(expired, 'INVITE', '1000')).status).toBe(407);
  });

  it('still lets an agent call another SIP user (not registered here: 404, not 403)', async () => {
    const response = await call(agent, 'INVITE', 'agent-alice');
    expect(response.status).toBe(404);
  });
});
