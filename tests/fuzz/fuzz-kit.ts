import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Shared pieces of the fuzz suite: the budget (cases per boundary, and a time cap so `npm test` stays bounded),
 * what the hub holds (to prove a refused input stored nothing), memory checks and the input generators.
 * FUZZ_RUNS raises or lowers every boundary's case count (default below); FUZZ_SEED replays a run.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

export function fuzzParams(scale = 1): fc.Parameters<unknown> {
  return {
    numRuns: Math.max(1, Math.round(FUZZ_RUNS * scale)),
    interruptAfterTimeLimit: 20_000,
    markInterruptAsFailure: false,
    ...(FUZZ_SEED !== undefined ? { seed: FUZZ_SEED } : {}),
  };
}

const tried = new Map<string, number>();
/** Counts one generated case against its boundary; `reportCases` prints the totals. */
export function tick(boundary: string, n = 1): void {
  tried.set(boundary, (tried.get(boundary) ?? 0) + n);
}
export function reportCases(): void {
  for (const [boundary, n] of [...tried].sort()) console.log(`fuzz ${boundary}: ${n} cases`);
  tried.clear();
}

/** What a refused input must never leave behind in the hub's database. */
const CONTENT_TABLES = ['customers', 'identities', 'identity_claims', 'conversations', 'messages', 'message_secrets', 'tickets', 'attachments', 'merge_suggestions'];

export function contentCounts(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'hub.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(CONTENT_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

let gcFn: (() => void) | null = null;
/** The heap after a full collection, in MiB (gc exposed at run time; vitest's workers do not pass --expose-gc). */
export function heapMiB(): number {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Text an attacker would try: control characters, unicode, markup, injection, huge and empty. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "'; DROP TABLE messages;--", '__proto__', 'constructor', '%00', '\r\nX-Injected: 1', '１１０１０５１９４９１２３１００２Ｘ', '${7*7}', '{{7*7}}'),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'A'.repeat(n)),
);

/** JSON values, including the shapes that break naive code: deep nesting, prototype keys, huge arrays. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown),
  fc.integer({ min: 100, max: 1_000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
  fc.integer({ min: 1_000, max: 50_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
);

/** A valid object with one field replaced, removed or retyped: gets past shallow checks, not past a schema. */
export function mutated(valid: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), fc.oneof(hostileString.map((s): unknown => s), hostileJson)).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    fc.tuple(hostileString, hostileJson).map(([k, v]) => ({ ...valid, [k]: v })),
  );
}

/** A body of bytes: JSON, near-JSON, XML-ish, binary or oversized. */
export const hostileBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  hostileJson.map((v) => JSON.stringify(v) ?? 'null'),
  hostileString,
  fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
  fc.constantFrom('{', '{"a":', '<xml>', '<xml><A>1</A></xml>', 'null', '[]', '""'),
  // Nesting deeper than any recursive parser or serializer should follow.
  fc.integer({ min: 5_000, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 100_000, max: 3_000_000 }).map((n) => Buffer.alloc(n, 0x61)),
);
