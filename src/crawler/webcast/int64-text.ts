/** Exact decimal text of 64-bit wire values, and back. @internal */

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
export const U64_MAX = (1n << 64n) - 1n;
export const I64_MIN = -(1n << 63n);
export const I64_MAX = (1n << 63n) - 1n;

/** Parses a decimal integer text within the 64-bit range (signed or unsigned); `undefined` otherwise. */
export function parseDecimal64(text: string, unsigned: boolean): bigint | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const v = BigInt(text);
  if (unsigned ? v < 0n || v > U64_MAX : v < I64_MIN || v > I64_MAX) return undefined;
  return v;
}
