import { describe, expect, it } from 'vitest';
import { i64ToString, parseDecimal64, Reader, u64ToString, WireError } from '../../../src/crawler/webcast/wire.js';

/** Deterministic 32-bit values covering the edges and a spread in between. */
function* halves(): Generator<[number, number]> {
  const edges = [0, 1, 0x7f, 0x80, 0x1fffff, 0x200000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 9999999, 10000000];
  for (const hi of edges) for (const lo of edges) yield [lo, hi];
  let x = 0x12345678;
  for (let i = 0; i < 5000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const lo = x;
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    yield [lo, x >>> (i % 32)];
  }
}

function varint(v: bigint): Uint8Array {
  const out: number[] = [];
  let x = BigInt.asUintN(64, v);
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
  return new Uint8Array(out);
}

describe('64-bit decimal conversion', () => {
  it('u64ToString and i64ToString agree with BigInt for edge and random values', () => {
    for (const [lo, hi] of halves()) {
      const u = (BigInt(hi) << 32n) | BigInt(lo);
      expect(u64ToString(lo, hi)).toBe(u.toString());
      expect(i64ToString(lo, hi)).toBe(BigInt.asIntN(64, u).toString());
    }
  });

  it('Reader.uint64 / int64 read every varint length exactly', () => {
    for (const [lo, hi] of halves()) {
      const u = (BigInt(hi) << 32n) | BigInt(lo);
      expect(new Reader(varint(u)).uint64()).toBe(u.toString());
      expect(new Reader(varint(u)).int64()).toBe(BigInt.asIntN(64, u).toString());
    }
  });

  it('Reader.uint64 / int64 read one- and two-byte varints (the cached decimal texts) at their edges, twice', () => {
    for (const v of [0n, 1n, 127n, 128n, 129n, 255n, 256n, 1000n, 16383n, 16384n, 16385n, 2097151n, 2097152n, -1n, -128n, -16384n]) {
      for (let i = 0; i < 2; i++) {
        expect(new Reader(varint(v)).uint64()).toBe(BigInt.asUintN(64, v).toString());
        expect(new Reader(varint(v)).int64()).toBe(v.toString());
      }
    }
    // A two-byte varint cut after its first byte is still a truncated varint.
    expect(() => new Reader(new Uint8Array([0x80])).uint64()).toThrow(WireError);
    expect(() => new Reader(new Uint8Array([0xff])).int64()).toThrow(WireError);
  });

  it('Reader.uint32 keeps the low 32 bits of a sign-extended negative int32', () => {
    const r = new Reader(varint(-2n));
    expect(r.uint32() | 0).toBe(-2);
    expect(r.pos).toBe(10);
  });

  it('parseDecimal64 accepts only in-range decimal integers', () => {
    expect(parseDecimal64('18446744073709551615', true)).toBe(18446744073709551615n);
    expect(parseDecimal64('18446744073709551616', true)).toBeUndefined();
    expect(parseDecimal64('-1', true)).toBeUndefined();
    expect(parseDecimal64('-9223372036854775808', false)).toBe(-9223372036854775808n);
    expect(parseDecimal64('9223372036854775808', false)).toBeUndefined();
    for (const bad of ['', ' 1', '1e3', '0x10', '1.0', '+1']) expect(parseDecimal64(bad, false)).toBeUndefined();
  });

  it('a truncated varint is a WireError', () => {
    expect(() => new Reader(new Uint8Array([0x80, 0x80])).uint64()).toThrow(WireError);
    expect(() => new Reader(new Uint8Array([])).uint32()).toThrow(WireError);
  });
});
