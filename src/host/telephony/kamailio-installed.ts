import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Debian and a source build put Kamailio's modules. */
export const MODULE_DIRS = [
  '/usr/lib/x86_64-linux-gnu/kamailio/modules',
  '/usr/lib/aarch64-linux-gnu/kamailio/modules',
  '/usr/lib/kamailio/modules',
  '/usr/local/lib64/kamailio/modules',
  '/usr/local/lib/kamailio/modules',
];

/**
 * The kamailio binary to run: KAMAILIO_BIN when set (a site's own build), else the first on PATH,
 * else in sbin (Debian installs it there, off an ordinary user's PATH). Null when there is none.
 */
export function kamailioBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.KAMAILIO_BIN) return existsSync(env.KAMAILIO_BIN) ? env.KAMAILIO_BIN : null;
  const dirs = [...(env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.map((dir) => (dir ? join(dir, 'kamailio') : '')).find((file) => file && existsSync(file)) ?? null;
}

/** Whether this machine can run the demo's Kamailio: the binary and its WebSocket module. */
export function kamailioInstalled(env: NodeJS.ProcessEnv = process.env): boolean {
  return kamailioBinary(env) !== null && MODULE_DIRS.some((dir) => existsSync(join(dir, 'websocket.so')));
}
