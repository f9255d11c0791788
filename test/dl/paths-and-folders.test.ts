import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Downloader,
  MemoryStore,
  PLATFORM_FOLDER,
  SqliteStore,
  jobFromAsset,
  planPostAssets,
  renameUserFolder,
  resolveUserFolder,
  type DownloadJob,
} from '../../src/dl/index.js';
import { PathError, StoreError } from '../../src/errors.js';
import { assetSha256, type MediaAsset } from '../../src/emulator/media/index.js';
import { toAwemeRecord } from '../../src/filter/aweme-record.js';
import { removeDir, sha256File, tempDir, walk } from './helpers/fs-helpers.js';
import { MediaServer } from './helpers/media-server.js';

let server: MediaServer;
let parent: string;
let root: string;
const fast = { retryBaseDelayMs: 1, retryMaxDelayMs: 5 };

beforeEach(async () => {
  server = await MediaServer.start();
  parent = tempDir('paths');
  root = path.join(parent, 'root');
});
afterEach(async () => {
  await server.close();
  removeDir(parent);
});

const HOSTILE = ['../', '..', '../../../etc/passwd', 'a\u0000b', '长'.repeat(300), '🌸😀👨‍👩‍👧 小明', 'CON', 'nul.txt', '/abs/path', 'a\\..\\b', ' . ', '', 'x'.repeat(300)];

function post(i: number, nickname: string, desc: string): { job: DownloadJob; asset: MediaAsset } {
  const asset: MediaAsset = { id: `h${i}`, kind: 'mp4', size: 20_000 };
  server.routes.set(`/h${i}`, { asset });
  const record = toAwemeRecord({
    aweme_id: String(7_000_000 + i),
    aweme_type: 0,
    create_time: 1_700_000_000 + i,
    desc,
    author: { nickname, sec_uid: `sec-${i}`, uid: String(i) },
    video: { play_addr: { url_list: [server.url(`/h${i}`)] } },
  });
  const plan = planPostAssets(record, { folderize: true });
  const store = new MemoryStore();
  const folder = resolveUserFolder(store, { sec_user_id: `sec-${i}`, nickname, uid: String(i) }).folder;
  return { job: jobFromAsset(plan.assets[0]!, [PLATFORM_FOLDER, 'post', folder]), asset };
}

describe('hostile names', () => {
  it('keep every file inside the root, and emoji/CJK in the names', async () => {
    const dl = new Downloader({ root, ...fast });
    const cases = HOSTILE.flatMap((name, i) => [post(i, name, `desc ${name}`), post(100 + i, 'ok', name)]);
    const results = await dl.addAll(cases.map((c) => c.job));
    await dl.close();
    expect(results.filter((r) => r.status !== 'done')).toEqual([]);
    expect(readdirSync(parent)).toEqual(['root']);
    for (const [i, r] of results.entries()) {
      expect(path.relative(root, r.path!).startsWith('..')).toBe(false);
      expect(sha256File(r.path!)).toBe(assetSha256(cases[i]!.asset));
    }
    const files = walk(root);
    expect(files).toHaveLength(cases.length);
    expect(files.some((f) => f.includes('🌸😀👨‍👩‍👧 小明'))).toBe(true);
    expect(files.some((f) => f.includes('长长长'))).toBe(true);
    expect(files.every((f) => f.split('/').every((part) => Buffer.byteLength(part) <= 255 && part !== '..' && !/^(con|nul)(\.|$)/i.test(part)))).toBe(true);
  });

  it('sanitises raw job paths too, and refuses a folder that links out of the root', async () => {
    const dl = new Downloader({ root, ...fast });
    const asset: MediaAsset = { id: 'raw', kind: 'mp4', size: 5_000 };
    server.routes.set('/raw', { asset });
    const ok = await dl.add({ key: 'raw', path: ['..', '../..', '/etc', 'x.mp4'], urls: [server.url('/raw')], expect: ['mp4'] });
    expect(ok.status).toBe('done');
    const long = await dl.add({ key: 'long', path: ['../..', `${'名'.repeat(120)}.mp4`], urls: [server.url('/raw')], expect: ['mp4'] });
    expect(long.status).toBe('done');
    expect(Buffer.byteLength(path.basename(long.path!))).toBeLessThanOrEqual(241);
    expect(long.path!.endsWith('.mp4')).toBe(true);
    expect(readdirSync(parent)).toEqual(['root']);

    const outside = path.join(parent, 'outside');
    mkdirSync(outside);
    mkdirSync(path.join(root, 'inside-target'));
    symlinkSync(outside, path.join(root, 'escape'));
    symlinkSync(path.join(root, 'inside-target'), path.join(root, 'fine'));
    const bad = await dl.add({ key: 'esc', path: ['escape', 'deeper', 'x.mp4'], urls: [server.url('/raw')], expect: ['mp4'] });
    expect(bad.status === 'failed' && bad.error).toBeInstanceOf(PathError);
    expect(readdirSync(outside)).toEqual([]);
    const good = await dl.add({ key: 'fine', path: ['fine', 'x.mp4'], urls: [server.url('/raw')], expect: ['mp4'] });
    expect(good.status).toBe('done');
    expect(existsSync(path.join(root, 'inside-target', 'x.mp4'))).toBe(true);
    await dl.close();
  });
});

describe('side files planted as links', () => {
  it('never writes through a link at .part, .part.meta or .part.meta.tmp, and still downloads the file', async () => {
    const outside = path.join(parent, 'outside');
    mkdirSync(outside, { recursive: true });
    const folder = path.join(root, 'd');
    mkdirSync(folder, { recursive: true });
    const asset: MediaAsset = { id: 'linked', kind: 'mp4', size: 70_000 };
    server.routes.set('/linked', { asset });
    const final = path.join(folder, 'x.mp4');
    for (const suffix of ['.part', '.part.meta', '.part.meta.tmp']) {
      const target = path.join(outside, `target${suffix}`);
      // Looks resumable: a strong ETag and fewer bytes than the total.
      writeFileSync(target, suffix === '.part' ? Buffer.alloc(8192, 1) : JSON.stringify({ etag: '"x"', total: 70_000, url: 'http://127.0.0.1:1/' }));
      symlinkSync(target, final + suffix);
    }
    const before = readdirSync(outside).map((f) => [f, readFileSync(path.join(outside, f), 'utf8')]);

    const dl = new Downloader({ root, ...fast });
    const result = await dl.add({ key: 'linked', path: ['d', 'x.mp4'], urls: [server.url('/linked')], expect: ['mp4'] });
    await dl.close();
    expect(result.status).toBe('done');
    expect(await sha256File(final)).toBe(assetSha256(asset));
    expect(lstatSync(final).isFile()).toBe(true);
    expect(readdirSync(outside).map((f) => [f, readFileSync(path.join(outside, f), 'utf8')])).toEqual(before);
    // The side files in use are gone (the `.tmp` link is no name this version uses, and is left as it is),
    // and the download asked for the whole body: the linked bytes were not resumed.
    expect(readdirSync(folder).sort()).toEqual(['x.mp4', 'x.mp4.part.meta.tmp']);
    expect(server.requests('/linked').map((r) => r.range ?? null)).toEqual([null]);
  });
});

describe('user folders bound to sec_user_id', () => {
  it('survive a nickname change until renamed once, with asset paths rewritten in the archive', async () => {
    const store = new SqliteStore(path.join(parent, 'archive.db'));
    const first = resolveUserFolder(store, { sec_user_id: 'sec-u', nickname: '老王 🍜', uid: '1' });
    expect(first).toEqual({ folder: '老王 🍜', wanted: '老王 🍜', stale: false });
    expect(resolveUserFolder(store, { sec_user_id: 'sec-other', nickname: '老王 🍜', uid: '2' }).folder).toBe('老王 🍜_2');

    const assets: MediaAsset[] = [0, 1, 2].map((i) => ({ id: `u${i}`, kind: 'mp4', size: 10_000 + i }));
    const jobs = (folder: string) =>
      assets.map((a, i) => {
        server.routes.set(`/${a.id}`, { asset: a });
        return { key: a.id, path: [PLATFORM_FOLDER, i === 2 ? 'like' : 'post', folder, `${a.id}.mp4`], urls: [server.url(`/${a.id}`)], expect: ['mp4' as const] };
      });
    const dl = new Downloader({ root, store, ...fast });
    expect((await dl.addAll(jobs(first.folder))).every((r) => r.status === 'done')).toBe(true);

    const renamed = resolveUserFolder(store, { sec_user_id: 'sec-u', nickname: '王老板' });
    expect(renamed).toEqual({ folder: '老王 🍜', wanted: '王老板', stale: true });
    expect(store.nicknameHistory('sec-u').map((h) => h.nickname)).toEqual(['老王 🍜', '王老板']);

    // A folder in the way: nothing moves, nothing is rebound.
    mkdirSync(path.join(root, PLATFORM_FOLDER, 'like', '王老板'), { recursive: true });
    expect(() => renameUserFolder(store, { root, sec_user_id: 'sec-u' })).toThrow(PathError);
    expect(store.getUser('sec-u')!.folder_name).toBe('老王 🍜');
    removeDir(path.join(root, PLATFORM_FOLDER, 'like', '王老板'));
    expect(() => renameUserFolder(store, { root, sec_user_id: 'sec-u', to: '老王 🍜_2' })).toThrow(StoreError);

    const result = renameUserFolder(store, { root, sec_user_id: 'sec-u' });
    expect(result).toMatchObject({ from: '老王 🍜', to: '王老板', assets: 3 });
    expect(result.moved).toHaveLength(2);
    expect(existsSync(path.join(root, PLATFORM_FOLDER, 'post', '老王 🍜'))).toBe(false);
    expect(store.getAsset('u2')!.path).toBe(`${PLATFORM_FOLDER}/like/王老板/u2.mp4`);
    expect(resolveUserFolder(store, { sec_user_id: 'sec-u', nickname: '王老板' }).stale).toBe(false);

    const again = await dl.addAll(jobs('王老板'));
    expect(again.map((r) => r.status === 'skipped' && r.reason)).toEqual(['archived', 'archived', 'archived']);
    expect(server.log).toHaveLength(3);
    for (const a of assets) expect(sha256File(path.join(root, ...store.getAsset(a.id)!.path!.split('/')))).toBe(assetSha256(a));
    await dl.close();
    // The downloader never closes a store it was given.
    expect(store.getUser('sec-u')).toBeDefined();
    store.close();
  });
});
