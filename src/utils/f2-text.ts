/**
 * F2-compatible text helpers, byte-exact with F2 (names kept so F2 users find them):
 * `split_filename`, `timestamp_2_str`, `replaceT`, `format_file_name`.
 *
 * These reproduce F2's output, quirks included (e.g. `replaceT` turns emoji into `_`). For file
 * names douyin-kit writes by default, see `naming.ts` and `safe-filename.ts`.
 */
import { InvalidInputError, InvalidOptionError } from '../errors.js';
import { PY_WHITESPACE_CLASS, pyFloat, pyReprString, pyStr, pyTypeName } from './python-compat.js';
import { PyFormatError, renderPyFormat } from './python-format.js';
import { pyStrftime, wallClockAt, type WallClock } from './python-strftime.js';

/** F2's per-platform byte limit for `desc` in file names. */
export const F2_OS_LIMIT: Readonly<Record<string, number>> = Object.freeze({ win32: 200, cygwin: 200, darwin: 200, linux: 200 });

const WHITESPACE_RUN = new RegExp(`[${PY_WHITESPACE_CLASS}]+`, 'g');
const UTF8 = new TextEncoder();

/**
 * F2's `split_filename`: collapses whitespace runs to one space and trims; when the UTF-8 length
 * exceeds the platform's limit (`os_limit[platform] ?? 200`), keeps the first
 * `(limit-6)*2//3` bytes, `......`, and the last `(limit-6)//3` bytes, dropping any character cut
 * in half (Python's `decode(errors='ignore')`).
 */
export function split_filename(
  text: string,
  os_limit: Readonly<Record<string, number>> = F2_OS_LIMIT,
  platform: string = process.platform,
): string {
  if (typeof text !== 'string') {
    throw new InvalidInputError(`expected string or bytes-like object, got '${pyTypeName(text)}'`);
  }
  const limit = Object.hasOwn(os_limit, platform) ? os_limit[platform]! : 200;
  const clean = text.replace(WHITESPACE_RUN, ' ').replace(/^ +| +$/g, '');
  const chars = codePointsWithBytes(clean);
  const total = chars.reduce((n, c) => n + c.bytes, 0);
  if (total <= limit) return clean;
  const first = pyFloorDivInt((limit - 6) * 2, 3);
  const second = pyFloorDivInt(limit - 6, 3);
  // Python slices: bytes[:first] and bytes[-second:] (note `[-0:]` is the whole string).
  const head = sliceWholeChars(chars, 0, normalizeSliceIndex(first, total));
  const tail = sliceWholeChars(chars, second === 0 ? 0 : normalizeSliceIndex(-second, total), total);
  return `${head}......${tail}`;
}

function pyFloorDivInt(a: number, b: number): number {
  return Math.floor(a / b);
}

function normalizeSliceIndex(i: number, length: number): number {
  if (i < 0) return Math.max(0, length + i);
  return Math.min(i, length);
}

interface CharBytes {
  ch: string;
  bytes: number;
}

function codePointsWithBytes(text: string): CharBytes[] {
  const out: CharBytes[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      throw new InvalidInputError("'utf-8' codec can't encode a lone surrogate", { hint: 'The text is not valid Unicode.' });
    }
    out.push({ ch, bytes: UTF8.encode(ch).length });
  }
  return out;
}

/** The characters lying wholly inside the byte range [start, end). */
function sliceWholeChars(chars: readonly CharBytes[], start: number, end: number): string {
  let pos = 0;
  let out = '';
  for (const { ch, bytes } of chars) {
    if (pos >= start && pos + bytes <= end) out += ch;
    pos += bytes;
    if (pos >= end) break;
  }
  return out;
}

/** F2's `replaceT`: every character outside `\u4e00-\u9fa5`, ASCII letters, digits and `#` → `_`. */
export function replaceT<T>(obj: T): T extends string ? string : T extends readonly unknown[] ? unknown[] : T;
export function replaceT(obj: unknown): unknown {
  const sub = (s: string) => s.replace(/[^\u4e00-\u9fa5a-zA-Z0-9#]/gu, '_');
  if (Array.isArray(obj)) return obj.map((item: unknown) => (typeof item === 'string' ? sub(item) : pyTruthy(item) ? item : ''));
  if (typeof obj === 'string') return sub(obj);
  return obj;
}

function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === 0n || v === '') return false;
  if (typeof v === 'number' && Number.isNaN(v)) return true;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

export type F2Timestamp = string | number | bigint | boolean | null | undefined;
export const F2_TIME_FORMAT = '%Y-%m-%d %H-%M-%S';

/**
 * F2's `timestamp_2_str`: a UNIX timestamp (seconds; values above 1e10 are taken as
 * milliseconds), given as number or string, formatted with Python `strftime` directives at a
 * fixed UTC offset (default +8 h, Beijing). A 30-character string such as
 * `"Sun Apr 07 18:43:48 +0800 2024"` is parsed and keeps its own offset. `null`/`"None"` →
 * `"Invalid timestamp"`; `0`/`"0"` → now. Lists (one level of nesting) map element-wise.
 */
export function timestamp_2_str(timestamp: F2Timestamp, format?: string, tzOffsetMinutes?: number): string;
export function timestamp_2_str(
  timestamp: readonly (F2Timestamp | readonly F2Timestamp[])[],
  format?: string,
  tzOffsetMinutes?: number,
): (string | string[])[];
export function timestamp_2_str(timestamp: unknown, format = F2_TIME_FORMAT, tzOffsetMinutes = 480): unknown {
  const tz = tzOffsetMinutes * 60;
  if (timestamp === null || timestamp === undefined || timestamp === 'None') return 'Invalid timestamp';
  if (timestamp === 0 || timestamp === '0' || timestamp === false || timestamp === 0n) {
    const now = Date.now();
    return pyStrftime(wallClockAt(Math.floor(now / 1000), (now % 1000) * 1000, tz), format);
  }
  if (Array.isArray(timestamp)) {
    return timestamp.map((ts: unknown) =>
      Array.isArray(ts) ? ts.map((t: unknown) => pyStrftime(convertTimestamp(t, tz), format)) : pyStrftime(convertTimestamp(ts, tz), format),
    );
  }
  return pyStrftime(convertTimestamp(timestamp, tz), format);
}

function convertTimestamp(ts: unknown, tz: number): WallClock {
  if (typeof ts === 'string') {
    if ([...ts].length === 30) return parseLongDate(ts);
    const parsed = pyFloat(ts);
    const invalid = () => new InvalidInputError(`无效的时间戳字符串: ${ts}`, { hint: 'Expected a UNIX timestamp in seconds or milliseconds.' });
    if (!parsed.ok) throw invalid();
    const r = fromTimestamp(parsed.value > 1e10 ? parsed.value / 1000 : parsed.value, tz);
    if (!r.ok) throw r.overflow ? new InvalidInputError(r.message) : invalid();
    return r.value;
  }
  if (typeof ts === 'number' || typeof ts === 'bigint' || typeof ts === 'boolean') {
    const v = Number(ts);
    const r = fromTimestamp(v > 1e10 ? v / 1000 : v, tz);
    if (!r.ok) throw new InvalidInputError(r.message, { hint: 'Expected a UNIX timestamp in seconds or milliseconds.' });
    return r.value;
  }
  throw new InvalidInputError(`不支持的时间戳类型: <class '${pyTypeName(ts)}'>`, { hint: 'Expected a number or a string.' });
}

type FromTs = { ok: true; value: WallClock } | { ok: false; overflow: boolean; message: string };

const MIN_EPOCH = -62135596800; // 0001-01-01T00:00:00Z
const MAX_EPOCH = 253402300799; // 9999-12-31T23:59:59Z

/** `datetime.fromtimestamp(t, tz)`: microseconds rounded half-even, as CPython does. */
function fromTimestamp(t: number, tz: number): FromTs {
  if (Number.isNaN(t)) return { ok: false, overflow: false, message: 'Invalid value NaN (not a number)' };
  if (!Number.isFinite(t)) return { ok: false, overflow: true, message: 'cannot convert float infinity to integer' };
  let intPart = Math.trunc(t);
  let micro = roundHalfEven((t - intPart) * 1e6);
  if (micro >= 1e6) {
    micro -= 1e6;
    intPart += 1;
  } else if (micro < 0) {
    micro += 1e6;
    intPart -= 1;
  }
  if (Math.abs(intPart) >= 2 ** 63) return { ok: false, overflow: true, message: 'timestamp out of range for platform time_t' };
  if (intPart < MIN_EPOCH || intPart > MAX_EPOCH) {
    const year = Math.abs(intPart) < 8.64e12 ? new Date(intPart * 1000).getUTCFullYear() : undefined;
    return { ok: false, overflow: false, message: `year ${year ?? (intPart < 0 ? 'before 1' : 'after 9999')} is out of range` };
  }
  const local = intPart + tz;
  if (local < MIN_EPOCH || local > MAX_EPOCH) return { ok: false, overflow: true, message: 'date value out of range' };
  return { ok: true, value: wallClockAt(intPart, micro, tz) };
}

function roundHalfEven(x: number): number {
  let r = Math.trunc(x);
  const diff = x - r;
  if (Math.abs(diff) > 0.5) r += Math.sign(diff);
  else if (Math.abs(diff) === 0.5 && r % 2 !== 0) r += Math.sign(diff);
  return r;
}

const DAY_NAMES = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun';
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_FULL = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const S = `[${PY_WHITESPACE_CLASS}]+`;
const LONG_DATE = new RegExp(
  `^(?:${DAY_NAMES})${S}(${[...MONTH_FULL, ...MONTH_NAMES].join('|')})${S}(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])${S}` +
    `(2[0-3]|[0-1]\\d|\\d):([0-5]\\d|\\d):(6[0-1]|[0-5]\\d|\\d)${S}` +
    `([+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|Z)${S}(\\d\\d\\d\\d)$`,
  'i',
);
const LONG_DATE_FORMAT = '%a %b %d %H:%M:%S %z %Y';

/** `datetime.strptime(ts, "%a %b %d %H:%M:%S %z %Y")`. */
function parseLongDate(ts: string): WallClock {
  const fail = (why?: string) =>
    new InvalidInputError(why ?? `time data ${pyReprString(ts)} does not match format '${LONG_DATE_FORMAT}'`, {
      hint: 'Expected a UNIX timestamp or a date like "Sun Apr 07 18:43:48 +0800 2024".',
    });
  const m = LONG_DATE.exec(ts);
  // A 'Z' offset is case-sensitive in Python's pattern.
  if (!m || m[6] === 'z') throw fail();
  const monthName = m[1]!.toLowerCase();
  const month = (MONTH_FULL.includes(monthName) ? MONTH_FULL.indexOf(monthName) : MONTH_NAMES.indexOf(monthName)) + 1;
  const day = Number(m[2]!.trim());
  const [hour, minute, second, year] = [Number(m[3]), Number(m[4]), Number(m[5]), Number(m[7])];
  if (year < 1) throw fail(`year ${year} is out of range`);
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (day > daysInMonth) throw fail('day is out of range for month');
  if (second > 59) throw fail('second must be in 0..59');
  const offset = parseOffset(m[6]!);
  if (Math.abs(offset) >= 86400) throw fail('offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).');
  return { year, month, day, hour, minute, second, microsecond: 0, offsetSeconds: offset };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function parseOffset(z: string): number {
  if (z === 'Z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replaceAll(':', '');
  const h = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2, 4));
  const s = digits.length > 4 ? Number(digits.slice(4, 6)) : 0;
  return sign * (h * 3600 + m * 60 + s);
}

export interface F2AwemeNameData {
  create_time?: unknown;
  nickname?: unknown;
  aweme_id?: unknown;
  desc?: unknown;
  caption?: unknown;
  uid?: unknown;
  [key: string]: unknown;
}

/**
 * F2's `format_file_name`: fills a Python `str.format` template from `aweme_data` (`create` ←
 * `create_time`, `nickname`, `aweme_id`, `desc` ← `split_filename(desc)`, `caption`, `uid`;
 * missing → `''`), then `custom_fields` override or add fields (not passed through
 * `split_filename`). Does not sanitise: F2 relies on `replaceT` in its filters. Throws
 * `InvalidOptionError` (key `naming`) for an empty template or an unknown field.
 */
export function format_file_name(
  naming_template: string,
  aweme_data: Readonly<F2AwemeNameData> = {},
  custom_fields: Readonly<Record<string, unknown>> = {},
): string {
  if (typeof naming_template !== 'string' || naming_template === '') {
    const value: unknown = naming_template;
    const message =
      value === null || value === undefined || value === ''
        ? '请检查配置文件格式是否正确: naming 不能为空，使用默认配置 | Key: naming'
        : `请检查配置文件格式是否正确 | Key: naming, Value: ${pyStr(value)}，使用默认配置 | Key: naming`;
    throw new InvalidOptionError('naming', message, { hint: 'Set `naming` to a template such as "{create}_{desc}".' });
  }
  const get = (key: string): unknown => (Object.hasOwn(aweme_data, key) ? aweme_data[key] : '');
  const fields: Record<string, unknown> = {
    create: get('create_time'),
    nickname: get('nickname'),
    aweme_id: get('aweme_id'),
    desc: split_filename(get('desc') as string, F2_OS_LIMIT),
    caption: get('caption'),
    uid: get('uid'),
    ...custom_fields,
  };
  try {
    return renderPyFormat(naming_template, (name) => (Object.hasOwn(fields, name) ? (fields[name] ?? null) : undefined));
  } catch (error) {
    if (!(error instanceof PyFormatError)) throw error;
    const message = error.kind === 'KeyError' ? `文件名模板字段 ${error.message} 不存在，请检查` : error.message;
    throw new InvalidOptionError('naming', message, {
      hint: 'Template fields: {create} {nickname} {aweme_id} {desc} {caption} {uid} and your custom fields; write {{ and }} for literal braces.',
    });
  }
}
