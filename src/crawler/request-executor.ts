import diagnostics from 'node:diagnostics_channel';
import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';
import {
  AbortError,
  type DouyinKitError,
  isDouyinKitError,
  NetworkError,
  RateLimitError,
  RiskControlError,
  TimeoutError,
  redactSecrets,
} from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { calculateRetryDelay } from '../utils/calculate-retry-delay.js';
import { AdaptiveThrottle } from './adaptive-throttle.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { classifyResponse } from './classify-response.js';
import type { HttpClient } from './http-client.js';

export interface PreparedRequest {
  /** Endpoint id, for errors, throttling and the circuit breaker. */
  endpoint: string;
  method: 'GET' | 'POST';
  /** Builds the URL (and body) for one attempt: signatures are made fresh per attempt. */
  build: () => Promise<{ url: string; body?: string | undefined; contentType?: string | undefined }>;
  referer?: string;
  signal?: AbortSignal | undefined;
}

export interface ExecutorHooks {
  now?: () => number;
  random?: () => number;
}

const channels = {
  start: diagnostics.channel('douyin-kit:request:start'),
  end: diagnostics.channel('douyin-kit:request:end'),
  retry: diagnostics.channel('douyin-kit:request:retry'),
  error: diagnostics.channel('douyin-kit:request:error'),
};

/**
 * The one loop every JSON endpoint goes through: a shared connection cap (p-queue), per-endpoint
 * adaptive spacing and circuit breaker, the HTTP call, classification into typed errors, and
 * retries decided by the error's class with `calculateRetryDelay`.
 */
export class RequestExecutor {
  readonly #http: HttpClient;
  readonly #options: Readonly<ResolvedOptions>;
  readonly #queue: PQueue;
  readonly #throttles = new Map<string, AdaptiveThrottle>();
  readonly #breakers = new Map<string, CircuitBreaker>();
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(http: HttpClient, options: Readonly<ResolvedOptions>, hooks: ExecutorHooks = {}) {
    this.#http = http;
    this.#options = options;
    this.#queue = new PQueue({ concurrency: options.maxConnections });
    this.#now = hooks.now ?? Date.now;
    this.#random = hooks.random ?? Math.random;
  }

  /** The endpoint's current spacing between requests, ms (grows after pushback). */
  intervalFor(endpoint: string): number {
    return this.#throttle(endpoint).intervalMs;
  }

  breakerState(endpoint: string): 'closed' | 'open' | 'half-open' {
    return this.#breaker(endpoint).state;
  }

  async execute(req: PreparedRequest): Promise<Record<string, unknown>> {
    const { endpoint, signal } = req;
    const breaker = this.#breaker(endpoint);
    const throttle = this.#throttle(endpoint);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortError(signal, endpoint);
      breaker.enter(endpoint);
      let error: DouyinKitError;
      try {
        await throttle.wait(signal);
        const data = await this.#queue.add(() => this.#send(req, attempt), { signal });
        breaker.success();
        throttle.relax();
        return data;
      } catch (caught) {
        error = toDouyinKitError(caught, endpoint, signal);
        if (error.code === 'ERR_ABORTED') throw error;
        if (error instanceof RateLimitError || error instanceof RiskControlError) throttle.pushBack();
        if (error.retryable || error.code === 'ERR_EMPTY_RESPONSE') breaker.failure();
        else breaker.success(); // the endpoint answered; the request itself was wrong
      }
      const delay = calculateRetryDelay({
        attemptCount: attempt,
        retryLimit: this.#options.maxRetries,
        retryable: error.retryable,
        retryAfterMs: error instanceof RateLimitError ? error.retryAfterMs : undefined,
        baseDelayMs: this.#options.retryBaseDelayMs,
        maxDelayMs: this.#options.retryMaxDelayMs,
        maxRetryAfterMs: Math.max(60_000, this.#options.retryMaxDelayMs),
        random: this.#random(),
      });
      if (delay === 0) {
        if (channels.error.hasSubscribers) channels.error.publish({ endpoint, attempt, error });
        throw error;
      }
      if (channels.retry.hasSubscribers) channels.retry.publish({ endpoint, attempt, delay, error });
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        throw abortError(signal, endpoint);
      }
    }
  }

  async #send(req: PreparedRequest, attempt: number): Promise<Record<string, unknown>> {
    const { url, body, contentType } = await req.build();
    const headers: Record<string, string> = {};
    if (req.referer) headers.referer = req.referer;
    if (contentType) headers['content-type'] = contentType;
    if (channels.start.hasSubscribers) channels.start.publish({ endpoint: req.endpoint, method: req.method, url: redactSecrets(url), attempt });
    const res = await this.#http.got(url, { method: req.method, body, headers, signal: req.signal });
    if (channels.end.hasSubscribers) channels.end.publish({ endpoint: req.endpoint, statusCode: res.statusCode, attempt });
    const outcome = classifyResponse({ statusCode: res.statusCode, headers: res.headers, body: res.body }, req.endpoint, this.#now());
    if (!outcome.ok) throw outcome.error;
    return outcome.data;
  }

  #throttle(endpoint: string): AdaptiveThrottle {
    let t = this.#throttles.get(endpoint);
    if (!t) {
      t = new AdaptiveThrottle(this.#options.minRequestIntervalMs, Math.max(10_000, this.#options.minRequestIntervalMs), this.#now);
      this.#throttles.set(endpoint, t);
    }
    return t;
  }

  #breaker(endpoint: string): CircuitBreaker {
    let b = this.#breakers.get(endpoint);
    if (!b) {
      b = new CircuitBreaker(this.#options.circuitBreakerThreshold, this.#options.circuitBreakerCooldownMs, this.#now);
      this.#breakers.set(endpoint, b);
    }
    return b;
  }
}

function abortError(signal: AbortSignal | undefined, endpoint: string): DouyinKitError {
  const reason = signal?.reason as { name?: string } | undefined;
  if (reason?.name === 'TimeoutError') return new TimeoutError('The operation timed out', { endpoint, cause: reason });
  return new AbortError('The request was aborted', { endpoint, cause: reason });
}

/** Maps got/transport failures to typed errors; douyin-kit errors pass through. */
export function toDouyinKitError(error: unknown, endpoint: string, signal?: AbortSignal): DouyinKitError {
  if (isDouyinKitError(error)) return error;
  if (signal?.aborted) return abortError(signal, endpoint);
  const e = error as { name?: string; code?: string; message?: string };
  if (e?.name === 'AbortError') return abortError(signal, endpoint);
  if (e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT') {
    return new TimeoutError('Douyin did not answer in time', { endpoint, cause: error, hint: 'Raise timeoutMs (-e/--timeout) or check the network/proxy.' });
  }
  const detail = e?.code ?? 'connection failed';
  return new NetworkError(`Request failed: ${detail}`, { endpoint, cause: error });
}
