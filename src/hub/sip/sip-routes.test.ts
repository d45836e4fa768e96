import fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSipRoutes, SIP_SECRET_HEADER, type CallEvent, type RouteDecision, type RouteQuery } from './sip-routes.js';

const secret = 'kamailio-shared-secret-1234';

describe('registerSipRoutes', () => {
  let app: FastifyInstance;
  let decision: RouteDecision;
  let routed: RouteQuery[];
  let events: CallEvent[];

  beforeEach(async () => {
    app = fastify();
    decision = { action: 'agent', sipUser: 'agent-7', conversationId: 'conv_7' };
    routed = [];
    events = [];
    registerSipRoutes(app, {
      secret,
      domain: 'switchboard.test',
      routeCall: async (call) => {
        routed.push(call);
        return decision;
      },
      callEvent: async (event) => {
        events.push(event);
      },
    });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
  });

  const headers = { [SIP_SECRET_HEADER]: secret };

  it('answers the hub routing decision as the JSON Kamailio parses', async () => {
    const response = await app.inject({ method: 'GET', url: '/sip/route?queue=8000&caller=customer-1&callid=abc%40host', headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ action: 'agent', sipUser: 'agent-7', conversationId: 'conv_7' });
    expect(routed).toEqual([{ queueNumber: '8000', caller: 'customer-1', callId: 'abc@host', origin: 'web' }]);

    decision = { action: 'busy' };
    const busy = await app.inject({ method: 'GET', url: '/sip/route?queue=8000&caller=c&callid=x', headers });
    expect(busy.json()).toEqual({ action: 'busy' });
  });

  it('takes a DID with a + from the trunk and passes an external number back', async () => {
    decision = { action: 'external', number: '+8613912345678', conversationId: 'conv_1' };
    const response = await app.inject({ method: 'GET', url: '/sip/route?queue=%2B862150001234&caller=013912345678&callid=t1&origin=trunk', headers });
    expect(response.json()).toEqual({ action: 'external', number: '+8613912345678', conversationId: 'conv_1' });
    expect(routed).toEqual([{ queueNumber: '+862150001234', caller: '013912345678', callId: 't1', origin: 'trunk' }]);
    const unknownOrigin = await app.inject({ method: 'GET', url: '/sip/route?queue=1&caller=c&callid=x&origin=pstn', headers });
    expect(unknownOrigin.statusCode).toBe(400);
  });

  it('refuses requests without the shared secret', async () => {
    const none = await app.inject({ method: 'GET', url: '/sip/route?queue=8000&caller=c&callid=x' });
    expect(none.statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'POST',
      url: '/sip/events',
      headers: { [SIP_SECRET_HEADER]: 'nope' },
      payload: { callId: 'x', event: 'ended', caller: 'c' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(routed).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it('rejects malformed route queries with a 400 JSON error', async () => {
    for (const url of ['/sip/route?queue=abc&caller=c&callid=x', '/sip/route?queue=8000&callid=x', '/sip/route?queue=8000&caller=a%20b&callid=x']) {
      const response = await app.inject({ method: 'GET', url, headers });
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'invalid_argument' } });
    }
    expect(routed).toHaveLength(0);
  });

  it('never lets an invalid routing answer reach Kamailio', async () => {
    decision = { action: 'agent', sipUser: 'evil;lr', conversationId: 'conv_7' };
    const response = await app.inject({ method: 'GET', url: '/sip/route?queue=8000&caller=c&callid=x', headers });
    expect(response.statusCode).toBe(500);
  });

  it('passes call events on with millisecond timestamps and drops empty agents', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sip/events',
      headers,
      payload: { callId: 'abc@host', event: 'answered', caller: 'customer-1', sipUser: 'agent-7', at: 1_700_000_000 },
    });
    expect(response.statusCode).toBe(204);
    await app.inject({ method: 'POST', url: '/sip/events', headers, payload: { callId: 'q', event: 'missed', caller: 'c', sipUser: '' } });
    expect(events[0]).toEqual({ callId: 'abc@host', event: 'answered', caller: 'customer-1', sipUser: 'agent-7', at: 1_700_000_000_000 });
    expect(events[1]).not.toHaveProperty('sipUser');
    expect(events[1]?.at).toBeGreaterThan(1_700_000_000_000);
  });

  it('rejects unknown event kinds', async () => {
    const response = await app.inject({ method: 'POST', url: '/sip/events', headers, payload: { callId: 'x', event: 'exploded', caller: 'c' } });
    expect(response.statusCode).toBe(400);
    expect(events).toHaveLength(0);
  });
});
