import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { findElectronBinary } from './electron-binary';

/**
 * `npm start`: the Electron app. Its binary is downloaded on first launch; where that download
 * cannot happen, this says so in one paragraph (what failed, how to fix it, what works now)
 * instead of a stack trace, and exits non-zero.
 */
function electronVersion(): string {
  try {
    return (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** One try at the download Electron's own installer does; its last error line says why it failed. */
function tryDownload(): { ok: true; binary: string } | { ok: false; reason: string } {
  let installer: string;
  try {
    installer = createRequire(import.meta.url).resolve('electron/install.js');
  } catch {
    return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  }
  process.stdout.write('Downloading the Electron binary (first start only)…\n');
  const run = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 10 * 60_000 });
  const binary = findElectronBinary();
  if (run.status === 0 && binary) return { ok: true, binary };
  const said = `${run.stderr ?? ''}\n${run.stdout ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /error|failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT/i.test(l) && !l.startsWith('at '));
  const detail = run.error?.message ?? said ?? `the installer exited with code ${run.status ?? 'null'}`;
  const offline = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/i.test(detail);
  return { ok: false, reason: offline ? `its download site could not be reached: ${detail}` : detail };
}

const found = findElectronBinary();
const binary = found ?? (() => {
  const download = tryDownload();
  if (download.ok) return download.binary;
  const version = electronVersion();
  process.stderr.write(
    `\nSwitchboard's desktop window could not start: the Electron ${version} binary is not on this machine, and downloading it failed (${download.reason}). ` +
      'On a machine connected to the internet, run `npx install-electron` in this folder (behind a proxy or with a mirror, set HTTPS_PROXY or ELECTRON_MIRROR first), then `npm start` again. ' +
      'Meanwhile the same app runs in your browser: `npm run start:web` starts the same services and demo desk and prints the address to open.\n\n',
  );
  process.exit(1);
})();

const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
