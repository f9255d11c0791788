/**
 * Reader.string's fast paths (ASCII as substrings of a latin1 text found by a word scan; short
 * UTF-8 decoded in JS; the rest native) give exactly what Buffer's UTF-8 decoder gives, for every
 * length, alignment and neighbour, for malformed UTF-8 too, and inside a Response's shared text.
 */
import { describe, expect, it } from 'vitest';
import { decodeMessage, decodePushFrame, decodeResponse, encodeMessage, encodePushFrame, encodeResponse, type DecodedMessage } from '../../../src/crawler/webcast/index.js';
import { Reader } from '../../../src/crawler/webcast/wire.js';

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n >>>= 7) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return out;
}

/** Length-prefixed values after `pad` filler bytes (`0xff` when `highPad`, so a scan meets a high byte first). */
function delimited(values: Uint8Array[], pad: number, highPad = false): { bytes: Uint8Array; start: number } {
  const out: number[] = new Array<number>(pad).fill(highPad ? 0xff : 0x20);
  for (const v of values) out.push(...varint(v.length), ...v);
  return { bytes: new Uint8Array(out), start: pad };
}

/** Reads every value back with `Reader.string`, from a view at each byte alignment of a larger buffer. */
function readAll(values: Uint8Array[], pad: number, highPad = false): string[][] {
  const { bytes, start } = delimited(values, pad, highPad);
  const results: string[][] = [];
  for (let shift = 0; shift < 4; shift++) {
    const backing = new Uint8Array(bytes.length + 8).fill(0xff);
    backing.set(bytes, shift);
    const r = new Reader(backing.subarray(shift, shift + bytes.length));
    r.pos = start;
    results.push(values.map(() => r.string(bytes.length)));
    expect(r.pos).toBe(bytes.length);
  }
  return results;
}

const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const native = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

function expectNative(values: Uint8Array[], pad = 0, highPad = false): void {
  const expected = values.map(native);
  for (const got of readAll(values, pad, highPad)) expect(got).toEqual(expected);
}

describe('Reader.string', () => {
  it('reads ASCII of every length 0..300 at every alignment, alone and between other strings', () => {
    const ascii = (n: number, seed: number) => 'abcdefghijklmnopqrstuvwxyz0123456789-_./:?=&~%ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(6).slice(seed % 7, (seed % 7) + n);
    for (let n = 0; n <= 300; n++) {
      for (const pad of [0, 1, 2, 3, 5]) expectNative([utf8(ascii(n, n))], pad);
      expectNative([utf8(ascii(n, 1)), utf8(ascii(300 - n, 2)), utf8('x'), utf8(ascii(n % 17, 3))], n % 4, n % 2 === 0);
    }
  });

  it('reads 2-, 3- and 4-byte UTF-8, surrogate pairs, NUL and a BOM like Buffer does', () => {
    const samples = [
      'é', 'ñandú', '心静致远', '荣誉等级39级勋章', '{0:user} 来了', '清风ᶜ', '😀', 'a😀b', '👨‍👩‍👧‍👦', '\u{10FFFF}', '\u0000', 'a\u0000b',
      '\uFEFFbom', '\u07FF\u0800\uFFFF', 'x'.repeat(20) + '心', '心'.repeat(24), '心'.repeat(25), 'é'.repeat(36), '😀'.repeat(12), '😀'.repeat(13),
      'a'.repeat(23) + 'é', 'a'.repeat(24) + 'é', '最后应该给他冻住'.repeat(4), 'https://p3.douyinpic.com/心.png',
    ];
    for (const pad of [0, 1, 2, 3]) {
      expectNative(samples.map(utf8), pad);
      for (const s of samples) expectNative([utf8('ascii before'), utf8(s), utf8('and ascii after it')], pad);
    }
    expect(readAll([utf8('😀')], 0)[0]).toEqual(['\uD83D\uDE00']);
  });

  it('reads malformed UTF-8 exactly as Buffer does (replacement characters unchanged)', () => {
    const bad = [
      [0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xc2], [0xc2, 0x41], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xe0, 0xa0], [0xe4, 0xb8],
      [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xef, 0xbf, 0xbf], [0xf0, 0x8f, 0xbf, 0xbf], [0xf0, 0x90, 0x80], [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe], [0xff], [0x61, 0xe4, 0xb8], [0xe4, 0xb8, 0x61, 0x62], [0xe5, 0xbf, 0x83, 0x80],
    ].map((b) => new Uint8Array(b));
    for (const pad of [0, 1, 2, 3]) {
      expectNative(bad, pad);
      for (const b of bad) {
        expectNative([utf8('ok'), new Uint8Array([...utf8('abc'), ...b, ...utf8('def')]), utf8('after')], pad);
        expectNative([new Uint8Array([...utf8('x'.repeat(40)), ...b])], pad);
      }
    }
  });

  it('refuses a string that runs past its message, as before', () => {
    const r = new Reader(new Uint8Array([5, 0x61, 0x62]));
    expect(() => r.string(3)).toThrow(/runs past/);
  });
});

describe('strings inside a Response share its text', () => {
  const texts = (i: number) => ({
    content: i % 3 === 0 ? `弹幕 ${i} 😀` : `chat message number ${i} `.repeat(1 + (i % 9)),
    nickname: i % 2 === 0 ? `用户${i}` : `user_${i}_${'n'.repeat(i % 30)}`,
    url: `https://p3.douyinpic.com/aweme/100x100/${'a'.repeat(i % 200)}${i}.jpeg?from=${i}`,
  });

  it('a Response of 300 chat messages (over several text chunks) decodes each like decodeMessage alone', () => {
    const messages = Array.from({ length: 300 }, (_, i) => {
      const t = texts(i);
      const data = {
        common: { method: 'WebcastChatMessage', msg_id: String(7394381278768763699n + BigInt(i)) },
        user: { id: String(2880340959168492 + i), nickname: t.nickname, avatar_thumb: { urlList: [t.url, t.url + '&x=1'], uri: t.url.slice(8) } },
        content: t.content,
      };
      return { method: 'WebcastChatMessage', data, msgId: String(i + 1) };
    });
    const response = decodeResponse(encodeResponse({ messages, cursor: 'c-é-1' }));
    expect(response.cursor).toBe('c-é-1');
    expect(response.messages).toHaveLength(300);
    response.messages.forEach((m, i) => {
      expect(m.kind).toBe('decoded');
      const data = (m as DecodedMessage).data;
      expect(data).toEqual(messages[i]!.data);
      expect(data).toEqual(decodeMessage('WebcastChatMessage', encodeMessage('WebcastChatMessage', messages[i]!.data)).data);
    });
  });

  it('PushFrame strings (read without a shared text) keep non-ASCII header values', () => {
    const frame = decodePushFrame(encodePushFrame({ headers: { 'im-cursor': 'c-1', note: '心静致远😀', long: 'h'.repeat(100) + 'é' }, payloadType: 'msg' }));
    expect(frame.headers).toEqual({ 'im-cursor': 'c-1', note: '心静致远😀', long: 'h'.repeat(100) + 'é' });
  });
});
