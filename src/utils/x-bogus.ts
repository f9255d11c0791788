import { InvalidInputError } from '../errors.js';
import { checkSafeInteger, systemClock, type Clock } from './signing-random.js';
import {
  EMPTY_MD5_MD5_BYTES_14_15,
  alphabetCodes,
  checkString,
  doubleDigestBinary,
  encode3to4,
  f2HexDecode,
  latin1Bytes,
  md5,
  rc4,
  rc4Keystream,
} from './signing-primitives.js';
import { joinEndpoint, paramsToQueryString } from './signing-query.js';

/**
 * X-Bogus, byte-exact with F2 0.0.1.7 (`f2/utils/xbogus.py`), quirks included:
 * - a value longer than 32 characters is hashed as Latin-1 (one byte per character, > U+00FF is
 *   an error); a value of 32 characters or fewer is hex-decoded first (lowercase only);
 * - the same rule applies to `base64(rc4(UA))`, so user agents under 25 bytes cannot be signed.
 */

/** The user agent F2's `XBogus` uses when it is given none (or `''`). */
export const DEFAULT_XBOGUS_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0';

/** The X-Bogus output alphabet (the 65th character, `=`, is never produced). */
export const XBOGUS_ALPHABET = 'Dkdpgh4ZKsQB80/Mfvw36XI1R25-WUAlEi7NLboqYTOPuzmFjJnryx9HVGcaStCe=';

const ALPHABET = alphabetCodes(XBOGUS_ALPHABET);
const UA_KEY = [0, 1, 12];
/** RC4 with the fixed key [255] always yields the same 19 keystream bytes. */
const PAYLOAD_KEYSTREAM = rc4Keystream([255], 19);
/** md5(md5("") as bytes): F2 hashes the hex of the empty string's MD5; bytes 14 and 15 are used. */
const [EMPTY_14, EMPTY_15] = EMPTY_MD5_MD5_BYTES_14_15;
/**
 * The 19-byte payload before RC4: [64, 0, 1, 12, url[14], url[15], empty[14], empty[15], ua[14],
 * ua[15], timestamp (4 bytes, big-endian), 0x2000be90 (the "canvas" constant), xor of all before].
 * This template holds the constant bytes; the zeros are filled per call.
 */
const PAYLOAD_HEAD = Uint8Array.of(64, 0, 1, 12, 0, 0, EMPTY_14, EMPTY_15, 0, 0, 0, 0, 0, 0, 0x20, 0x00, 0xbe, 0x90);

export interface XBogusOptions {
  /** The user agent the request is sent with. `''`/omitted → {@link DEFAULT_XBOGUS_USER_AGENT}. */
  userAgent?: string;
  /** Signing time in whole seconds since the epoch. @default floor(clock() / 1000) */
  timestamp?: number;
  /** Used only when `timestamp` is omitted. @default Date.now */
  clock?: Clock;
}

export interface XBogusResult {
  /** The 28-character X-Bogus value. */
  xBogus: string;
  /** `params + "&X-Bogus=" + xBogus`, exactly as F2 returns it (also when `params` is empty). */
  params: string;
  /** The user agent that was signed for (the default when none was given). */
  userAgent: string;
}

/**
 * Signs a query string (the part after `?`) for a user agent.
 * @example signXBogus('aweme_id=7196239141472980280&aid=1128', { userAgent, timestamp: 1700000000 })
 * @throws {InvalidInputError} for input F2 cannot sign: params of ≤ 32 characters that are not
 *   lowercase hex, characters above U+00FF, user agents shorter than 25 bytes or outside Latin-1,
 *   a non-integer timestamp.
 */
export function signXBogus(params: string, options: XBogusOptions = {}): XBogusResult {
  const userAgent = options.userAgent ? options.userAgent : DEFAULT_XBOGUS_USER_AGENT;
  const ua = userAgentDigest(userAgent);
  const url = doubleDigestBinary('md5', f2Bytes(params, 'the params string'));
  const timestamp = checkSafeInteger(
    options.timestamp ?? Math.floor((options.clock ?? systemClock)() / 1000),
    'the X-Bogus timestamp',
  );
  const garbled = new Uint8Array(21);
  garbled[0] = 2;
  garbled[1] = 255;
  garbled.set(PAYLOAD_HEAD, 2);
  garbled[6] = url.charCodeAt(14);
  garbled[7] = url.charCodeAt(15);
  garbled[10] = ua[0]!;
  garbled[11] = ua[1]!;
  garbled[12] = byteOf(timestamp, 24);
  garbled[13] = byteOf(timestamp, 16);
  garbled[14] = byteOf(timestamp, 8);
  garbled[15] = byteOf(timestamp, 0);
  let xor = 0;
  for (let i = 2; i < 20; i++) xor ^= garbled[i]!;
  garbled[20] = xor;
  for (let i = 0; i < 19; i++) garbled[i + 2] = garbled[i + 2]! ^ PAYLOAD_KEYSTREAM[i]!;
  const xBogus = encode3to4(garbled, ALPHABET);
  return { xBogus, params: `${params}&X-Bogus=${xBogus}`, userAgent };
}

/**
 * F2 `XBogus`: one user agent, many signatures. The user-agent part is computed (and checked)
 * once, in the constructor.
 */
export class XBogus {
  readonly userAgent: string;
  readonly #clock: Clock;

  /** @throws {InvalidInputError} when the user agent cannot be signed for (see {@link signXBogus}). */
  constructor(userAgent?: string | null, options: { clock?: Clock } = {}) {
    this.userAgent = userAgent ? userAgent : DEFAULT_XBOGUS_USER_AGENT;
    this.#clock = options.clock ?? systemClock;
    userAgentDigest(this.userAgent);
  }

  /** F2's `getXBogus(params)`; `timestamp` (seconds) defaults to the clock. */
  getXBogus(params: string, timestamp?: number): XBogusResult {
    return signXBogus(params, { userAgent: this.userAgent, clock: this.#clock, timestamp });
  }
}

/** F2 `XBogusManager.str_2_endpoint`: `params + "&X-Bogus=" + value`. */
export function xBogusStrToEndpoint(userAgent: string, endpoint: string, options: Omit<XBogusOptions, 'userAgent'> = {}): string {
  return signXBogus(endpoint, { ...options, userAgent }).params;
}

/**
 * F2 `XBogusManager.model_2_endpoint`: joins `params` as F2 does (Python `str()` of each value,
 * no encoding), signs that string and appends it to `baseEndpoint` with `?` or `&`.
 */
export function xBogusModelToEndpoint(
  userAgent: string,
  baseEndpoint: string,
  params: Readonly<Record<string, unknown>>,
  options: Omit<XBogusOptions, 'userAgent'> = {},
): string {
  const query = paramsToQueryString(params);
  const { xBogus } = signXBogus(query, { ...options, userAgent });
  return joinEndpoint(baseEndpoint, `${query}&X-Bogus=${xBogus}`);
}

/** Python `t >> n & 255` for any safe integer (floor semantics, no 32-bit truncation). */
function byteOf(value: number, shift: number): number {
  return Math.floor(value / 2 ** shift) & 255;
}

/** The bytes F2 hashes for a string: Latin-1 above 32 characters, hex-decoded up to 32. */
function f2Bytes(text: string, what: string): string | Uint8Array {
  checkString(text, what);
  if (text.length <= 32) return f2HexDecode(text, what);
  // Plain ASCII (the usual query string) is its own UTF-8: hash the string, skip the copy.
  // (Its UTF-8 length equals its length exactly when every character is ASCII.)
  return Buffer.byteLength(text, 'utf8') === text.length ? text : latin1Bytes(text, what);
}

// Per-UA work (RC4 + base64 + MD5) depends only on the UA: memoise a few, deterministically.
const uaCache = new Map<string, Uint8Array>();
const UA_CACHE_LIMIT = 64;

/** Bytes 14 and 15 of md5(base64(rc4(UA))) (with F2's ≤ 32-character hex rule). */
function userAgentDigest(userAgent: string): Uint8Array {
  let cached = uaCache.get(userAgent);
  if (cached) return cached;
  const bytes = latin1Bytes(userAgent, 'the user agent');
  const b64 = Buffer.from(rc4(UA_KEY, bytes)).toString('base64');
  let digest: Buffer;
  if (b64.length > 32) digest = md5(b64);
  else {
    try {
      digest = md5(f2HexDecode(b64, 'base64(rc4(UA))'));
    } catch (cause) {
      throw new InvalidInputError(
        `the user agent is too short (${bytes.length} bytes): X-Bogus needs at least 25, because F2 hex-decodes base64(rc4(UA)) when it is 32 characters or fewer, and that fails`,
        { hint: 'Send a real browser user agent.', cause },
      );
    }
  }
  cached = Uint8Array.of(digest[14]!, digest[15]!);
  if (uaCache.size >= UA_CACHE_LIMIT) uaCache.clear();
  uaCache.set(userAgent, cached);
  return cached;
}
