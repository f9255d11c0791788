/**
 * Small pieces of Python semantics that F2-compatible helpers (`lrc.ts`, `f2-text.ts`, the
 * token request bodies) must reproduce exactly: `str.isspace`, `float(str)`, `%`/`//` on floats,
 * `repr`/`str` of JSON-like values, zero-padded int formatting and `json.dumps` defaults.
 */

/** The characters Python's `str.isspace()` (and `\s` in `re` for str patterns) accepts. */
export const PY_WHITESPACE_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const SPACE_RE = new RegExp(`[${PY_WHITESPACE_CLASS}]`);
const DECIMAL_DIGIT_RE = /\p{Nd}/u;

export function isPySpace(ch: string): boolean {
  return SPACE_RE.test(ch);
}

/** The value of a Unicode decimal digit: Nd code points come in aligned runs of ten starting at zero. */
function decimalDigitValue(cp: number): number {
  let start = cp;
  while (start > 0 && DECIMAL_DIGIT_RE.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** Python's type name for a JSON-like JS value (`NoneType`, `str`, `int`, `float`, `bool`, `list`, `dict`). */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

export type PyFloatResult = { ok: true; value: number } | { ok: false; kind: 'TypeError' | 'ValueError'; message: string };

const DECIMAL_LITERAL = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const SPECIAL_LITERAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Python's `float(value)` for JSON-like values: the number, or the exception Python would raise. */
export function pyFloat(value: unknown): PyFloatResult {
  if (typeof value === 'number') return { ok: true, value };
  if (typeof value === 'bigint') return { ok: true, value: Number(value) };
  if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 };
  if (typeof value !== 'string') {
    return {
      ok: false,
      kind: 'TypeError',
      message: `float() argument must be a string or a real number, not '${pyTypeName(value)}'`,
    };
  }
  // Python first maps Unicode spaces to ' ' and Unicode decimal digits to ASCII digits.
  let ascii = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp < 128) ascii += ch;
    else if (isPySpace(ch)) ascii += ' ';
    else if (DECIMAL_DIGIT_RE.test(ch)) ascii += String(decimalDigitValue(cp));
    else ascii += '?';
  }
  // After that mapping, only ASCII C whitespace is stripped (\x1c-\x1f stay and fail).
  const text = ascii.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');
  const special = SPECIAL_LITERAL.exec(text);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return { ok: true, value: Number.NaN };
    return { ok: true, value: special[1] === '-' ? -Infinity : Infinity };
  }
  if (DECIMAL_LITERAL.test(text)) return { ok: true, value: Number(text.replaceAll('_', '')) };
  return { ok: false, kind: 'ValueError', message: `could not convert string to float: ${pyRepr(value)}` };
}

/** Python's float `%` (result takes the divisor's sign). */
export function pyMod(x: number, y: number): number {
  let mod = x % y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) mod += y;
  } else {
    mod = y < 0 ? -0 : 0;
  }
  return mod;
}

/** Python's float `//` (CPython `_float_div_mod`). */
export function pyFloorDiv(x: number, y: number): number {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  }
  if (div !== 0) {
    let floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
    return floordiv;
  }
  return Object.is(x / y, -0) || x / y < 0 ? -0 : 0;
}

/** Python's `int(x)` for a float: exact integer (bigint), or the ValueError/OverflowError message. */
export function pyIntOfFloat(x: number): { ok: true; value: bigint } | { ok: false; message: string } {
  if (Number.isNaN(x)) return { ok: false, message: 'cannot convert float NaN to integer' };
  if (!Number.isFinite(x)) return { ok: false, message: 'cannot convert float infinity to integer' };
  return { ok: true, value: BigInt(Math.trunc(x)) };
}

/** `f"{n:0W}"`: sign-aware zero padding to width W. */
export function pyZeroPad(n: bigint | number, width: number): string {
  const negative = n < 0;
  const digits = (negative ? -BigInt(n) : BigInt(n)).toString();
  const sign = negative ? '-' : '';
  return sign + digits.padStart(width - sign.length, '0');
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's `repr(str)`. */
export function pyReprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

/** Python's `repr(float)` for a JS number (shortest round-trip digits, Python's exponent rules). */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return `${sign}${digits.padEnd(intLen, '0')}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

/** Python's `repr()` of a JSON-like value. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return pyReprString(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : pyFloatRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyReprString(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return pyReprString(String(value));
}

/**
 * Python's `str()` of a JSON-like value. A JS number that is an integer is printed as Python
 * prints an int (JSON `1.0` and `1` are the same number here).
 */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/**
 * Python's `json.dumps(value)` with its defaults: `', '` and `': '` separators and
 * `ensure_ascii=True` (everything outside space..~ escaped as `\uXXXX`).
 */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : pyFloatRepr(value);
  }
  if (typeof value === 'string') return pyJsonString(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyJsonString(k)}: ${pyJsonDumps(v)}`).join(', ')}}`;
}

const JSON_SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function pyJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    const short = JSON_SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
