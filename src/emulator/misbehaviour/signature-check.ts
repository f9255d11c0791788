/**
 * Shape checks for Douyin's request signatures and tokens. The emulator cannot know Douyin's
 * secret server-side check, so by default it rejects what Douyin would obviously reject: a
 * missing value, a wrong length or a character outside the signer's alphabet
 * (signing-recipes.md). A real verifier can be plugged in with `behaviour.verifySignature`.
 */

import { ABOGUS_ALPHABET as ABOGUS_OUTPUT } from '../../utils/a-bogus.js';
import { XBOGUS_ALPHABET } from '../../utils/x-bogus.js';

const ABOGUS_ALPHABET = `${ABOGUS_OUTPUT}=`;
const MSTOKEN = /^[A-Za-z0-9+/_=-]+$/;

const tables = new Map<string, Uint8Array>();

/** True when every character of `value` is in `alphabet` (ASCII alphabets, table lookup). */
function onlyFrom(alphabet: string, value: string): boolean {
  let table = tables.get(alphabet);
  if (!table) {
    table = new Uint8Array(128);
    for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = 1;
    tables.set(alphabet, table);
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || table[c] !== 1) return false;
  }
  return true;
}

/** X-Bogus: always 28 characters of its own base64 alphabet. */
export function isWellFormedXBogus(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.length === 28 && onlyFrom(XBOGUS_ALPHABET, value);
}

/**
 * a_bogus: 4·⌈(57 + fingerprint length)/3⌉ characters (164/168 for usual fingerprints, 128–244
 * seen) of its alphabet. A `+` decoded as a space by form decoding is accepted as `+`.
 */
export function isWellFormedABogus(value: string | null | undefined): boolean {
  if (typeof value !== 'string') return false;
  const v = value;
  return v.length >= 76 && v.length <= 400 && v.length % 4 === 0 && onlyFrom(ABOGUS_ALPHABET, v);
}

/** msToken: 164 (from mssdk) or 184 characters (mssdk, or F2's fake: 182 random + `==`). */
export function isWellFormedMsToken(value: string | null | undefined): boolean {
  if (typeof value !== 'string') return false;
  const v = value.replace(/ /g, '+');
  return (v.length === 164 || v.length === 184) && MSTOKEN.test(v);
}

export type SignatureKind = 'a_bogus' | 'X-Bogus';

/** Which signature a query carries and whether it is well-formed. */
export function checkSignature(query: URLSearchParams): { kind: SignatureKind | null; value: string | null; wellFormed: boolean } {
  const ab = query.get('a_bogus');
  if (ab !== null) return { kind: 'a_bogus', value: ab, wellFormed: isWellFormedABogus(ab) };
  const xb = query.get('X-Bogus');
  if (xb !== null) return { kind: 'X-Bogus', value: xb, wellFormed: isWellFormedXBogus(xb) };
  return { kind: null, value: null, wellFormed: false };
}
