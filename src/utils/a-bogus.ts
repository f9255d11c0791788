import { InvalidInputError } from '../errors.js';
import { checkSafeInteger, checkUnitFloat } from './signing-random.js';
import { alphabetCodes, checkString, checkWellFormed, doubleDigestBinary, latin1Bytes, rc4, sm3 } from './signing-primitives.js';

/**
 * a_bogus, byte-exact with F2 0.0.1.7 (`f2/utils/abogus.py`). This file is the pure core: every
 * clock reading and random draw is an argument. `ABogus` (in `a-bogus-session.ts`) adds the
 * clock, the random source and F2's per-instance state.
 *
 * Quirks kept on purpose (Douyin accepts them, and the vectors pin them):
 * - `ms / 2^32` and `ms / 2^40` go in unmasked (≈ 395–411 today) and their high bits bleed into the
 *   neighbouring character in the final encoding, so everything stays an integer, never a byte;
 * - the transform mutates a 256-entry permutation ("big_array") that a caller may carry across calls.
 */

/** The user agent F2's `ABogus` uses when it is given none (or `''`). */
export const DEFAULT_ABOGUS_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0';
/** F2's default options for GET and POST alike (the docstring's POST value is `[0, 1, 8]`). */
export const DEFAULT_ABOGUS_OPTIONS: readonly number[] = Object.freeze([0, 1, 14]);
/** Alphabet of the final 3→4 encoding. */
export const ABOGUS_ALPHABET = 'Dkdpgh2ZmsQB80/MfvV36XI1R45-WUAlEixNLwoqYTOPuzKFjJnry79HbGcaStCe';
/** Alphabet of the base64 of rc4(UA) (standard base64 otherwise, `=` padding). */
export const ABOGUS_UA_ALPHABET = 'ckdp1h4ZKsUB80/Mfvw36XIgR25+WQAlEi7NLboqYTOPuzmFjJnryx9HVGDaStCe';

// prettier-ignore
const INITIAL_STATE = Uint8Array.of(
  121, 243, 55, 234, 103, 36, 47, 228, 30, 231, 106, 6, 115, 95, 78, 101, 250, 207, 198, 50, 139, 227, 220, 105, 97,
  143, 34, 28, 194, 215, 18, 100, 159, 160, 43, 8, 169, 217, 180, 120, 247, 45, 90, 11, 27, 197, 46, 3, 84, 72, 5, 68,
  62, 56, 221, 75, 144, 79, 73, 161, 178, 81, 64, 187, 134, 117, 186, 118, 16, 241, 130, 71, 89, 147, 122, 129, 65, 40,
  88, 150, 110, 219, 199, 255, 181, 254, 48, 4, 195, 248, 208, 32, 116, 167, 69, 201, 17, 124, 125, 104, 96, 83, 80,
  127, 236, 108, 154, 126, 204, 15, 20, 135, 112, 158, 13, 1, 188, 164, 210, 237, 222, 98, 212, 77, 253, 42, 170, 202,
  26, 22, 29, 182, 251, 10, 173, 152, 58, 138, 54, 141, 185, 33, 157, 31, 252, 132, 233, 235, 102, 196, 191, 223, 240,
  148, 39, 123, 92, 82, 128, 109, 57, 24, 38, 113, 209, 245, 2, 119, 153, 229, 189, 214, 230, 174, 232, 63, 52, 205,
  86, 140, 66, 175, 111, 171, 246, 133, 238, 193, 99, 60, 74, 91, 225, 51, 76, 37, 145, 211, 166, 151, 213, 206, 0,
  200, 244, 176, 218, 44, 184, 172, 49, 216, 93, 168, 53, 21, 183, 41, 67, 85, 224, 155, 226, 242, 87, 177, 146, 70,
  190, 12, 162, 19, 137, 114, 25, 165, 163, 192, 23, 59, 9, 94, 179, 107, 35, 7, 142, 131, 239, 203, 149, 136, 61, 249,
  14, 156,
);
// prettier-ignore
const SORT_INDEX = [18, 20, 52, 26, 30, 34, 58, 38, 40, 53, 42, 21, 27, 54, 55, 31, 35, 57, 39, 41, 43, 22, 28, 32, 60,
  36, 23, 29, 33, 37, 44, 45, 59, 46, 47, 48, 49, 50, 24, 25, 65, 66, 70, 71];
// prettier-ignore
const SORT_INDEX_2 = [18, 20, 26, 30, 34, 38, 40, 42, 21, 27, 31, 35, 39, 41, 43, 22, 28, 32, 36, 23, 29, 33, 37, 44,
  45, 46, 47, 48, 49, 50, 24, 25, 52, 53, 54, 55, 57, 58, 59, 60, 65, 66, 70, 71];
const SALT = 'cus';
const UA_KEY = [0, 1, 14];
const AID = 6383;
const ALPHABET = alphabetCodes(ABOGUS_ALPHABET);
const STD_B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A fresh copy of F2's initial 256-entry state ("big_array"). Pass the same array to successive
 * {@link computeABogus} calls to reproduce F2's behaviour on one `ABogus` instance.
 */
export function createABogusState(): Uint8Array {
  return INITIAL_STATE.slice();
}

/** Every input of one a_bogus; nothing here is read from a clock or a random source. */
export interface ABogusParts {
  /** The query string that is signed (and sent), without `?`. */
  params: string;
  /** The request body; `''` (the default) for GET. */
  body?: string;
  /** `''`/omitted → {@link DEFAULT_ABOGUS_USER_AGENT}. */
  userAgent?: string;
  /** The browser fingerprint string (see `generateBrowserFingerprint`). */
  fingerprint: string;
  /** Three integers. @default [0, 1, 14] */
  options?: readonly number[];
  /** Clock reading (ms) taken before hashing. */
  startMs: number;
  /** Clock reading (ms) taken after hashing. */
  endMs: number;
  /** The three `random()` floats in `[0, 1)`, in draw order. */
  randomValues: readonly number[];
}

/**
 * Computes one a_bogus. `state` (from {@link createABogusState}) is mutated when given; without it
 * a fresh state is used, as F2's managers do (a new `ABogus` per request).
 * @throws {InvalidInputError} for a user agent above U+00FF, text with lone surrogates, a
 *   non-integer timestamp, options that are not three integers, random values outside `[0, 1)`.
 */
export function computeABogus(parts: ABogusParts, state?: Uint8Array): string {
  const digests = hashABogusInputs(parts.params, parts.body ?? '', parts.userAgent || DEFAULT_ABOGUS_USER_AGENT);
  return assembleABogus(digests, parts, state);
}

/** GET requests hash an empty body: the same constant every time, computed on first use. */
let emptyBody: string | undefined;

/**
 * The hashing half (between F2's two clock readings): bytes 21–22 of SM3(SM3(params+"cus")) and of
 * SM3(SM3(body+"cus")), and bytes 23–24 of SM3(base64'(rc4(UA))).
 * @internal
 */
export function hashABogusInputs(params: string, body: string, userAgent: string): Uint8Array {
  const out = new Uint8Array(6);
  const p = saltedDoubleSm3(params, 'the params string');
  out[0] = p.charCodeAt(21);
  out[1] = p.charCodeAt(22);
  const b = body === '' ? (emptyBody ??= saltedDoubleSm3('', 'the body')) : saltedDoubleSm3(body, 'the body');
  out[2] = b.charCodeAt(21);
  out[3] = b.charCodeAt(22);
  const u = userAgentDigest(userAgent);
  out[4] = u[0]!;
  out[5] = u[1]!;
  return out;
}

// Work buffers reused across calls (everything below is synchronous, so calls never overlap).
const freshState = new Uint8Array(256);
const dir = new Int32Array(72);
let codes = new Int32Array(256);
let out = Buffer.allocUnsafe(512);

/**
 * The rest of a_bogus once the digests are known. `state` is mutated; without it the initial
 * state is used (and left untouched). @internal
 */
export function assembleABogus(
  digests: Uint8Array,
  parts: Omit<ABogusParts, 'params' | 'body' | 'userAgent'>,
  state?: Uint8Array,
): string {
  const options = checkOptions(parts.options ?? DEFAULT_ABOGUS_OPTIONS);
  const start = checkSafeInteger(parts.startMs, 'startMs');
  const end = checkSafeInteger(parts.endMs, 'endMs');
  const randoms = parts.randomValues;
  if (!Array.isArray(randoms) || randoms.length !== 3) {
    throw new InvalidInputError(`a_bogus needs 3 random values, got ${Array.isArray(randoms) ? randoms.length : typeof randoms}`);
  }
  const fp = codePoints(parts.fingerprint);

  dir.fill(0);
  dir[8] = 3;
  dir[18] = 44;
  putTime(dir, 20, start);
  putBytes(dir, 26, options[0]!);
  dir[30] = Math.trunc(options[1]! / 256) & 255;
  dir[31] = ((options[1]! % 256) + 256) % 256;
  dir[32] = byteOf(options[1]!, 24);
  dir[33] = byteOf(options[1]!, 16);
  putBytes(dir, 34, options[2]!);
  dir[38] = digests[0]!;
  dir[39] = digests[1]!;
  dir[40] = digests[2]!;
  dir[41] = digests[3]!;
  dir[42] = digests[4]!;
  dir[43] = digests[5]!;
  putBytes(dir, 44, end);
  dir[48] = 3; // F2 copies ab_dir[8]
  dir[49] = Math.trunc(end / 2 ** 32);
  dir[50] = Math.trunc(end / 2 ** 40);
  // 51–55: pageId (0); 56–60: aid
  dir[56] = AID;
  dir[57] = AID & 255;
  dir[58] = (AID >> 8) & 255;
  dir[64] = fp.length;
  dir[65] = fp.length;

  const total = 12 + 44 + fp.length + 1;
  if (codes.length < total) codes = new Int32Array(total * 2);
  for (let i = 0; i < 3; i++) {
    const rd = Math.trunc(checkUnitFloat(randoms[i]!, 'an a_bogus random value') * 10000);
    codes[i * 4] = (rd & 170) | 1;
    codes[i * 4 + 1] = (rd & 85) | 2;
    codes[i * 4 + 2] = ((rd >>> 8) & 170) | 5;
    codes[i * 4 + 3] = ((rd >>> 8) & 85) | 40;
  }
  for (let i = 0; i < 44; i++) codes[12 + i] = dir[SORT_INDEX[i]!]!;
  for (let i = 0; i < fp.length; i++) codes[56 + i] = fp[i]!;
  let xor = dir[SORT_INDEX_2[0]!]!;
  for (let i = 1; i < SORT_INDEX_2.length; i++) xor ^= dir[SORT_INDEX_2[i]!]!;
  codes[total - 1] = xor;
  if (!state) {
    freshState.set(INITIAL_STATE);
    state = freshState;
  }
  transform(codes, 12, total, state);
  return encode(codes, total);
}

/** F2's `transform_bytes`: a keyed walk over `state` that XORs each code and swaps as it goes. */
function transform(codes: Int32Array, from: number, to: number, state: Uint8Array): void {
  let indexB = state[1]!;
  let initial = 0;
  let valueE = 0;
  for (let index = 0; from + index < to; index++) {
    let sum: number;
    if (index === 0) {
      initial = state[indexB]!;
      sum = indexB + initial;
      state[1] = initial;
      state[indexB] = indexB;
    } else {
      sum = initial + valueE;
    }
    codes[from + index] = codes[from + index]! ^ state[sum & 255]!;
    const p = (index + 2) & 255;
    valueE = state[p]!;
    sum = (indexB + valueE) & 255;
    initial = state[sum]!;
    state[sum] = state[p]!;
    state[p] = initial;
    indexB = sum;
  }
}

/** F2's `abogus_encode`: groups built with plain OR of unmasked codes, `=` padding. */
function encode(codes: Int32Array, n: number): string {
  const length = Math.ceil(n / 3) * 4;
  if (out.length < length) out = Buffer.allocUnsafe(length * 2);
  out.fill(0x3d, 0, length);
  let o = 0;
  for (let i = 0; i < n; i += 3) {
    const g = (codes[i]! << 16) | (i + 1 < n ? codes[i + 1]! << 8 : 0) | (i + 2 < n ? codes[i + 2]! : 0);
    out[o++] = ALPHABET[(g & 0xfc0000) >> 18]!;
    out[o++] = ALPHABET[(g & 0x03f000) >> 12]!;
    if (i + 1 < n) out[o++] = ALPHABET[(g & 0x0fc0) >> 6]!;
    if (i + 2 < n) out[o++] = ALPHABET[g & 0x3f]!;
  }
  return out.toString('latin1', 0, length);
}

/** Bytes 24..31, 16..23, 8..15, 0..7 of `ms`, then `ms / 2^32` and `ms / 2^40`, unmasked. */
function putTime(dir: Int32Array, at: number, ms: number): void {
  putBytes(dir, at, ms);
  dir[at + 4] = Math.trunc(ms / 2 ** 32);
  dir[at + 5] = Math.trunc(ms / 2 ** 40);
}

function putBytes(dir: Int32Array, at: number, value: number): void {
  dir[at] = byteOf(value, 24);
  dir[at + 1] = byteOf(value, 16);
  dir[at + 2] = byteOf(value, 8);
  dir[at + 3] = byteOf(value, 0);
}

/** Python `v >> n & 255` for any safe integer. */
function byteOf(value: number, shift: number): number {
  return Math.floor(value / 2 ** shift) & 255;
}

function checkOptions(options: readonly number[]): readonly number[] {
  const ok = Array.isArray(options) && options.length >= 3;
  if (!ok || !Number.isSafeInteger(options[0]) || !Number.isSafeInteger(options[1]) || !Number.isSafeInteger(options[2])) {
    throw new InvalidInputError(`a_bogus options must be three integers such as [0, 1, 14], got ${JSON.stringify(options)}`);
  }
  return options;
}

// A signer keeps one fingerprint: remember the code points of the last one.
let lastFingerprint = '';
let lastCodes = new Int32Array(0);

/** Python `[ord(c) for c in s]`: code points, not UTF-16 units. */
function codePoints(text: string): Int32Array {
  if (text === lastFingerprint) return lastCodes;
  checkString(text, 'the fingerprint');
  const codes = Int32Array.from(text, (ch) => ch.codePointAt(0)!);
  lastFingerprint = text;
  lastCodes = codes;
  return codes;
}

/** SM3(SM3(utf8(text + "cus"))) as a binary string. */
function saltedDoubleSm3(text: string, what: string): string {
  checkString(text, what);
  checkWellFormed(text, what);
  return doubleDigestBinary('sm3', text + SALT);
}


const B64_TRANSLATE = new Uint8Array(128);
for (let i = 0; i < 64; i++) B64_TRANSLATE[STD_B64.charCodeAt(i)] = ABOGUS_UA_ALPHABET.charCodeAt(i);
B64_TRANSLATE[0x3d] = 0x3d;

// The UA digest depends only on the UA: memoise a few, deterministically.
const uaCache = new Map<string, Uint8Array>();
const UA_CACHE_LIMIT = 64;

/** Bytes 23 and 24 of SM3(base64'(rc4([0, 1, 14], UA))). */
function userAgentDigest(userAgent: string): Uint8Array {
  let cached = uaCache.get(userAgent);
  if (cached) return cached;
  const encrypted = Buffer.from(rc4(UA_KEY, latin1Bytes(userAgent, 'the user agent')));
  const b64 = Buffer.from(encrypted.toString('base64'), 'latin1');
  for (let i = 0; i < b64.length; i++) b64[i] = B64_TRANSLATE[b64[i]!]!;
  const digest = sm3(b64);
  cached = Uint8Array.of(digest[23]!, digest[24]!);
  if (uaCache.size >= UA_CACHE_LIMIT) uaCache.clear();
  uaCache.set(userAgent, cached);
  return cached;
}
