/** The shipped weight files in src/shared/nlp/weights/: JSON, written by train.ts, read back by eval and tests. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WEIGHTS_DIR = join(import.meta.dirname, '../../src/shared/nlp/weights');

export function writeWeights(name: string, model: unknown): void {
  const body = `${JSON.stringify(model)}\n`;
  writeFileSync(join(WEIGHTS_DIR, `${name}.json`), body);
  process.stderr.write(`wrote ${name}.json (${(body.length / 1024).toFixed(0)} KiB)\n`);
}

export function readWeights(name: string): unknown {
  return JSON.parse(readFileSync(join(WEIGHTS_DIR, `${name}.json`), 'utf8')) as unknown;
}
