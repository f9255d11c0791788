/**
 * The downloader against `curl` on the same files from the same loopback server, in the same
 * run. The server (the emulator's `serveAsset`) runs in a child process so that neither client
 * shares a thread with it. The clients take turns within each round (curl, curl + `sync` on its
 * files, a bare Node pipe, the downloader), so that every one meets the same disk and page-cache
 * weather; figures are medians over the rounds. Reported: bytes/s of the downloader (default
 * settings: store, hashes, fsync; as many connections as curl), its ratio to plain curl, to curl
 * whose files are then fsynced too (the same durability), and to the bare Node floor (`http.get`
 * piped into a write stream: no hash, no fsync, no store); each client's CPU time; for the 1 GB
 * file, the downloader process's peak RSS.
 *
 * Run as a script with `--media-server`, this file is that server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, get as httpGet } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from './harness.js';
import type { DownloadJob } from '../src/dl/index.js';
import type { MediaAsset } from '../src/emulator/media/index.js';

const SERVER_FLAG = '--media-server';
const RSS_FLAG = '--download-once';
const MB = 1024 * 1024;

// Imported on use, so that the RSS child holds only the downloader's modules.
const dlModule = () => import('../src/dl/index.js');
const mediaModule = () => import('../src/emulator/media/index.js');

if (process.argv.includes(SERVER_FLAG)) {
  const { serveAsset } = await mediaModule();
  const server = createServer((req, res) => {
    const m = /^\/(\w+)\/(\d+)\/([\w-]+)$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    serveAsset(req, res, { id: m[3]!, kind: m[1] as MediaAsset['kind'], size: Number(m[2]) });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`));
}

if (process.argv.includes(RSS_FLAG)) {
  // `--download-once <url> <root> <size>`: one default downloader, one file; prints the peak RSS.
  const [url, root] = process.argv.slice(process.argv.indexOf(RSS_FLAG) + 1) as [string, string];
  const { Downloader } = await dlModule();
  const atStart = process.memoryUsage().rss;
  const dl = new Downloader({ root });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const result = await dl.add({ key: 'rss', path: ['rss.mp4'], urls: [url], expect: ['mp4'] });
  clearInterval(sampler);
  await dl.close();
  process.stdout.write(`RSS ${result.status} ${Math.max(peak, process.resourceUsage().maxRSS * 1024)} ${atStart}\n`);
}

interface Ctx {
  server: ChildProcess;
  base: string;
  dir: string;
  assets: MediaAsset[];
  hashes: Map<string, string>;
  parallel: number;
  curlMs: number[];
  curlSyncedMs: number[];
  nodeMs: number[];
  oursMs: number[];
  /** CPU time (user + system, all threads) of each timed run, in the same order. */
  curlCpuMs: number[];
  nodeCpuMs: number[];
  oursCpuMs: number[];
  rounds: number;
  warm: boolean;
  peakRss: number;
  rssBefore: number;
  childPeakRss: number;
  childStartRss: number;
}

/**
 * The peak RSS of a separate process that downloads the first asset with a default downloader.
 * That process runs this file bundled to plain JavaScript, as a user's program runs the built
 * package: through tsx it would also hold the TypeScript loader (~40 MB).
 */
async function measureChildRss(ctx: Ctx): Promise<void> {
  const here = fileURLToPath(import.meta.url);
  const root = path.join(ctx.dir, 'rss');
  // Inside the project, so that the packages left out of the bundle resolve from its node_modules.
  const bundle = path.resolve(path.dirname(here), '..', 'node_modules', '.cache', 'douyin-kit-bench', 'download-once.mjs');
  const { build } = await import('esbuild');
  await build({
    entryPoints: [here], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'error',
    packages: 'external', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const run = spawnSync(process.execPath, [bundle, RSS_FLAG, urlOf(ctx, ctx.assets[0]!), root], {
    cwd: path.resolve(path.dirname(here), '..'),
    encoding: 'utf8',
  });
  rmSync(root, { recursive: true, force: true });
  const m = /RSS done (\d+) (\d+)/.exec(run.stdout);
  if (!m) throw new Error(`RSS run failed: ${run.stdout}${run.stderr}`);
  ctx.childPeakRss = Number(m[1]);
  ctx.childStartRss = Number(m[2]);
}

function urlOf(ctx: Ctx, a: MediaAsset): string {
  return `${ctx.base}/${a.kind}/${a.size}/${a.id}`;
}

async function startServer(): Promise<{ server: ChildProcess; base: string }> {
  const here = fileURLToPath(import.meta.url);
  const server = spawn(process.execPath, ['--import', 'tsx', here, SERVER_FLAG], { cwd: path.resolve(path.dirname(here), '..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.once('exit', (code) => reject(new Error(`media server exited (${code})`)));
  });
  return { server, base: `http://127.0.0.1:${port}` };
}

function runCurl(ctx: Ctx, synced: boolean): void {
  const out = path.join(ctx.dir, 'curl');
  rmSync(out, { recursive: true, force: true });
  const config = path.join(ctx.dir, 'curl.cfg');
  writeFileSync(config, ctx.assets.map((a) => `url = "${urlOf(ctx, a)}"\noutput = "${path.join(out, `${a.id}.${a.kind}`)}"\n`).join(''));
  const files = ctx.assets.map((a) => path.join(out, `${a.id}.${a.kind}`));
  const start = performance.now();
  // Through bash's `time` (~1 ms more), which prints curl's CPU time (user, system) as the last line of stderr.
  const args = ['-s', '--no-progress-meter', '-f', '--create-dirs', '--parallel', '--parallel-max', String(ctx.parallel), '-K', config];
  const curl = spawnSync('bash', ['-c', 'TIMEFORMAT="%U %S"; time curl "$@"', 'curl', ...args], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (curl.status !== 0) throw new Error(`curl failed (${curl.status}): ${curl.stderr}`);
  if (synced) spawnSync('sync', files, { stdio: 'inherit' });
  const ms = performance.now() - start;
  if (!synced) {
    const [user, system] = curl.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number];
    ctx.curlCpuMs.push((user + system) * 1000);
  }
  for (const [i, a] of ctx.assets.entries()) if (statSync(files[i]!).size !== a.size) throw new Error(`curl got a short ${a.id}`);
  (synced ? ctx.curlSyncedMs : ctx.curlMs).push(ms);
  rmSync(out, { recursive: true, force: true });
  settleDisk();
}

/**
 * Commits the deletions before the next client starts (untimed). The file system discards freed
 * blocks at its next commit; left pending, that I/O lands on whichever client next writes to
 * the disk itself (fsync, direct writes) and never on one that only fills the page cache.
 */
function settleDisk(): void {
  spawnSync('sync', { stdio: 'inherit' });
}

/** The floor of any Node client: `http.get` piped into a file, `parallel` at a time. */
async function runNodeFloor(ctx: Ctx): Promise<void> {
  const out = path.join(ctx.dir, 'node');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const todo = [...ctx.assets];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const worker = async (): Promise<void> => {
    for (let a = todo.shift(); a; a = todo.shift()) {
      const asset = a;
      await new Promise<void>((resolve, reject) => {
        httpGet(urlOf(ctx, asset), { agent: false }, (res) => {
          pipeline(res, createWriteStream(path.join(out, asset.id), { highWaterMark: 1 << 20 })).then(resolve, reject);
        }).on('error', reject);
      });
    }
  };
  await Promise.all(Array.from({ length: ctx.parallel }, worker));
  ctx.nodeMs.push(performance.now() - start);
  ctx.nodeCpuMs.push(cpuMs(process.cpuUsage(cpu)));
  for (const a of ctx.assets) if (statSync(path.join(out, a.id)).size !== a.size) throw new Error(`node got a short ${a.id}`);
  rmSync(out, { recursive: true, force: true });
  settleDisk();
}

async function runOurs(ctx: Ctx): Promise<void> {
  const { Downloader, SqliteStore } = await dlModule();
  const root = path.join(ctx.dir, 'ours');
  rmSync(root, { recursive: true, force: true });
  const store = new SqliteStore(path.join(ctx.dir, 'archive.db'));
  // As many connections as curl gets; files in flight at the library's default ratio to them
  // (10 over 5), so that a file being fsynced and renamed does not keep a connection idle.
  const dl = new Downloader({ root, store, maxTasks: ctx.parallel * 2, maxConnections: ctx.parallel });
  const jobs: DownloadJob[] = ctx.assets.map((a) => ({ key: a.id, path: ['douyin', 'post', 'bench', `${a.id}.${a.kind}`], urls: [urlOf(ctx, a)], expect: [a.kind] }));
  ctx.rssBefore = process.memoryUsage().rss;
  const sampler = setInterval(() => (ctx.peakRss = Math.max(ctx.peakRss, process.memoryUsage().rss)), 10);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const results = await dl.addAll(jobs);
  ctx.oursMs.push(performance.now() - start);
  ctx.oursCpuMs.push(cpuMs(process.cpuUsage(cpu)));
  clearInterval(sampler);
  await dl.close();
  store.close();
  for (const r of results) {
    if (r.status !== 'done' || r.sha256 !== ctx.hashes.get(r.key)) throw new Error(`downloader got ${r.key} wrong: ${r.status}`);
  }
  rmSync(root, { recursive: true, force: true });
  rmSync(path.join(ctx.dir, 'archive.db'), { force: true });
  rmSync(path.join(ctx.dir, 'archive.db-wal'), { force: true });
  rmSync(path.join(ctx.dir, 'archive.db-shm'), { force: true });
  settleDisk();
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const totalBytes = (ctx: Ctx) => ctx.assets.reduce((n, a) => n + a.size, 0);

/** One turn of each client; the first call is the warm-up and records nothing. */
async function round(ctx: Ctx): Promise<void> {
  const keep = ctx.warm;
  ctx.warm = true;
  const series = [ctx.curlMs, ctx.curlSyncedMs, ctx.nodeMs, ctx.oursMs, ctx.curlCpuMs, ctx.nodeCpuMs, ctx.oursCpuMs];
  const counts = series.map((xs) => xs.length);
  runCurl(ctx, false);
  runCurl(ctx, true);
  await runNodeFloor(ctx);
  await runOurs(ctx);
  if (!keep) {
    for (const [i, xs] of series.entries()) xs.length = counts[i]!;
  }
}

function downloadCase(name: string, assets: MediaAsset[], parallel: number, rounds: number, withRss: boolean): BenchCase<Ctx> {
  return {
    name,
    unitLabel: 'bytes_per_second',
    units: totalBytes({ assets } as Ctx),
    minMs: 1,
    rate: (ctx) => (totalBytes(ctx) * 1000) / median(ctx.oursMs),
    async setup() {
      const { assetSha256 } = await mediaModule();
      const { server, base } = await startServer();
      const ctx: Ctx = {
        server, base, dir: mkdtempSync(path.join(tmpdir(), 'douyin-kit-bench-')), assets, parallel,
        hashes: new Map(assets.map((a) => [a.id, assetSha256(a)])), curlMs: [], curlSyncedMs: [], nodeMs: [], oursMs: [],
        curlCpuMs: [], nodeCpuMs: [], oursCpuMs: [],
        rounds, warm: false, peakRss: 0, rssBefore: 0, childPeakRss: 0, childStartRss: 0,
      };
      if (withRss) await measureChildRss(ctx);
      return ctx;
    },
    async fn(ctx) {
      // The harness calls this twice: a warm-up round, then the measured rounds.
      if (!ctx.warm) await round(ctx);
      else for (let i = 0; i < ctx.rounds; i++) await round(ctx);
    },
    extra(ctx) {
      const bytes = totalBytes(ctx);
      const ms = (xs: number[]) => xs.map((m) => m.toFixed(0)).join('/');
      const out: Record<string, string | number> = {
        curl_bytes_per_second: ((bytes * 1000) / median(ctx.curlMs)).toFixed(0),
        ratio_vs_curl: (median(ctx.curlMs) / median(ctx.oursMs)).toFixed(2),
        ratio_vs_curl_synced: (median(ctx.curlSyncedMs) / median(ctx.oursMs)).toFixed(2),
        ratio_vs_node_floor: (median(ctx.nodeMs) / median(ctx.oursMs)).toFixed(2),
        files: ctx.assets.length,
        rounds: ctx.oursMs.length,
        ms_ours: ms(ctx.oursMs),
        ms_curl: ms(ctx.curlMs),
        ms_curl_synced: ms(ctx.curlSyncedMs),
        ms_node_floor: ms(ctx.nodeMs),
        // CPU time spent by each client (the media server's own, the same for all, not counted).
        cpu_ms_ours: median(ctx.oursCpuMs).toFixed(0),
        cpu_ms_curl: median(ctx.curlCpuMs).toFixed(0),
        cpu_ms_node_floor: median(ctx.nodeCpuMs).toFixed(0),
        dir: tmpdir(),
      };
      if (withRss) {
        // Peak RSS of a process doing only this download (Node and tsx included), and its RSS
        // once the modules were loaded, before the download.
        out.peak_rss_mb = (ctx.childPeakRss / MB).toFixed(0);
        out.rss_before_download_mb = (ctx.childStartRss / MB).toFixed(0);
        // In the bench process: how much the timed run added to what the process already held.
        out.bench_process_rss_growth_mb = ((ctx.peakRss - ctx.rssBefore) / MB).toFixed(0);
      }
      return out;
    },
    teardown(ctx) {
      ctx.server.kill();
      rmSync(ctx.dir, { recursive: true, force: true });
    },
  };
}

export const benchmarks: BenchCase<Ctx>[] = [
  downloadCase('download_bulk', Array.from({ length: 64 }, (_, i) => ({ id: `bulk-${i}`, kind: 'mp4', size: 8 * MB })), 8, 5, false),
  downloadCase('download_large', [{ id: 'large', kind: 'mp4', size: 1024 * MB }], 1, 3, true),
  // Covers and images: what each file costs beyond its bytes (opening, syncing, renaming, archiving).
  downloadCase('download_small', Array.from({ length: 512 }, (_, i) => ({ id: `small-${i}`, kind: 'mp4', size: 256 * 1024 })), 8, 3, false),
];
