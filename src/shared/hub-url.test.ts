import { describe, expect, it } from 'vitest';
import { hubUrlProblem } from './hub-url';

describe('which hub addresses a desktop may use', () => {
  it('takes https and wss anywhere, http and ws only on this computer', () => {
    for (const ok of ['https://hub.example.com', 'wss://hub.example.com/agent/ws', 'http://127.0.0.1:28417', 'http://localhost:8080', 'http://[::1]:9000', 'ws://127.0.0.2/x']) {
      expect(hubUrlProblem(ok)).toBeNull();
    }
    for (const insecure of ['http://hub.example.com', 'http://10.0.0.5:8080', 'ws://192.168.1.10', 'http://127.0.0.1.evil.example', 'http://localhost.evil.example']) {
      expect(hubUrlProblem(insecure)).toBe('insecure');
    }
    expect(hubUrlProblem('ftp://hub')).toBe('invalid');
    expect(hubUrlProblem('not a url')).toBe('invalid');
  });
});
