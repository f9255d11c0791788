import type { DouyinKitError } from '../../errors.js';
import { asKitError } from './failure-policy.js';
import { untilAborted } from './sleep.js';

const STATUS_TIMEOUT_MS = 30_000;

/**
 * The recorder's view of the room status: `isLive` asked at most once per interval unless
 * forced, bounded by a timeout and by the stop signal. null means "unknown" (no callback, or it
 * failed); the recorder then assumes the room is still live.
 */
export class RoomStatus {
  readonly #isLive: ((options: { signal: AbortSignal }) => Promise<boolean>) | undefined;
  readonly #now: () => number;
  readonly #intervalMs: number;
  readonly #stop: AbortSignal;
  readonly #onError: (error: DouyinKitError) => void;
  #askedAtMs = -Infinity;
  #last: boolean | null = null;

  constructor(
    isLive: ((options: { signal: AbortSignal }) => Promise<boolean>) | undefined,
    now: () => number,
    intervalMs: number,
    stop: AbortSignal,
    onError: (error: DouyinKitError) => void,
  ) {
    this.#isLive = isLive;
    this.#now = now;
    this.#intervalMs = intervalMs;
    this.#stop = stop;
    this.#onError = onError;
  }

  get known(): boolean {
    return this.#isLive !== undefined;
  }

  async ask(force: boolean): Promise<boolean | null> {
    if (!this.#isLive || this.#stop.aborted) return null;
    if (!force && this.#now() - this.#askedAtMs < this.#intervalMs) return this.#last;
    this.#askedAtMs = this.#now();
    try {
      const signal = AbortSignal.any([this.#stop, AbortSignal.timeout(STATUS_TIMEOUT_MS)]);
      this.#last = (await untilAborted(this.#isLive({ signal }), signal)) !== false;
    } catch (e) {
      if (!this.#stop.aborted) this.#onError(asKitError(e, 'Checking the room status failed'));
      this.#last = null;
    }
    return this.#last;
  }
}
