import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { computeABogus, createABogusState } from '../../src/utils/a-bogus.js';
import { ABogus } from '../../src/utils/a-bogus-session.js';
import { generateFakeMsToken } from '../../src/utils/fake-ms-token.js';
import { randomSourceFromFloats } from '../../src/utils/signing-random.js';
import { generateVerifyFp } from '../../src/utils/verify-fp.js';
import { WebcastSigner, computeWebcastSignature } from '../../src/utils/webcast-signature.js';
import { signXBogus } from '../../src/utils/x-bogus.js';

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const FP = '1536|747|1560|834|0|30|0|0|1536|747|1536|864|1536|747|24|24|Win32';
const parts = { params: 'aid=6383&count=20', userAgent: UA, fingerprint: FP, startMs: 1_700_000_000_000, endMs: 1_700_000_000_002, randomValues: [0.1, 0.2, 0.3] };

describe('bad input gets InvalidInputError, never a crash', () => {
  it('a_bogus', () => {
    expect(() => computeABogus({ ...parts, options: [0, 1] })).toThrow(/three integers/);
    expect(() => computeABogus({ ...parts, startMs: 1.5 })).toThrow(InvalidInputError);
    expect(() => computeABogus({ ...parts, randomValues: [0.1, 0.2] })).toThrow(/3 random values/);
    expect(() => computeABogus({ ...parts, randomValues: [0.1, 0.2, 1] })).toThrow(/\[0, 1\)/);
    expect(() => computeABogus({ ...parts, body: 'x=\ud800' })).toThrow(/surrogate/);
    expect(() => new ABogus({ userAgent: 'Mozilla 中文' })).toThrow(/above U\+00FF/);
  });

  it('X-Bogus', () => {
    expect(() => signXBogus('aid=6383&count=20&cursor=0&x=1234', { userAgent: UA, timestamp: Number.NaN })).toThrow(/integer/);
  });

  it('webcast signature', () => {
    const stub = 'd6eebaec4b994615e0a0302f98c27642';
    expect(() => computeWebcastSignature('not hex!', [0.1, 0.2, 0.3, 0.4], 1)).toThrow(/hex/);
    expect(() => computeWebcastSignature(stub, [0.1, 0.2, 0.3], 1)).toThrow(/4 random draws/);
    expect(() => computeWebcastSignature(stub, [0.1, 0.2, 0.3, 0.4], 1.5)).toThrow(InvalidInputError);
    expect(() => new WebcastSigner({ random: randomSourceFromFloats(() => 2) }).signStub(stub)).toThrow(/\[0, 1\)/);
  });

  it('verifyFp', () => {
    expect(() => generateVerifyFp({ nowMs: 1.5 })).toThrow(/integer milliseconds/);
    expect(() => generateVerifyFp({ nowMs: 1, random: { random: () => 1 } })).toThrow(/\[0, 1\)/);
  });
});

describe('state and counters', () => {
  it('computeABogus mutates a given state and leaves the default fresh', () => {
    const fresh = computeABogus(parts);
    expect(computeABogus(parts)).toBe(fresh);
    const state = createABogusState();
    expect(computeABogus(parts, state)).toBe(fresh);
    expect(computeABogus(parts, state)).not.toBe(fresh);
    expect([...state]).not.toEqual([...createABogusState()]);
  });

  it('the webcast counter wraps at 64 (bogusIndex & 63)', () => {
    const stub = 'd6eebaec4b994615e0a0302f98c27642';
    const draws = [0.3, 0.6, 0.9, 0.2];
    expect(computeWebcastSignature(stub, draws, 64)).toBe(computeWebcastSignature(stub, draws, 0));
    expect(computeWebcastSignature(stub, draws, 65)).toBe(computeWebcastSignature(stub, draws, 1));
    expect(computeWebcastSignature(stub, draws, 2)).not.toBe(computeWebcastSignature(stub, draws, 3));
    const signer = new WebcastSigner({ random: randomSourceFromFloats(() => 0.5) });
    expect(signer.bogusIndex).toBe(1);
    signer.signStub(stub);
    expect(signer.bogusIndex).toBe(2);
  });

  it('defaults draw from the crypto source: values vary and keep their format', () => {
    const a = generateFakeMsToken();
    expect(a).toMatch(/^[A-Za-z0-9+-]{182}==$/);
    expect(generateFakeMsToken()).not.toBe(a);
    expect(generateVerifyFp()).toMatch(/^verify_[0-9a-z]+_[0-9A-Za-z]{8}_[0-9A-Za-z]{4}_4[0-9A-Za-z]{3}_[89AB][0-9A-Za-z]{3}_[0-9A-Za-z]{12}$/);
  });
});
