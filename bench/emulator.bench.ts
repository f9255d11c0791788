/**
 * The emulator must not be the bottleneck of the tests that use it.
 *
 * `emulator_pages`: user-post pages of 20 items from a 10,000-post world (signed requests,
 * logged-in cookie, logging on), fetched by a keep-alive client with 8 requests in flight.
 * `emulator_pages_baseline` (run first): a bare node:http server answering a static body of the
 * same size to the same client, so `vs_baseline` is the emulator's own cost and the rest is
 * loopback + client. The `*_small` pair does the same with comment pages (a few KB) to show the
 * per-request ceiling.
 */
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchCase } from './harness.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { ABOGUS_ALPHABET } from '../src/utils/a-bogus.js';

const CONCURRENCY = 8;
const A_BOGUS = encodeURIComponent(`${'D'.repeat(40)}${ABOGUS_ALPHABET}${'Q'.repeat(64)}`);
const MS_TOKEN = `${'x'.repeat(182)}==`;
const COOKIE = 'sessionid=bench; ttwid=1%7Cbench';

interface Ctx {
  agent: Agent;
  urls: string[];
  next: number;
  startMs: number;
  emulator?: Emulator;
  server?: Server;
}

function get(agent: Agent, url: string): Promise<string | number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { cookie: COOKIE, 'user-agent': 'douyin-kit-bench' } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => (res.statusCode === 200 && n > 0 ? resolve(n) : reject(new Error(`HTTP ${res.statusCode}, ${n} bytes`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function getText(agent: Agent, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { agent, headers: { cookie: COOKIE } }, (res) => {
      let t = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (t += c));
      res.on('end', () => resolve(t));
    }).on('error', reject).end();
  });
}

async function batch(ctx: Ctx): Promise<void> {
  const jobs: Promise<unknown>[] = [];
  for (let i = 0; i < CONCURRENCY; i++) jobs.push(get(ctx.agent, ctx.urls[ctx.next++ % ctx.urls.length] as string));
  await Promise.all(jobs);
}

interface Workload {
  /** Every page URL of the workload (walking them also warms the emulator's caches). */
  urls(emu: Emulator, agent: Agent): Promise<string[]>;
}

const signed = (emu: Emulator, path: string, query: string) =>
  `${emu.baseUrl}${path}?device_platform=webapp&aid=6383&channel=channel_pc_web&${query}&msToken=${MS_TOKEN}&a_bogus=${A_BOGUS}`;

const userPostPages: Workload = {
  async urls(emu, agent) {
    const out: string[] = [];
    let cursor = 0;
    for (;;) {
      const url = signed(emu, '/aweme/v1/web/aweme/post/', `sec_user_id=${emu.world.roles.main.secUid}&max_cursor=${cursor}&count=20`);
      out.push(url);
      const page = JSON.parse(await getText(agent, url)) as { has_more: number; max_cursor: number };
      if (!page.has_more) return out;
      cursor = page.max_cursor;
    }
  },
};

const commentPages: Workload = {
  async urls(emu) {
    const posts = emu.world.postsOf(emu.world.roles.main).filter((p) => p.stats.comment >= 10).slice(0, 200);
    return posts.map((p) => signed(emu, '/aweme/v1/web/comment/list/', `aweme_id=${p.awemeId}&cursor=0&count=10`));
  },
};

const pageBytes = new Map<string, number>();

/** A baseline case (static body of the workload's mean size) and the emulator case, in that order. */
function pair(name: string, workload: Workload): BenchCase<Ctx>[] {
  return [
    {
      name: `${name}_baseline`,
      unitLabel: 'pages_per_second',
      units: CONCURRENCY,
      minMs: 3000,
      async setup() {
        const emu = await startEmulator({ world: { mainUserPosts: 10_000 } });
        const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
        const urls = await workload.urls(emu, agent);
        const sizes = (await Promise.all(urls.slice(0, 100).map((u) => get(agent, u)))) as number[];
        await emu.stop();
        const bytes = Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);
        pageBytes.set(name, bytes);
        const body = Buffer.alloc(bytes, 0x20);
        const server = createServer((_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
          res.end(body);
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        // Same request lines (path + signed query) as the emulator case, so parsing costs match.
        const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const same = urls.map((u) => origin + u.slice(new URL(u).origin.length));
        return { agent, urls: same, next: 0, startMs: 0, server };
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
        return { agent, urls: await workload.urls(emulator, agent), next: 0, startMs, emulator };
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

export const benchmarks: (BenchCase<Ctx> | BenchCase<{ ms: number[] }>)[] = [...pair('emulator_pages', userPostPages), ...pair('emulator_pages_small', commentPages), startCase];
