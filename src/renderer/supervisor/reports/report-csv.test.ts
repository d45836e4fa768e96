import { describe, expect, it } from 'vitest';
import { toCsv } from './report-csv';

describe('report CSV', () => {
  it('quotes what needs quoting, keeps Chinese text, and starts with a byte-order mark', () => {
    const csv = toCsv(['日期', 'By channel'], [['2026-12-01', 'Web chat 2 · WeChat 1'], ['a,b', 'say "hi"']]);
    expect(csv).toBe('\uFEFF日期,By channel\r\n2026-12-01,Web chat 2 · WeChat 1\r\n"a,b","say ""hi"""\r\n');
  });
});
