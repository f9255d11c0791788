import { createHash } from 'node:crypto';

/**
 * Deterministic pseudo-random bytes: xoshiro128** seeded from SHA-256 of a label. Fast enough to
 * fill a 64 KiB tile in well under a millisecond; not for cryptography.
 */
export function randomBlock(label: string, length: number): Buffer {
  const words = new Uint32Array(Math.ceil(length / 4));
  const seed = createHash('sha256').update(label).digest();
  let a = seed.readUInt32LE(0) | 1;
  let b = seed.readUInt32LE(4);
  let c = seed.readUInt32LE(8);
  let d = seed.readUInt32LE(12);
  for (let i = 0; i < words.length; i++) {
    const m = Math.imul(b, 5);
    words[i] = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
  }
  return Buffer.from(words.buffer, 0, length);
}

/**
 * Writes `value` as `digits` bytes of 7 bits each, big-endian: never 0xFF (so it is safe inside
 * JPEG entropy-coded data). Stamping the tile index makes every tile of a body unique, so a
 * downloader that splices bytes at the wrong offset gets a different hash.
 */
export function writeIndexStamp(target: Buffer, offset: number, value: number, digits = 6): void {
  let v = value;
  for (let i = digits - 1; i >= 0; i--) {
    target[offset + i] = v % 128;
    v = Math.floor(v / 128);
  }
}
