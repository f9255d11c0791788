/**
 * Seeded randomness for the emulated world. Everything the emulator invents (ids, names, sizes,
 * fault decisions) comes from a `Rng` derived from the world seed plus a label, so the same seed
 * and the same sequence of requests always give the same answers.
 */

/** FNV-1a over UTF-16 code units, then avalanched: a 32-bit hash of any text. */
export function hash32(text: string): number {
  return avalanche(fnv1a(text));
}

/** The FNV-1a state after `text`, continuing from `h` (so a shared prefix is hashed once). */
export function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** The final mix of `hash32`: `avalanche(fnv1a(text)) === hash32(text)`. */
export function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A float in [0, 1) that depends only on the text (for stateless per-object decisions). */
export function unitHash(text: string): number {
  return hash32(text) / 0x1_0000_0000;
}

const ALNUM_LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX_UPPER = '0123456789ABCDEF';

/** sfc32: small, fast, good enough for test data; four 32-bit words of state. */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: string | number) {
    const text = String(seed);
    this.#a = hash32(`a:${text}`);
    this.#b = hash32(`b:${text}`);
    this.#c = hash32(`c:${text}`);
    this.#d = hash32(`d:${text}`) | 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `n` distinct items (fewer when the list is shorter), in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const out: T[] = [];
    while (out.length < n && copy.length > 0) {
      const i = Math.floor(this.next() * copy.length);
      out.push(copy[i] as T);
      copy[i] = copy[copy.length - 1] as T;
      copy.pop();
    }
    return out;
  }

  digits(n: number, firstNonZero = true): string {
    let s = firstNonZero ? String(this.int(1, 9)) : String(this.int(0, 9));
    while (s.length < n) s += String(this.int(0, 9));
    return s;
  }

  #from(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  alnumLower(n: number): string {
    return this.#from(ALNUM_LOWER, n);
  }

  base64url(n: number): string {
    return this.#from(B64URL, n);
  }

  hexUpper(n: number): string {
    return this.#from(HEX_UPPER, n);
  }

  hexLower(n: number): string {
    return this.#from(HEX_UPPER, n).toLowerCase();
  }

  /** A child generator whose sequence depends only on this one's seed and the label. */
  fork(label: string): Rng {
    return new Rng(`${this.uint32()}:${label}`);
  }
}

/** Douyin's 19-digit ids are `(unix seconds << 32) | random 32 bits`. */
export function timeId(unixSeconds: number, rng: Rng): string {
  return ((BigInt(unixSeconds) << 32n) | BigInt(rng.uint32())).toString();
}
