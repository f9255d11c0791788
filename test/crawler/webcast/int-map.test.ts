/**
 * Integer-keyed map fields start from `intKeyMap(k, v)` (a literal with room for small keys)
 * instead of `{}`: the object must be exactly `{}` with `o[k] = v`, for every key and every
 * order of later keys, both directly and through the generated decoders.
 */
import { describe, expect, it } from 'vitest';
import { decodeFansClubData_UserBadge, decodeGradeBuffInfo } from '../../../src/crawler/webcast/generated/codec.js';
import { intKeyMap } from '../../../src/crawler/webcast/int-map.js';
import { Reader } from '../../../src/crawler/webcast/wire.js';

function varint(n: bigint): number[] {
  let u = BigInt.asUintN(64, n);
  const out: number[] = [];
  for (; u >= 0x80n; u >>= 7n) out.push(Number(u & 0x7fn) | 0x80);
  out.push(Number(u));
  return out;
}
const field = (tag: number, body: number[]) => [tag, ...varint(BigInt(body.length)), ...body];

/** Reference: the map built the plain way, in wire order. */
function plain<V>(entries: [number | string, V][]): Record<string, V> {
  const o: Record<string, V> = {};
  for (const [k, v] of entries) o[k] = v;
  return o;
}

function expectSame(got: object, want: object): void {
  expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
  expect(Object.keys(got)).toEqual(Object.keys(want));
  expect(got).toStrictEqual(want);
}

const INT32_KEYS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1 << 20, 2 ** 31 - 1, -1, -2, -(2 ** 31)];
const INT64_KEYS = ['0', '1', '4', '7', '8', '9', '10', '99', '4294967294', '4294967295', '9223372036854775807', '-1', '-9223372036854775808'];
/** Key sequences: single keys, each key followed by others in both orders, repeats. */
function sequences<K>(keys: K[]): K[][] {
  const out: K[][] = keys.map((k) => [k]);
  for (const k of keys) {
    out.push([k, keys[0]!, keys[keys.length - 1]!], [k, ...keys].reverse(), [k, k], [k, keys[2]!, k]);
  }
  return out;
}

describe('intKeyMap', () => {
  it('equals {} with o[k] = v for every key, then for any later keys', () => {
    for (const seq of [...sequences<number | string>(INT32_KEYS), ...sequences<number | string>(INT64_KEYS)]) {
      const entries = seq.map((k, i) => [k, { i }] as [number | string, { i: number }]);
      const o = intKeyMap(entries[0]![0], entries[0]![1]);
      for (const [k, v] of entries.slice(1)) o[k] = v;
      expectSame(o, plain(entries));
    }
  });

  it('gives what {} gives through the generated decoders (int32 and int64 keys, any order, repeats)', () => {
    for (const seq of sequences(INT32_KEYS)) {
      // FansClubData.UserBadge.icons: map<int32, Image>; each Image carries its index as a url.
      const bytes = seq.flatMap((k, i) => field(0x0a, [0x08, ...varint(BigInt(k)), ...field(0x12, field(0x0a, [...Buffer.from(`u${i}`)]))]));
      const r = new Reader(new Uint8Array(bytes));
      const got = decodeFansClubData_UserBadge(r, r.len, 0);
      expectSame(got.icons!, plain(seq.map((k, i) => [k, { urlList: [`u${i}`] }])));
    }
    for (const seq of sequences(INT64_KEYS)) {
      // GradeBuffInfo.stats_info: map<int64, int64>.
      const bytes = seq.flatMap((k, i) => field(0x22, [0x08, ...varint(BigInt(k)), 0x10, ...varint(BigInt(i + 1))]));
      const r = new Reader(new Uint8Array(bytes));
      const got = decodeGradeBuffInfo(r, r.len, 0);
      expectSame(got.stats_info!, plain(seq.map((k, i) => [k, String(i + 1)])));
    }
  });
});
