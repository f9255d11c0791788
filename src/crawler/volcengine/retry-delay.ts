export interface RetryPolicy {
  /** Retries after the first attempt. @default 3 */
  limit: number;
  /** First backoff step. @default 500 */
  baseDelayMs: number;
  /** Cap on one wait, also on a server-requested Retry-After. @default 10_000 */
  maxDelayMs: number;
}

/**
 * Milliseconds to wait before retry number `attempt` (1-based): the server's Retry-After when it
 * gave one, else exponential backoff with jitter (half fixed, half random); both capped. 0 means do not retry.
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (attempt > policy.limit) return 0;
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(Math.max(retryAfterMs, 1), policy.maxDelayMs);
  const ceiling = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.max(1, Math.round(ceiling / 2 + (random() * ceiling) / 2));
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
