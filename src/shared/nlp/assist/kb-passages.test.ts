import { describe, expect, it } from 'vitest';
import { MAX_PASSAGE_CHARS, markdownToPlain, splitPassages } from './kb-passages.js';

describe('knowledge-base passages', () => {
  it('turns Markdown into the plain words a customer can read', () => {
    expect(markdownToPlain('## 退款\n**审核通过**后 3-5 个工作日到账，见[帮助中心](https://help.example.com)。')).toBe(
      '退款\n审核通过后 3-5 个工作日到账，见帮助中心 (https://help.example.com)。',
    );
    expect(markdownToPlain('- Use `Settings > Card`\n- _Then_ press **Freeze**')).toBe('Use Settings > Card\nThen press Freeze');
    expect(markdownToPlain('<script>alert(1)</script>Hello <b>there</b>')).toBe('alert(1)Hello there');
  });

  it('cuts a body into paragraphs and list items, without lone headings', () => {
    const body = '# Delivery\n\nCards are posted within **2 working days**.\n\n## Abroad\n- Allow up to 10 days abroad.\n- Track it in the app.';
    expect(splitPassages(body)).toEqual(['Cards are posted within 2 working days.', 'Allow up to 10 days abroad.', 'Track it in the app.']);
  });

  it('keeps a long passage under the limit, ending on a sentence', () => {
    const long = '这是一句说明。'.repeat(200);
    const [passage] = splitPassages(long);
    expect(passage!.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    expect(passage!.endsWith('。')).toBe(true);
  });
});
