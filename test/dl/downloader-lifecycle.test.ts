import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { getEventListeners } from 'node:events';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Downloader, MemoryStore, type DownloadJob } from '../../src/dl/index.js';
import { createHttpClient } from '../../src/crawler/http-client.js';
import { AbortError, TimeoutError } from '../../src/errors.js';
import { resolveOptions } from '../../src/options.js';
import { assetSha256, type MediaAsset } from '../../src/emulator/media/index.js';
import { removeDir, sha256File, tempDir } from './helpers/fs-helpers.js';
import { MediaServer } from './helpers/media-server.js';

let server: MediaServer;
let root: string;

beforeEach(async () => {
  server = await MediaServer.start();
  root = tempDir('dl-life');
});
afterEach(async () => {
  await server.close();
  removeDir(root);
});

const fast = { retryBaseDelayMs: 1, retryMaxDelayMs: 5, progressIntervalMs: 5 };

function job(asset: MediaAsset): DownloadJob {
  server.routes.set(`/${asset.id}`, { asset });
  return { key: asset.id, path: ['u', `${asset.id}.mp4`], urls: [server.url(`/${asset.id}`)], expect: ['mp4'] };
}

/** Adds `asset` with a signal that aborts once more than `afterBytes` arrived; checks add() rejects with AbortError. */
async function abortMidBody(dl: Downloader, asset: MediaAsset, afterBytes: number): Promise<AbortSignal> {
  const controller = new AbortController();
  dl.on('file-progress', (e) => {
    if (e.transferred > afterBytes) controller.abort();
  });
  await expect(dl.add(job(asset), { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
  return controller.signal;
}

const slow = (): { fault: { kind: 'drip'; chunkBytes: number; intervalMs: number } } => ({ fault: { kind: 'drip', chunkBytes: 16_384, intervalMs: 5 } });

describe('Downloader lifecycle', () => {
  it('rejects at once when the signal is already aborted, and sends nothing', async () => {
    const dl = new Downloader({ root, ...fast });
    const controller = new AbortController();
    controller.abort();
    await expect(dl.add(job({ id: 'a', kind: 'mp4', size: 10_000 }), { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(server.log).toHaveLength(0);
    await dl.close();
  });

  it('aborts mid-body, keeps the .part, leaks no listener, and a new process resumes it', async () => {
    const asset: MediaAsset = { id: 'big', kind: 'mp4', size: 4_000_000 };
    server.intervene = (_p, nth) => (nth === 1 ? slow() : undefined);
    const dl = new Downloader({ root, ...fast });
    const signal = await abortMidBody(dl, asset, 200_000);
    const finalPath = path.join(root, 'u', 'big.mp4');
    // The file's last writes are done when add() settles, not later.
    const keptAtReject = statSync(`${finalPath}.part`).size;
    await dl.onIdle();
    await new Promise((r) => setTimeout(r, 100));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(existsSync(finalPath)).toBe(false);
    const kept = statSync(`${finalPath}.part`).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBe(keptAtReject);
    await dl.close();

    const next = new Downloader({ root, ...fast });
    const result = await next.add(job(asset));
    expect(result).toMatchObject({ status: 'done', resumedFrom: kept });
    expect(server.requests('/big')[1]!.range).toBe(`bytes=${kept}-`);
    expect(sha256File(finalPath)).toBe(assetSha256(asset));
    await next.close();
  });

  it('settles an aborted file only once its cleanup is done (a small body has named its kept bytes by then)', async () => {
    const asset: MediaAsset = { id: 'small-abort', kind: 'mp4', size: 600_000 };
    server.intervene = () => ({ fault: { kind: 'drip', chunkBytes: 8_192, intervalMs: 10 } });
    const dl = new Downloader({ root, ...fast });
    await abortMidBody(dl, asset, 100_000);
    const finalPath = path.join(root, 'u', 'small-abort.mp4');
    expect(existsSync(`${finalPath}.part.meta`)).toBe(true);
    expect(statSync(`${finalPath}.part`).size).toBeGreaterThan(100_000);
    expect(dl.pending).toBe(0);
    await dl.close();
  });

  it('close() stops running and queued files', async () => {
    server.intervene = () => slow();
    const dl = new Downloader({ root, maxTasks: 1, ...fast });
    const running = dl.add(job({ id: 'r1', kind: 'mp4', size: 2_000_000 }));
    const queued = dl.add(job({ id: 'r2', kind: 'mp4', size: 2_000_000 }));
    await new Promise((r) => setTimeout(r, 50));
    await dl.close();
    await expect(running).rejects.toBeInstanceOf(AbortError);
    await expect(queued).rejects.toBeInstanceOf(AbortError);
    await expect(dl.add(job({ id: 'r3', kind: 'mp4', size: 10 }))).rejects.toBeInstanceOf(AbortError);
    expect(server.requests('/r2')).toHaveLength(0);
  });

  it('skips what the archive has, re-fetches a deleted file unless told not to', async () => {
    const store = new MemoryStore();
    const asset: MediaAsset = { id: 'kept', kind: 'mp4', size: 50_000 };
    const dl = new Downloader({ root, store, ...fast });
    expect((await dl.add(job(asset))).status).toBe('done');
    expect(await dl.add(job(asset))).toMatchObject({ status: 'skipped', reason: 'archived' });
    expect(server.requests('/kept')).toHaveLength(1);

    rmSync(path.join(root, 'u', 'kept.mp4'));
    const keepDeleted = new Downloader({ root, store, redownloadMissing: false, ...fast });
    expect(await keepDeleted.add(job(asset))).toMatchObject({ status: 'skipped', reason: 'archived-missing' });
    expect(server.requests('/kept')).toHaveLength(1);
    expect((await dl.add(job(asset))).status).toBe('done');
    expect(server.requests('/kept')).toHaveLength(2);
    await Promise.all([dl.close(), keepDeleted.close()]);
  });

  it('adopts a complete file already at the final path into the archive', async () => {
    const store = new MemoryStore();
    const asset: MediaAsset = { id: 'there', kind: 'mp4', size: 30_000 };
    const first = new Downloader({ root, ...fast });
    await first.add(job(asset));
    await first.close();
    const dl = new Downloader({ root, store, ...fast });
    expect(await dl.add(job(asset))).toMatchObject({ status: 'skipped', reason: 'exists' });
    expect(store.getAsset('there')).toMatchObject({ state: 'done', sha256: assetSha256(asset), bytes: 30_000, path: 'u/there.mp4' });
    expect(server.requests('/there')).toHaveLength(1);

    // A file of the wrong type at the final path is not adopted: it is replaced.
    writeFileSync(path.join(root, 'u', 'there.mp4'), '<html>old error page</html>');
    store.markAssetFailed('there', 'reset for the test');
    expect((await dl.add(job(asset))).status).toBe('done');
    expect(sha256File(path.join(root, 'u', 'there.mp4'))).toBe(assetSha256(asset));
    await dl.close();
  });

  it('emits aggregate progress with speed and a final snapshot', async () => {
    const dl = new Downloader({ root, ...fast });
    const snapshots: number[] = [];
    dl.on('progress', (p) => snapshots.push(p.filesDone));
    await dl.addAll([1, 2, 3].map((i) => job({ id: `p${i}`, kind: 'mp4', size: 200_000 })));
    await dl.onIdle();
    expect(snapshots.at(-1)).toBe(3);
    expect(dl.progress()).toMatchObject({ filesTotal: 3, filesDone: 3, filesActive: 0, bytesDone: 600_000, etaMs: 0 });
    await dl.close();
  });

  it('fails a stalled body by its idle timeout and resumes it on the next attempt', async () => {
    const asset: MediaAsset = { id: 'stall', kind: 'mp4', size: 600_000 };
    server.intervene = (_p, nth) => (nth === 1 ? { fault: { kind: 'stall', atByte: 200_000, ms: 3_000 } } : undefined);
    const errors: unknown[] = [];
    const dl = new Downloader({ root, stallTimeoutMs: 300, ...fast });
    dl.on('file-retry', (e) => errors.push(e.error));
    const result = await dl.add(job(asset));
    expect(result).toMatchObject({ status: 'done', attempts: 2 });
    expect(errors[0]).toBeInstanceOf(TimeoutError);
    expect(server.requests('/stall')[1]!.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(sha256File(path.join(root, 'u', 'stall.mp4'))).toBe(assetSha256(asset));
    await dl.close();
  });

  it('writes no meta beside a small body while it arrives (a break-off writes one: see the stall above), and one beside a large body before its bytes', async () => {
    const small: MediaAsset = { id: 'small-drip', kind: 'mp4', size: 600_000 };
    const large: MediaAsset = { id: 'large-drip', kind: 'mp4', size: 3_000_000 };
    // Slow enough that the writer's 200 ms flush puts bytes in both .part files mid-body.
    server.intervene = (p) => ({ fault: { kind: 'drip', chunkBytes: p === '/small-drip' ? 8_192 : 65_536, intervalMs: 10 } });
    const dl = new Downloader({ root, ...fast });
    const seen = new Map<string, boolean>();
    const watch = setInterval(() => {
      for (const a of [small, large]) {
        const final = path.join(root, 'u', `${a.id}.mp4`);
        if (!seen.has(a.id) && existsSync(`${final}.part`) && statSync(`${final}.part`).size > 0) seen.set(a.id, existsSync(`${final}.part.meta`));
      }
    }, 5);
    const results = await dl.addAll([job(small), job(large)]);
    clearInterval(watch);
    await dl.close();
    expect(Object.fromEntries(seen)).toEqual({ [small.id]: false, [large.id]: true });
    for (const [i, a] of [small, large].entries()) {
      expect(results[i]).toMatchObject({ status: 'done', attempts: 1 });
      expect(sha256File(path.join(root, 'u', `${a.id}.mp4`))).toBe(assetSha256(a));
      expect(existsSync(path.join(root, 'u', `${a.id}.mp4.part.meta`))).toBe(false);
    }
  });

  it("goes through the kit's HTTP client (cookie, user agent) without its whole-request timeout", async () => {
    const options = resolveOptions({ cookie: 'ttwid=abc; sessionid=s3cret', timeoutMs: 300, userAgent: 'douyin-kit-test/1', hosts: { www: server.url('') } });
    const client = createHttpClient(options);
    const seen: Record<string, string | undefined>[] = [];
    // About a second of body, dripping: longer than timeoutMs in all, never idle that long.
    server.intervene = (_p, _n, req) => {
      seen.push({ cookie: req.headers.cookie, ua: req.headers['user-agent'], referer: req.headers.referer });
      return { fault: { kind: 'drip', chunkBytes: 8_192, intervalMs: 10 } };
    };
    const dl = Downloader.fromOptions(options, { httpClient: client, root, ...fast });
    const asset: MediaAsset = { id: 'via-client', kind: 'mp4', size: 800_000 };
    const result = await dl.add(job(asset));
    expect(result).toMatchObject({ status: 'done', attempts: 1 });
    expect(seen[0]).toEqual({ cookie: 'ttwid=abc; sessionid=s3cret', ua: 'douyin-kit-test/1', referer: 'https://www.douyin.com/' });
    await dl.close();
    // An injected client is not closed by the downloader: it still serves requests.
    server.intervene = undefined;
    const after = await client.got(server.url('/via-client'), { responseType: 'buffer', timeout: { request: 5_000 } });
    expect(after.statusCode).toBe(200);
    client.close();
  });

  it('runs two jobs for one final path one after the other', async () => {
    const asset: MediaAsset = { id: 'twice', kind: 'mp4', size: 300_000 };
    const dl = new Downloader({ root, maxTasks: 4, ...fast });
    const a = job(asset);
    const results = await dl.addAll([a, { ...a, key: 'twice-again' }]);
    // Whichever gets the path first downloads; the other then finds the file there.
    expect(results.map((r) => r.status).sort()).toEqual(['done', 'skipped']);
    expect(server.requests('/twice')).toHaveLength(1);
    expect(sha256File(path.join(root, 'u', 'twice.mp4'))).toBe(assetSha256(asset));
    await dl.close();
  });
});
