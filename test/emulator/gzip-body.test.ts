import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Combine, crc32Shift, crc32Table } from '../../src/emulator/http/crc32.js';
import { acceptsGzip } from '../../src/emulator/http/accept-encoding.js';
import { GzipEncoder } from '../../src/emulator/http/gzip-body.js';
import { cachedPart } from '../../src/emulator/shape/cached-part.js';
import { Rng } from '../../src/emulator/world/random.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** gzip's own CRC of `data` (the trailer's first four bytes). */
const zlibCrc = (data: Buffer) => gzipSync(data).readUInt32LE(gzipSync(data).length - 8);

describe('crc32', () => {
  it('matches the check value and gzip, table and native alike, continuing from a CRC', () => {
    expect(crc32Table(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    for (const n of [0, 1, 7, 1000, 70_000]) {
      const data = randomBytes(n);
      expect(crc32(data)).toBe(zlibCrc(data));
      expect(crc32Table(data)).toBe(zlibCrc(data));
      const cut = n >> 1;
      expect(crc32(data.subarray(cut), crc32(data.subarray(0, cut)))).toBe(zlibCrc(data));
      expect(crc32Table(data.subarray(cut), crc32Table(data.subarray(0, cut)))).toBe(zlibCrc(data));
    }
    expect(crc32(Buffer.alloc(0), 0x1234)).toBe(0x1234);
  });

  it('combines two CRCs into the CRC of the joined bytes', () => {
    for (const [a, b] of [[0, 5], [5, 0], [3, 1], [1000, 300_000], [65_535, 65_536]] as const) {
      const x = randomBytes(a);
      const y = randomBytes(b);
      expect(crc32Combine(crc32(x), crc32(y), crc32Shift(b))).toBe(zlibCrc(Buffer.concat([x, y])));
    }
  });
});

describe('GzipEncoder', () => {
  it('gives one gzip member that inflates to the parts, for any mix of cached and per-request parts', () => {
    const rng = new Rng('gzip-body');
    const sizes = [0, 1, 20, 1023, 1024, 5000, 65_535, 65_536, 150_000];
    const encoder = new GzipEncoder(256 * 1024);
    for (let t = 0; t < 120; t++) {
      const parts: Buffer[] = [];
      const n = rng.int(0, 7);
      for (let i = 0; i < n; i++) {
        const size = sizes[rng.int(0, sizes.length - 1)] as number;
        const bytes = rng.next() < 0.5 ? randomBytes(size) : Buffer.from('{"k":"v"},'.repeat(Math.ceil(size / 10)).slice(0, size));
        parts.push(rng.next() < 0.5 ? cachedPart(bytes) : bytes);
      }
      const want = Buffer.concat(parts);
      for (let again = 0; again < 2; again++) {
        const body = Buffer.concat(encoder.encode(parts));
        expect(body.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 8]));
        expect(sha(gunzipSync(body))).toBe(sha(want));
        expect(body.readUInt32LE(body.length - 4)).toBe(want.length);
      }
    }
  });

  it('deflates a run of cached parts once and reuses it', () => {
    const encoder = new GzipEncoder();
    const items = Array.from({ length: 20 }, (_, i) => cachedPart(Buffer.from(JSON.stringify({ aweme_id: String(7e18 + i), desc: 'x'.repeat(2000) }))));
    const page = (head: string) => [Buffer.from(head), ...items, Buffer.from('}')];
    const a = encoder.encode(page('{"n":1,"list":'));
    const b = encoder.encode(page('{"n":22,"list":'));
    // [header + stored head, the cached run, stored tail + trailer]: the same run buffer both times.
    expect(a).toHaveLength(3);
    expect(b[1]).toBe(a[1]);
    expect(Buffer.concat(b).length).toBeLessThan(Buffer.concat(page('{"n":22,"list":')).length / 10);
    expect(gunzipSync(Buffer.concat(b)).toString()).toBe(Buffer.concat(page('{"n":22,"list":')).toString());
    // A different run (one item left out) is a different entry.
    const c = encoder.encode([Buffer.from('['), ...items.slice(1), Buffer.from(']')]);
    expect(c[1]).not.toBe(a[1]);
    expect(gunzipSync(Buffer.concat(c)).toString()).toBe(`[${items.slice(1).join('')}]`);
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as HTTP does', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('GZIP')).toBe(true);
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
    expect(acceptsGzip('gzip;q=0, br')).toBe(false);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('*;q=0')).toBe(false);
  });
});
