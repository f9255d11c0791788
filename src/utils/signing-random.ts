import { randomFillSync } from 'node:crypto';
import { InvalidInputError } from '../errors.js';

/**
 * Where the signing helpers get their randomness. The three methods mirror the Python calls F2
 * makes (`random.random`, `random.randint`, `random.choice`), so a recorded F2 run can be replayed
 * draw for draw.
 */
export interface RandomSource {
  /** A float in `[0, 1)` (Python `random.random()`). */
  random(): number;
  /** An integer in `[min, max]`, both ends included (Python `random.randint`). */
  randint(min: number, max: number): number;
  /** One element of a non-empty list (Python `random.choice`). */
  choice<T>(items: readonly T[]): T;
}

/** Milliseconds since the Unix epoch, like `Date.now`. */
export type Clock = () => number;

/** The default clock: `Date.now`. */
export const systemClock: Clock = () => Date.now();

const POOL_WORDS = 1024;
const TWO_POW_32 = 0x1_0000_0000;

/**
 * Randomness from the operating system's CSPRNG (`crypto.randomFillSync`), drawn from a refilled
 * pool so one draw costs a few nanoseconds. `randint` and `choice` are unbiased (rejection
 * sampling). This is the default everywhere: `Math.random` is a xorshift generator whose state can
 * be recovered from a few outputs, which would make the fake tokens and fingerprints we send
 * linkable to each other.
 */
export function createCryptoRandomSource(): RandomSource {
  const pool = new Uint32Array(POOL_WORDS);
  let next = POOL_WORDS;
  const word = (): number => {
    if (next === POOL_WORDS) {
      randomFillSync(pool);
      next = 0;
    }
    return pool[next++]!;
  };
  const random = (): number => ((word() >>> 5) * 67_108_864 + (word() >>> 6)) / 9_007_199_254_740_992;
  const randint = (min: number, max: number): number => {
    checkRange(min, max);
    const span = max - min + 1;
    if (span > TWO_POW_32) return min + Math.floor(random() * span);
    const limit = TWO_POW_32 - (TWO_POW_32 % span);
    let x = word();
    while (x >= limit) x = word();
    return min + (x % span);
  };
  return {
    random,
    randint,
    choice: <T>(items: readonly T[]): T => items[randint(0, nonEmptyLength(items) - 1)]!,
  };
}

/** The shared default source (see {@link createCryptoRandomSource}). */
export const cryptoRandomSource: RandomSource = createCryptoRandomSource();

/**
 * A {@link RandomSource} built on any float generator (`Math.random`, a seeded PRNG, a replay
 * queue): `randint(a, b) = a + floor(r * (b - a + 1))`, `choice(xs) = xs[floor(r * xs.length)]`.
 * @throws {InvalidInputError} when the generator returns a value outside `[0, 1)`.
 */
export function randomSourceFromFloats(nextFloat: () => number): RandomSource {
  const random = (): number => checkUnitFloat(nextFloat(), 'random()');
  return {
    random,
    randint(min, max) {
      checkRange(min, max);
      return min + Math.floor(random() * (max - min + 1));
    },
    choice<T>(items: readonly T[]): T {
      return items[Math.floor(random() * nonEmptyLength(items))]!;
    },
  };
}

/** @internal Checks a float meant to come from `random()`; returns it. */
export function checkUnitFloat(value: number, what: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new InvalidInputError(`${what} must be a number in [0, 1), got ${String(value)}`, {
      hint: 'Random draws are floats like Math.random() returns.',
    });
  }
  return value;
}

/** @internal Checks an integer input (timestamps, counters); returns it. */
export function checkSafeInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new InvalidInputError(`${what} must be a safe integer, got ${String(value)} (${typeof value})`);
  }
  return value;
}

function checkRange(min: number, max: number): void {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
    throw new InvalidInputError(`randint needs integers min <= max, got ${String(min)} and ${String(max)}`);
  }
}

function nonEmptyLength(items: readonly unknown[]): number {
  if (items.length === 0) throw new InvalidInputError('choice() needs a non-empty list');
  return items.length;
}
