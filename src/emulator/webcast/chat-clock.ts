import { InvalidOptionError } from '../../errors.js';

export interface ChatClockOptions {
  /** Emulated time at start, ms since the epoch. @default the world clock, else 1_750_000_000_000 */
  startMs?: number;
  /** Emulated milliseconds per real millisecond: 60 runs a 10-minute session in 10 s. @default 1 */
  speed?: number;
}

function checkSpeed(speed: number): number {
  if (!(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) {
    throw new InvalidOptionError('clock.speed', `Expected \`clock.speed\` to be a positive number, got \`${String(speed)}\``);
  }
  return speed;
}

/**
 * The chat server's clock: emulated time runs `speed` times faster than real time. Every duration
 * the chat backend is configured with (message gaps, push interval, drops, pings, heartbeat
 * windows) is in emulated ms; its timers wait `emulated / speed` real ms.
 */
export class ChatClock {
  /** Emulated time when the clock was made. */
  readonly startMs: number;
  #baseEmulated: number;
  #baseReal: number;
  #speed: number;

  constructor(options: ChatClockOptions = {}) {
    const start = options.startMs ?? 1_750_000_000_000;
    if (!Number.isFinite(start)) throw new InvalidOptionError('clock.startMs', 'Expected `clock.startMs` to be a finite number');
    this.startMs = start;
    this.#baseEmulated = start;
    this.#baseReal = performance.now();
    this.#speed = checkSpeed(options.speed ?? 1);
  }

  /** Emulated now, integer ms since the epoch. */
  now(): number {
    return Math.floor(this.#baseEmulated + (performance.now() - this.#baseReal) * this.#speed);
  }

  get speed(): number {
    return this.#speed;
  }

  /** Changes the speed from now on (emulated time stays continuous). */
  setSpeed(speed: number): void {
    checkSpeed(speed);
    this.#baseEmulated = this.now();
    this.#baseReal = performance.now();
    this.#speed = speed;
  }

  /** Jumps emulated time forward (heartbeat gaps measured across the jump grow by `ms`). */
  advance(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new InvalidOptionError('ms', 'advance() takes a non-negative number of ms');
    this.#baseEmulated += ms;
  }

  /** Real ms to wait for `emulatedMs` of emulated time (at least 1). */
  toReal(emulatedMs: number): number {
    return Math.max(1, emulatedMs / this.#speed);
  }
}
