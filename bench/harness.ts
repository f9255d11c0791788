/**
 * A benchmark case. `fn` runs one operation (or, with `batch`, that many); the runner calls it
 * repeatedly after a warm-up and reports operations (or `units`, e.g. bytes) per second.
 */
export interface BenchCase<Ctx = unknown> {
  name: string;
  /** What one call of `fn` counts as; defaults to 1 operation. May come from the context. */
  units?: number | ((ctx: Ctx) => number);
  /** Label for the rate column, e.g. `bytes_per_second`. Default `ops_per_second`. */
  unitLabel?: string;
  /** Minimum measuring time in ms (after warm-up). Default 1000. */
  minMs?: number;
  /** Warm-up time in ms (long enough for the optimising compiler on large functions). Default min(300, minMs / 3). */
  warmupMs?: number;
  setup?: () => Ctx | Promise<Ctx>;
  fn: (ctx: Ctx) => unknown;
  teardown?: (ctx: Ctx) => unknown;
  /**
   * The rate to print when `fn` times its own part (e.g. interleaved with a baseline in each
   * call); by default the rate is the calls of `fn` over the time they took.
   */
  rate?: (ctx: Ctx) => number;
  /** Extra `key=value` facts to print after the rate (e.g. a ratio to a baseline). */
  extra?: (ctx: Ctx, rate: number, rates: ReadonlyMap<string, number>) => Record<string, string | number>;
}

export interface BenchResult {
  name: string;
  rate: number;
  unitLabel: string;
  extra: Record<string, string | number>;
}

async function timeLoop(fn: () => unknown, minMs: number): Promise<{ calls: number; ms: number }> {
  let calls = 0;
  const start = performance.now();
  let now = start;
  // Batches grow so the clock is read rarely for fast functions.
  let batch = 1;
  while (now - start < minMs) {
    for (let i = 0; i < batch; i++) {
      const r = fn();
      if (r instanceof Promise) await r;
    }
    calls += batch;
    now = performance.now();
    if (now - start < minMs / 20) batch *= 2;
  }
  return { calls, ms: now - start };
}

export async function runCase<Ctx>(c: BenchCase<Ctx>, rates: Map<string, number>): Promise<BenchResult> {
  const ctx = (await c.setup?.()) as Ctx;
  try {
    const bound = () => c.fn(ctx);
    await timeLoop(bound, c.warmupMs ?? Math.min(300, (c.minMs ?? 1000) / 3));
    const { calls, ms } = await timeLoop(bound, c.minMs ?? 1000);
    const units = typeof c.units === 'function' ? c.units(ctx) : (c.units ?? 1);
    const rate = c.rate ? c.rate(ctx) : (calls * units * 1000) / ms;
    rates.set(c.name, rate);
    return { name: c.name, rate, unitLabel: c.unitLabel ?? 'ops_per_second', extra: c.extra?.(ctx, rate, rates) ?? {} };
  } finally {
    await c.teardown?.(ctx);
  }
}

export function formatResult(r: BenchResult): string {
  const extra = Object.entries(r.extra).map(([k, v]) => `${k}=${v}`);
  return [r.name, r.rate.toFixed(0), r.unitLabel, ...extra].join('\t');
}
