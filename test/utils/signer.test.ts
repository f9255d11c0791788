import { describe, expect, it } from 'vitest';
import { AbortError, InvalidInputError, InvalidOptionError, SignatureError } from '../../src/errors.js';
import { signABogus } from '../../src/utils/a-bogus-session.js';
import { generateBrowserFingerprint } from '../../src/utils/browser-fingerprint.js';
import {
  BUILTIN_SIGNER_VERSION,
  appendSignatureParam,
  createABogusSigner,
  isSigner,
  resolveSigner,
  signRequest,
  type SignRequest,
  type Signer,
} from '../../src/utils/signer.js';
import { randomSourceFromFloats } from '../../src/utils/signing-random.js';
import { signXBogus } from '../../src/utils/x-bogus.js';

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
const QUERY = 'device_platform=webapp&aid=6383&channel=channel_pc_web&aweme_id=7380308675841297704&cookie_enabled=true';
const BODY = 'aweme_type=0&item_id=7467485482314763572&play_delta=1&source=0';

/** A deterministic source: a fixed cycle of floats. */
function cycle(values: number[]) {
  let i = 0;
  return randomSourceFromFloats(() => values[i++ % values.length]!);
}
const fixedClock = () => 1_735_689_600_123;

describe('built-in signers', () => {
  it("'ab' appends a_bogus computed like F2's manager (fresh state, fingerprint fixed per signer)", async () => {
    const random = cycle([0.25, 0.5, 0.75]);
    const signer = resolveSigner('ab', { random, clock: fixedClock });
    expect(signer).toMatchObject({ name: 'ab', version: BUILTIN_SIGNER_VERSION });
    const fingerprint = generateBrowserFingerprint('Edge', cycle([0.25, 0.5, 0.75]));
    const expected = signABogus(QUERY, '', { userAgent: UA, fingerprint, startMs: fixedClock(), endMs: fixedClock(), randomValues: [0.25, 0.5, 0.75] });

    const result = await signRequest(signer, { method: 'GET', query: QUERY, userAgent: UA });
    expect(result).toEqual({ param: 'a_bogus', value: expected.aBogus, query: `${QUERY}&a_bogus=${expected.aBogus}` });
    // Same inputs on the same signer → same value: no state leaks between requests.
    const again = signer.sign({ method: 'GET', query: QUERY, userAgent: UA });
    expect(again).toEqual(await signRequest(createABogusSigner({ random: cycle([0.25, 0.5, 0.75]), clock: fixedClock }), { method: 'GET', query: QUERY, userAgent: UA }));
  });

  it("'ab' signs the POST body and ignores a body on GET", () => {
    const make = () => createABogusSigner({ fingerprint: '1536|747|1560|834|0|30|0|0|1536|747|1536|864|1536|747|24|24|Win32', random: cycle([0.1]), clock: fixedClock });
    const post = make().sign({ method: 'POST', query: QUERY, body: BODY, userAgent: UA }) as { value: string };
    const postEmpty = make().sign({ method: 'POST', query: QUERY, body: '', userAgent: UA }) as { value: string };
    const getWithBody = make().sign({ method: 'GET', query: QUERY, body: BODY, userAgent: UA }) as { value: string };
    expect(post.value).not.toBe(postEmpty.value);
    expect(getWithBody.value).toBe(postEmpty.value);
  });

  it("'xb' appends X-Bogus for the request's user agent and the clock's second", () => {
    const signer = resolveSigner('xb', { clock: () => 1_700_000_000_999 });
    const result = signer.sign({ method: 'GET', query: QUERY, userAgent: UA });
    const { xBogus } = signXBogus(QUERY, { userAgent: UA, timestamp: 1_700_000_000 });
    expect(result).toEqual({ param: 'X-Bogus', value: xBogus, query: `${QUERY}&X-Bogus=${xBogus}` });
  });

  it('defaults to ab', () => {
    expect(resolveSigner().name).toBe('ab');
  });

  it('appends to an empty query without a leading &', () => {
    expect(appendSignatureParam('', 'a_bogus', 'v')).toBe('a_bogus=v');
    const result = resolveSigner('xb', { clock: fixedClock }).sign({ method: 'GET', query: '', userAgent: UA }) as { query: string };
    expect(result.query).toMatch(/^X-Bogus=[\w/=-]{28}$/);
  });

  it('rejects requests it cannot sign with InvalidInputError', () => {
    const signer = resolveSigner('ab', { clock: fixedClock });
    expect(() => signer.sign({ method: 'GET', query: QUERY, userAgent: '' })).toThrow(InvalidInputError);
    expect(() => signer.sign({ method: 'PUT' as 'GET', query: QUERY, userAgent: UA })).toThrow(/GET' or 'POST/);
    expect(() => signer.sign({ method: 'GET', query: QUERY, userAgent: 'Mozilla/5.0 中文' })).toThrow(/above U\+00FF/);
    expect(() => resolveSigner('xb').sign({ method: 'GET', query: QUERY, userAgent: 'curl/8.0' })).toThrow(/too short/);
  });
});

describe('user-supplied signers', () => {
  const custom: Signer = {
    name: 'remote',
    version: '2025.1',
    async sign(request: SignRequest) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const value = `sig-${request.method}-${request.query.length}`;
      return { query: appendSignatureParam(request.query, 'x_sig', value), param: 'x_sig', value };
    },
  };

  it('is returned as it is and used, sync or async', async () => {
    expect(resolveSigner(custom)).toBe(custom);
    expect(isSigner(custom)).toBe(true);
    const result = await signRequest(resolveSigner(custom), { method: 'GET', query: 'a=1', userAgent: UA });
    expect(result).toEqual({ query: 'a=1&x_sig=sig-GET-3', param: 'x_sig', value: 'sig-GET-3' });
  });

  it('turns a failing signer into SignatureError with the cause, without leaking tokens', async () => {
    const cause = new Error('upstream said no for msToken=SECRETTOKEN');
    const failing: Signer = { name: 'bad', version: '1', sign: () => Promise.reject(cause) };
    const error = await signRequest(failing, { method: 'GET', query: 'a=1', userAgent: UA }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignatureError);
    expect((error as SignatureError).code).toBe('ERR_SIGNATURE');
    expect((error as SignatureError).message).toMatch(/signer bad@1 failed/);
    expect((error as SignatureError).message).not.toContain('SECRETTOKEN');
    expect((error as SignatureError).cause).toBe(cause);
  });

  it('rejects a malformed result with SignatureError', async () => {
    const broken = { name: 'broken', version: '0', sign: () => ({ query: 'a=1' }) } as unknown as Signer;
    await expect(signRequest(broken, { method: 'GET', query: 'a=1', userAgent: UA })).rejects.toThrow(SignatureError);
  });

  it('passes douyin-kit errors through and honours an aborted signal', async () => {
    await expect(signRequest(resolveSigner('ab'), { method: 'GET', query: 'a=1', userAgent: '' })).rejects.toThrow(InvalidInputError);
    const controller = new AbortController();
    controller.abort();
    await expect(signRequest(custom, { method: 'GET', query: 'a=1', userAgent: UA }, { signal: controller.signal })).rejects.toThrow(
      AbortError,
    );
  });
});

describe('resolveSigner rejects junk', () => {
  it.each([
    ['an unknown name', 'abc'],
    ['a number', 42],
    ['null', null],
    ['an empty object', {}],
    ['an object without sign()', { name: 'x', version: '1' }],
    ['an object without a version', { name: 'x', sign: () => ({}) }],
    ['a function', () => 'sig'],
  ])('%s → InvalidOptionError(signer)', (_label, spec) => {
    let caught: unknown;
    try {
      resolveSigner(spec as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidOptionError);
    expect((caught as InvalidOptionError).key).toBe('signer');
    expect((caught as InvalidOptionError).code).toBe('ERR_INVALID_OPTION');
  });

  it('rejects unknown built-in options by name', () => {
    expect(() => resolveSigner('ab', { fingerprnt: 'x' } as never)).toThrow(/Unexpected signer option: fingerprnt/);
  });
});
