/**
 * Total readers for raw Douyin JSON: every function accepts any value and never throws, so a
 * filter can walk a response with plain property access (no JSONPath at run time) and still
 * survive a missing or oddly typed branch.
 */

/** A JSON object as it comes from `parseJson` or `JSON.parse`. */
export type Obj = Readonly<Record<string, unknown>>;

/** The object every missing branch resolves to; shared and frozen so walking it costs nothing. */
export const EMPTY: Obj = Object.freeze({});

/** `value` when it is a JSON object (not an array), otherwise the shared empty object. */
export function obj(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : EMPTY;
}

const NO_ITEMS: readonly unknown[] = Object.freeze([]);

/** `value` when it is an array, otherwise an empty one. */
export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : NO_ITEMS;
}

/** Text as Douyin sent it (emoji and all); numbers are written out, anything else is `null`. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return null;
}

/** A number; numeric strings are accepted (Douyin sends some counts as strings). */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** A flag Douyin sends as `true`/`false`, `1`/`0` or `"1"`/`"0"`. */
export function flag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return null;
}

/**
 * A 64-bit id as a decimal string: the first candidate that is a non-empty string, a bigint or a
 * safe integer. Numbers beyond 2^53 that `JSON.parse` already rounded are refused, so the next
 * candidate (usually the `*_str` twin) wins and a wrong id is never produced.
 */
export function id(...candidates: unknown[]): string | null {
  for (const value of candidates) {
    if (typeof value === 'string') {
      if (value !== '') return value;
    } else if (typeof value === 'bigint') {
      return value.toString();
    } else if (typeof value === 'number' && Number.isSafeInteger(value)) {
      return value.toFixed(0);
    }
  }
  return null;
}

/** Every string in a URL struct's `url_list` (the CDN mirrors of one object). */
export function urls(struct: unknown): string[] {
  const list = obj(struct).url_list;
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const entry of list) if (typeof entry === 'string' && entry !== '') out.push(entry);
  return out;
}

/** The first mirror of a URL struct, or `null`. */
export function firstUrl(struct: unknown): string | null {
  const list = obj(struct).url_list;
  if (!Array.isArray(list)) return null;
  for (const entry of list) if (typeof entry === 'string' && entry !== '') return entry;
  return null;
}

/** A `{key: string}` map such as `flv_pull_url` (quality -> URL); `null` when absent. */
export function stringMap(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') out[key] = entry;
  return out;
}

/** The first element of an array (as an object). */
export function first(value: unknown): Obj {
  return obj(arr(value)[0]);
}
