/** Seeded ids so runs are reproducible (mulberry32). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomHex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** `yyyyMMddHHmmss` (UTC+8, as the vendor's examples) plus 20 uppercase hex digits. */
export function requestId(now: number, random: () => number): string {
  const stamp = new Date(now + 8 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return stamp + randomHex(random, 20).toUpperCase();
}

/** RFC 3339 in UTC with second precision. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
