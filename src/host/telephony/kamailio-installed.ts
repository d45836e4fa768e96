import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { MODULE_DIRS } from './start-kamailio';

/** Whether this machine can run the demo's Kamailio: the binary on PATH (or in sbin) and its WebSocket module. */
export function kamailioInstalled(): boolean {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  const binary = dirs.some((dir) => dir && existsSync(join(dir, 'kamailio')));
  return binary && MODULE_DIRS.some((dir) => existsSync(join(dir, 'websocket.so')));
}
