/**
 * Protobuf wire primitives for the generated webcast codec (`generated/codec.ts`).
 *
 * Decoding is our own small reader because protobufjs' decoders build `Long` objects that need a
 * second `toObject` pass to become exact decimal strings, and turn 64-bit map keys into 8-character
 * hash strings; measured on the webcast payload mix that was ~4x too slow. Encoding uses protobufjs'
 * `Writer`.
 *
 * Representation (decoded and accepted for encoding): 64-bit integers are exact decimal strings,
 * 32-bit integers, floats and enums are numbers, `bytes` are `Uint8Array` views into the input.
 * @internal
 */
import protobuf from 'protobufjs/minimal.js';

/** A malformed wire structure; the public functions turn it into a `DecodeError`. @internal */
export class WireError extends Error {
  override name = 'WireError';
}

/** Deepest message nesting a decoder follows (`User` is recursive). */
export const MAX_DEPTH = 100;

/**
 * Buffer's own UTF-8 slicer (what `toString('utf8', …)` ends in; protobufjs uses it too). It works
 * on any `Uint8Array`, so the reader never wraps its input in a `Buffer`.
 */
const utf8Slice: (this: Uint8Array, start: number, end: number) => string =
  (Buffer.prototype as unknown as { utf8Slice?: (this: Uint8Array, start: number, end: number) => string }).utf8Slice ??
  function (this: Uint8Array, start: number, end: number) {
    return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('utf8', start, end);
  };
const readFloatLE = Buffer.prototype.readFloatLE as (this: Uint8Array, offset: number) => number;
const readDoubleLE = Buffer.prototype.readDoubleLE as (this: Uint8Array, offset: number) => number;
const fromCharCode = String.fromCharCode;

/**
 * A short string read in JS when all its bytes are ASCII (no native call; most short fields are
 * ids, colours and keys); `undefined` otherwise. `n` is 1 to 8.
 */
function shortAscii(buf: Uint8Array, s: number, n: number): string | undefined {
  const b0 = buf[s]!;
  switch (n) {
    case 1:
      return b0 < 0x80 ? fromCharCode(b0) : undefined;
    case 2: {
      const b1 = buf[s + 1]!;
      return (b0 | b1) < 0x80 ? fromCharCode(b0, b1) : undefined;
    }
    case 3: {
      const b1 = buf[s + 1]!, b2 = buf[s + 2]!;
      return (b0 | b1 | b2) < 0x80 ? fromCharCode(b0, b1, b2) : undefined;
    }
    case 4: {
      const b1 = buf[s + 1]!, b2 = buf[s + 2]!, b3 = buf[s + 3]!;
      return (b0 | b1 | b2 | b3) < 0x80 ? fromCharCode(b0, b1, b2, b3) : undefined;
    }
    case 5: {
      const b1 = buf[s + 1]!, b2 = buf[s + 2]!, b3 = buf[s + 3]!, b4 = buf[s + 4]!;
      return (b0 | b1 | b2 | b3 | b4) < 0x80 ? fromCharCode(b0, b1, b2, b3, b4) : undefined;
    }
    case 6: {
      const b1 = buf[s + 1]!, b2 = buf[s + 2]!, b3 = buf[s + 3]!, b4 = buf[s + 4]!, b5 = buf[s + 5]!;
      return (b0 | b1 | b2 | b3 | b4 | b5) < 0x80 ? fromCharCode(b0, b1, b2, b3, b4, b5) : undefined;
    }
    case 7: {
      const b1 = buf[s + 1]!, b2 = buf[s + 2]!, b3 = buf[s + 3]!, b4 = buf[s + 4]!, b5 = buf[s + 5]!, b6 = buf[s + 6]!;
      return (b0 | b1 | b2 | b3 | b4 | b5 | b6) < 0x80 ? fromCharCode(b0, b1, b2, b3, b4, b5, b6) : undefined;
    }
    default: {
      const b1 = buf[s + 1]!, b2 = buf[s + 2]!, b3 = buf[s + 3]!, b4 = buf[s + 4]!, b5 = buf[s + 5]!, b6 = buf[s + 6]!, b7 = buf[s + 7]!;
      return (b0 | b1 | b2 | b3 | b4 | b5 | b6 | b7) < 0x80 ? fromCharCode(b0, b1, b2, b3, b4, b5, b6, b7) : undefined;
    }
  }
}

const SMALL = Array.from({ length: 128 }, (_, i) => String(i));
const TWO_32 = 4294967296;

/** Unsigned 64-bit value from two unsigned 32-bit halves, as an exact decimal string. */
export function u64ToString(lo: number, hi: number): string {
  if (hi < 0x200000) return String(hi * TWO_32 + lo);
  // value = h1·2^48 + h0·2^32 + lo, regrouped in base 10^7 so every partial sum stays below 2^53:
  // 2^48 = 28147497·10^7 + 6710656 and 2^32 = 429·10^7 + 4967296.
  const h1 = hi >>> 16;
  const h0 = hi & 0xffff;
  const loHigh = Math.floor(lo / 1e7);
  let low = h1 * 6710656 + h0 * 4967296 + (lo - loHigh * 1e7);
  const carry = Math.floor(low / 1e7);
  low -= carry * 1e7;
  const high = h1 * 28147497 + h0 * 429 + loHigh + carry;
  return String(high) + String(low + 1e7).slice(1);
}

/** Signed (two's complement) 64-bit value from its unsigned halves, as a decimal string. */
export function i64ToString(lo: number, hi: number): string {
  if (hi < 0x80000000) return u64ToString(lo, hi);
  const nlo = (~lo + 1) >>> 0;
  const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
  return '-' + u64ToString(nlo, nhi);
}

const DECIMAL = /^-?\d{1,20}$/;
const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/** Parses a decimal integer text within the 64-bit range (signed or unsigned); `undefined` otherwise. */
export function parseDecimal64(text: string, unsigned: boolean): bigint | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const v = BigInt(text);
  if (unsigned ? v < 0n || v > U64_MAX : v < I64_MIN || v > I64_MAX) return undefined;
  return v;
}

export class Reader {
  /** Always a plain `Uint8Array` (one element kind for every load; no `Buffer` wrapper per message). */
  readonly buf: Uint8Array;
  pos = 0;
  readonly len: number;
  /** Halves of the last 64-bit varint read. */
  private lo = 0;
  private hi = 0;

  constructor(bytes: Uint8Array) {
    this.buf = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.len = this.buf.length;
  }

  /** A varint's low 32 bits, unsigned (tags, lengths, uint32; `| 0` gives int32). */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    let b = buf[pos++]!;
    let v = b & 0x7f;
    if (b >= 0x80) {
      b = buf[pos++]!;
      v |= (b & 0x7f) << 7;
      if (b >= 0x80) {
        b = buf[pos++]!;
        v |= (b & 0x7f) << 14;
        if (b >= 0x80) {
          b = buf[pos++]!;
          v |= (b & 0x7f) << 21;
          if (b >= 0x80) {
            b = buf[pos++]!;
            v |= b << 28;
            // A negative int32 is sign-extended to 10 bytes; the rest carries no low bits.
            for (let i = 0; i < 5 && b >= 0x80; i++) b = buf[pos++]!;
            if (b >= 0x80) throw new WireError('varint longer than 10 bytes');
          }
        }
      }
    }
    if (pos > this.len) throw new WireError('truncated varint');
    this.pos = pos;
    return v >>> 0;
  }

  /** Length prefix of a length-delimited field; returns the end offset, checked against `end`. */
  delimited(end: number): number {
    const n = this.uint32();
    const stop = this.pos + n;
    if (stop > end) throw new WireError('length-delimited field runs past its message');
    return stop;
  }

  private varint64(): void {
    const buf = this.buf;
    let pos = this.pos;
    let b = buf[pos++]!;
    let lo = b & 0x7f;
    let hi = 0;
    if (b >= 0x80) {
      b = buf[pos++]!;
      lo |= (b & 0x7f) << 7;
      if (b >= 0x80) {
        b = buf[pos++]!;
        lo |= (b & 0x7f) << 14;
        if (b >= 0x80) {
          b = buf[pos++]!;
          lo |= (b & 0x7f) << 21;
          if (b >= 0x80) {
            b = buf[pos++]!;
            lo |= b << 28;
            hi = (b & 0x7f) >> 4;
            if (b >= 0x80) {
              b = buf[pos++]!;
              hi |= (b & 0x7f) << 3;
              if (b >= 0x80) {
                b = buf[pos++]!;
                hi |= (b & 0x7f) << 10;
                if (b >= 0x80) {
                  b = buf[pos++]!;
                  hi |= (b & 0x7f) << 17;
                  if (b >= 0x80) {
                    b = buf[pos++]!;
                    hi |= (b & 0x7f) << 24;
                    if (b >= 0x80) {
                      b = buf[pos++]!;
                      hi |= b << 31;
                      if (b >= 0x80) throw new WireError('varint longer than 10 bytes');
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    if (pos > this.len) throw new WireError('truncated varint');
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  uint64(): string {
    // One-byte fast path (past the end `b` is undefined and the full read throws).
    const b = this.buf[this.pos]!;
    if (b < 0x80) {
      this.pos++;
      return SMALL[b]!;
    }
    this.varint64();
    return u64ToString(this.lo, this.hi);
  }

  int64(): string {
    const b = this.buf[this.pos]!;
    if (b < 0x80) {
      this.pos++;
      return SMALL[b]!;
    }
    this.varint64();
    return i64ToString(this.lo, this.hi);
  }

  bool(): boolean {
    const b = this.buf[this.pos]!;
    if (b < 0x80) {
      this.pos++;
      return b !== 0;
    }
    this.varint64();
    return this.lo !== 0 || this.hi !== 0;
  }

  float(): number {
    const v = readFloatLE.call(this.buf, this.pos);
    this.pos += 4;
    return v;
  }

  double(): number {
    const v = readDoubleLE.call(this.buf, this.pos);
    this.pos += 8;
    return v;
  }

  string(end: number): string {
    const buf = this.buf;
    let start = this.pos;
    let n = buf[start]!;
    if (n < 0x80) start++;
    else {
      n = this.uint32();
      start = this.pos;
    }
    const stop = start + n;
    if (stop > end) throw new WireError('length-delimited field runs past its message');
    this.pos = stop;
    if (n === 0) return '';
    if (n <= 8) {
      const s = shortAscii(buf, start, n);
      if (s !== undefined) return s;
    }
    return utf8Slice.call(buf, start, stop);
  }

  /** A plain `Uint8Array` view into the input, not a copy. */
  bytes(end: number): Uint8Array {
    const stop = this.delimited(end);
    const start = this.pos;
    this.pos = stop;
    const buf = this.buf;
    return new Uint8Array(buf.buffer, buf.byteOffset + start, stop - start);
  }

  /**
   * A length-delimited value in an integer field: F2's schema declares ~95 integer fields as
   * `string`, so an F2-built encoder sends decimal text there. Returns that integer (as decimal
   * text) or `undefined` when the bytes are not a decimal integer in range.
   */
  decimalText(end: number, unsigned: boolean): string | undefined {
    const text = this.string(end);
    return parseDecimal64(text, unsigned)?.toString();
  }

  /** Skips the value of a field whose tag was just read. */
  skip(tag: number, end: number, depth: number): void {
    if (tag < 8) throw new WireError(`invalid field number 0 at offset ${this.pos}`);
    switch (tag & 7) {
      case 0:
        this.varint64();
        break;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.pos = this.delimited(end);
        break;
      case 3: {
        if (depth > MAX_DEPTH) throw new WireError('groups nested too deep');
        const endTag = (tag & ~7) | 4;
        for (;;) {
          if (this.pos >= end) throw new WireError('unterminated group');
          const t = this.uint32();
          if (t === endTag) break;
          this.skip(t, end, depth + 1);
        }
        break;
      }
      case 5:
        this.pos += 4;
        break;
      default:
        throw new WireError(`invalid wire type ${tag & 7} at offset ${this.pos}`);
    }
    if (this.pos > end) throw new WireError('field runs past its message');
  }
}

/** Throws unless a nested decoder stopped exactly at its message's end. */
export function checkEnd(r: Reader, end: number): void {
  if (r.pos !== end) throw new WireError(`message ends at ${r.pos}, expected ${end}`);
}

export function tooDeep(): never {
  throw new WireError(`messages nested deeper than ${MAX_DEPTH}`);
}

/** A map key read as the property name it becomes; `__proto__` is stored as an own property. */
export function setKey<V>(map: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

// ---------------------------------------------------------------------------------------------
// Encoding

export type Writer = protobuf.Writer;
export const createWriter = (): Writer => protobuf.Writer.create();

/** A 64-bit input (decimal string, bigint or safe integer) as the `Long`-shaped bits `Writer` takes. */
export function longBits(value: unknown, unsigned: boolean, field: string): protobuf.Long {
  let v: bigint | undefined;
  if (typeof value === 'string') v = parseDecimal64(value, unsigned);
  else if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
  if (v === undefined || (unsigned ? v < 0n || v > U64_MAX : v < I64_MIN || v > I64_MAX)) {
    throw new WireError(`${field}: expected a ${unsigned ? 'u' : ''}int64 as a decimal string or bigint, got ${describe(value)}`);
  }
  const bits = BigInt.asUintN(64, v);
  return {
    low: Number(bits & 0xffffffffn) | 0,
    high: Number(bits >> 32n) | 0,
    unsigned,
  } as protobuf.Long;
}

/** True for a 64-bit input equal to zero (proto3 leaves it off the wire). */
export function isZero64(value: unknown): boolean {
  return value === '0' || value === 0 || value === 0n;
}

export function checkInt32(value: unknown, unsigned: boolean, field: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && (unsigned ? value >= 0 && value <= 0xffffffff : value >= -0x80000000 && value <= 0x7fffffff)) {
    return value;
  }
  throw new WireError(`${field}: expected a ${unsigned ? 'u' : ''}int32 number, got ${describe(value)}`);
}

export function checkType(value: unknown, type: 'string' | 'boolean' | 'number' | 'object', field: string): void {
  if (typeof value !== type || value === null) throw new WireError(`${field}: expected ${type}, got ${describe(value)}`);
}

export function checkBytes(value: unknown, field: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new WireError(`${field}: expected Uint8Array, got ${describe(value)}`);
}

export function checkArray(value: unknown, field: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new WireError(`${field}: expected an array, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object') return Array.isArray(value) ? 'array' : 'object';
  return `${typeof value} ${String(value)}`;
}
