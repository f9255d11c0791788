import { describe, expect, it } from 'vitest';
import { FAKE_MS_TOKEN_CHARSET, generateFakeMsToken } from '../../src/utils/fake-ms-token.js';
import { randomSourceFromFloats } from '../../src/utils/signing-random.js';
import { generateSVWebId, generateVerifyFp } from '../../src/utils/verify-fp.js';
import { loadVectors, nonEmpty } from '../helpers/vectors.js';

interface VerifyFpVector {
  id: string;
  method: string;
  input: { time_ms: number; random_values_in_order: number[] };
  expected: string;
}
interface FakeMsTokenVector {
  id: string;
  input: { choice_indices_into_charset: number[] };
  expected: string;
}
interface Family {
  verify_fp_vectors: VerifyFpVector[];
  fake_msToken_vectors: FakeMsTokenVector[];
  token_formats: { msToken_fake: { charset: string } };
}

const family = loadVectors<Family>('verify_fp');

describe('verifyFp / s_v_web_id vectors', () => {
  it.each(nonEmpty(family.verify_fp_vectors, 'verify_fp.verify_fp_vectors'))('$id ($method)', (v) => {
    const draws = v.input.random_values_in_order;
    let used = 0;
    const random = randomSourceFromFloats(() => draws[used++]!);
    const generate = v.method.includes('s_v_web_id') ? generateSVWebId : generateVerifyFp;
    // The time comes from the injected clock, read once.
    let clockReads = 0;
    const clock = () => (clockReads++, v.input.time_ms);
    expect(generate({ clock, random })).toBe(v.expected);
    expect(used).toBe(draws.length);
    expect(clockReads).toBe(1);
  });
});

describe('fake msToken vectors', () => {
  it('uses F2’s charset', () => {
    expect(FAKE_MS_TOKEN_CHARSET).toBe(family.token_formats.msToken_fake.charset);
  });

  it.each(nonEmpty(family.fake_msToken_vectors, 'verify_fp.fake_msToken_vectors'))('$id', (v) => {
    const indices = v.input.choice_indices_into_charset;
    let used = 0;
    const token = generateFakeMsToken({
      random: {
        choice: <T>(items: readonly T[]): T => {
          expect(items.join('')).toBe(FAKE_MS_TOKEN_CHARSET);
          return items[indices[used++]!]!;
        },
      },
    });
    expect(token).toBe(v.expected);
    expect(token).toHaveLength(184);
    expect(used).toBe(indices.length);
  });
});
