import { isSafeNumber, parse as parseLossless } from 'lossless-json';

/**
 * Douyin sends some ids as JSON numbers above 2^53 (`room.id`, `music.id`, `comment_gid`).
 * `parseJson` keeps every number exact: safe numbers become `number`, integers beyond 2^53
 * become `bigint`, everything else is what `JSON.parse` gives.
 *
 * Fast path: `JSON.parse`, then the rounded integers are replaced, in document order, by the
 * exact literals found in the text outside strings (strings are skipped with `indexOf`, so
 * JSON-in-JSON fields cannot fool it). If the two disagree — e.g. an object with integer-like
 * keys, which JavaScript iterates out of document order — it falls back to a full lossless parse.
 */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  const literals = unsafeIntegerLiterals(text);
  if (literals.length === 0) return value;
  const state = { next: 0, ok: true };
  const fixed = restore(value, literals, state);
  if (state.ok && state.next === literals.length) return fixed;
  return parseLossless(text, null, parseNumber);
}

function parseNumber(value: string): number | bigint {
  if (isSafeNumber(value)) return Number(value);
  if (/^-?\d+$/.test(value)) return BigInt(value);
  return Number(value);
}

const BACKSLASH = 92;
const MINUS = 45;
const DOT = 46;

/** Integer literals beyond 2^53 that stand outside strings, in document order. */
function unsafeIntegerLiterals(t: string): string[] {
  const out: string[] = [];
  const n = t.length;
  let i = 0;
  while (i < n) {
    const q = t.indexOf('"', i);
    const segEnd = q === -1 ? n : q;
    if (segEnd - i >= 16) scanSegment(t, i, segEnd, out);
    if (q === -1) break;
    let j = q + 1;
    for (;;) {
      j = t.indexOf('"', j);
      if (j === -1) return out;
      let b = j - 1;
      let slashes = 0;
      while (t.charCodeAt(b) === BACKSLASH) {
        slashes++;
        b--;
      }
      if ((slashes & 1) === 0) break;
      j++;
    }
    i = j + 1;
  }
  return out;
}

function scanSegment(t: string, from: number, to: number, out: string[]): void {
  let k = from;
  while (k < to) {
    const c = t.charCodeAt(k);
    if (c < 48 || c > 57) {
      k++;
      continue;
    }
    let e = k + 1;
    while (e < to) {
      const d = t.charCodeAt(e);
      if (d < 48 || d > 57) break;
      e++;
    }
    if (e - k >= 16 && t.charCodeAt(k - 1) !== DOT) {
      const after = t.charCodeAt(e);
      if (after !== DOT && after !== 101 && after !== 69) {
        const start = t.charCodeAt(k - 1) === MINUS ? k - 1 : k;
        const literal = t.slice(start, e);
        if (!Number.isSafeInteger(Number(literal))) out.push(literal);
      }
    }
    k = e;
  }
}

function restore(v: unknown, literals: string[], state: { next: number; ok: boolean }): unknown {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) || !Number.isInteger(v)) return v;
    const literal = literals[state.next++];
    if (literal === undefined || Number(literal) !== v) {
      state.ok = false;
      return v;
    }
    return BigInt(literal);
  }
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'object' ? x !== null : typeof x === 'number') v[i] = restore(x, literals, state);
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  for (const key in o) {
    const x = o[key];
    if (typeof x === 'object' ? x !== null : typeof x === 'number') o[key] = restore(x, literals, state);
  }
  return o;
}

const BIGINT_MARK = /"\\u0000n:(-?\d+)"/g;

/** Serialises values from `parseJson` (bigints as bare JSON numbers) back to JSON text. */
export function stringifyJson(value: unknown, space?: number): string {
  let hasBigint = false;
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v !== 'bigint') return v;
      hasBigint = true;
      return `\u0000n:${v.toString()}`;
    },
    space,
  );
  if (text === undefined) return 'null';
  return hasBigint ? text.replace(BIGINT_MARK, '$1') : text;
}

/** A decimal string for an id that may arrive as string, number or bigint; `null` when absent. */
export function idString(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return null;
}
