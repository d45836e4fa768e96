import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start where Electron cannot be downloaded', () => {
  it('says in one paragraph what failed, how to fix it and that start:web works now, and exits non-zero', () => {
    const empty = mkdtempSync(join(tmpdir(), 'switchboard-no-electron-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start-desktop.ts'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        // No binary where Electron looks, and a download site that refuses at once.
        ELECTRON_OVERRIDE_DIST_PATH: join(empty, 'dist'),
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: join(empty, 'cache'),
      },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const paragraph = run.stderr.trim();
    expect(paragraph.split('\n')).toHaveLength(1);
    expect(paragraph).toMatch(/Electron [\d.]+ binary is not on this machine, and downloading it failed/);
    expect(paragraph).toContain('npx install-electron');
    expect(paragraph).toContain('npm run start:web');
    expect(paragraph).not.toMatch(/\n\s+at /);
  });
});
