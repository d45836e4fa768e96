import { describe, expect, it } from 'vitest';
import { createLogger, scrubText } from './log';

describe('logs never carry secrets or full ID and card numbers', () => {
  it('masks secrets inside free text', () => {
    expect(scrubText('login failed password=hunter2 for alice')).toBe('login failed password=[redacted] for alice');
    expect(scrubText('header Authorization: Bearer abc.def.ghi')).not.toContain('abc.def.ghi');
    expect(scrubText('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ3QifQ.c2lnbmF0dXJlLXNpZ24 expired')).toBe('token [redacted-token] expired');
  });

  it('drops secret-named fields and masks ID and card numbers in the rest', () => {
    const lines: string[] = [];
    const log = createLogger('test', (l) => lines.push(l));
    log.log('warn', '身份证 11010519491231002X 卡号 4111 1111 1111 1111', { token: 'abc', note: 'card 4111111111111111' });
    const line = lines[0] ?? '';
    expect(line).not.toContain('11010519491231002X');
    expect(line).not.toContain('4111111111111111');
    expect(line).not.toContain('"abc"');
    expect(line).toContain('002X');
    expect(line).toContain('1111');
  });
});
