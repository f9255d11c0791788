import { AbortError, InvalidInputError, InvalidOptionError, SignatureError, isDouyinKitError, redactSecrets } from '../errors.js';
import { assembleABogus, hashABogusInputs } from './a-bogus.js';
import { generateBrowserFingerprint, type BrowserType } from './browser-fingerprint.js';
import { cryptoRandomSource, systemClock, type Clock, type RandomSource } from './signing-random.js';
import { signXBogus } from './x-bogus.js';

/**
 * The pluggable request signer. The crawler hands every request to a `Signer` and sends what it
 * returns; Douyin changes its algorithm now and then, so users can plug in their own (a newer
 * algorithm, a remote signing service) without waiting for a release.
 */

export type SignMethod = 'GET' | 'POST';

/** What the crawler asks a signer to sign. */
export interface SignRequest {
  method: SignMethod;
  /** The query string exactly as it will be sent, without the leading `?`. */
  query: string;
  /** The request body exactly as it will be sent (POST). Ignored for GET. */
  body?: string;
  /** The `User-Agent` header the request is sent with (signatures cover it). */
  userAgent: string;
}

/** What a signer returns: the query string to send, and the parameter it appended. */
export interface SignResult {
  /** `request.query` with `param=value` appended (see {@link appendSignatureParam}). */
  query: string;
  /** The parameter name: `a_bogus`, `X-Bogus`, or a custom signer's own. */
  param: string;
  /** The signature value, as appended (not percent-encoded). */
  value: string;
}

export interface SignOptions {
  signal?: AbortSignal;
}

/**
 * A request signer. `sign` may be synchronous or return a promise (a remote signer); the crawler
 * always awaits it through {@link signRequest}.
 * @example
 * const mySigner: Signer = {
 *   name: 'my-ab', version: '2025.1',
 *   async sign(req) { const value = await callMyService(req); return { query: appendSignatureParam(req.query, 'a_bogus', value), param: 'a_bogus', value }; },
 * };
 */
export interface Signer {
  /** Short identifier, shown in logs and errors (`ab`, `xb`, …). */
  readonly name: string;
  /** Algorithm version, so a log says which one signed a rejected request. */
  readonly version: string;
  sign(request: SignRequest, options?: SignOptions): SignResult | Promise<SignResult>;
}

/** Names of the built-in signers: `ab` (a_bogus, the default) and `xb` (X-Bogus). */
export type BuiltinSignerName = 'ab' | 'xb';
export type SignerSpec = BuiltinSignerName | Signer;

/** Options of the built-in signers; every field is for tests or special needs. */
export interface BuiltinSignerOptions {
  /** Randomness (fingerprint, a_bogus draws). @default cryptoRandomSource */
  random?: RandomSource;
  /** @default Date.now */
  clock?: Clock;
  /** `ab`: the browser fingerprint. @default one generated when the signer is created, then kept (like one browser) */
  fingerprint?: string;
  /** `ab`: browser the generated fingerprint imitates. @default 'Edge' */
  browserType?: BrowserType;
  /** `ab`: the three a_bogus option integers. @default [0, 1, 14] */
  aBogusOptions?: readonly number[];
}

/** The version both built-ins report: they reproduce F2 0.0.1.7 byte for byte. */
export const BUILTIN_SIGNER_VERSION = 'f2-0.0.1.7';

const BUILTIN_OPTION_KEYS = new Set(['random', 'clock', 'fingerprint', 'browserType', 'aBogusOptions']);

/** `query&param=value`, or `param=value` when the query is empty. */
export function appendSignatureParam(query: string, param: string, value: string): string {
  return query === '' ? `${param}=${value}` : `${query}&${param}=${value}`;
}

/**
 * The `ab` signer: appends `a_bogus`. Each request gets a fresh a_bogus state, as F2's managers
 * do; the fingerprint is fixed per signer.
 */
export function createABogusSigner(options: BuiltinSignerOptions = {}): Signer {
  checkBuiltinOptions(options);
  const random = options.random ?? cryptoRandomSource;
  const clock = options.clock ?? systemClock;
  const fingerprint = options.fingerprint || generateBrowserFingerprint(options.browserType ?? 'Edge', random);
  const aBogusOptions = options.aBogusOptions;
  return Object.freeze({
    name: 'ab',
    version: BUILTIN_SIGNER_VERSION,
    sign(request: SignRequest): SignResult {
      const { query, body } = checkRequest(request);
      // F2's manager flow on a fresh state: clock, hashing, clock, three draws.
      const startMs = clock();
      const digests = hashABogusInputs(query, body, request.userAgent);
      const endMs = clock();
      const randomValues = [random.random(), random.random(), random.random()];
      const value = assembleABogus(digests, { fingerprint, options: aBogusOptions, startMs, endMs, randomValues });
      return { query: appendSignatureParam(query, 'a_bogus', value), param: 'a_bogus', value };
    },
  });
}

/** The `xb` signer: appends `X-Bogus` (older endpoints; the body is not signed). */
export function createXBogusSigner(options: Pick<BuiltinSignerOptions, 'clock'> = {}): Signer {
  checkBuiltinOptions(options);
  const clock = options.clock ?? systemClock;
  return Object.freeze({
    name: 'xb',
    version: BUILTIN_SIGNER_VERSION,
    sign(request: SignRequest): SignResult {
      const { query } = checkRequest(request);
      const value = signXBogus(query, { userAgent: request.userAgent, clock }).xBogus;
      return { query: appendSignatureParam(query, 'X-Bogus', value), param: 'X-Bogus', value };
    },
  });
}

/**
 * A signer from the `signer` option: `'ab'` (default), `'xb'`, or your own {@link Signer}, which
 * is returned as it is (`options` apply to the built-ins only).
 * @throws {InvalidOptionError} (key `signer`) for anything else.
 */
export function resolveSigner(spec: SignerSpec = 'ab', options: BuiltinSignerOptions = {}): Signer {
  if (spec === 'ab') return createABogusSigner(options);
  if (spec === 'xb') return createXBogusSigner({ clock: options.clock });
  if (isSigner(spec)) return spec;
  throw new InvalidOptionError(
    'signer',
    `Expected \`signer\` to be 'ab', 'xb' or an object with string \`name\` and \`version\` and a \`sign\` method, got ${describe(spec)}`,
    { hint: "Use 'ab' (a_bogus) unless an endpoint needs 'xb' (X-Bogus)." },
  );
}

/** True for objects shaped like a {@link Signer}. */
export function isSigner(value: unknown): value is Signer {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && v.name !== '' && typeof v.version === 'string' && typeof v.sign === 'function';
}

/**
 * Runs a signer (sync or async) and checks what it returned. Errors from douyin-kit pass through;
 * anything else a signer throws becomes a `SignatureError` with the original as `cause`.
 * @throws {AbortError} when `signal` is already aborted.
 * @throws {SignatureError} when the signer fails or returns a malformed result.
 */
export async function signRequest(signer: Signer, request: SignRequest, options: SignOptions = {}): Promise<SignResult> {
  if (options.signal?.aborted) throw new AbortError();
  const who = `signer ${signer.name}@${signer.version}`;
  let result: unknown;
  try {
    result = await signer.sign(request, options);
  } catch (error) {
    if (isDouyinKitError(error)) throw error;
    throw new SignatureError(`${who} failed: ${redactSecrets(error instanceof Error ? error.message : String(error))}`, {
      cause: error,
    });
  }
  const r = result as Partial<SignResult> | null;
  if (typeof r !== 'object' || r === null || typeof r.query !== 'string' || typeof r.param !== 'string' || typeof r.value !== 'string') {
    throw new SignatureError(`${who} returned ${describe(result)}, not { query, param, value } strings`);
  }
  if (r.param === '' || r.value === '') throw new SignatureError(`${who} returned an empty parameter name or value`);
  return { query: r.query, param: r.param, value: r.value };
}

function checkRequest(request: SignRequest): { query: string; body: string } {
  if (typeof request !== 'object' || request === null) throw new InvalidInputError(`Expected a sign request object, got ${describe(request)}`);
  if (request.method !== 'GET' && request.method !== 'POST') {
    throw new InvalidInputError(`Expected method 'GET' or 'POST', got ${describe(request.method)}`);
  }
  if (typeof request.query !== 'string') throw new InvalidInputError(`Expected query to be a string, got ${describe(request.query)}`);
  if (typeof request.userAgent !== 'string' || request.userAgent === '') {
    throw new InvalidInputError('A user agent is required: the signature covers the User-Agent header the request is sent with');
  }
  const body = request.method === 'POST' ? (request.body ?? '') : '';
  if (typeof body !== 'string') throw new InvalidInputError(`Expected body to be a string, got ${describe(body)}`);
  return { query: request.query, body };
}

function checkBuiltinOptions(options: object): void {
  for (const key of Object.keys(options)) {
    if (!BUILTIN_OPTION_KEYS.has(key)) throw new InvalidOptionError(key, `Unexpected signer option: ${key}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `\`${value.slice(0, 40)}\` (string)`;
  if (value === null) return '`null`';
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object of another shape';
  return `\`${String(value)}\` (${typeof value})`;
}
