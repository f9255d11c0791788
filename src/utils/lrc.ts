import { InvalidInputError } from '../errors.js';
import { pyFloat, pyFloorDiv, pyIntOfFloat, pyMod, pyReprString, pyStr, pyTypeName, pyZeroPad } from './python-compat.js';

const HINT = 'Pass the lyric list Douyin gives (`[{ "text": "…", "timeId": "12.34" }, …]`).';

/**
 * F2's `json_2_lrc`: Douyin's JSON lyrics (`[{ text, timeId }]`, `timeId` in seconds as a string
 * or number) to LRC text, one `[mm:ss.xxx] text` line per item, joined by `\n`.
 *
 * Matches F2 to the byte, quirks included: milliseconds come from float arithmetic and are
 * truncated (`"12.760"` → `[00:12.759]`), `%` and `//` follow Python for negative times, minutes
 * are not capped. Bad input throws `InvalidInputError` with F2's message (its untranslated source
 * string), e.g. `歌词数据字段错误：'text'` for a missing key.
 */
export function json_2_lrc(data: unknown): string {
  const lines: string[] = [];
  for (const item of pyIterate(data)) {
    const text = pySubscript(item, 'text');
    const parsed = pyFloat(pySubscript(item, 'timeId'));
    if (!parsed.ok) {
      if (parsed.kind === 'TypeError') throw typeError(parsed.message);
      throw new InvalidInputError(parsed.message, { hint: 'Each `timeId` must be a number of seconds, e.g. "12.34".' });
    }
    const t = parsed.value;
    const minutes = toInt(pyFloorDiv(t, 60));
    const seconds = toInt(pyMod(t, 60));
    const millis = toInt(pyMod(t, 1) * 1000);
    lines.push(`[${pyZeroPad(minutes, 2)}:${pyZeroPad(seconds, 2)}.${pyZeroPad(millis, 3)}] ${pyStr(text)}`);
  }
  return lines.join('\n');
}

function toInt(x: number): bigint {
  const r = pyIntOfFloat(x);
  if (!r.ok) throw new InvalidInputError(r.message, { hint: 'Each `timeId` must be a finite number of seconds.' });
  return r.value;
}

function typeError(detail: string): InvalidInputError {
  return new InvalidInputError(`歌词数据类型错误：${detail}`, { hint: HINT });
}

/** What `for item in data` yields in Python, or the TypeError it raises. */
function pyIterate(data: unknown): Iterable<unknown> {
  if (Array.isArray(data)) return data;
  if (typeof data === 'string') return [...data];
  if (typeof data === 'object' && data !== null) return Object.keys(data);
  throw typeError(`'${pyTypeName(data)}' object is not iterable`);
}

/** `item[key]` with Python's errors. */
function pySubscript(item: unknown, key: string): unknown {
  if (typeof item === 'string') throw typeError("string indices must be integers, not 'str'");
  if (Array.isArray(item)) throw typeError('list indices must be integers or slices, not str');
  if (typeof item !== 'object' || item === null) throw typeError(`'${pyTypeName(item)}' object is not subscriptable`);
  if (!Object.hasOwn(item, key)) {
    throw new InvalidInputError(`歌词数据字段错误：${pyReprString(key)}`, { hint: HINT });
  }
  return (item as Record<string, unknown>)[key];
}
