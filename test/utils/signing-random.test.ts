import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { createCryptoRandomSource, randomSourceFromFloats } from '../../src/utils/signing-random.js';

describe('random sources', () => {
  it('the crypto source draws floats in [0, 1) and inclusive integer ranges', () => {
    const random = createCryptoRandomSource();
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const f = random.random();
      expect(f >= 0 && f < 1).toBe(true);
      const n = random.randint(24, 32);
      expect(Number.isInteger(n) && n >= 24 && n <= 32).toBe(true);
      seen.add(n);
    }
    expect(seen.size).toBe(9);
    expect([0, 30]).toContain(random.choice([0, 30]));
  });

  it('derives randint and choice from any float generator', () => {
    const values = [0, 0.999999, 0.5];
    let i = 0;
    const random = randomSourceFromFloats(() => values[i++]!);
    expect(random.randint(1024, 1920)).toBe(1024);
    expect(random.randint(1024, 1920)).toBe(1920);
    expect(random.choice(['a', 'b', 'c', 'd'])).toBe('c');
  });

  it('rejects draws outside [0, 1) and bad ranges', () => {
    expect(() => randomSourceFromFloats(() => 1).random()).toThrow(InvalidInputError);
    expect(() => randomSourceFromFloats(() => Number.NaN).random()).toThrow(/\[0, 1\)/);
    expect(() => createCryptoRandomSource().randint(5, 4)).toThrow(InvalidInputError);
    expect(() => createCryptoRandomSource().choice([])).toThrow(/non-empty/);
  });
});
