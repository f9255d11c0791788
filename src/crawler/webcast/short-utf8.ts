/**
 * Short strings decoded from UTF-8 in JS: for names, labels and method names a native decoder call
 * costs more than the decoding. Only well-formed UTF-8 is decoded here; anything else is left to
 * the native decoder, so malformed input keeps its replacement characters exactly.
 * @internal
 */
const fromCharCode = String.fromCharCode;

/** UTF-16 units of the string `shortUtf8` is decoding (it never holds more than 24). */
const UNITS = new Uint16Array(24);

/**
 * Decodes `buf[s..e)` into `UNITS` when it is well-formed UTF-8 of at most 24 UTF-16 units;
 * returns the unit count, or -1 (longer, or malformed: the native decoder then decides on the
 * replacement characters, so malformed input reads exactly as before).
 */
function utf8Units(buf: Uint8Array, s: number, e: number): number {
  const u = UNITS;
  let k = 0;
  while (s < e) {
    if (k > 22) return -1;
    const b0 = buf[s]!;
    if (b0 < 0x80) {
      u[k++] = b0;
      s++;
    } else if (b0 < 0xe0) {
      if (b0 < 0xc2 || s + 1 >= e) return -1;
      const b1 = buf[s + 1]!;
      if ((b1 & 0xc0) !== 0x80) return -1;
      u[k++] = ((b0 & 0x1f) << 6) | (b1 & 0x3f);
      s += 2;
    } else if (b0 < 0xf0) {
      if (s + 2 >= e) return -1;
      const b1 = buf[s + 1]!, b2 = buf[s + 2]!;
      if (((b1 | (b2 << 8)) & 0xc0c0) !== 0x8080) return -1;
      const c = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
      if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) return -1;
      u[k++] = c;
      s += 3;
    } else {
      if (b0 > 0xf4 || s + 3 >= e) return -1;
      const b1 = buf[s + 1]!, b2 = buf[s + 2]!, b3 = buf[s + 3]!;
      if (((b1 | (b2 << 8) | (b3 << 16)) & 0xc0c0c0) !== 0x808080) return -1;
      const c = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      if (c < 0x10000 || c > 0x10ffff) return -1;
      u[k++] = 0xd7c0 + (c >> 10); // 0xd800 + ((c - 0x10000) >> 10)
      u[k++] = 0xdc00 + (c & 0x3ff);
      s += 4;
    }
  }
  return k;
}

/**
 * A short string decoded in JS (names, labels, colours: a native call costs more than the
 * decoding); `undefined` when `utf8Units` declines it. Fixed-arity `fromCharCode` calls are the
 * fastest way V8 offers to build a short string from units.
 */
export function shortUtf8(buf: Uint8Array, s: number, e: number): string | undefined {
  const u = UNITS;
  switch (utf8Units(buf, s, e)) {
    case 1: return fromCharCode(u[0]!);
    case 2: return fromCharCode(u[0]!, u[1]!);
    case 3: return fromCharCode(u[0]!, u[1]!, u[2]!);
    case 4: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!);
    case 5: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!);
    case 6: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!);
    case 7: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!);
    case 8: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!);
    case 9: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!);
    case 10: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!);
    case 11: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!);
    case 12: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!);
    case 13: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!);
    case 14: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!);
    case 15: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!);
    case 16: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!, u[15]!);
    case 17: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!, u[15]!, u[16]!);
    case 18: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!, u[15]!, u[16]!, u[17]!);
    case 19: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!, u[15]!, u[16]!, u[17]!, u[18]!);
    case 20: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!, u[15]!, u[16]!, u[17]!, u[18]!, u[19]!);
    case 21: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!, u[15]!, u[16]!, u[17]!, u[18]!, u[19]!, u[20]!);
    case 22: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!, u[15]!, u[16]!, u[17]!, u[18]!, u[19]!, u[20]!, u[21]!);
    case 23: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!, u[15]!, u[16]!, u[17]!, u[18]!, u[19]!, u[20]!, u[21]!, u[22]!);
    case 24: return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!, u[15]!, u[16]!, u[17]!, u[18]!, u[19]!, u[20]!, u[21]!, u[22]!, u[23]!);
    default: return undefined;
  }
}
