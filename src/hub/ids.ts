import { randomUUID } from 'node:crypto';

/** Short prefixed ids make logs and URLs readable: `conv_…`, `msg_…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}
