import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkDownloader, BulkSummary } from '../../../src/dl/bulk/index.js';
import type { DouyinKit } from '../../../src/douyin-kit.js';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { removeDir, tempDir, walk } from '../helpers/fs-helpers.js';
import { checkDoneAssets, makeBulk, makeKit, openArchive, userPostPages } from './bulk-helpers.js';

let emu: Emulator;
let root: string;
let kit: DouyinKit;
let bulk: BulkDownloader;

beforeAll(async () => {
  emu = await startEmulator({
    world: { seed: 'bulk-post', mainUserPosts: 30, imagePostRate: 0.4, livePhotoRate: 0.7 },
    // Covers and live photos are planned from their first URL only (plan-assets), so every mirror serves here.
  });
  root = tempDir('bulk-post');
  kit = makeKit(emu, root, { pageCounts: 10, music: true, cover: true, desc: true });
  bulk = makeBulk(kit);
});
afterAll(async () => {
  await bulk.close();
  kit.close();
  await emu.stop();
  removeDir(root);
});

const mainUrl = () => `https://www.douyin.com/user/${emu.world.roles.main.secUid}`;
const prefix = () => `douyin/post/${bulk.store.getUser(emu.world.roles.main.secUid)!.folder_name}/`;

describe('handleUserPost', () => {
  let first: BulkSummary;
  let firstPages: number;

  it('downloads an account into douyin/post/<nickname>/ with every file hashing as the emulator says', async () => {
    const main = emu.world.roles.main;
    const pages: number[] = [];
    bulk.on('page', (p) => pages.push(p.items));
    emu.log.clear();
    first = await bulk.handleUserPost(mainUrl());
    firstPages = userPostPages(emu);
    expect(firstPages).toBeGreaterThanOrEqual(3);
    expect(first.pagesFetched).toBe(firstPages);
    const visible = emu.world.postsOf(main).filter((p) => !p.deleted);
    expect(first.posts.seen).toBe(visible.length);
    expect(first.posts.failed).toBe(0);
    expect(first.files.failed).toEqual([]);
    expect(first.user).toMatchObject({ sec_user_id: main.secUid, nickname: main.nickname });
    expect(first.root).toBe(path.resolve(root));

    const files = walk(root).filter((f) => f.startsWith('douyin/'));
    expect(files.every((f) => f.startsWith(`douyin/post/${first.user!.folder}/`))).toBe(true);
    expect(files.some((f) => f.endsWith('_video.mp4'))).toBe(true);
    expect(files.some((f) => /_image_1\.(webp|jpeg)$/.test(f))).toBe(true);
    expect(files.some((f) => /_live_1\.mp4$/.test(f))).toBe(true);
    expect(files.some((f) => f.endsWith('_music.mp3'))).toBe(true);
    expect(files.some((f) => /_cover\.(webp|jpeg)$/.test(f))).toBe(true);
    expect(files.some((f) => f.endsWith('_desc.txt'))).toBe(true);
    expect(files.filter((f) => f.includes('.part'))).toEqual([]);

    const store = openArchive(root);
    try {
      for (const p of visible) expect(store.hasPost(p.awemeId), p.awemeId).toBe(true);
      const raw = JSON.parse(store.getPost(visible[0]!.awemeId)!.raw) as { aweme_id: string };
      expect(raw.aweme_id).toBe(visible[0]!.awemeId);
      const checked = checkDoneAssets(emu, root, store, prefix());
      expect(checked).toBe(first.files.downloaded - files.filter((f) => f.endsWith('_desc.txt')).length);
      expect(store.listAssets({ pathPrefix: prefix() }).length).toBe(first.files.downloaded);
      expect(store.getSyncState(main.secUid, 'post')).toMatchObject({ last_status: 'complete' });
    } finally {
      store.close();
    }
  });

  it('a rerun with nothing new fetches one page; after 3 new posts it downloads only those', async () => {
    emu.log.clear();
    const again = await bulk.handleUserPost(mainUrl());
    expect(userPostPages(emu)).toBe(1);
    expect(again).toMatchObject({ stoppedEarly: true, files: { downloaded: 0 }, posts: { new: 0, failed: 0 } });

    const added = emu.world.addPosts(emu.world.roles.main, 3, { imagePostRate: 0 });
    emu.log.clear();
    const states: Record<string, string> = {};
    const onPost = (e: { aweme_id: string; state: string }) => void (states[e.aweme_id] = e.state);
    bulk.on('post', onPost);
    const third = await bulk.handleUserPost(mainUrl());
    bulk.off('post', onPost);
    expect(userPostPages(emu)).toBe(1);
    expect(userPostPages(emu)).toBeLessThan(firstPages);
    expect(third.stopReason).toBe('watermark');
    expect(third.posts.new).toBe(3);
    expect(Object.entries(states).filter(([, s]) => s === 'new').map(([id]) => id).sort()).toEqual(added.map((p) => p.awemeId).sort());
    const store = openArchive(root);
    try {
      for (const p of added) {
        const assets = store.listAssets({ aweme_id: p.awemeId });
        expect(assets.length).toBeGreaterThan(0);
        expect(assets.every((a) => a.state === 'done')).toBe(true);
      }
      checkDoneAssets(emu, root, store, prefix());
    } finally {
      store.close();
    }
  });

  it('pinned posts at the top do not stop a streak-only rerun early', async () => {
    // Without the watermark only the streak stops paging; pinned posts (old, archived) come first.
    const main = emu.world.roles.main;
    expect(emu.world.postsOf(main).some((p) => p.isTop)).toBe(true);
    bulk.store.putSyncState({ sec_user_id: main.secUid, mode: 'post', watermark_create_time: null, watermark_aweme_id: null });
    const pinned = emu.world.postsOf(main).filter((p) => p.isTop).length;
    emu.log.clear();
    const s = await bulk.handleUserPost(mainUrl(), { knownStreak: pinned + 1 });
    expect(s.stopReason).toBe('archived-streak');
    expect(s.posts.seen).toBeGreaterThanOrEqual(pinned + pinned + 1);
  });

  it('follows a nickname change by renaming the folder once; old files are still found', async () => {
    const main = emu.world.roles.main;
    const before = bulk.store.getUser(main.secUid)!.folder_name!;
    const oldFiles = walk(path.join(root, 'douyin', 'post', before));
    emu.world.renameUser(main, 'Renamed 作者 ✨');
    emu.world.addPosts(main, 1, { imagePostRate: 0 });
    const s = await bulk.handleUserPost(mainUrl());
    expect(s.user!.folder).not.toBe(before);
    expect(s.user!.nickname).toBe('Renamed 作者 ✨');
    expect(existsSync(path.join(root, 'douyin', 'post', before))).toBe(false);
    expect(readdirSync(path.join(root, 'douyin', 'post'))).toEqual([s.user!.folder]);
    const now = walk(path.join(root, 'douyin', 'post', s.user!.folder));
    for (const f of oldFiles) expect(now).toContain(f);
    expect(s.posts.new).toBe(1);
    expect(s.files.skipped).toBeGreaterThan(0);
    const again = await bulk.handleUserPost(mainUrl());
    expect(again.user!.folder).toBe(s.user!.folder);
    expect(bulk.store.nicknameHistory(main.secUid).map((n) => n.nickname)).toContain('Renamed 作者 ✨');
    checkDoneAssets(emu, root, bulk.store, `douyin/post/${s.user!.folder}/`);
  });

  it('skip-recorded leaves a deleted file deleted; refetch-missing brings it back', async () => {
    const folder = bulk.store.getUser(emu.world.roles.main.secUid)!.folder_name!;
    const row = bulk.store.listAssets({ pathPrefix: `douyin/post/${folder}/` }).find((r) => r.kind === 'video')!;
    const file = path.join(root, ...row.path!.split('/'));
    rmSync(file);
    const skip = await bulk.handleUserPost(mainUrl(), { archivePolicy: 'skip-recorded' });
    expect(existsSync(file)).toBe(false);
    expect(skip.files.downloaded).toBe(0);
    const refetch = await bulk.handleUserPost(mainUrl(), { archivePolicy: 'refetch-missing' });
    expect(existsSync(file)).toBe(true);
    expect(refetch.files.downloaded).toBe(1);
    expect(refetch.retried).toBe(1);
    checkDoneAssets(emu, root, bulk.store, `douyin/post/${folder}/`);
  });

  it('a post whose media failed is retried on the next run and completes', async () => {
    const main = emu.world.roles.main;
    const [post] = emu.world.addPosts(main, 1, { imagePostRate: 0 });
    emu.faults.set('media', { errorRate: 1, errorStatus: 503 });
    let s: BulkSummary;
    try {
      s = await bulk.handleUserPost(mainUrl());
    } finally {
      emu.faults.set('media', null);
    }
    expect(s.posts.failed).toBe(1);
    expect(s.files.failed.length).toBeGreaterThan(0);
    expect(bulk.store.listAssets({ aweme_id: post!.awemeId }).some((a) => a.state === 'failed')).toBe(true);
    emu.log.clear();
    const retry = await bulk.handleUserPost(mainUrl());
    expect(userPostPages(emu)).toBe(1);
    expect(retry.posts.new).toBe(1);
    expect(retry.files.failed).toEqual([]);
    const assets = bulk.store.listAssets({ aweme_id: post!.awemeId });
    expect(assets.every((a) => a.state === 'done')).toBe(true);
    checkDoneAssets(emu, root, bulk.store, `douyin/post/${bulk.store.getUser(main.secUid)!.folder_name}/`);
  });

  it('an older post that failed (below where paging stops) is fetched by its detail and completed', async () => {
    const main = emu.world.roles.main;
    const folder = bulk.store.getUser(main.secUid)!.folder_name!;
    const oldest = emu.world.postsOf(main).filter((p) => !p.isTop).at(-1)!;
    const row = bulk.store.listAssets({ aweme_id: oldest.awemeId })[0]!;
    const file = path.join(root, ...row.path!.split('/'));
    rmSync(file);
    bulk.store.beginAsset({ key: row.key, path: row.path! });
    bulk.store.markAssetFailed(row.key, 'ERR_NETWORK: simulated');
    emu.log.clear();
    const s = await bulk.handleUserPost(mainUrl());
    expect(userPostPages(emu)).toBe(1);
    expect(emu.log.count('post_detail')).toBe(1);
    expect(s.retried).toBe(1);
    expect(s.files.downloaded).toBe(1);
    expect(existsSync(file)).toBe(true);
    expect(bulk.store.getAsset(row.key)).toMatchObject({ state: 'done' });
    checkDoneAssets(emu, root, bulk.store, `douyin/post/${folder}/`);
  });

  it('honours maxCounts and does not move the watermark on a partial run', async () => {
    const fresh = tempDir('bulk-max');
    const k = makeKit(emu, fresh, { pageCounts: 5, maxCounts: 7 });
    const b = makeBulk(k);
    try {
      emu.log.clear();
      const s = await b.handleUserPost(mainUrl());
      expect(s.posts.seen).toBe(7);
      expect(s.stopReason).toBe('max-counts');
      expect(userPostPages(emu)).toBe(2);
      expect(b.store.getSyncState(emu.world.roles.main.secUid, 'post')).toMatchObject({ watermark_create_time: null, last_status: 'partial:max-counts' });
    } finally {
      await b.close();
      k.close();
      removeDir(fresh);
    }
  });
});
