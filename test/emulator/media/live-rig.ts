import { afterEach } from 'vitest';
import { EmulatedLiveStream, type LiveStreamOptions } from '../../../src/emulator/media/index.js';
import { walkFlv, type FlvTag } from './format-walkers.js';
import { startServer, type TestServer } from './http-harness.js';
import { FlvClient } from './live-client.js';

export interface Rig {
  stream: EmulatedLiveStream;
  server: TestServer;
  /** Manual wall clock in ms (when the rig uses one). */
  clock: { t: number };
  flv(): FlvClient;
  /** Removes the rig from the automatic cleanup (a test that closes it itself). */
  forget(): void;
}

/**
 * Registers cleanup in the calling test file and returns a factory of live rigs: a stream (on a
 * manual clock unless told otherwise) served by a real server at /live.flv, /index.m3u8, /N.ts.
 */
export function useLiveRigs(): (options?: Partial<LiveStreamOptions>, manualClock?: boolean) => Promise<Rig> {
  const rigs: Rig[] = [];
  const clients: FlvClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const r of rigs.splice(0)) {
      r.stream.close();
      await r.server.close();
    }
  });
  return async (options = {}, manualClock = true) => {
    const clock = { t: 0 };
    const stream = new EmulatedLiveStream({ id: 'room-7300000000000000001', ...(manualClock ? { now: () => clock.t } : {}), ...options });
    const server = await startServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const truncate = url.searchParams.get('truncate');
      const options = truncate === null ? {} : { fault: { kind: 'truncate' as const, atByte: Number(truncate) } };
      if (url.pathname === '/live.flv') return stream.serveFlv(req, res);
      if (url.pathname === '/index.m3u8') return stream.serveHlsPlaylist(req, res, options);
      const segment = /^\/(\d+)\.ts$/.exec(url.pathname);
      if (segment) return stream.serveHlsSegment(req, res, Number(segment[1]), options);
      res.writeHead(404).end();
    });
    const r: Rig = {
      stream,
      server,
      clock,
      flv: () => {
        const client = new FlvClient(`${server.url}/live.flv`);
        clients.push(client);
        return client;
      },
      forget: () => void rigs.splice(rigs.indexOf(r), 1),
    };
    rigs.push(r);
    return r;
  };
}

/** Moves the manual clock to `ms` and lets the stream produce. */
export function at(r: Rig, ms: number): void {
  r.clock.t = ms;
  r.stream.poll();
}

/** Media tags of an FLV byte stream (the three preamble tags skipped). */
export function mediaTags(bytes: Buffer): FlvTag[] {
  return walkFlv(bytes, false).slice(3);
}
