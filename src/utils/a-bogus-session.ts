import { generateBrowserFingerprint, type BrowserType } from './browser-fingerprint.js';
import { latin1Bytes } from './signing-primitives.js';
import { joinEndpoint, paramsToQueryString } from './signing-query.js';
import { cryptoRandomSource, systemClock, type Clock, type RandomSource } from './signing-random.js';
import {
  DEFAULT_ABOGUS_OPTIONS,
  DEFAULT_ABOGUS_USER_AGENT,
  assembleABogus,
  createABogusState,
  hashABogusInputs,
} from './a-bogus.js';

/**
 * F2's `ABogus` object: a user agent, a fingerprint, options, and the 256-entry state that each
 * call mutates — so two calls on one instance differ from two calls on fresh instances. Time and
 * randomness are injectable; the draws happen in F2's order (fingerprint draws in the constructor,
 * then per call: clock, hashing, clock, three `random()`).
 */

export interface ABogusInit {
  /** Browser fingerprint; `''`/omitted → generated (9 draws from `random`). */
  fingerprint?: string;
  /** Which browser the generated fingerprint imitates. @default 'Edge' */
  browserType?: BrowserType;
  /** `''`/omitted → {@link DEFAULT_ABOGUS_USER_AGENT}. */
  userAgent?: string;
  /** @default [0, 1, 14] */
  options?: readonly number[];
  /** @default cryptoRandomSource */
  random?: RandomSource;
  /** @default Date.now */
  clock?: Clock;
}

/** Values to use instead of reading the clock / drawing random numbers for one call. */
export interface ABogusFixedInputs {
  startMs?: number;
  endMs?: number;
  /** Three floats in `[0, 1)`. */
  randomValues?: readonly number[];
}

export interface ABogusResult {
  /** The a_bogus value (164/168 characters for generated fingerprints). */
  aBogus: string;
  /** `params + "&a_bogus=" + aBogus`, exactly as F2 returns it (also when `params` is empty). */
  params: string;
  userAgent: string;
  body: string;
  fingerprint: string;
}

/** One F2 `ABogus` instance. Not safe to share between concurrent request pipelines if you need
 * reproducible output: every call advances the instance's state. */
export class ABogus {
  readonly userAgent: string;
  readonly fingerprint: string;
  readonly options: readonly number[];
  readonly #random: RandomSource;
  readonly #clock: Clock;
  #state = createABogusState();

  /** @throws {InvalidInputError} when the user agent has characters above U+00FF. */
  constructor(init: ABogusInit = {}) {
    this.userAgent = init.userAgent || DEFAULT_ABOGUS_USER_AGENT;
    latin1Bytes(this.userAgent, 'the user agent');
    this.#random = init.random ?? cryptoRandomSource;
    this.#clock = init.clock ?? systemClock;
    this.options = Object.freeze([...(init.options ?? DEFAULT_ABOGUS_OPTIONS)]);
    this.fingerprint = init.fingerprint || generateBrowserFingerprint(init.browserType ?? 'Edge', this.#random);
  }

  /**
   * F2's `generate_abogus(params, body)`. Advances this instance's state.
   * @throws {InvalidInputError} see `computeABogus`.
   */
  generateABogus(params: string, body = '', fixed: ABogusFixedInputs = {}): ABogusResult {
    const startMs = fixed.startMs ?? this.#clock();
    const digests = hashABogusInputs(params, body, this.userAgent);
    const endMs = fixed.endMs ?? this.#clock();
    const randomValues = fixed.randomValues ?? [this.#random.random(), this.#random.random(), this.#random.random()];
    const aBogus = assembleABogus(
      digests,
      { fingerprint: this.fingerprint, options: this.options, startMs, endMs, randomValues },
      this.#state,
    );
    return { aBogus, params: `${params}&a_bogus=${aBogus}`, userAgent: this.userAgent, body, fingerprint: this.fingerprint };
  }

  /** Puts the state back to that of a fresh instance. */
  resetState(): void {
    this.#state = createABogusState();
  }
}

/**
 * One a_bogus on a fresh instance (what F2's managers do for every request).
 * @example signABogus(query, '', { userAgent, fingerprint, startMs: 1700000000000, endMs: 1700000000003, randomValues: [0.1, 0.2, 0.3] })
 */
export function signABogus(params: string, body = '', init: ABogusInit & ABogusFixedInputs = {}): ABogusResult {
  return new ABogus(init).generateABogus(params, body, init);
}

/** Options of the manager functions: only the randomness and the clock (F2 generates an Edge fingerprint). */
export interface ABogusManagerOptions {
  random?: RandomSource;
  clock?: Clock;
}

/** F2 `ABogusManager.str_2_endpoint`: `params + "&a_bogus=" + value`, with a fresh Edge fingerprint. */
export function aBogusStrToEndpoint(userAgent: string, params: string, body = '', options: ABogusManagerOptions = {}): string {
  return new ABogus({ ...options, userAgent }).generateABogus(params, body).params;
}

/**
 * F2 `ABogusManager.model_2_endpoint`: joins `params` as F2 does (Python `str()` of each value, no
 * encoding), signs it with a fresh Edge fingerprint, and appends it to `baseEndpoint`.
 */
export function aBogusModelToEndpoint(
  userAgent: string,
  baseEndpoint: string,
  params: Readonly<Record<string, unknown>>,
  body = '',
  options: ABogusManagerOptions = {},
): string {
  const query = paramsToQueryString(params);
  const { aBogus } = new ABogus({ ...options, userAgent }).generateABogus(query, body);
  return joinEndpoint(baseEndpoint, `${query}&a_bogus=${aBogus}`);
}
