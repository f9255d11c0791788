import { setTimeout as sleep } from 'node:timers/promises';
import { NetworkError } from '../../errors.js';
import { calculateRetryDelay } from '../../utils/calculate-retry-delay.js';

export interface ReconnectSteps {
  policy: { retries: number; baseDelayMs: number; maxDelayMs: number };
  random: () => number;
  /** The session's signal: aborting it ends the loop quietly. */
  signal: AbortSignal;
  /** Increments and returns the attempt count (the client resets it once a connection delivers). */
  nextAttempt(): number;
  reconnecting(info: { attempt: number; delayMs: number }): void;
  /** One attempt after the wait: resolves `'open'`, or `'stop'` when there is nothing to reconnect to. */
  attempt(signal: AbortSignal): Promise<'open' | 'stop'>;
  /** An attempt failed (the client may rotate hosts or refresh its preload). */
  failed(error: unknown): void;
  /** No attempts left. */
  gaveUp(error: NetworkError): void;
}

/**
 * The reconnect loop: wait `calculateRetryDelay` (exponential, equal jitter), try, repeat until a
 * connection opens, the steps say stop, the signal fires, or `retries` attempts failed.
 */
export async function reconnectLoop(s: ReconnectSteps): Promise<void> {
  let lastError: unknown;
  while (!s.signal.aborted) {
    const attempt = s.nextAttempt();
    const delayMs = calculateRetryDelay({
      attemptCount: attempt, retryLimit: s.policy.retries, retryable: true,
      baseDelayMs: s.policy.baseDelayMs, maxDelayMs: s.policy.maxDelayMs, random: s.random(),
    });
    if (delayMs === 0) {
      s.gaveUp(new NetworkError(`The live chat gave up after ${s.policy.retries} reconnect attempts`, { cause: lastError, endpoint: 'live_chat_ws' }));
      return;
    }
    s.reconnecting({ attempt, delayMs });
    try {
      await sleep(delayMs, undefined, { signal: s.signal });
      await s.attempt(s.signal);
      return;
    } catch (error) {
      if (s.signal.aborted) return;
      lastError = error;
      s.failed(error);
    }
  }
}
