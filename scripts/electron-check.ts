import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary';

/**
 * `npm test`'s step for the Electron end-to-end specs (tests/e2e-electron, tagged @electron).
 * Where the Electron binary is installed they run, and their exit code is this script's. Where
 * it is not (it downloads from a host some machines cannot reach), they are reported as not run,
 * with the reason and the count, and that alone does not fail the run.
 */
const config = 'tests/e2e-electron/playwright.config.ts';
const playwright = join('node_modules', '.bin', 'playwright');

function countSpecs(): number {
  const listed = spawnSync(playwright, ['test', '--list', '-c', config, '--grep', '@electron'], { encoding: 'utf8' });
  const total = /Total: (\d+) tests?/.exec(listed.stdout ?? '')?.[1];
  if (listed.status === 0 && total) return Number(total);
  // Listing failed (a spec does not load): count the tags so the report still says how many.
  const dir = 'tests/e2e-electron';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.spec.ts'))
    .reduce((n, f) => n + (readFileSync(join(dir, f), 'utf8').match(/\btest\(\s*['"`][^'"`]*@electron/g)?.length ?? 0), 0);
}

const binary = findElectronBinary();
if (!binary) {
  const count = countSpecs();
  process.stdout.write(
    `Electron end-to-end specs: ${count} not run — the Electron binary is not installed on this machine (it downloads from a host this machine cannot reach)\n`,
  );
  process.exit(0);
}

if (!existsSync('out/main/index.js')) {
  process.stdout.write('Electron end-to-end specs: building the app first (electron-vite build)\n');
  const build = spawnSync(join('node_modules', '.bin', 'electron-vite'), ['build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
process.stdout.write(`Electron end-to-end specs: running with ${binary}\n`);
// Electron needs a display; on a headless Linux machine xvfb-run provides one.
const headless = process.platform === 'linux' && !process.env.DISPLAY;
const command = headless ? 'xvfb-run' : playwright;
const args = [...(headless ? ['-a', playwright] : []), 'test', '-c', config, '--grep', '@electron'];
const run = spawnSync(command, args, { stdio: 'inherit' });
if (run.error) {
  process.stderr.write(`Electron end-to-end specs could not start: ${run.error.message}${headless ? ' (install xvfb for a headless display)' : ''}\n`);
  process.exit(1);
}
process.exit(run.status ?? 1);
