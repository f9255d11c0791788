import { InvalidInputError } from '../errors.js';
import {
  EMPTY_MD5_MD5_BYTES_14_15,
  alphabetCodes,
  digestBinary,
  digestHex,
  digestOfHexBinary,
  encode3to4,
  rc4Keystream,
} from './signing-primitives.js';
import { checkSafeInteger, checkUnitFloat, cryptoRandomSource, type RandomSource } from './signing-random.js';

/**
 * The live-chat WebSocket `signature` (F2's `DouyinWebcastSignature`, i.e. webmssdk's
 * `frontierSign({"X-MS-STUB": stub})`), computed natively. Recovered algorithm, per signature:
 * four `Math.random()` draws r1..r4 and the JS context's call counter `bogusIndex`:
 * ```
 * d   = 0x40 | ((floor(100*r1) & 1) << 4)          r2 is drawn but unused
 * o   = [bogusIndex & 63, 0, 0, 0, 0x45, 0x3f, u[14], u[15], floor(255*r3) & 255]   u = md5(stub bytes)
 * k   = floor(255*r4) & 255
 * sig = encode3to4([d, k, ...rc4([k], o + [xor(o)])])                            16 characters
 * ```
 * It depends neither on the user agent nor on the time.
 */

/** Alphabet of the signature (X-Bogus's, with `+` where X-Bogus has `-`). */
export const WEBCAST_SIGNATURE_ALPHABET = 'Dkdpgh4ZKsQB80/Mfvw36XI1R25+WUAlEi7NLboqYTOPuzmFjJnryx9HVGcaStCe';
/** The stub `webcast_signature.js` signs at load time, before F2's own call. */
export const WEBCAST_WARMUP_STUB = 'dfc40239294909a536d77ff9d213d92a';

const ALPHABET = alphabetCodes(WEBCAST_SIGNATURE_ALPHABET);
const [X14, X15] = EMPTY_MD5_MD5_BYTES_14_15;
/** The RC4 key is one random byte: at most 256 distinct 10-byte keystreams, built on demand. */
const keystreams: (Uint8Array | undefined)[] = new Array(256);

/** F2's raw string for a room: the fields the live-chat URL carries, in its order. */
export function webcastRawString(roomId: string | number | bigint, userUniqueId: string | number | bigint): string {
  return (
    'live_id=1,aid=6383,version_code=180800,webcast_sdk_version=1.0.14-beta.0,' +
    `room_id=${roomId},sub_room_id=,sub_channel_id=,did_rule=3,user_unique_id=${userUniqueId},` +
    'device_platform=web,device_type=,ac=,identity=audience'
  );
}

/** `X-MS-STUB`: md5 (lowercase hex) of {@link webcastRawString} as UTF-8. */
export function webcastXMsStub(roomId: string | number | bigint, userUniqueId: string | number | bigint): string {
  return digestHex('md5', webcastRawString(roomId, userUniqueId));
}

/**
 * The pure signature: `draws` are the four `Math.random()` values of this signature, in draw
 * order; `bogusIndex` is the context's counter (only `& 63` matters).
 * @throws {InvalidInputError} for a stub that is not even-length hex, draws outside `[0, 1)` or a
 *   non-integer index.
 */
export function computeWebcastSignature(xMsStub: string, draws: readonly number[], bogusIndex: number): string {
  if (!Array.isArray(draws) || draws.length !== 4) {
    throw new InvalidInputError(`a webcast signature takes 4 random draws, got ${Array.isArray(draws) ? draws.length : typeof draws}`);
  }
  checkSafeInteger(bogusIndex, 'bogusIndex');
  const r1 = checkUnitFloat(draws[0]!, 'draw 1');
  checkUnitFloat(draws[1]!, 'draw 2');
  const r3 = checkUnitFloat(draws[2]!, 'draw 3');
  const r4 = checkUnitFloat(draws[3]!, 'draw 4');
  const u = stubDigest(xMsStub);
  const k = Math.floor(255 * r4) & 255;
  const o0 = bogusIndex & 63;
  const o8 = Math.floor(255 * r3) & 255;
  const u14 = u.charCodeAt(14);
  const u15 = u.charCodeAt(15);
  const f9 = o0 ^ X14 ^ X15 ^ u14 ^ u15 ^ o8;
  const ks = (keystreams[k] ??= rc4Keystream([k], 10));
  const pre = Uint8Array.of(
    0x40 | ((Math.floor(100 * r1) & 1) << 4), k,
    o0 ^ ks[0]!, ks[1]!, ks[2]!, ks[3]!, X14 ^ ks[4]!, X15 ^ ks[5]!,
    u14 ^ ks[6]!, u15 ^ ks[7]!, o8 ^ ks[8]!, f9 ^ ks[9]!,
  );
  return encode3to4(pre, ALPHABET);
}

/** {@link computeWebcastSignature} for a room and user, through {@link webcastXMsStub}. */
export function computeWebcastSignatureForRoom(
  roomId: string | number | bigint,
  userUniqueId: string | number | bigint,
  draws: readonly number[],
  bogusIndex: number,
): string {
  return computeWebcastSignature(webcastXMsStub(roomId, userUniqueId), draws, bogusIndex);
}

/**
 * What one F2 call returns, as a pure function of its 8 draws: the warm-up signature of
 * {@link WEBCAST_WARMUP_STUB} at index 1 takes draws 1–4, the requested one (index 2) draws 5–8.
 */
export function computeWebcastSignatureF2(xMsStub: string, draws: readonly number[]): string {
  if (!Array.isArray(draws) || draws.length !== 8) {
    throw new InvalidInputError(`F2's flow takes 8 random draws per call, got ${Array.isArray(draws) ? draws.length : typeof draws}`);
  }
  computeWebcastSignature(WEBCAST_WARMUP_STUB, draws.slice(0, 4), 1);
  return computeWebcastSignature(xMsStub, draws.slice(4), 2);
}

export interface WebcastSignerOptions {
  /** Source of the `Math.random()` draws (4 per signature, 8 in `'f2'` mode). @default cryptoRandomSource */
  random?: Pick<RandomSource, 'random'>;
  /**
   * `'context'`: one long-lived JS context — the counter starts at `startIndex` and advances on
   * every signature. `'f2'`: what F2 does — a fresh context per call, whose script first signs
   * {@link WEBCAST_WARMUP_STUB} (index 1, draws 1–4), then the request (index 2, draws 5–8).
   * @default 'context'
   */
  mode?: 'context' | 'f2';
  /** The counter of the first signature in `'context'` mode. @default 1 */
  startIndex?: number;
}

/** A stateful signer: one call counter, like the script in one JS context. */
export class WebcastSigner {
  readonly mode: 'context' | 'f2';
  readonly #random: Pick<RandomSource, 'random'>;
  #index: number;

  constructor(options: WebcastSignerOptions = {}) {
    this.mode = options.mode ?? 'context';
    this.#random = options.random ?? cryptoRandomSource;
    this.#index = checkSafeInteger(options.startIndex ?? 1, 'startIndex');
  }

  /** The counter the next `'context'` signature will use. */
  get bogusIndex(): number {
    return this.#index;
  }

  /** Signs a room for a user (`user_unique_id`): the `signature` URL parameter. */
  sign(roomId: string | number | bigint, userUniqueId: string | number | bigint): string {
    return this.signStub(webcastXMsStub(roomId, userUniqueId));
  }

  /** Signs an `X-MS-STUB` directly. */
  signStub(xMsStub: string): string {
    if (this.mode === 'f2') return computeWebcastSignatureF2(xMsStub, [...this.#draws(), ...this.#draws()]);
    const signature = computeWebcastSignature(xMsStub, this.#draws(), this.#index);
    this.#index++;
    return signature;
  }

  #draws(): number[] {
    const r = this.#random;
    return [r.random(), r.random(), r.random(), r.random()];
  }
}

/** md5 of the stub's bytes (`bytes.fromhex`: either case, even length), as a binary string. */
function stubDigest(stub: string): string {
  if (typeof stub !== 'string' || stub.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(stub)) {
    throw new InvalidInputError('X-MS-STUB must be an even-length hex string (an md5 digest: 32 characters)');
  }
  return stub.length === 32 ? digestOfHexBinary('md5', stub) : digestBinary('md5', Buffer.from(stub, 'hex'));
}
