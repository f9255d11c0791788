/**
 * The emulator must not be the bottleneck of the tests that use it.
 *
 * `emulator_pages`: user-post pages of 20 items from a 10,000-post world (signed requests,
 * logged-in cookie, logging on), fetched by a keep-alive client with 8 requests in flight that
 * sends `accept-encoding: gzip, deflate, br` as got does (the emulator answers gzip, as Douyin
 * does). The client counts the bytes it receives and neither inflates nor parses them (got's
 * inflate is the client's cost, not the server's); the setup walk inflates and parses every page.
 * `emulator_pages_baseline` (run first): a bare node:http server answering each URL with the
 * very gzip bytes the emulator sent for it, to the same client, so `vs_baseline` is the
 * emulator's own cost and the rest is loopback + client. `*_identity` pairs do the same without
 * accept-encoding (the baseline sends a static body of the mean size), and the `*_small` pairs
 * with comment pages (a few KB) to show the per-request ceiling.
 */
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { BenchCase } from './harness.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { ABOGUS_ALPHABET } from '../src/utils/a-bogus.js';

const CONCURRENCY = 8;
const A_BOGUS = encodeURIComponent(`${'D'.repeat(40)}${ABOGUS_ALPHABET}${'Q'.repeat(64)}`);
const MS_TOKEN = `${'x'.repeat(182)}==`;
const COOKIE = 'sessionid=bench; ttwid=1%7Cbench';
/** What got 14 sends on Node 20 (`decompress: true`, brotli built in, no zstd). */
const GOT_ACCEPT_ENCODING = 'gzip, deflate, br';

interface Ctx {
  agent: Agent;
  /** `accept-encoding` to send, or undefined for none. */
  encoding: string | undefined;
  urls: string[];
  next: number;
  startMs: number;
  emulator?: Emulator;
  server?: Server;
}

function headersFor(encoding: string | undefined): Record<string, string> {
  const h: Record<string, string> = { cookie: COOKIE, 'user-agent': 'douyin-kit-bench' };
  if (encoding) h['accept-encoding'] = encoding;
  return h;
}

function get(agent: Agent, url: string, encoding: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: headersFor(encoding) }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => (res.statusCode === 200 && n > 0 ? resolve(n) : reject(new Error(`HTTP ${res.statusCode}, ${n} bytes`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The raw bytes as sent and the text after inflating them (checks the encoding on the way). */
function getBody(agent: Agent, url: string, encoding: string | undefined): Promise<{ raw: Buffer; text: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent, headers: headersFor(encoding) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const gzip = res.headers['content-encoding'] === 'gzip';
        if (gzip !== Boolean(encoding)) return reject(new Error(`content-encoding ${res.headers['content-encoding']} for accept-encoding ${encoding}`));
        resolve({ raw, text: (gzip ? gunzipSync(raw) : raw).toString('utf8') });
      });
      res.on('error', reject);
    }).on('error', reject).end();
  });
}

async function batch(ctx: Ctx): Promise<void> {
  const jobs: Promise<unknown>[] = [];
  for (let i = 0; i < CONCURRENCY; i++) jobs.push(get(ctx.agent, ctx.urls[ctx.next++ % ctx.urls.length] as string, ctx.encoding));
  await Promise.all(jobs);
}

interface Workload {
  /** Every page URL of the workload (walking them also warms the emulator's caches). */
  urls(emu: Emulator, agent: Agent, encoding: string | undefined): Promise<string[]>;
}

const signed = (emu: Emulator, path: string, query: string) =>
  `${emu.baseUrl}${path}?device_platform=webapp&aid=6383&channel=channel_pc_web&${query}&msToken=${MS_TOKEN}&a_bogus=${A_BOGUS}`;

const userPostPages: Workload = {
  async urls(emu, agent, encoding) {
    const out: string[] = [];
    let cursor = 0;
    for (;;) {
      const url = signed(emu, '/aweme/v1/web/aweme/post/', `sec_user_id=${emu.world.roles.main.secUid}&max_cursor=${cursor}&count=20`);
      out.push(url);
      const page = JSON.parse((await getBody(agent, url, encoding)).text) as { has_more: number; max_cursor: number };
      if (!page.has_more) return out;
      cursor = page.max_cursor;
    }
  },
};

const commentPages: Workload = {
  async urls(emu, agent, encoding) {
    const posts = emu.world.postsOf(emu.world.roles.main).filter((p) => p.stats.comment >= 10).slice(0, 200);
    const urls = posts.map((p) => signed(emu, '/aweme/v1/web/comment/list/', `aweme_id=${p.awemeId}&cursor=0&count=10`));
    for (const url of urls) JSON.parse((await getBody(agent, url, encoding)).text);
    return urls;
  },
};

const pageBytes = new Map<string, number>();

/** What the baseline server answers: one body for every URL, or each URL's own bytes. */
type BaselineBodies = { kind: 'static'; body: Buffer } | { kind: 'per-url'; bodies: Map<string, Buffer> };

async function baselineBodies(urls: readonly string[], agent: Agent, encoding: string | undefined): Promise<BaselineBodies> {
  if (encoding) {
    const bodies = new Map<string, Buffer>();
    for (const u of urls) bodies.set(u.slice(new URL(u).origin.length), (await getBody(agent, u, encoding)).raw);
    return { kind: 'per-url', bodies };
  }
  const sizes = await Promise.all(urls.slice(0, 100).map((u) => get(agent, u, undefined)));
  return { kind: 'static', body: Buffer.alloc(Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length), 0x20) };
}

function meanBytes(b: BaselineBodies): number {
  if (b.kind === 'static') return b.body.length;
  let n = 0;
  for (const body of b.bodies.values()) n += body.length;
  return Math.round(n / b.bodies.size);
}

/** A baseline case (a bare server sending the same bytes) and the emulator case, in that order. */
function pair(name: string, workload: Workload, encoding: string | undefined): BenchCase<Ctx>[] {
  return [
    {
      name: `${name}_baseline`,
      unitLabel: 'pages_per_second',
      units: CONCURRENCY,
      minMs: 3000,
      async setup() {
        const emu = await startEmulator({ world: { mainUserPosts: 10_000 } });
        const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
        const urls = await workload.urls(emu, agent, encoding);
        const bodies = await baselineBodies(urls, agent, encoding);
        await emu.stop();
        pageBytes.set(name, meanBytes(bodies));
        const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
        if (encoding) Object.assign(headers, { 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
        const server = createServer((req, res) => {
          const body = bodies.kind === 'static' ? bodies.body : (bodies.bodies.get(req.url ?? '') as Buffer);
          res.writeHead(200, { ...headers, 'content-length': body.length });
          res.end(body);
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        // Same request lines (path + signed query) as the emulator case, so parsing costs match.
        const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const same = urls.map((u) => origin + u.slice(new URL(u).origin.length));
        return { agent, encoding, urls: same, next: 0, startMs: 0, server };
      },
      fn: batch,
      async teardown(ctx) {
        ctx.agent.destroy();
        ctx.server?.closeAllConnections();
        await new Promise((resolve) => ctx.server?.close(resolve));
      },
      extra: (_ctx, rate) => ({ page_bytes: pageBytes.get(name) ?? 0, mb_per_second: ((rate * (pageBytes.get(name) ?? 0)) / 1e6).toFixed(0) }),
    },
    {
      name,
      unitLabel: 'pages_per_second',
      units: CONCURRENCY,
      minMs: 3000,
      async setup() {
        const t0 = performance.now();
        const emulator = await startEmulator({ world: { mainUserPosts: 10_000 } });
        const startMs = performance.now() - t0;
        const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
        return { agent, encoding, urls: await workload.urls(emulator, agent, encoding), next: 0, startMs, emulator };
      },
      fn: batch,
      async teardown(ctx) {
        ctx.agent.destroy();
        await ctx.emulator?.stop();
      },
      extra: (ctx, rate, rates) => {
        const base = rates.get(`${name}_baseline`);
        const bytes = pageBytes.get(name) ?? 0;
        return {
          vs_baseline: base ? (rate / base).toFixed(2) : 'n/a',
          page_bytes: bytes,
          mb_per_second: ((rate * bytes) / 1e6).toFixed(0),
          distinct_pages: ctx.urls.length,
          start_ms: ctx.startMs.toFixed(0),
        };
      },
    },
  ];
}

/** Start + stop of an emulator with a 10,000-post world (the target is well under a second). */
const startCase: BenchCase<{ ms: number[] }> = {
  name: 'emulator_start',
  unitLabel: 'starts_per_second',
  minMs: 2000,
  setup: () => ({ ms: [] }),
  async fn(ctx) {
    const t0 = performance.now();
    const emu = await startEmulator({ world: { mainUserPosts: 10_000 } });
    ctx.ms.push(performance.now() - t0);
    await emu.stop();
  },
  extra: (ctx) => {
    const sorted = [...ctx.ms].sort((a, b) => a - b);
    return { median_start_ms: (sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(0), max_start_ms: (sorted[sorted.length - 1] ?? 0).toFixed(0) };
  },
};

export const benchmarks: (BenchCase<Ctx> | BenchCase<{ ms: number[] }>)[] = [
  ...pair('emulator_pages', userPostPages, GOT_ACCEPT_ENCODING),
  ...pair('emulator_pages_identity', userPostPages, undefined),
  ...pair('emulator_pages_small', commentPages, GOT_ACCEPT_ENCODING),
  ...pair('emulator_pages_small_identity', commentPages, undefined),
  startCase,
];
