import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetSha256, readAsset, serveAsset, writeBody, type BodyFault, type MediaAsset } from '../../../src/emulator/media/index.js';
import { headerValue, rawGet, sha256, startServer, type TestServer } from './http-harness.js';

const ASSET: MediaAsset = { id: 'faulty', kind: 'mp4', size: 3_000_000 };
const JSON_BODY = Buffer.from(
  JSON.stringify({ status_code: 0, aweme_list: Array.from({ length: 100 }, (_, i) => ({ aweme_id: String(7_300_000_000_000_000_000n + BigInt(i)), desc: 'x'.repeat(20) })) }),
);

let server: TestServer;

function faultFrom(params: URLSearchParams): BodyFault | undefined {
  const kind = params.get('fault');
  const n = (key: string): number => Number(params.get(key));
  switch (kind) {
    case 'reset':
    case 'truncate':
      return { kind, atByte: n('at') };
    case 'drip':
      return { kind, chunkBytes: n('chunk'), intervalMs: n('interval') };
    case 'stall':
      return { kind, atByte: n('at'), ms: n('ms') };
    default:
      return kind === null ? undefined : ({ kind } as unknown as BodyFault);
  }
}

beforeAll(async () => {
  server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const fault = faultFrom(url.searchParams);
    try {
      if (url.pathname === '/json') {
        res.setHeader('Content-Type', 'application/json');
        writeBody(res, JSON_BODY, fault);
      } else {
        serveAsset(req, res, ASSET, fault ? { fault } : {});
      }
    } catch (error) {
      const name = Buffer.from((error as Error).name);
      res.writeHead(500, { 'Content-Length': String(name.length) }).end(name);
    }
  });
});

afterAll(() => server.close());

function timeToReach(arrivals: { at: number; bytes: number }[], bytes: number): { before: number; after: number } {
  let total = 0;
  for (let i = 0; i < arrivals.length; i++) {
    total += arrivals[i]!.bytes;
    if (total >= bytes) return { before: arrivals[i]!.at, after: arrivals[i + 1]?.at ?? Infinity };
  }
  throw new Error(`never reached ${bytes} bytes`);
}

describe('body faults', () => {
  it('reset: the client gets a prefix of the body, then ECONNRESET', async () => {
    const got = await rawGet(server.port, '/media?fault=reset&at=1000000');
    expect(got.ending).toBe('ECONNRESET');
    expect(headerValue(got.head, 'content-length')).toBe(String(ASSET.size));
    expect(got.body.length).toBeLessThanOrEqual(1_000_000);
    expect(got.body.equals(readAsset(ASSET, 0, got.body.length))).toBe(true);

    const small = await rawGet(server.port, '/media?fault=reset&at=1000');
    expect(small.ending).toBe('ECONNRESET');
    expect(small.body.equals(readAsset(ASSET, 0, 1000))).toBe(true);
  });

  it('truncate: a full Content-Length, exactly atByte bytes, then a clean close', async () => {
    for (const at of [0, 1, 1_000_000, 2_999_999]) {
      const got = await rawGet(server.port, `/media?fault=truncate&at=${at}`);
      expect(got.head).toMatch(/^HTTP\/1\.1 200/);
      expect(got.ending).toBe('end');
      expect(headerValue(got.head, 'content-length')).toBe(String(ASSET.size));
      expect(got.body.length).toBe(at);
      expect(got.body.equals(readAsset(ASSET, 0, at))).toBe(true);
    }
  });

  it('counts fault offsets from the first byte of a range', async () => {
    const got = await rawGet(server.port, '/media?fault=truncate&at=500', 'Range: bytes=1000-\r\n');
    expect(got.head).toMatch(/^HTTP\/1\.1 206/);
    expect(headerValue(got.head, 'content-length')).toBe(String(ASSET.size - 1000));
    expect(got.body.equals(readAsset(ASSET, 1000, 1500))).toBe(true);
  });

  it('drip: chunkBytes every intervalMs, the body intact', async () => {
    const got = await rawGet(server.port, '/json?fault=drip&chunk=1000&interval=40');
    const chunks = Math.ceil(JSON_BODY.length / 1000);
    expect(chunks).toBeGreaterThanOrEqual(4);
    expect(got.ending).toBe('end');
    expect(got.body.equals(JSON_BODY)).toBe(true);
    const spread = got.arrivals.at(-1)!.at - got.arrivals[0]!.at;
    expect(spread).toBeGreaterThanOrEqual((chunks - 1) * 40 * 0.75);
    expect(got.arrivals.length).toBeGreaterThanOrEqual(2);
  });

  it('stall: silence of `ms` after atByte bytes, then the rest', async () => {
    const got = await rawGet(server.port, '/media?fault=stall&at=200000&ms=300');
    expect(got.ending).toBe('end');
    expect(sha256(got.body)).toBe(assetSha256(ASSET));
    const { before, after } = timeToReach(got.arrivals, 200_000);
    expect(after - before).toBeGreaterThanOrEqual(250);
  });

  it('stall at byte 0: headers first, then silence', async () => {
    const socketStart = performance.now();
    const got = await rawGet(server.port, '/json?fault=stall&at=0&ms=200');
    expect(got.body.equals(JSON_BODY)).toBe(true);
    expect(got.arrivals[0]!.at - socketStart).toBeGreaterThanOrEqual(195);
  });

  it('writeBody sends JSON with Content-Length, and suffers the same faults', async () => {
    const clean = await rawGet(server.port, '/json');
    expect(headerValue(clean.head, 'content-length')).toBe(String(JSON_BODY.length));
    expect(headerValue(clean.head, 'content-type')).toBe('application/json');
    expect(clean.body.equals(JSON_BODY)).toBe(true);

    const cut = await rawGet(server.port, '/json?fault=truncate&at=10');
    expect(cut.ending).toBe('end');
    expect(cut.body.equals(JSON_BODY.subarray(0, 10))).toBe(true);

    const reset = await rawGet(server.port, '/json?fault=reset&at=0');
    expect(reset.ending).toBe('ECONNRESET');
    expect(reset.body.length).toBe(0);
  });

  it('rejects a malformed fault before writing anything', async () => {
    for (const query of ['fault=drip&chunk=0&interval=5', 'fault=stall&at=-1&ms=5', 'fault=bogus']) {
      const got = await rawGet(server.port, `/media?${query}`);
      expect(got.head, query).toMatch(/^HTTP\/1\.1 500/);
      expect(got.body.toString(), query).toBe('InvalidInputError');
    }
  });

  it('stops its timers when the client goes away mid-drip', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    // Let timers left by earlier tests run out first.
    for (let i = 0, last = -1; i < 50 && timers() !== last; i++) {
      last = timers();
      await sleep(25);
    }
    const before = timers();
    const socket = connect(server.port, '127.0.0.1');
    socket.write('GET /media?fault=drip&chunk=10&interval=10000 HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    expect(timers()).toBe(before + 1);
    socket.destroy();
    for (let i = 0; i < 50 && timers() > before; i++) await sleep(10);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
