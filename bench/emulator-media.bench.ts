/**
 * How fast the emulator serves generated media on loopback, against the same node:http server
 * sending a pre-filled in-memory Buffer of the same size in 256 KiB slices with backpressure
 * (what a server holding the file in RAM does: no generation at all). Both are downloaded by the
 * same node:http client in this process; the ratio says what generating the bytes costs.
 */
import { createHash } from 'node:crypto';
import { Agent, createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchCase } from './harness.js';
import { assetSha256, readAsset, serveAsset, type MediaAsset } from '../src/emulator/media/index.js';

const SIZE = 256 * 1024 * 1024;
const ASSET: MediaAsset = { id: 'bench-video', kind: 'mp4', size: SIZE };
const SLICE_BYTES = 256 * 1024;

interface Ctx {
  server: Server;
  agent: Agent;
  url: string;
}

function download(ctx: Ctx, hash?: ReturnType<typeof createHash>): Promise<void> {
  return new Promise((resolve, reject) => {
    get(ctx.url, { agent: ctx.agent }, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        hash?.update(chunk);
      });
      res.on('end', () => (received === SIZE ? resolve() : reject(new Error(`got ${received} of ${SIZE} bytes`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function start(handler: Parameters<typeof createServer>[1]): Promise<Ctx> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, agent: new Agent({ keepAlive: true, maxSockets: 1 }), url: `http://127.0.0.1:${port}/media` };
}

async function stop(ctx: Ctx): Promise<void> {
  ctx.agent.destroy();
  ctx.server.closeAllConnections();
  await new Promise((resolve) => ctx.server.close(resolve));
}

export const benchmarks: BenchCase<Ctx>[] = [
  {
    name: 'emulator_media_bytes_baseline_memory',
    units: SIZE,
    unitLabel: 'bytes_per_second',
    minMs: 3000,
    setup: () => {
      const body = readAsset(ASSET, 0, SIZE);
      return start((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': String(SIZE) });
        let pos = 0;
        const pump = (): void => {
          while (pos < SIZE) {
            const slice = body.subarray(pos, Math.min(SIZE, pos + SLICE_BYTES));
            pos += slice.length;
            if (!res.write(slice)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        pump();
      });
    },
    fn: (ctx) => download(ctx),
    teardown: stop,
  },
  {
    name: 'emulator_media_bytes',
    units: SIZE,
    unitLabel: 'bytes_per_second',
    minMs: 3000,
    setup: async () => {
      const ctx = await start((req, res) => serveAsset(req, res, ASSET));
      // Check once, outside the timed loop, that what is served is what assetSha256 promises.
      const hash = createHash('sha256');
      await download(ctx, hash);
      if (hash.digest('hex') !== assetSha256(ASSET)) throw new Error('served bytes differ from assetSha256');
      return ctx;
    },
    fn: (ctx) => download(ctx),
    teardown: stop,
    extra: (_ctx, rate, rates) => {
      const baseline = rates.get('emulator_media_bytes_baseline_memory');
      return {
        gigabytes_per_second: (rate / 1e9).toFixed(2),
        ratio_to_memory_baseline: baseline ? (rate / baseline).toFixed(2) : 'n/a',
      };
    },
  },
];
