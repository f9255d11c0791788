/**
 * The downloader against `curl` on the same files from the same loopback server, in the same
 * run. The server (the emulator's `serveAsset`) runs in a child process so that neither client
 * shares a thread with it. Reported: bytes/s of the downloader (default settings: store, hashes,
 * fsync), the ratio to plain curl, the ratio to curl whose files are then fsynced too (`sync`
 * on them: the same durability), and for the 1 GB file the downloader process's peak RSS.
 *
 * Run as a script with `--media-server`, this file is that server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
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
  oursMs: number[];
  peakRss: number;
  rssBefore: number;
  childPeakRss: number;
  childStartRss: number;
}

/** The peak RSS of a separate process that downloads the first asset with a default downloader. */
function measureChildRss(ctx: Ctx): void {
  const here = fileURLToPath(import.meta.url);
  const root = path.join(ctx.dir, 'rss');
  const run = spawnSync(process.execPath, ['--import', 'tsx', here, RSS_FLAG, urlOf(ctx, ctx.assets[0]!), root], {
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
  const curl = spawnSync('curl', ['-s', '--no-progress-meter', '-f', '--create-dirs', '--parallel', '--parallel-max', String(ctx.parallel), '-K', config], { stdio: 'inherit' });
  if (curl.status !== 0) throw new Error(`curl failed (${curl.status})`);
  if (synced) spawnSync('sync', files, { stdio: 'inherit' });
  const ms = performance.now() - start;
  for (const [i, a] of ctx.assets.entries()) if (statSync(files[i]!).size !== a.size) throw new Error(`curl got a short ${a.id}`);
  (synced ? ctx.curlSyncedMs : ctx.curlMs).push(ms);
  rmSync(out, { recursive: true, force: true });
}

async function runOurs(ctx: Ctx): Promise<void> {
  const { Downloader, SqliteStore } = await dlModule();
  const root = path.join(ctx.dir, 'ours');
  rmSync(root, { recursive: true, force: true });
  const store = new SqliteStore(path.join(ctx.dir, 'archive.db'));
  const dl = new Downloader({ root, store, maxTasks: ctx.parallel, maxConnections: ctx.parallel });
  const jobs: DownloadJob[] = ctx.assets.map((a) => ({ key: a.id, path: ['douyin', 'post', 'bench', `${a.id}.${a.kind}`], urls: [urlOf(ctx, a)], expect: [a.kind] }));
  ctx.rssBefore = process.memoryUsage().rss;
  const sampler = setInterval(() => (ctx.peakRss = Math.max(ctx.peakRss, process.memoryUsage().rss)), 10);
  const start = performance.now();
  const results = await dl.addAll(jobs);
  ctx.oursMs.push(performance.now() - start);
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
}

const best = (xs: number[]) => Math.min(...xs);
const totalBytes = (ctx: Ctx) => ctx.assets.reduce((n, a) => n + a.size, 0);

function downloadCase(name: string, assets: MediaAsset[], parallel: number, withRss: boolean): BenchCase<Ctx> {
  return {
    name,
    unitLabel: 'bytes_per_second',
    units: totalBytes({ assets } as Ctx),
    minMs: 1,
    async setup() {
      const { assetSha256 } = await mediaModule();
      const { server, base } = await startServer();
      const ctx: Ctx = {
        server, base, dir: mkdtempSync(path.join(tmpdir(), 'douyin-kit-bench-')), assets, parallel,
        hashes: new Map(assets.map((a) => [a.id, assetSha256(a)])), curlMs: [], curlSyncedMs: [], oursMs: [], peakRss: 0, rssBefore: 0, childPeakRss: 0, childStartRss: 0,
      };
      // The baseline, twice each way; the harness then runs the downloader (warm-up + measured).
      for (let i = 0; i < 2; i++) {
        runCurl(ctx, false);
        runCurl(ctx, true);
      }
      if (withRss) measureChildRss(ctx);
      return ctx;
    },
    async fn(ctx) {
      await runOurs(ctx);
    },
    extra(ctx) {
      const bytes = totalBytes(ctx);
      const ours = (bytes * 1000) / best(ctx.oursMs);
      const out: Record<string, string | number> = {
        best_bytes_per_second: ours.toFixed(0),
        curl_bytes_per_second: ((bytes * 1000) / best(ctx.curlMs)).toFixed(0),
        ratio_vs_curl: (best(ctx.curlMs) / best(ctx.oursMs)).toFixed(2),
        ratio_vs_curl_synced: (best(ctx.curlSyncedMs) / best(ctx.oursMs)).toFixed(2),
        files: ctx.assets.length,
        ms_ours: ctx.oursMs.map((m) => m.toFixed(0)).join('/'),
        ms_curl: ctx.curlMs.map((m) => m.toFixed(0)).join('/'),
        ms_curl_synced: ctx.curlSyncedMs.map((m) => m.toFixed(0)).join('/'),
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
  downloadCase('download_bulk', Array.from({ length: 64 }, (_, i) => ({ id: `bulk-${i}`, kind: 'mp4', size: 8 * MB })), 8, false),
  downloadCase('download_large', [{ id: 'large', kind: 'mp4', size: 1024 * MB }], 1, true),
];
