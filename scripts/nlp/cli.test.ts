import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function runCli(command: string, input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(ROOT, 'scripts/nlp/cli.ts'), command], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

const parseLines = (stdout: string): Array<Record<string, unknown>> =>
  stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('nlp CLI (spawned)', () => {
  it('suggests an intent and queue per line, and reports a malformed line by number', async () => {
    const input = [JSON.stringify({ id: 1, text: 'My card has not arrived yet' }), '{"id": 2}', JSON.stringify({ id: 3, text: '' })].join('\n');
    const { stdout, stderr, code } = await runCli('intent', input);
    expect(code).toBe(0);
    const rows = parseLines(stdout);
    expect(rows).toEqual([
      { id: 1, intent: 'card_arrival', queue: 'logistics', confidence: expect.any(Number) },
      { id: 3, intent: null, queue: null, confidence: 0 },
    ]);
    expect(stderr).toMatch(/^line 2: text:/);
  });

  it('scores sentiment lines, reports malformed ones by line number and keeps going', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: '不好吃，太难吃了' }),
      'this is not json',
      JSON.stringify({ id: 'b', text: 'not bad at all' }),
      JSON.stringify({ id: 'c' }),
      JSON.stringify({ id: 'd', text: '😡😡' }),
      JSON.stringify({ id: 'e', text: '' }),
      JSON.stringify({ id: 'f', text: '\u0000\u0007\ufffd混合 mixed テキスト' }),
    ].join('\n');
    const { stdout, stderr, code } = await runCli('sentiment', input);
    expect(code).toBe(0);
    const rows = parseLines(stdout);
    expect(rows.map((r) => r['id'])).toEqual(['a', 'b', 'd', 'e', 'f']);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['id', 'label', 'score']);
      expect(Math.abs(row['score'] as number)).toBeLessThanOrEqual(1);
    }
    expect(rows[0]).toMatchObject({ label: 'negative' });
    expect(rows[1]!['label']).not.toBe('negative');
    expect(rows[2]).toMatchObject({ label: 'negative' });
    expect(rows[3]).toMatchObject({ label: 'neutral', score: 0 });
    expect(stderr).toMatch(/line 2: invalid JSON/);
    expect(stderr).toMatch(/line 4: text/);
  }, 60_000);

  it('streams 10,000 lines', async () => {
    const input = Array.from({ length: 10_000 }, (_, i) =>
      JSON.stringify({ id: String(i), text: i % 2 ? 'terrible, I want a refund' : '服务很好，谢谢' }),
    ).join('\n');
    const { stdout, code } = await runCli('sentiment', input);
    expect(code).toBe(0);
    const rows = parseLines(stdout);
    expect(rows).toHaveLength(10_000);
    expect(rows[9_999]).toMatchObject({ id: '9999', label: 'negative' });
  }, 120_000);

  it('summarizes conversations', async () => {
    const line = JSON.stringify({
      id: 's1',
      turns: [
        { speaker: 'customer', text: '我的快递什么时候到?' },
        { speaker: 'agent', text: '预计明天送达，请您保持电话畅通' },
      ],
    });
    const { stdout, code } = await runCli('summarize', `${line}\n{"id":"bad","turns":"x"}\n`);
    expect(code).toBe(0);
    const rows = parseLines(stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]!['id']).toBe('s1');
    expect(rows[0]!['summary']).toMatch(/^用户询问.*快递.*客服回答.*明天送达/);
  }, 60_000);

  it('rejects an unknown command with exit code 2 and nothing on stdout', async () => {
    const { stdout, stderr, code } = await runCli('translate', '');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('usage');
  }, 60_000);
});
