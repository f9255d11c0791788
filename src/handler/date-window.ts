import { InvalidInputError } from '../errors.js';

/** An inclusive window of whole days, in Unix seconds. */
export interface DateWindow {
  startSeconds: number;
  endSeconds: number;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses F2's interval `YYYY-MM-DD|YYYY-MM-DD` (or `all` → null). Days are read in China time
 * (UTC+8), as Douyin shows them; the end day is included whole.
 */
export function parseDateWindow(interval: string | undefined | null, utcOffsetHours = 8): DateWindow | null {
  if (!interval || interval === 'all') return null;
  const parts = interval.split('|');
  if (parts.length !== 2) throw new InvalidInputError(`interval must be \`all\` or \`YYYY-MM-DD|YYYY-MM-DD\`, got \`${interval}\``);
  const [start, end] = parts.map((p) => dayStart(p.trim(), utcOffsetHours, interval)) as [number, number];
  if (start > end) throw new InvalidInputError(`interval starts after it ends: \`${interval}\``);
  return { startSeconds: start, endSeconds: end + 86_400 - 1 };
}

function dayStart(day: string, offsetHours: number, whole: string): number {
  const m = DAY.exec(day);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(m[3])) {
    throw new InvalidInputError(`interval holds an invalid date \`${day}\` in \`${whole}\``);
  }
  return ms / 1000 - offsetHours * 3600;
}
