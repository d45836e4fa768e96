import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the Electron binary is, or null if it is not on this machine. Mirrors what the
 * `electron` package's index.js resolves, without requiring it: since Electron 42 that require
 * starts a download when the binary is missing, which on a machine without network only hangs
 * or fails.
 */
export function findElectronBinary(): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative ?? 'electron') : relative ? join(packageDir, 'dist', relative) : null;
  return binary && existsSync(binary) ? binary : null;
}
