import { CircuitOpenError } from '../errors.js';

/**
 * Stops hammering an endpoint that keeps failing: after `threshold` consecutive failures the
 * circuit opens for `cooldownMs`; then one trial request is let through (half-open), and its
 * outcome closes or re-opens the circuit.
 */
export class CircuitBreaker {
  #failures = 0;
  #openUntil = 0;
  #trialInFlight = false;
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #now: () => number;

  constructor(threshold: number, cooldownMs: number, now: () => number = Date.now) {
    this.#threshold = threshold;
    this.#cooldownMs = cooldownMs;
    this.#now = now;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.#failures < this.#threshold) return 'closed';
    return this.#now() < this.#openUntil ? 'open' : 'half-open';
  }

  /** Throws CircuitOpenError while open; lets one trial through when half-open. */
  enter(endpoint: string): void {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.#trialInFlight)) {
      throw new CircuitOpenError(
        `Paused after ${this.#failures} consecutive failures; retry after ${new Date(this.#openUntil).toISOString()}`,
        this.#openUntil,
        { endpoint, hint: 'Douyin keeps refusing this endpoint: check the cookie and signer, or wait for the cooldown.' },
      );
    }
    if (state === 'half-open') this.#trialInFlight = true;
  }

  success(): void {
    this.#failures = 0;
    this.#trialInFlight = false;
  }

  failure(): void {
    this.#failures++;
    this.#trialInFlight = false;
    if (this.#failures >= this.#threshold) this.#openUntil = this.#now() + this.#cooldownMs;
  }
}
