import { InvalidOptionError } from '../errors.js';
import type { QualityPolicy } from '../dl/quality-policy.js';

const YES = new Set(['yes', 'y', 'true', 'on', '1']);
const NO = new Set(['no', 'n', 'false', 'off', '0']);

/** F2's boolean flags take `yes`/`no` (or nothing, meaning yes). */
export function parseYesNo(flag: string, value: string | boolean | undefined): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  throw new InvalidOptionError(flag, `${flag} takes yes or no, got ${JSON.stringify(value)}`, { hint: `Write ${flag} yes or ${flag} no.` });
}

export function parseInteger(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < min) {
    throw new InvalidOptionError(flag, `${flag} takes a whole number >= ${min}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** Seconds (F2's unit, decimals allowed) → milliseconds. */
export function parseSeconds(flag: string, value: string | undefined, min = 0.001): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min) {
    throw new InvalidOptionError(flag, `${flag} takes a number of seconds, got ${JSON.stringify(value)}`);
  }
  return Math.round(n * 1000);
}

const HEIGHTS: Record<string, number> = { '8k': 4320, '4k': 2160, '2k': 1440 };

/**
 * `--quality` for posts: comma-separated parts among `best`, `<n>p` (1080p, 720p…), `4k`, `2k`,
 * `h264`, `h265`, `<n>mb` (largest file). `best` alone means no cap.
 */
export function parseVideoQuality(value: string | undefined): QualityPolicy | undefined {
  if (value === undefined) return undefined;
  const policy: QualityPolicy = {};
  const parts = value.toLowerCase().split(/[,+\s]+/).filter(Boolean);
  if (parts.length === 0) throw badQuality(value);
  for (const part of parts) {
    if (part === 'best') continue;
    if (part === 'h264' || part === 'avc') policy.codec = 'h264';
    else if (part === 'h265' || part === 'hevc' || part === 'bytevc1') policy.codec = 'h265';
    else if (HEIGHTS[part] !== undefined) policy.maxHeight = HEIGHTS[part];
    else if (/^\d{3,4}p$/.test(part)) policy.maxHeight = Number(part.slice(0, -1));
    else if (/^\d+(\.\d+)?mb$/.test(part)) policy.maxBytes = Math.round(Number(part.slice(0, -2)) * 1024 * 1024);
    else throw badQuality(value);
  }
  return policy;
}

function badQuality(value: string): InvalidOptionError {
  return new InvalidOptionError('quality', `--quality ${JSON.stringify(value)} is not a quality`, {
    hint: 'Use best, 1080p, 720p, 4k, h264, h265, 50mb, or a combination such as 1080p,h264.',
  });
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidOptionError(flag, `${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}
