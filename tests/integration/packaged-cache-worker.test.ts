import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The packaged app (electron-builder.yml, as `npm run dist` packs it) keeps the cache thread runnable:
 * the worker entry and every chunk it imports are inside app.asar (Electron ≥ 17 loads worker_threads
 * scripts and their imports from the archive), and the native SQLite modules the worker opens are
 * unpacked beside it, because a `.node` file cannot be loaded from inside an archive.
 *
 * The Electron binary cannot be downloaded here, so electron-builder packs against a stand-in
 * distribution (an empty `electron` file): the archive and the unpacked files are the real output,
 * only the Electron executable beside them is not. Running the packaged app needs the real binary.
 */
const work = mkdtempSync(join(tmpdir(), 'packaged-cache-worker-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const bin = (name: string) => join('node_modules', '.bin', name);

function pack(): string {
  if (!existsSync('out/main/cache-worker.js')) {
    const build = spawnSync(bin('electron-vite'), ['build'], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
  }
  const dist = join(work, 'electron-dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'electron'), '');
  chmodSync(join(dist, 'electron'), 0o755);
  const out = join(work, 'out');
  const electronVersion = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
  const builder = spawnSync(
    bin('electron-builder'),
    ['--dir', '--linux', '--x64', `-c.electronDist=${dist}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false', `-c.directories.output=${out}`],
    { encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  expect(builder.status, `${builder.stdout}\n${builder.stderr}`).toBe(0);
  return join(out, 'linux-unpacked', 'resources');
}

describe('the packaged app', () => {
  it('packs the cache worker and its chunks into app.asar and unpacks the native SQLite modules it loads', () => {
    const resources = pack();
    const packed = new Set(listPackage(join(resources, 'app.asar'), { isPack: false }).map((p) => p.replaceAll('\\', '/')));
    expect(packed).toContain('/out/main/cache-worker.js');
    expect(packed).toContain('/out/main/index.js');
    // Every relative import of the worker's entry (rollup's shared chunks) is packed beside it.
    const worker = readFileSync('out/main/cache-worker.js', 'utf8');
    const chunks = [...worker.matchAll(/from "\.\/(chunks\/[^"]+)"/g)].map((m) => `/out/main/${m[1]}`);
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(packed).toContain(chunk);
    // The packages it imports by name are there too (from the archive, or unpacked for the native ones).
    const bare = [...worker.matchAll(/from "([^."][^"]*)"/g)].map((m) => m[1]!).filter((m) => !m.startsWith('node:'));
    expect(bare).toEqual(expect.arrayContaining(['zod', 'better-sqlite3-multiple-ciphers']));
    for (const name of bare) expect(packed).toContain(`/node_modules/${name}/package.json`);
    for (const native of ['better-sqlite3-multiple-ciphers', 'better-sqlite3']) {
      expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', native, 'build', 'Release', 'better_sqlite3.node')), native).toBe(true);
      expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', native, 'lib', 'index.js')), native).toBe(true);
    }
  }, 600_000);
});
