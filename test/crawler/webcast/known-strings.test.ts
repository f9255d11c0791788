/**
 * A Response's method names come back as stored strings when their bytes match exactly
 * (`KnownStrings`); any other bytes must decode as before, including names one byte away.
 */
import { describe, expect, it } from 'vitest';
import { decodeRawResponse, decodeResponse, WEBCAST_METHOD_TYPES } from '../../../src/crawler/webcast/index.js';
import { KnownStrings } from '../../../src/crawler/webcast/known-strings.js';

const METHODS = Object.keys(WEBCAST_METHOD_TYPES);
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const native = (b: Uint8Array) => Buffer.from(b).toString('utf8');
/** A length-delimited field (lengths below 2^14 here). */
const field = (tag: number, body: ArrayLike<number>): number[] =>
  [tag, ...(body.length < 0x80 ? [body.length] : [(body.length & 0x7f) | 0x80, body.length >> 7]), ...Array.from(body)];

/** Bytes one change away from `s`: each byte +1 or with its high bit flipped, one byte more or less at either end. */
function neighbours(s: string): Uint8Array[] {
  const b = utf8(s);
  const out: Uint8Array[] = [b.slice(1), b.slice(0, -1), utf8(`${s}x`), utf8(`x${s}`)];
  for (let i = 0; i < b.length; i++) {
    for (const change of [(x: number) => (x + 1) & 0xff, (x: number) => x ^ 0x80]) {
      const c = b.slice();
      c[i] = change(c[i]!);
      out.push(c);
    }
  }
  return out;
}

describe('KnownStrings', () => {
  const STRINGS = ['Webcast', 'WebcastChatMessage', 'WebcastGiftMessage', 'WebcastLikeMessage', '心静致远'];
  const known = new KnownStrings(STRINGS);

  it('finds each string at any offset, and returns the stored string', () => {
    for (const s of STRINGS) {
      for (const pad of [0, 1, 3]) {
        const buf = new Uint8Array([...new Array<number>(pad).fill(0x57), ...utf8(s), 0x57]);
        expect(known.find(buf, pad, pad + utf8(s).length)).toBe(s);
      }
    }
  });

  it('finds nothing for bytes one change away (unless they are another known string) or a shorter range', () => {
    for (const s of STRINGS) {
      for (const b of neighbours(s)) {
        expect(known.find(b, 0, b.length)).toBe(STRINGS.find((k) => Buffer.from(k, 'utf8').equals(b)));
      }
    }
    expect(known.find(utf8('WebcastChatMessage'), 0, 17)).toBeUndefined();
    expect(known.find(utf8('WebcastChatMessage'), 1, 18)).toBeUndefined();
  });
});

describe('method names in a Response', () => {
  it('decode as UTF-8 does, for known names, their neighbours (malformed UTF-8 too) and unknown names', () => {
    const names = [...METHODS.map(utf8), ...METHODS.flatMap(neighbours), utf8('X'), utf8('Webcast')];
    // Response.messages (1) = Message{method (1)}; then Response.cursor (2) = a method name.
    const bytes = new Uint8Array([...names.flatMap((m) => field(0x0a, field(0x0a, m))), ...field(0x12, utf8('WebcastChatMessage'))]);
    const expected = names.map(native);
    expect(decodeRawResponse(bytes).messages!.map((m) => m.method)).toEqual(expected);
    const decoded = decodeResponse(bytes);
    expect(decoded.messages.map((m) => m.method)).toEqual(expected);
    expect(decoded.messages.map((m) => m.kind)).toEqual(expected.map((n) => (METHODS.includes(n) ? 'decoded' : 'unknown')));
    expect(decoded.cursor).toBe('WebcastChatMessage');
  });
});
