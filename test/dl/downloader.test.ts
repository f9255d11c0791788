import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Downloader, MemoryStore, planPostAssets, type DownloadJob, type FileProgressEvent } from '../../src/dl/index.js';
import { toAwemeRecord } from '../../src/filter/aweme-record.js';
import { HttpError, IntegrityError } from '../../src/errors.js';
import { assetEtag, assetSha256, readAsset, type MediaAsset } from '../../src/emulator/media/index.js';
import { removeDir, sha256File, tempDir, walk } from './helpers/fs-helpers.js';
import { MediaServer } from './helpers/media-server.js';

let server: MediaServer;
let root: string;

beforeEach(async () => {
  server = await MediaServer.start();
  root = tempDir('dl');
});
afterEach(async () => {
  await server.close();
  removeDir(root);
});

function route(name: string, asset: MediaAsset): string {
  server.routes.set(`/${name}`, { asset });
  return server.url(`/${name}`);
}

function job(key: string, asset: MediaAsset, file: string, extra: Partial<DownloadJob> = {}): DownloadJob {
  return { key, path: ['douyin', 'post', 'user', file], urls: [route(key, asset)], expect: [asset.kind === 'mp4' ? 'mp4' : asset.kind], ...extra };
}

const fast = { retryBaseDelayMs: 1, retryMaxDelayMs: 5, progressIntervalMs: 5 };

describe('Downloader', () => {
  it('downloads every kind of media byte-exactly and records it', async () => {
    const store = new MemoryStore();
    const dl = new Downloader({ root, store, maxTasks: 4, maxConnections: 2, ...fast });
    const assets: MediaAsset[] = [
      { id: 'v1', kind: 'mp4', size: 3_000_000 },
      { id: 'i1', kind: 'webp', size: 70_000 },
      { id: 'c1', kind: 'webp', size: 90_000, animated: true },
      { id: 'j1', kind: 'jpeg', size: 50_000 },
      { id: 'm1', kind: 'mp3', size: 400_000 },
      { id: 'f1', kind: 'flv', size: 300_000 },
      { id: 't1', kind: 'ts', size: 188 * 1000 },
    ];
    const progress: FileProgressEvent[] = [];
    dl.on('file-progress', (e) => progress.push(e));
    const results = await dl.addAll(assets.map((a) => job(a.id, a, `${a.id}.${a.kind}`)));
    expect(results.map((r) => r.status)).toEqual(assets.map(() => 'done'));
    for (const a of assets) {
      const file = path.join(root, 'douyin', 'post', 'user', `${a.id}.${a.kind}`);
      expect(sha256File(file)).toBe(assetSha256(a));
      const row = store.getAsset(a.id)!;
      expect(row).toMatchObject({ state: 'done', bytes: a.size, sha256: assetSha256(a), path: `douyin/post/user/${a.id}.${a.kind}` });
    }
    expect(walk(root).filter((f) => f.includes('.part'))).toEqual([]);
    const last = progress.filter((p) => p.key === 'v1').at(-1)!;
    expect(last).toMatchObject({ transferred: 3_000_000, total: 3_000_000 });
    expect(dl.progress()).toMatchObject({ filesTotal: 7, filesDone: 7, filesFailed: 0, bytesReceived: assets.reduce((n, a) => n + a.size, 0) });
    await dl.close();
  });

  it('resumes from the .part with Range and If-Range after a reset mid-body', async () => {
    const asset: MediaAsset = { id: 'resume', kind: 'mp4', size: 2_000_000 };
    server.intervene = (_p, nth) => (nth === 1 ? { fault: { kind: 'reset', atByte: 700_000 } } : undefined);
    const dl = new Downloader({ root, ...fast });
    const result = await dl.add(job('resume', asset, 'r.mp4'));
    expect(result.status).toBe('done');
    const [first, second] = server.requests('/resume');
    expect(first!.range).toBeUndefined();
    const from = Number(/^bytes=(\d+)-$/.exec(second!.range ?? '')?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(700_000);
    expect(second!.ifRange).toMatch(/^"[0-9a-f]+"$/);
    expect(result.status === 'done' && result.resumedFrom).toBe(from);
    expect(sha256File(path.join(root, 'douyin/post/user/r.mp4'))).toBe(assetSha256(asset));
    await dl.close();
  });

  it('resumes a .part that ends mid-block from its last whole block with direct I/O, from its end without', async () => {
    const asset: MediaAsset = { id: 'unaligned', kind: 'mp4', size: 1_000_000 };
    for (const directIo of [true, false]) {
      const url = route(`unaligned-${directIo}`, asset);
      const finalPath = path.join(root, `unaligned-${directIo}.mp4`);
      // What a run with plain writes (or another tool) left: 10,000 good bytes and their validator.
      writeFileSync(`${finalPath}.part`, readAsset(asset, 0, 10_000));
      writeFileSync(`${finalPath}.part.meta`, JSON.stringify({ etag: assetEtag(asset), total: asset.size, url }));
      const dl = new Downloader({ root, directIo, ...fast });
      const result = await dl.add({ key: `u-${directIo}`, path: [`unaligned-${directIo}.mp4`], urls: [url], expect: ['mp4'] });
      const from = directIo ? 8192 : 10_000;
      expect(result).toMatchObject({ status: 'done', resumedFrom: from, bytes: asset.size });
      expect(server.requests(`/unaligned-${directIo}`)[0]!.range).toBe(`bytes=${from}-`);
      expect(sha256File(finalPath)).toBe(assetSha256(asset));
      await dl.close();
    }
  });

  it('checks the type of a resumed body from the bytes already on disk, and starts over when they are wrong', async () => {
    const asset: MediaAsset = { id: 'junk-part', kind: 'mp4', size: 600_000 };
    const url = route('junk-part', asset);
    const finalPath = path.join(root, 'junk.mp4');
    writeFileSync(`${finalPath}.part`, Buffer.alloc(20_000, 0x3c));
    writeFileSync(`${finalPath}.part.meta`, JSON.stringify({ etag: assetEtag(asset), total: asset.size, url }));
    const dl = new Downloader({ root, ...fast });
    const failures: string[] = [];
    dl.on('file-retry', (e) => failures.push(e.error.code));
    const result = await dl.add({ key: 'junk', path: ['junk.mp4'], urls: [url], expect: ['mp4'] });
    expect(result).toMatchObject({ status: 'done', resumedFrom: 0 });
    expect(failures).toEqual(['ERR_INTEGRITY']);
    // The first request resumed; once its head was refused, the next one fetched everything.
    expect(server.requests('/junk-part').map((r) => r.range)).toEqual(['bytes=16384-', undefined]);
    expect(sha256File(finalPath)).toBe(assetSha256(asset));
    await dl.close();
  });

  it('fetches the whole body again when the meta was cut short by a kill (it is written in place)', async () => {
    const asset: MediaAsset = { id: 'torn-meta', kind: 'mp4', size: 300_000 };
    const url = route('torn-meta', asset);
    const meta = JSON.stringify({ etag: assetEtag(asset), total: asset.size, url });
    const dl = new Downloader({ root, ...fast });
    const cuts = [0, 1, meta.length >> 1, meta.length - 1];
    for (const cut of cuts) {
      const finalPath = path.join(root, `torn-${cut}.mp4`);
      writeFileSync(`${finalPath}.part`, readAsset(asset, 0, 100_000));
      writeFileSync(`${finalPath}.part.meta`, meta.slice(0, cut));
      const result = await dl.add({ key: `torn-${cut}`, path: [`torn-${cut}.mp4`], urls: [url], expect: ['mp4'] });
      expect(result).toMatchObject({ status: 'done', resumedFrom: 0, bytes: asset.size });
      expect(sha256File(finalPath)).toBe(assetSha256(asset));
      expect(existsSync(`${finalPath}.part.meta`)).toBe(false);
    }
    expect(server.requests('/torn-meta').map((r) => r.range)).toEqual(cuts.map(() => undefined));
    await dl.close();
  });

  it('starts over when the ETag changed between attempts', async () => {
    const before: MediaAsset = { id: 'etag-old', kind: 'mp4', size: 1_500_000 };
    const after: MediaAsset = { id: 'etag-new', kind: 'mp4', size: 1_200_000 };
    server.routes.set('/clip', { asset: before });
    server.intervene = (_p, nth) => {
      if (nth === 1) return { fault: { kind: 'reset', atByte: 600_000 } };
      server.routes.set('/clip', { asset: after });
      return undefined;
    };
    const dl = new Downloader({ root, ...fast });
    const result = await dl.add({ key: 'clip', path: ['clip.mp4'], urls: [server.url('/clip')], expect: ['mp4'] });
    expect(result).toMatchObject({ status: 'done', resumedFrom: 0, bytes: after.size });
    expect(server.requests('/clip')[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(sha256File(path.join(root, 'clip.mp4'))).toBe(assetSha256(after));
    await dl.close();
  });

  it('never puts a truncated body at the final path', async () => {
    const asset: MediaAsset = { id: 'short', kind: 'mp4', size: 1_000_000 };
    server.intervene = () => ({ fault: { kind: 'truncate', atByte: 250_000 } });
    const finalPath = path.join(root, 'douyin/post/user/short.mp4');
    const seenFinal: boolean[] = [];
    const dl = new Downloader({ root, retries: 2, ...fast });
    dl.on('file-retry', () => seenFinal.push(existsSync(finalPath)));
    const result = await dl.add(job('short', asset, 'short.mp4'));
    expect(result.status).toBe('failed');
    expect(seenFinal).toEqual([false, false]);
    expect(existsSync(finalPath)).toBe(false);
    expect(server.requests('/short')).toHaveLength(3);
    await dl.close();

    // The next run (the server healed) continues from what the truncated attempts left.
    server.intervene = undefined;
    const again = new Downloader({ root, ...fast });
    const ok = await again.add(job('short', asset, 'short.mp4'));
    expect(ok).toMatchObject({ status: 'done' });
    expect(ok.status === 'done' && ok.resumedFrom).toBeGreaterThan(0);
    expect(sha256File(finalPath)).toBe(assetSha256(asset));
    await again.close();
  });

  it('refuses a body of the wrong type with IntegrityError and leaves no file', async () => {
    server.routes.set('/page', { body: Buffer.from('<!DOCTYPE html><html><body>link expired</body></html>'.padEnd(4000, ' ')), contentType: 'text/html' });
    const store = new MemoryStore();
    const dl = new Downloader({ root, store, retries: 1, ...fast });
    const result = await dl.add({ key: 'page', path: ['v.mp4'], urls: [server.url('/page')], expect: ['mp4'] });
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.error).toBeInstanceOf(IntegrityError);
    expect(walk(root)).toEqual([]);
    expect(store.getAsset('page')).toMatchObject({ state: 'failed', attempts: 2 });
    await dl.close();
  });

  it('tries the mirrors in turn: a dead one is left at once, a bad one after a retry', async () => {
    const asset: MediaAsset = { id: 'm', kind: 'jpeg', size: 80_000 };
    server.routes.set('/good', { asset });
    server.routes.set('/html', { body: Buffer.from('<html>nope</html>'.padEnd(300, ' ')) });
    const retries: number[] = [];
    const dl = new Downloader({ root, ...fast });
    dl.on('file-retry', (e) => retries.push(e.delayMs));
    const result = await dl.add({ key: 'm', path: ['m.jpeg'], urls: [server.url('/missing'), server.url('/html'), server.url('/good')], expect: ['jpeg'] });
    expect(result).toMatchObject({ status: 'done', url: server.url('/good'), attempts: 3 });
    expect(retries[0]).toBe(0);
    expect(server.log.map((r) => r.path)).toEqual(['/missing', '/html', '/good']);
    expect(sha256File(path.join(root, 'm.jpeg'))).toBe(assetSha256(asset));

    const none = await dl.add({ key: 'n', path: ['n.jpeg'], urls: [server.url('/gone1'), server.url('/gone2')], expect: ['jpeg'] });
    expect(none.status === 'failed' && none.error).toBeInstanceOf(HttpError);
    expect(none.status === 'failed' && none.attempts).toBe(2);
    await dl.close();
  });

  it('honours Retry-After on 429 and keeps retries bounded', async () => {
    const asset: MediaAsset = { id: 'rl', kind: 'mp4', size: 100_000 };
    server.intervene = (p, nth) => (p === '/rl' && nth === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : p === '/down' ? { status: 503 } : undefined);
    const dl = new Downloader({ root, retries: 3, ...fast });
    const ok = await dl.add(job('rl', asset, 'rl.mp4'));
    expect(ok.status).toBe('done');
    const [a, b] = server.requests('/rl');
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(990);

    server.routes.set('/down', { asset });
    const down = await dl.add({ key: 'down', path: ['down.mp4'], urls: [server.url('/down')], expect: ['mp4'] });
    expect(down).toMatchObject({ status: 'failed', attempts: 4 });
    expect(server.requests('/down')).toHaveLength(4);
    await dl.close();
  });

  it('follows redirects to the CDN, writes descriptions and converts lyrics', async () => {
    const asset: MediaAsset = { id: 'cdn', kind: 'mp4', size: 64_000 };
    server.routes.set('/cdn/v.mp4', { asset });
    server.routes.set('/aweme/v1/play/', { redirect: '/cdn/v.mp4' });
    server.routes.set('/lyric.json', { body: Buffer.from(JSON.stringify([{ text: '第一句', timeId: '1.5' }, { text: 'second', timeId: 62.25 }])) });
    const dl = new Downloader({ root, ...fast });
    const { lyricJsonToLrc } = await import('../../src/dl/index.js');
    const results = await dl.addAll([
      { key: 'play', path: ['p.mp4'], urls: [server.url('/aweme/v1/play/?video_id=x')], expect: ['mp4'] },
      { key: 'desc', path: ['d_desc.txt'], content: '今天 🌸 #tag\nline 2', expect: ['txt'] },
      { key: 'lyric', path: ['s_lyric.lrc'], urls: [server.url('/lyric.json')], expect: ['lrc'], transform: lyricJsonToLrc },
    ]);
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(sha256File(path.join(root, 'p.mp4'))).toBe(assetSha256(asset));
    expect(readFileSync(path.join(root, 'd_desc.txt'), 'utf8')).toBe('今天 🌸 #tag\nline 2');
    expect(readFileSync(path.join(root, 's_lyric.lrc'), 'utf8')).toBe('[00:01.500] 第一句\n[01:02.250] second');
    await dl.close();
  });

  it('downloads a planned post and records the chosen quality and why', async () => {
    const video: MediaAsset = { id: 'pv', kind: 'mp4', size: 500_000 };
    const music: MediaAsset = { id: 'pm', kind: 'mp3', size: 60_000 };
    const cover: MediaAsset = { id: 'pc', kind: 'webp', size: 40_000, animated: true };
    const gear = (name: string, h: number, u: string) => ({ gear_name: name, bit_rate: h * 1000, is_h265: 0, play_addr: { url_list: [u], width: (h * 16) / 9, height: h, data_size: h } });
    const record = toAwemeRecord({
      aweme_id: '7350000000000000000',
      aweme_type: 0,
      create_time: 1_711_000_000,
      desc: '看海 🌊',
      author: { nickname: '小海', sec_uid: 'sec-sea', uid: '5' },
      video: {
        bit_rate: [gear('normal_720_0', 720, server.url('/low')), gear('normal_1080_0', 1080, route('pv', video))],
        animated_cover: { url_list: [route('pc', cover)] },
      },
      music: { status: 1, play_url: { url_list: [route('pm', music)] } },
    });
    const store = new MemoryStore();
    const dl = new Downloader({ root, store, ...fast });
    const plan = planPostAssets(record, { music: true, cover: true, desc: true });
    const results = await dl.downloadPlan(plan, ['douyin', 'post', '小海']);
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
    const row = store.getAsset('7350000000000000000:video')!;
    expect(row).toMatchObject({ kind: 'video', aweme_id: '7350000000000000000', state: 'done', sha256: assetSha256(video) });
    expect(row.quality).toMatchObject({ source: 'normal_1080_0', height: 1080 });
    expect(row.reason).toContain('largest frame');
    expect(row.path).toBe('douyin/post/小海/2024-03-21 13-46-40_看海 🌊_video.mp4');
    expect(sha256File(path.join(root, 'douyin/post/小海/2024-03-21 13-46-40_看海 🌊_cover.webp'))).toBe(assetSha256(cover));
    expect(readFileSync(path.join(root, 'douyin/post/小海/2024-03-21 13-46-40_看海 🌊_desc.txt'), 'utf8')).toBe('看海 🌊');
    expect(server.requests('/low')).toHaveLength(0);
    await dl.close();
  });
});
