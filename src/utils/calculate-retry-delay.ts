export interface RetryDelayInput {
  /** 1 for the first retry, 2 for the second, … */
  attemptCount: number;
  /** How many retries are allowed in all. */
  retryLimit: number;
  /** Whether the failure may succeed when repeated (the error class decides). */
  retryable: boolean;
  /** What the server asked for (Retry-After), if anything. */
  retryAfterMs?: number | undefined;
  /** Base of the exponential backoff. */
  baseDelayMs: number;
  /** Cap of the computed backoff (a longer Retry-After is still honoured up to `maxRetryAfterMs`). */
  maxDelayMs: number;
  /** Longest server-requested wait accepted; beyond it, give up instead. */
  maxRetryAfterMs?: number;
  /** A value in [0, 1) for jitter; inject for deterministic tests. */
  random: number;
}

/**
 * How long to wait before the next attempt, in ms; 0 means "do not retry". Pure: shared by the
 * HTTP layer, the downloader and the live reconnect loop. Exponential backoff with "equal
 * jitter" (half fixed, half random) so that parallel clients do not retry in lockstep, and
 * Retry-After always wins when the server gave one.
 */
export function calculateRetryDelay(input: RetryDelayInput): number {
  const { attemptCount, retryLimit, retryable, retryAfterMs, baseDelayMs, maxDelayMs } = input;
  if (!retryable || attemptCount > retryLimit) return 0;
  if (retryAfterMs !== undefined && retryAfterMs >= 0) {
    const cap = input.maxRetryAfterMs ?? Number.POSITIVE_INFINITY;
    if (retryAfterMs > cap) return 0;
    return Math.max(1, Math.ceil(retryAfterMs));
  }
  const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attemptCount - 1));
  return Math.max(1, Math.round(exp / 2 + (exp / 2) * input.random));
}

/** Parses a Retry-After header (seconds or an HTTP date) into ms from `nowMs`. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
