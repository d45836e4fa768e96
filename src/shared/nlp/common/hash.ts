/**
 * Hashing shared by training and inference. The trainer and the shipped
 * classifier must agree bit-for-bit, so both import these functions and
 * nothing else decides bucket numbers.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Starts a rolling hash in a namespace so different feature families do not collide systematically. */
export function hashSeed(namespace: number): number {
  return Math.imul(FNV_OFFSET ^ namespace, FNV_PRIME);
}

/** Mixes one UTF-16 code unit or code point into a rolling FNV-1a hash. */
export function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** Murmur3's finalizer: FNV alone leaves the low bits (the ones we mask) poorly mixed. */
export function finalizeHash(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export function hashString(text: string, namespace: number): number {
  let h = hashSeed(namespace);
  for (let i = 0; i < text.length; i++) h = hashStep(h, text.charCodeAt(i));
  return finalizeHash(h);
}
