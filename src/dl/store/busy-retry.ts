import { StoreError } from '../../errors.js';

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']);

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && BUSY_CODES.has(code);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` (the store is synchronous; so is its wait for another process). */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export interface BusyRetryOptions {
  retries: number;
  /** Base wait between tries; grows linearly with jitter. */
  delayMs: number;
}

/**
 * Runs `fn`, repeating it while SQLite answers BUSY/LOCKED: `busy_timeout` already waits for
 * locks, but a write that has to upgrade a read snapshot (`SQLITE_BUSY_SNAPSHOT`) or outlasts the
 * timeout is refused at once. After `retries`, a `StoreError` saying another process holds the
 * database. Other errors pass through.
 */
export function withBusyRetry<T>(fn: () => T, options: BusyRetryOptions, what: string): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      if (attempt >= options.retries) {
        throw new StoreError(`The archive stayed locked while trying to ${what} (${(error as { code: string }).code})`, {
          cause: error,
          hint: 'Another process is writing the same database for a long time; raise busyTimeoutMs or use one archive per process.',
        });
      }
      sleepSync(options.delayMs * (attempt + 1) * (0.5 + Math.random()));
    }
  }
}
