import { InvalidOptionError } from '../../errors.js';
import type { BodyFault } from '../media/index.js';
import type { RouteDef } from '../http/router.js';
import { Rng } from '../world/random.js';

/** Faults for one route (or a kind of routes: `api`, `media`, `stream`, `page`, `token`, or `*`). */
export interface FaultSpec {
  /** Share of requests answered with `errorStatus`. */
  errorRate?: number;
  /** @default 503 */
  errorStatus?: number;
  /** Share of responses whose connection is reset mid-body. */
  resetRate?: number;
  /** Share of responses cut short while `Content-Length` announces the full body. */
  truncateRate?: number;
  /** Share of responses that stop for `stallMs` mid-body. */
  stallRate?: number;
  /** @default 2000 */
  stallMs?: number;
  /** Where a reset, cut or stall happens, as a share of the body. @default 0.5 */
  atFraction?: number;
  /** Delay before answering: fixed, or uniform in [min, max]. */
  latencyMs?: number | readonly [number, number];
  /** Send every body slowly: `chunkBytes` every `intervalMs`. */
  drip?: { chunkBytes: number; intervalMs: number };
  /** In every `every` requests of the route, the last `length` get 429 + Retry-After. */
  burst429?: { every: number; length: number; retryAfterSeconds?: number };
}

export interface FaultDecision {
  latencyMs: number;
  errorStatus: number | null;
  tooMany: { retryAfterSeconds: number } | null;
  /** Turns the body size into the body fault to apply, if any. */
  bodyFault: ((size: number) => BodyFault | undefined) | null;
  label: string | null;
}

const NONE: FaultDecision = Object.freeze({ latencyMs: 0, errorStatus: null, tooMany: null, bodyFault: null, label: null });

function check(target: string, spec: FaultSpec): void {
  for (const k of ['errorRate', 'resetRate', 'truncateRate', 'stallRate'] as const) {
    const v = spec[k];
    if (v !== undefined && !(v >= 0 && v <= 1)) throw new InvalidOptionError(`faults.${target}.${k}`, `Expected \`faults.${target}.${k}\` in [0, 1], got \`${v}\``);
  }
  if (spec.burst429 && !(spec.burst429.every >= 1 && spec.burst429.length >= 0 && spec.burst429.length <= spec.burst429.every)) {
    throw new InvalidOptionError(`faults.${target}.burst429`, 'Expected `burst429` with every >= 1 and 0 <= length <= every');
  }
}

/**
 * Seeded, reproducible fault injection. Each route draws from its own generator, a fixed number
 * of values per request, so the same request sequence meets the same faults on every run.
 */
export class FaultPlan {
  readonly #seed: string;
  readonly #specs = new Map<string, FaultSpec>();
  readonly #rngs = new Map<string, Rng>();
  readonly #counts = new Map<string, number>();

  constructor(seed: string, specs: Record<string, FaultSpec> = {}) {
    this.#seed = seed;
    for (const [k, v] of Object.entries(specs)) this.set(k, v);
  }

  /** Sets (or with null removes) the faults of a route name or route kind. */
  set(target: string, spec: FaultSpec | null): void {
    if (spec === null) {
      this.#specs.delete(target);
      return;
    }
    check(target, spec);
    this.#specs.set(target, spec);
  }

  clear(): void {
    this.#specs.clear();
    this.#rngs.clear();
    this.#counts.clear();
  }

  specFor(route: RouteDef): FaultSpec | undefined {
    return this.#specs.get(route.name) ?? this.#specs.get(route.kind) ?? this.#specs.get('*');
  }

  decide(route: RouteDef): FaultDecision {
    if (this.#specs.size === 0) return NONE;
    const spec = this.specFor(route);
    if (!spec) return NONE;
    let rng = this.#rngs.get(route.name);
    if (!rng) {
      rng = new Rng(`${this.#seed}|faults|${route.name}`);
      this.#rngs.set(route.name, rng);
    }
    const n = this.#counts.get(route.name) ?? 0;
    this.#counts.set(route.name, n + 1);
    const [dLatency, dError, dBody] = [rng.next(), rng.next(), rng.next()];

    const lat = spec.latencyMs;
    const latencyMs = lat === undefined ? 0 : typeof lat === 'number' ? lat : Math.round(lat[0] + dLatency * (lat[1] - lat[0]));
    const b = spec.burst429;
    if (b && n % b.every >= b.every - b.length) {
      return { latencyMs, errorStatus: null, tooMany: { retryAfterSeconds: b.retryAfterSeconds ?? 1 }, bodyFault: null, label: 'fault:429' };
    }
    if (dError < (spec.errorRate ?? 0)) {
      return { latencyMs, errorStatus: spec.errorStatus ?? 503, tooMany: null, bodyFault: null, label: `fault:${spec.errorStatus ?? 503}` };
    }
    const at = spec.atFraction ?? 0.5;
    const reset = spec.resetRate ?? 0;
    const truncate = spec.truncateRate ?? 0;
    const stall = spec.stallRate ?? 0;
    let bodyFault: FaultDecision['bodyFault'] = null;
    let label: string | null = null;
    // One draw picks at most one body fault: [reset | truncate | stall | none] by cumulative share.
    const pick = dBody * Math.max(1, reset + truncate + stall);
    if (pick < reset) {
      bodyFault = (size) => ({ kind: 'reset', atByte: Math.floor(size * at) });
      label = 'fault:reset';
    } else if (pick < reset + truncate) {
      bodyFault = (size) => ({ kind: 'truncate', atByte: Math.floor(size * at) });
      label = 'fault:truncate';
    } else if (pick < reset + truncate + stall) {
      bodyFault = (size) => ({ kind: 'stall', atByte: Math.floor(size * at), ms: spec.stallMs ?? 2000 });
      label = 'fault:stall';
    } else if (spec.drip) {
      const drip = spec.drip;
      bodyFault = () => ({ kind: 'drip', chunkBytes: drip.chunkBytes, intervalMs: drip.intervalMs });
      label = 'fault:drip';
    }
    return { latencyMs, errorStatus: null, tooMany: null, bodyFault, label: label ?? (latencyMs > 0 ? 'fault:latency' : null) };
  }
}
