import { isSafeNumber, parse, stringify } from 'lossless-json';

/**
 * Douyin sends some ids as JSON numbers above 2^53 (`room.id`, `music.id`, `comment_gid`).
 * `parseJson` keeps every number exact: safe numbers become `number`, integers beyond 2^53
 * become `bigint`, everything else is what `JSON.parse` gives.
 */
export function parseJson(text: string): unknown {
  return parse(text, null, parseNumber);
}

function parseNumber(value: string): number | bigint {
  if (isSafeNumber(value)) return Number(value);
  if (/^-?\d+$/.test(value)) return BigInt(value);
  return Number(value);
}

/** Serialises values from `parseJson` (bigints as bare JSON numbers) back to JSON text. */
export function stringifyJson(value: unknown, space?: number): string {
  return stringify(value, undefined, space) ?? 'null';
}

/** A decimal string for an id that may arrive as string, number or bigint; `null` when absent. */
export function idString(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return null;
}
