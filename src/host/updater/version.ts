/**
 * Semantic-version precedence (semver.org §11), enough to tell whether a feed offers something
 * newer: `1.2.0-beta.2 < 1.2.0-beta.10 < 1.2.0 < 1.2.1`. Build metadata (`+…`) is ignored.
 */
const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function isValidVersion(version: string): boolean {
  return SEMVER.test(version);
}

/** Negative if a < b, zero if equal, positive if a > b; throws on a string that is not a version. */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i++) {
    const diff = pa.core[i]! - pb.core[i]!;
    if (diff !== 0) return Math.sign(diff);
  }
  // A pre-release sorts before its release.
  if (pa.pre.length === 0 && pb.pre.length === 0) return 0;
  if (pa.pre.length === 0) return 1;
  if (pb.pre.length === 0) return -1;
  for (let i = 0; i < Math.max(pa.pre.length, pb.pre.length); i++) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return Math.sign(diff);
    } else if (nx !== ny) return nx ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function parse(version: string): { core: [number, number, number]; pre: string[] } {
  const m = SEMVER.exec(version);
  if (!m) throw new Error(`not a version: ${version.slice(0, 40)}`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : [] };
}
