import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Spaces requests to one endpoint. The spacing starts at `minIntervalMs`, doubles (up to
 * `maxIntervalMs`) after a 429 or a risk-control answer, and decays back after successes — so a
 * crawl slows down by itself when Douyin pushes back, instead of hammering into a captcha.
 */
export class AdaptiveThrottle {
  #intervalMs: number;
  #nextAt = 0;
  readonly #minIntervalMs: number;
  readonly #maxIntervalMs: number;
  readonly #now: () => number;

  constructor(minIntervalMs: number, maxIntervalMs: number, now: () => number = Date.now) {
    this.#minIntervalMs = minIntervalMs;
    this.#intervalMs = minIntervalMs;
    this.#maxIntervalMs = Math.max(minIntervalMs, maxIntervalMs);
    this.#now = now;
  }

  get intervalMs(): number {
    return this.#intervalMs;
  }

  /** Waits for this request's slot. */
  async wait(signal?: AbortSignal): Promise<void> {
    const now = this.#now();
    const at = Math.max(now, this.#nextAt);
    this.#nextAt = at + this.#intervalMs;
    if (at > now) await sleep(at - now, undefined, { signal });
  }

  pushBack(): void {
    this.#intervalMs = Math.min(this.#maxIntervalMs, Math.max(250, this.#intervalMs * 2));
  }

  relax(): void {
    if (this.#intervalMs > this.#minIntervalMs) {
      this.#intervalMs = Math.max(this.#minIntervalMs, Math.floor(this.#intervalMs * 0.8));
    }
  }
}
