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
import { i64ToString, parseDecimal64, u64ToString } from './int64-text.js';
import type { KnownStrings } from './known-strings.js';
import { shortUtf8 } from './short-utf8.js';
import { WireError } from './wire-error.js';

export { WireError } from './wire-error.js';
export { i64ToString, parseDecimal64, u64ToString } from './int64-text.js';
export { intKeyMap } from './int-map.js';
export { checkArray, checkBytes, checkInt32, checkType, createWriter, isZero64, longBits, type Writer } from './wire-write.js';

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
const latin1Slice: (this: Uint8Array, start: number, end: number) => string =
  (Buffer.prototype as unknown as { latin1Slice?: (this: Uint8Array, start: number, end: number) => string }).latin1Slice ??
  function (this: Uint8Array, start: number, end: number) {
    return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('latin1', start, end);
  };
const readFloatLE = Buffer.prototype.readFloatLE as (this: Uint8Array, offset: number) => number;
const readDoubleLE = Buffer.prototype.readDoubleLE as (this: Uint8Array, offset: number) => number;

const SMALL = Array.from({ length: 128 }, (_, i) => String(i));
/** Decimal text of two-byte varints (below 2^14: levels, counts, sizes), made on first use. */
const SMALL2: (string | undefined)[] = new Array<string | undefined>(1 << 14).fill(undefined);
/** The word scan reads the first high byte of a word from its low bits. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Least bytes of a Response one shared text covers. A string of 13+ characters cut from it keeps
 * the whole text alive, so this is a memory/speed trade: 0 (one text per message payload) holds
 * ~2 KB per string a user keeps for hours (nicknames, sec_uids in a map) for ~2% of decode speed;
 * 8 KB chunks held ~9 KB per kept string.
 */
const TEXT_CHUNK = 0;

/**
 * What the Readers of the payloads inside one buffer (a Response) share: 32-bit words for the
 * ASCII scan, and the buffer as latin1 text, made in chunks of about `TEXT_CHUNK` bytes so that
 * a few payloads share one native call. @internal
 */
export class SharedText {
  readonly bytes: Uint8Array;
  readonly words: Int32Array;
  /** `bytes.byteOffset & 3`: the words start that many bytes before `bytes`. */
  readonly wordOff: number;
  /** latin1 of `bytes[textStart, textEnd)`. */
  text = '';
  textStart = 0;
  textEnd = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.wordOff = bytes.byteOffset & 3;
    this.words = new Int32Array(bytes.buffer, bytes.byteOffset - this.wordOff, (bytes.byteLength + this.wordOff) >> 2);
  }

  /** Makes `text` cover `bytes[start, end)`. */
  cover(start: number, end: number): void {
    if (start >= this.textStart && end <= this.textEnd) return;
    const stop = Math.min(this.bytes.length, Math.max(end, start + TEXT_CHUNK));
    this.text = latin1Slice.call(this.bytes, start, stop);
    this.textStart = start;
    this.textEnd = stop;
  }
}

export class Reader {
  /** Always a plain `Uint8Array` (one element kind for every load; no `Buffer` wrapper per message). */
  readonly buf: Uint8Array;
  pos = 0;
  readonly len: number;
  /** Halves of the last 64-bit varint read. */
  private lo = 0;
  private hi = 0;
  /**
   * ASCII strings are substrings of `text` (the bytes as latin1, made by one native call for the
   * first string): a native call per string was ~40% of the decoding time. V8 keeps the text of a
   * substring of 13+ characters alive, so a kept string holds its payload's text, or its
   * `SharedText` chunk (about 8 KB), in memory.
   */
  private readonly sliceText: boolean;
  private readonly shared: SharedText | undefined;
  /** Index of `buf` in `shared.bytes`. */
  private readonly base: number;
  private text = '';
  /** Index in `text` of `buf[0]`. */
  private textBase = 0;
  /** 32-bit words over `buf` for the ASCII scan: byte `i` is in word `(i + wordOff) >> 2`. */
  private words: Int32Array | undefined = undefined;
  private wordOff = 0;
  /** Bytes `[asciiFrom, asciiTo)` are ASCII and `asciiTo` is a non-ASCII byte or `len`. */
  private asciiFrom = 0;
  private asciiTo = -1;
  /** `buf.buffer`, read once: the getter is a runtime call and a Response makes a view per message. */
  private arrayBuffer: ArrayBufferLike | undefined = undefined;
  /** Strings returned as stored when the bytes match (a Response's method names); `sliceText: false` only. */
  known: KnownStrings | undefined = undefined;

  /**
   * `sliceText: false` for a container whose strings are few and whose bulk is payloads
   * (`PushFrame`, `Response`): copying all of it as text would cost more than it saves.
   * `shared`: of a buffer `bytes` is a view into (a payload inside its Response).
   */
  constructor(bytes: Uint8Array, sliceText = true, shared?: SharedText) {
    this.buf = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.len = this.buf.length;
    this.sliceText = sliceText;
    this.shared = shared;
    this.base = shared === undefined ? 0 : bytes.byteOffset - shared.bytes.byteOffset;
  }

  /** A varint's low 32 bits, unsigned (tags, lengths, uint32; `| 0` gives int32). */
  uint32(): number {
    // One- and two-byte varints (every tag up to field 2047) inline at the call site; past the end
    // a byte reads as `undefined` and the full read throws.
    const buf = this.buf;
    const pos = this.pos;
    const b0 = buf[pos]!;
    if (b0 < 0x80) {
      this.pos = pos + 1;
      return b0;
    }
    const b1 = buf[pos + 1]!;
    if (b1 < 0x80) {
      this.pos = pos + 2;
      return (b0 & 0x7f) | (b1 << 7);
    }
    return this.uint32Long();
  }

  private uint32Long(): number {
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

  /**
   * A one- or two-byte varint (below 2^14: the same for signed and unsigned) as its decimal text,
   * else `undefined` with nothing read. Past the end a byte is undefined and the full read throws.
   */
  private smallDecimal(): string | undefined {
    const b = this.buf[this.pos]!;
    if (b < 0x80) {
      this.pos++;
      return SMALL[b]!;
    }
    const b1 = this.buf[this.pos + 1]!;
    if (b1 < 0x80) {
      this.pos += 2;
      const v = (b & 0x7f) | (b1 << 7);
      return (SMALL2[v] ??= String(v));
    }
    return undefined;
  }

  uint64(): string {
    const small = this.smallDecimal();
    if (small !== undefined) return small;
    this.varint64();
    return u64ToString(this.lo, this.hi);
  }

  int64(): string {
    const small = this.smallDecimal();
    if (small !== undefined) return small;
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
    if (start >= this.asciiFrom && stop <= this.asciiTo) return this.text.substring(start + this.textBase, stop + this.textBase);
    return this.stringOutsideRun(start, stop);
  }

  private stringOutsideRun(start: number, stop: number): string {
    if (start === stop) return '';
    if (this.sliceText) {
      if (start < this.asciiFrom || start > this.asciiTo) this.scanAscii(start);
      if (stop <= this.asciiTo) return this.text.substring(start + this.textBase, stop + this.textBase);
    }
    if (this.known !== undefined) {
      const s = this.known.find(this.buf, start, stop);
      if (s !== undefined) return s;
    }
    // More than 72 bytes of UTF-8 are more than 24 UTF-16 units.
    if (stop - start <= 72) {
      const s = shortUtf8(this.buf, start, stop);
      if (s !== undefined) return s;
    }
    return utf8Slice.call(this.buf, start, stop);
  }

  /** Sets `asciiFrom = from` and `asciiTo` to the first byte >= 0x80 at or after it (or `len`). */
  private scanAscii(from: number): void {
    const buf = this.buf;
    const len = this.len;
    let words = this.words;
    if (words === undefined) {
      const shared = this.shared;
      if (shared === undefined) {
        this.text = latin1Slice.call(buf, 0, len);
        this.wordOff = buf.byteOffset & 3;
        words = new Int32Array(buf.buffer, buf.byteOffset - this.wordOff, (len + this.wordOff) >> 2);
      } else {
        shared.cover(this.base, this.base + len);
        this.text = shared.text;
        this.textBase = this.base - shared.textStart;
        this.wordOff = this.base + shared.wordOff;
        words = shared.words;
      }
      this.words = words;
    }
    const off = this.wordOff;
    // Word by word: the first word's bytes before `from` are masked off, and the first high byte
    // of a word is its lowest set 0x80 bit (little-endian). Bytes past the last whole word: one by one.
    const nw = (len + off) >> 2;
    let w = (from + off) >> 2;
    let i = from;
    if (LITTLE_ENDIAN && w < nw) {
      let x = words[w]! & (0x80808080 << (((from + off) & 3) << 3));
      if (x === 0) {
        w++;
        while (w + 4 <= nw && ((words[w]! | words[w + 1]! | words[w + 2]! | words[w + 3]!) & 0x80808080) === 0) w += 4;
        while (w < nw && (x = words[w]! & 0x80808080) === 0) w++;
      }
      i = w < nw ? (w << 2) - off + ((31 - Math.clz32(x & -x)) >> 3) : (nw << 2) - off;
    }
    while (i < len && buf[i]! < 0x80) i++;
    this.asciiFrom = from;
    this.asciiTo = i;
  }

  /** A plain `Uint8Array` view into the input, not a copy. */
  bytes(end: number): Uint8Array {
    const stop = this.delimited(end);
    const start = this.pos;
    this.pos = stop;
    const ab = (this.arrayBuffer ??= this.buf.buffer);
    return new Uint8Array(ab, this.buf.byteOffset + start, stop - start);
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
