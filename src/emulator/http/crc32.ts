import * as zlib from 'node:zlib';

/** CRC-32 as gzip uses it (reflected, polynomial 0xEDB88320). */
const POLY = 0xedb88320;

const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  TABLE[n] = c >>> 0;
}

// zlib.crc32 arrived in Node 20.15; the package supports 20.5.
const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 of `data`, continuing from `crc` (0 for a fresh one). */
export function crc32(data: Uint8Array, crc = 0): number {
  // Node's binding answers 0 for empty data whatever `crc` is.
  if (data.length === 0) return crc >>> 0;
  return native ? native(data, crc) : crc32Table(data, crc);
}

/** The table-driven CRC-32 used where `zlib.crc32` is missing. */
export function crc32Table(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = (TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** a·b modulo the CRC polynomial (bit-reflected, as zlib's `multmodp`). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^n) modulo the polynomial, n = 0..31. */
const X2N = new Uint32Array(32);
X2N[0] = 0x40000000;
for (let n = 1; n < 32; n++) X2N[n] = multModP(X2N[n - 1] as number, X2N[n - 1] as number);

/** x^(8·bytes) modulo the polynomial: the operator that shifts a CRC past `bytes` bytes. */
export function crc32Shift(bytes: number): number {
  let p = 0x80000000;
  let k = 3;
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) p = multModP(X2N[k & 31] as number, p);
  return p;
}

/**
 * CRC-32 of A‖B from crc(A), crc(B) and `crc32Shift(B's length)`, without reading the bytes
 * (zlib's `crc32_combine`; the shift can be kept with B).
 */
export function crc32Combine(crcA: number, crcB: number, shiftB: number): number {
  return (multModP(shiftB, crcA) ^ crcB) >>> 0;
}
