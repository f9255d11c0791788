import * as nodeCrypto from 'node:crypto';
import { InvalidInputError, SignatureError } from '../errors.js';

/**
 * Building blocks shared by X-Bogus, a_bogus and the webcast signature: RC4, the 3→4 custom
 * alphabet encoder, MD5/SM3 through node:crypto, and F2's hex-decoding quirk.
 */

interface OneShotHash {
  (algorithm: string, data: string | Uint8Array, outputEncoding: 'buffer'): Buffer;
  (algorithm: string, data: string | Uint8Array, outputEncoding: 'hex' | 'latin1'): string;
}
// `crypto.hash` (Node ≥ 20.12) skips the Hash object; older 20.x fall back to createHash.
const oneShot = (nodeCrypto as unknown as { hash?: OneShotHash }).hash;

/** Digest of `data` (a string is hashed as UTF-8). `algorithm` is a node:crypto name: `md5`, `sm3`. */
export function digest(algorithm: 'md5' | 'sm3', data: string | Uint8Array): Buffer {
  try {
    if (oneShot) return oneShot(algorithm, data, 'buffer');
    return nodeCrypto.createHash(algorithm).update(data).digest();
  } catch (error) {
    throw unavailable(algorithm, error);
  }
}

/**
 * MD5 is missing under FIPS mode and SM3 from OpenSSL builds that leave it out: say so plainly
 * (only reached when node:crypto throws; the input types are checked before).
 */
function unavailable(algorithm: string, cause: unknown): Error {
  if (nodeCrypto.getHashes().includes(algorithm)) return cause as Error;
  return new SignatureError(`this Node.js build has no ${algorithm.toUpperCase()} digest in node:crypto, which the signer needs`, {
    cause,
    hint: 'Use an official Node.js build (OpenSSL 3 with its default provider, FIPS mode off), or plug in another Signer.',
  });
}

// crypto.hash is cheapest with a string result: a Buffer result costs more than hashing 500 bytes.
// The double digests write the inner hex into a reused buffer (all of this is synchronous).
const scratch = { md5: Buffer.alloc(16), sm3: Buffer.alloc(32) };

/**
 * Digest of `data` as a binary string (`charCodeAt(i)` is byte `i`): the fast path for the
 * signers, which read a couple of bytes. A string is hashed as UTF-8.
 */
export function digestBinary(algorithm: 'md5' | 'sm3', data: string | Uint8Array): string {
  try {
    if (oneShot) return oneShot(algorithm, data, 'latin1');
    return nodeCrypto.createHash(algorithm).update(data).digest('binary');
  } catch (error) {
    throw unavailable(algorithm, error);
  }
}

/** `digest(digest(data))` (the outer one over the raw inner bytes), as a binary string. */
export function doubleDigestBinary(algorithm: 'md5' | 'sm3', data: string | Uint8Array): string {
  return digestOfHexBinary(algorithm, digestHex(algorithm, data));
}

/** `digest(bytes of hex)` as a binary string; `hex` must be a digest-sized lowercase/uppercase hex string. */
export function digestOfHexBinary(algorithm: 'md5' | 'sm3', hex: string): string {
  const buffer = scratch[algorithm];
  if (hex.length !== buffer.length * 2 || buffer.write(hex, 'hex') !== buffer.length) {
    throw new InvalidInputError(`expected ${buffer.length * 2} hex characters`);
  }
  return digestBinary(algorithm, buffer);
}

/** Digest of `data` as lowercase hex. A string is hashed as UTF-8. */
export function digestHex(algorithm: 'md5' | 'sm3', data: string | Uint8Array): string {
  try {
    if (oneShot) return oneShot(algorithm, data, 'hex');
    return nodeCrypto.createHash(algorithm).update(data).digest('hex');
  } catch (error) {
    throw unavailable(algorithm, error);
  }
}

/**
 * Bytes 14 and 15 of md5(md5("") as bytes) (`59adb24e…5827453f`): X-Bogus and the webcast
 * signature both embed them. A constant, so importing a signer hashes nothing.
 */
export const EMPTY_MD5_MD5_BYTES_14_15: readonly [number, number] = [0x45, 0x3f];

/** MD5 digest (16 bytes). A string is hashed as UTF-8. */
export function md5(data: string | Uint8Array): Buffer {
  return digest('md5', data);
}

/** SM3 digest (32 bytes, GB/T 32905). A string is hashed as UTF-8. */
export function sm3(data: string | Uint8Array): Buffer {
  return digest('sm3', data);
}

/**
 * RC4 over a list of integers. Like F2, each output is `input[i] ^ keystream[i]` without masking,
 * so inputs above 255 come out above 255 (callers decide whether that is an error).
 */
export function rc4(key: ArrayLike<number>, data: ArrayLike<number>): number[] {
  const ks = rc4Keystream(key, data.length);
  const out = new Array<number>(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ ks[i]!;
  return out;
}

/** The first `length` keystream bytes of RC4 with `key` (a fixed key gives a fixed keystream). */
export function rc4Keystream(key: ArrayLike<number>, length: number): Uint8Array {
  if (key.length === 0) throw new InvalidInputError('RC4 needs a key of at least one byte');
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    const t = s[i]!;
    s[i] = s[j]!;
    s[j] = t;
  }
  const out = new Uint8Array(length);
  for (let n = 0, i = 0, j = 0; n < length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    const t = s[i]!;
    s[i] = s[j]!;
    s[j] = t;
    out[n] = s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

/** Char codes of a 64-character alphabet, for table lookups in the encoders. */
export function alphabetCodes(alphabet: string): Uint8Array {
  if (alphabet.length < 64) throw new InvalidInputError('an encoding alphabet needs 64 characters');
  const codes = new Uint8Array(64);
  for (let i = 0; i < 64; i++) codes[i] = alphabet.charCodeAt(i);
  return codes;
}

/**
 * The 3→4 encoding X-Bogus and the webcast signature use: each 3-byte group becomes four
 * characters of `alphabet` (64 codes from {@link alphabetCodes}). `bytes.length` must be a
 * multiple of 3; there is no padding.
 */
export function encode3to4(bytes: ArrayLike<number>, alphabet: Uint8Array): string {
  const out = Buffer.allocUnsafe((bytes.length / 3) * 4);
  for (let i = 0, o = 0; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i]! & 255) << 16) | ((bytes[i + 1]! & 255) << 8) | (bytes[i + 2]! & 255);
    out[o++] = alphabet[(n >>> 18) & 63]!;
    out[o++] = alphabet[(n >>> 12) & 63]!;
    out[o++] = alphabet[(n >>> 6) & 63]!;
    out[o++] = alphabet[n & 63]!;
  }
  return out.toString('latin1');
}

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX_VALUE[48 + c] = c;
for (let c = 0; c < 6; c++) HEX_VALUE[97 + c] = 10 + c;

/**
 * F2's hex decoding (`XBogus.md5_str_to_array` on ≤ 32 characters): pairs of **lowercase**
 * `0-9a-f` only. Anything else — uppercase, `=`, an odd length — is an error, as it is in F2.
 * @param what names the value in the error message (the value itself is never quoted: it may be a token).
 */
export function f2HexDecode(text: string, what: string): Uint8Array {
  checkString(text, what);
  const prefix = `${what} is ${text.length} characters long (32 or fewer), so F2's signer hex-decodes it, but`;
  const out = new Uint8Array(text.length >> 1);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? HEX_VALUE[code]! : -1;
    if (v < 0) throw new InvalidInputError(`${prefix} character ${i} (${describeChar(code)}) is not a lowercase hex digit`);
    if (i % 2 === 0) out[i >> 1] = v << 4;
    else out[i >> 1] = out[i >> 1]! | v;
  }
  if (text.length % 2 !== 0) throw new InvalidInputError(`${prefix} an odd length cannot be decoded`);
  return out;
}

/** Index of the first UTF-16 unit above U+00FF, or -1 when `text` is Latin-1. */
export function firstNonLatin1(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 255) return i;
  return -1;
}

/** `text` as Latin-1 bytes; throws when a character is above U+00FF. */
export function latin1Bytes(text: string, what: string): Buffer {
  checkString(text, what);
  const bad = firstNonLatin1(text);
  if (bad >= 0) {
    throw new InvalidInputError(
      `${what} contains ${describeChar(text.codePointAt(bad)!)} at index ${bad}, above U+00FF; this signer hashes one byte per character (Latin-1)`,
      { hint: 'Percent-encode non-Latin-1 text (encodeURIComponent) before signing.' },
    );
  }
  return Buffer.from(text, 'latin1');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws when `text` holds a lone surrogate, which has no UTF-8 form (Python raises there too). */
export function checkWellFormed(text: string, what: string): void {
  if (LONE_SURROGATE.test(text)) {
    throw new InvalidInputError(`${what} contains a lone UTF-16 surrogate and cannot be encoded as UTF-8`);
  }
}

/** Throws InvalidInputError unless `value` is a string. */
export function checkString(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string') throw new InvalidInputError(`${what} must be a string, got ${value === null ? 'null' : typeof value}`);
}

/** `U+4E2D`, or `'='` for printable ASCII. */
export function describeChar(code: number): string {
  if (code > 32 && code < 127) return `'${String.fromCharCode(code)}'`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
