import { describe, expect, it } from 'vitest';
import { calculateRetryDelay, parseRetryAfter } from '../../src/utils/calculate-retry-delay.js';

const base = { retryLimit: 5, retryable: true, baseDelayMs: 100, maxDelayMs: 2000, random: 0 };

describe('calculateRetryDelay', () => {
  it('grows exponentially within [exp/2, exp] and is capped', () => {
    expect(calculateRetryDelay({ ...base, attemptCount: 1 })).toBe(50);
    expect(calculateRetryDelay({ ...base, attemptCount: 1, random: 0.999999 })).toBe(100);
    expect(calculateRetryDelay({ ...base, attemptCount: 3 })).toBe(200);
    expect(calculateRetryDelay({ ...base, attemptCount: 5, random: 0.5 })).toBe(1200);
    expect(calculateRetryDelay({ ...base, attemptCount: 5, baseDelayMs: 1000, random: 0.999999 })).toBe(2000);
  });

  it('stops when not retryable or past the limit', () => {
    expect(calculateRetryDelay({ ...base, attemptCount: 1, retryable: false })).toBe(0);
    expect(calculateRetryDelay({ ...base, attemptCount: 6 })).toBe(0);
  });

  it('honours Retry-After, also beyond the backoff cap, up to maxRetryAfterMs', () => {
    expect(calculateRetryDelay({ ...base, attemptCount: 1, retryAfterMs: 5000 })).toBe(5000);
    expect(calculateRetryDelay({ ...base, attemptCount: 1, retryAfterMs: 0 })).toBe(1);
    expect(calculateRetryDelay({ ...base, attemptCount: 1, retryAfterMs: 90_000, maxRetryAfterMs: 60_000 })).toBe(0);
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});
