import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run hub -- …` as an operator types it, with the given environment added. */
function runHub(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cluster-start-'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/hub/cli.ts', '--port', '0', '--data-dir', dataDir, ...args],
      { env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

const PG = 'postgres://switchboard:s3cret@127.0.0.1:5432/switchboard';
const REDIS = 'redis://127.0.0.1:6379';
const NOT_YET = /^hub: cluster storage is not available yet: .*start it without --database\/--redis/;

describe('@cluster starting a hub as a cluster instance', () => {
  it('refuses --database/--redis, or DATABASE_URL/REDIS_URL, with one line and no silent SQLite fallback', async () => {
    const [flags, fromEnv, half, wrong] = await Promise.all([
      runHub(['--database', PG, '--redis', REDIS]),
      runHub([], { DATABASE_URL: PG, REDIS_URL: REDIS }),
      runHub(['--database', PG]),
      runHub(['--database', 'mysql://root:s3cret@127.0.0.1/x', '--redis', REDIS]),
    ]);
    for (const run of [flags, fromEnv]) {
      expect(run.code).toBe(2);
      expect(run.stdout).not.toContain('listening');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(NOT_YET);
    }
    expect(half.code).toBe(2);
    expect(half.stderr.trim()).toBe('hub: cluster mode needs both --database and --redis (or DATABASE_URL and REDIS_URL); --redis (REDIS_URL) is missing');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim()).toMatch(/^hub: --database \(DATABASE_URL\) must start with postgres:\/\//);
    expect(wrong.stderr).not.toContain('s3cret');
  });
});
