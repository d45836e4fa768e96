import { describe, expect, it } from 'vitest';
import { issueSipCredentials } from './sip-credentials.js';

const base = {
  secret: 'kamailio-shared-secret-1234',
  domain: 'switchboard.test',
  wsUrl: 'ws://127.0.0.1:8088',
};

describe('issueSipCredentials', () => {
  it('produces the "<expiry>:<user>" username and the HMAC-SHA1 password auth_ephemeral recomputes', () => {
    const issued = issueSipCredentials({ ...base, sipUser: 'agent-1', ttlSeconds: 3600, nowMs: 1_700_000_000_500 });
    expect(issued.authorizationUsername).toBe('1700003600:agent-1');
    // openssl dgst -sha1 -hmac <secret> -binary | base64, computed independently.
    expect(issued.password).toBe('LKyc22We8Jw6QE0FClAaWRD5jyI=');
    expect(issued.uri).toBe('sip:agent-1@switchboard.test');
    expect(issued.wsUrl).toBe('ws://127.0.0.1:8088');
    expect(issued.expiresAt).toBe(1_700_003_600_000);
  });

  it('rejects a user that could smuggle a second colon or a short secret', () => {
    expect(() => issueSipCredentials({ ...base, sipUser: 'a:b', ttlSeconds: 3600 })).toThrow();
    expect(() => issueSipCredentials({ ...base, secret: 'short', sipUser: 'agent-1', ttlSeconds: 3600 })).toThrow();
    expect(() => issueSipCredentials({ ...base, sipUser: 'agent-1', ttlSeconds: 5 })).toThrow();
  });
});
