import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach } from 'vitest';
import { EmulatedLiveStream, type LiveStreamOptions } from '../../../src/emulator/media/index.js';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface StreamRig {
  stream: EmulatedLiveStream;
  server: TestServer;
  flvUrl: string;
  hlsUrl: string;
  /** Manual stream clock (ms), when the rig uses one. */
  clock: { t: number };
  /** Requests answered 404 while true (a CDN without the stream). */
  offline: { value: boolean };
  /** Requests seen, by path. */
  hits: string[];
  /** Request headers, in order. */
  requestHeaders: IncomingMessage['headers'][];
  /** Paths answered 503 (a broken CDN edge). */
  failing: Set<string>;
}

/**
 * Per test file: a factory of live streams (EmulatedLiveStream on its own loopback server at
 * /live.flv, /index.m3u8, /N.ts) and of temporary roots, all cleaned up after each test.
 */
export function useLiveRigs(): {
  rig(options?: Partial<LiveStreamOptions>, manualClock?: boolean): Promise<StreamRig>;
  tmpRoot(): Promise<string>;
} {
  const rigs: StreamRig[] = [];
  const roots: string[] = [];
  afterEach(async () => {
    for (const r of rigs.splice(0)) {
      r.stream.close();
      await r.server.close();
    }
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });
  return {
    async rig(options = {}, manualClock = true) {
      const clock = { t: 0 };
      const offline = { value: false };
      const hits: string[] = [];
      const requestHeaders: IncomingMessage['headers'][] = [];
      const failing = new Set<string>();
      const stream = new EmulatedLiveStream({ id: `room-${rigs.length}`, ...(manualClock ? { now: () => clock.t } : {}), ...options });
      const server = await startServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        hits.push(url.pathname);
        requestHeaders.push(req.headers);
        if (offline.value) return void res.writeHead(404, { 'Content-Length': '0' }).end();
        if (failing.has(url.pathname)) return void res.writeHead(503, { 'Content-Length': '0' }).end();
        if (url.pathname === '/live.flv') return stream.serveFlv(req, res);
        if (url.pathname === '/index.m3u8') return stream.serveHlsPlaylist(req, res);
        const segment = /^\/(\d+)\.ts$/.exec(url.pathname);
        if (segment) return stream.serveHlsSegment(req, res, Number(segment[1]));
        res.writeHead(404, { 'Content-Length': '0' }).end();
      });
      const r: StreamRig = { stream, server, flvUrl: `${server.url}/live.flv?expire=1&sign=x`, hlsUrl: `${server.url}/index.m3u8`, clock, offline, hits, requestHeaders, failing };
      rigs.push(r);
      return r;
    },
    async tmpRoot() {
      const root = await mkdtemp(path.join(os.tmpdir(), 'dk-live-'));
      roots.push(root);
      return root;
    },
  };
}

/** Moves a manual clock to `ms` (stream time at speed 1) and lets the stream produce. */
export function at(r: StreamRig, ms: number): void {
  r.clock.t = ms;
  r.stream.poll();
}

export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file under `dir`, relative, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)))
    .sort();
}

export interface WalkedTag {
  type: number;
  timestampMs: number;
  offset: number;
  size: number;
  /** First two data bytes (codec / packet type). */
  head: number[];
}

/** An independent FLV walker: header, then tags chained by PreviousTagSize to exactly the end. */
export function walkFlv(bytes: Buffer): { headerBytes: number; tags: WalkedTag[] } {
  if (bytes.toString('latin1', 0, 3) !== 'FLV') throw new Error('no FLV signature');
  const headerBytes = bytes.readUInt32BE(5) + 4;
  if (bytes.readUInt32BE(headerBytes - 4) !== 0) throw new Error('PreviousTagSize0 is not 0');
  const tags: WalkedTag[] = [];
  let at = headerBytes;
  while (at < bytes.length) {
    if (at + 11 > bytes.length) throw new Error(`half a tag header at ${at}`);
    const size = bytes.readUIntBE(at + 1, 3);
    const end = at + 11 + size + 4;
    if (end > bytes.length) throw new Error(`half a tag at ${at} (needs ${end}, file ${bytes.length})`);
    if (bytes.readUInt32BE(end - 4) !== 11 + size) throw new Error(`PreviousTagSize mismatch at ${at}`);
    const timestampMs = (bytes.readUIntBE(at + 4, 3) | (bytes[at + 7]! << 24)) >>> 0;
    tags.push({ type: bytes[at]! & 0x1f, timestampMs, offset: at, size: end - at, head: [bytes[at + 11] ?? -1, bytes[at + 12] ?? -1] });
    at = end;
  }
  return { headerBytes, tags };
}

/** True for onMetaData and AVC/AAC sequence headers (what a file must start with). */
export function isConfigTag(t: WalkedTag): boolean {
  return t.type === 18 || (t.type === 9 && (t.head[0]! & 0x0f) === 7 && t.head[1] === 0) || (t.type === 8 && t.head[0]! >> 4 === 10 && t.head[1] === 0);
}

/** The media tags of an FLV file (after its header and leading config tags), concatenated. */
export function flvMedia(bytes: Buffer): { media: Buffer; config: WalkedTag[]; media0: WalkedTag | undefined } {
  const { tags } = walkFlv(bytes);
  let i = 0;
  while (i < tags.length && isConfigTag(tags[i]!)) i++;
  const first = tags[i];
  return { media: first ? bytes.subarray(first.offset) : Buffer.alloc(0), config: tags.slice(0, i), media0: first };
}

export async function readAll(paths: readonly string[]): Promise<Buffer[]> {
  return Promise.all(paths.map((p) => readFile(p)));
}
