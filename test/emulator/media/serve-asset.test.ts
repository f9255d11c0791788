import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetEtag, assetSha256, readAsset, serveAsset, type MediaAsset } from '../../../src/emulator/media/index.js';
import { downloadHash, request, sha256, startServer, type TestServer } from './http-harness.js';

const ASSETS: Record<string, MediaAsset> = {
  video: { id: '7301234567890123456', kind: 'mp4', size: 3_000_017 },
  big: { id: 'big', kind: 'mp4', size: 96 * 1024 * 1024 + 5 },
  cover: { id: 'cover', kind: 'jpeg', size: 80_000 },
  dynamic: { id: 'dyn', kind: 'webp', size: 200_001, animated: true },
  music: { id: 'music', kind: 'mp3', size: 1_234_567 },
  empty: { id: 'empty', kind: 'mp4', size: 0 },
};

let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const name = (req.url ?? '/').slice(1).split('?')[0]!;
    const asset = ASSETS[name];
    if (!asset) {
      res.writeHead(404).end();
      return;
    }
    serveAsset(req, res, asset, name === 'cover' ? { headers: { 'Cache-Control': 'max-age=3600', 'Content-Type': 'image/jpeg; q=1' } } : {});
  });
});

afterAll(() => server.close());

describe('serveAsset', () => {
  it('serves the full body with length, type, validators; its hash is assetSha256', async () => {
    for (const name of ['video', 'cover', 'dynamic', 'music']) {
      const asset = ASSETS[name]!;
      const res = await request(`${server.url}/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-length']).toBe(String(asset.size));
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.headers.etag).toBe(assetEtag(asset));
      expect(sha256(res.body)).toBe(assetSha256(asset));
    }
    const video = await request(`${server.url}/video`);
    expect(video.headers['content-type']).toBe('video/mp4');
  });

  it('streams a large body byte-exact', async () => {
    const got = await downloadHash(`${server.url}/big`);
    expect(got.length).toBe(ASSETS.big!.size);
    expect(got.sha256).toBe(assetSha256(ASSETS.big!));
  });

  it('applies extra headers', async () => {
    const res = await request(`${server.url}/cover`);
    expect(res.headers['cache-control']).toBe('max-age=3600');
    expect(res.headers['content-type']).toBe('image/jpeg; q=1');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await request(`${server.url}/video`, {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(ASSETS.video!.size));
    expect(res.body.length).toBe(0);
  });

  it('serves single ranges (closed, open, suffix, clamped) as 206 with Content-Range', async () => {
    const asset = ASSETS.video!;
    const cases: [string, number, number][] = [
      ['bytes=0-0', 0, 1],
      ['bytes=100-199', 100, 200],
      ['bytes=2999990-', 2_999_990, asset.size],
      ['bytes=-500', asset.size - 500, asset.size],
      ['bytes=-99999999', 0, asset.size],
      ['bytes=65530-9999999999', 65_530, asset.size],
    ];
    for (const [range, start, end] of cases) {
      const res = await request(`${server.url}/video`, { Range: range });
      expect(res.status, range).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end - 1}/${asset.size}`);
      expect(res.headers['content-length']).toBe(String(end - start));
      expect(res.body.equals(readAsset(asset, start, end)), range).toBe(true);
    }
  });

  it('lets a client resume: ranges concatenated equal the whole body', async () => {
    const asset = ASSETS.music!;
    const parts = [];
    for (const range of ['bytes=0-99999', 'bytes=100000-700000', 'bytes=700001-']) parts.push((await request(`${server.url}/music`, { Range: range })).body);
    expect(sha256(Buffer.concat(parts))).toBe(assetSha256(asset));
  });

  it('answers an unsatisfiable range with 416 and the size', async () => {
    for (const [name, range] of [
      ['video', `bytes=${ASSETS.video!.size}-`],
      ['video', 'bytes=-0'],
      ['empty', 'bytes=0-'],
    ] as const) {
      const res = await request(`${server.url}/${name}`, { Range: range });
      expect(res.status, range).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${ASSETS[name]!.size}`);
      expect(res.body.length).toBe(0);
    }
  });

  it('ignores multi-range and malformed Range headers (full 200)', async () => {
    for (const range of ['bytes=0-1,5-6', 'bytes=9-3', 'items=0-5', 'bytes=-']) {
      const res = await request(`${server.url}/cover`, { Range: range });
      expect(res.status, range).toBe(200);
      expect(res.body.length).toBe(ASSETS.cover!.size);
    }
  });

  it('honours If-Range only when it is the current strong ETag', async () => {
    const etag = assetEtag(ASSETS.video!);
    const match = await request(`${server.url}/video`, { Range: 'bytes=10-19', 'If-Range': etag });
    expect(match.status).toBe(206);
    for (const validator of ['"stale"', `W/${etag}`, 'Wed, 21 Oct 2015 07:28:00 GMT']) {
      const miss = await request(`${server.url}/video`, { Range: 'bytes=10-19', 'If-Range': validator });
      expect(miss.status, validator).toBe(200);
      expect(sha256(miss.body)).toBe(assetSha256(ASSETS.video!));
    }
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const etag = assetEtag(ASSETS.cover!);
    for (const header of [etag, `"other", ${etag}`, `W/${etag}`, '*']) {
      const res = await request(`${server.url}/cover`, { 'If-None-Match': header });
      expect(res.status, header).toBe(304);
      expect(res.headers.etag).toBe(etag);
      expect(res.body.length).toBe(0);
    }
    expect((await request(`${server.url}/cover`, { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('refuses other methods with 405', async () => {
    const res = await request(`${server.url}/cover`, {}, 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});
