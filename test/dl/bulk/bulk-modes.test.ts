import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkDownloader } from '../../../src/dl/bulk/index.js';
import { DOWNLOAD_MODES } from '../../../src/dl/bulk/index.js';
import type { DouyinKit } from '../../../src/douyin-kit.js';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { removeDir, tempDir, walk } from '../helpers/fs-helpers.js';
import { checkDoneAssets, makeBulk, makeKit } from './bulk-helpers.js';

let emu: Emulator;
let root: string;
let kit: DouyinKit;
let bulk: BulkDownloader;

beforeAll(async () => {
  emu = await startEmulator({
    world: { seed: 'bulk-modes', mainUserPosts: 14, postsPerUser: 6 },
    liveStream: { speed: 10, segmentMs: 500 },
  });
  root = tempDir('bulk-modes');
  kit = makeKit(emu, root, { pageCounts: 8, maxCounts: 12 });
  bulk = makeBulk(kit, false);
});
afterAll(async () => {
  await bulk.close();
  kit.close();
  await emu.stop();
  removeDir(root);
});

const files = (mode: string) => walk(root).filter((f) => f.startsWith(`douyin/${mode}/`));

describe('every mode once, end to end', () => {
  it('one: a single post into douyin/one/<author>/', async () => {
    const post = emu.world.postsOf(emu.world.roles.main).find((p) => p.awemeType === 0 && !p.isTop)!;
    const s = await bulk.run({ mode: 'one', url: `https://www.douyin.com/video/${post.awemeId}` });
    expect(s).toMatchObject({ mode: 'one', posts: { seen: 1, new: 1, failed: 0 }, files: { failed: [] } });
    expect(s.user!.sec_user_id).toBe(emu.world.roles.main.secUid);
    expect(files('one')).toHaveLength(1);
    expect(files('one')[0]).toMatch(new RegExp(`^douyin/one/${s.user!.folder}/.*_video\\.mp4$`));
    expect(checkDoneAssets(emu, root, bulk.store, 'douyin/one/')).toBe(1);
  });

  it('mix: douyin/mix/<author>/<mix name>/', async () => {
    const mixId = emu.world.roles.main.mixIds[0]!;
    const s = await bulk.run({ mode: 'mix', url: mixId });
    const mix = emu.world.mix(mixId)!;
    expect(s.posts.seen).toBe(Math.min(12, mix.awemeIds.length));
    expect(s.posts.failed).toBe(0);
    // Posts are archived once by id: those another mode already downloaded are skipped here.
    expect(s.files.downloaded + s.files.skipped).toBeGreaterThan(0);
    const mixFiles = files('mix');
    expect(mixFiles.length).toBe(s.files.downloaded);
    expect(new Set(mixFiles.map((f) => f.split('/').slice(0, 4).join('/'))).size).toBe(1);
    checkDoneAssets(emu, root, bulk.store, 'douyin/mix/');
  });

  it.each([
    ['like', () => emu.world.roles.me],
    ['post', () => emu.world.roles.main],
  ] as const)('%s: a user list', async (mode, who) => {
    const s = await bulk.run({ mode, url: `https://www.douyin.com/user/${who().secUid}` });
    expect(s.posts.seen).toBeGreaterThan(0);
    expect(s.posts.failed).toBe(0);
    expect(s.user!.sec_user_id).toBe(who().secUid);
    expect(files(mode).length).toBeGreaterThan(0);
    expect(checkDoneAssets(emu, root, bulk.store, `douyin/${mode}/`)).toBeGreaterThan(0);
  });

  it.each(['collection', 'feed', 'friend'] as const)('%s: the cookie account’s own list, under its folder', async (mode) => {
    const s = await bulk.run({ mode });
    expect(s.posts.seen).toBeGreaterThan(0);
    expect(s.posts.failed).toBe(0);
    expect(s.user).not.toBeNull();
    expect(files(mode).every((f) => f.startsWith(`douyin/${mode}/${s.user!.folder}/`))).toBe(true);
    expect(checkDoneAssets(emu, root, bulk.store, `douyin/${mode}/`)).toBeGreaterThan(0);
  });

  it('collection with the viewer’s URL names the folder after the viewer', async () => {
    const me = emu.world.roles.me;
    const s = await bulk.run({ mode: 'collection', url: `https://www.douyin.com/user/${me.secUid}`, dryRun: true });
    expect(s.user).toMatchObject({ sec_user_id: me.secUid, nickname: me.nickname });
  });

  it('related: posts related to one post', async () => {
    const post = emu.world.postsOf(emu.world.roles.main)[2]!;
    const s = await bulk.run({ mode: 'related', url: post.awemeId });
    expect(s.posts.seen).toBeGreaterThan(0);
    expect(s.posts.failed).toBe(0);
    expect(files('related').length).toBeGreaterThan(0);
    checkDoneAssets(emu, root, bulk.store, 'douyin/related/');
  });

  it('collects: every folder and its posts', async () => {
    const me = emu.world.roles.me;
    const s = await bulk.run({ mode: 'collects' });
    const folders = me.folderIds.map((id) => emu.world.folder(id)!).filter((f) => f.awemeIds.length > 0);
    expect(folders.length).toBeGreaterThan(0);
    const sub = new Set(files('collects').map((f) => f.split('/')[3]));
    expect(sub.size).toBe(folders.length);
    expect(s.posts.failed).toBe(0);
    expect(emu.log.count('user_collects_video')).toBeGreaterThanOrEqual(folders.length);
    checkDoneAssets(emu, root, bulk.store, 'douyin/collects/');
  });

  it('music: collected music with LRC lyrics', async () => {
    const s = await bulk.run({ mode: 'music' });
    expect(s.posts.failed).toBe(0);
    const mp3 = files('music').filter((f) => f.endsWith('_music.mp3'));
    const lrc = files('music').filter((f) => f.endsWith('_lyric.lrc'));
    expect(mp3.length).toBeGreaterThan(0);
    expect(lrc.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(root, lrc[0]!), 'utf8')).toMatch(/^\[\d{2}:\d{2}\.\d{2,3}\]/m);
    checkDoneAssets(emu, root, bulk.store, 'douyin/music/');
  });

  it('live: records the room for a while with a chat sidecar', async () => {
    const room = emu.world.roomOf(emu.world.roles.liveAnchor)!;
    const s = await bulk.run({ mode: 'live', url: `https://live.douyin.com/${room.webRid}`, liveDurationMs: 1500 });
    expect(s.recording!.files.length).toBeGreaterThan(0);
    expect(s.recording!.bytes).toBeGreaterThan(0);
    expect(s.recording!.chatFiles.some((f) => f.endsWith('.chat.jsonl'))).toBe(true);
    for (const f of [...s.recording!.files, ...s.recording!.chatFiles]) {
      expect(existsSync(f)).toBe(true);
      expect(path.relative(path.join(root, 'douyin', 'live', s.user!.folder), f).startsWith('..')).toBe(false);
    }
  });

  it('covers every mode', () => {
    expect([...DOWNLOAD_MODES].sort()).toEqual(['collection', 'collects', 'feed', 'friend', 'like', 'live', 'mix', 'music', 'one', 'post', 'related'].sort());
  });
});

describe('dry run and hostile names', () => {
  it('dryRun pages and plans but writes nothing (no file, no archive)', async () => {
    const fresh = tempDir('bulk-dry');
    const k = makeKit(emu, fresh, { pageCounts: 8, music: true, cover: true, desc: true });
    const b = makeBulk(k);
    try {
      const s = await b.run({ mode: 'post', url: emu.world.roles.main.secUid, dryRun: true });
      expect(s.dryRun).toBe(true);
      expect(s.pagesFetched).toBeGreaterThan(0);
      expect(s.files.planned).toBeGreaterThan(s.posts.seen);
      expect(s.files.downloaded).toBe(0);
      expect(walk(fresh)).toEqual([]);
    } finally {
      await b.close();
      k.close();
      removeDir(fresh);
    }
  });

  it('hostile nicknames and descriptions stay inside the root', async () => {
    const fresh = tempDir('bulk-hostile');
    const k = makeKit(emu, fresh, { pageCounts: 8, desc: true, folderize: true });
    const b = makeBulk(k);
    const victim = emu.world.users().find((u) => u !== emu.world.roles.main && u.postIds.length > 0 && u.secret !== 1)!;
    try {
      emu.world.renameUser(victim, '../../../escape');
      const [post] = emu.world.addPosts(victim, 1, { imagePostRate: 0 });
      const model = emu.world.post(post!.awemeId)! as { desc: string };
      model.desc = `..\\..\\CON\u0000 ${'長'.repeat(300)} 🎉/../../etc/passwd`;
      const s1 = await b.run({ mode: 'post', url: victim.secUid });
      emu.world.renameUser(victim, 'CON');
      const s2 = await b.run({ mode: 'post', url: victim.secUid });
      emu.world.renameUser(victim, `${'🎉'.repeat(100)}\u0000${'x'.repeat(300)}`);
      const s3 = await b.run({ mode: 'post', url: victim.secUid });
      for (const s of [s1, s2, s3]) expect(s.files.failed).toEqual([]);
      const all = walk(fresh);
      expect(all.length).toBeGreaterThan(0);
      for (const f of all) {
        expect(f.startsWith('douyin/post/') || f.startsWith('douyin-kit.sqlite')).toBe(true);
        for (const part of f.split('/')) {
          expect(part).not.toBe('..');
          expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
          expect(part).not.toContain('\u0000');
        }
      }
      expect(new Set(all.filter((f) => f.startsWith('douyin/post/')).map((f) => f.split('/')[2])).size).toBe(1);
      for (let dir = path.dirname(fresh), i = 0; i < 3; i++, dir = path.dirname(dir)) expect(existsSync(path.join(dir, 'escape'))).toBe(false);
      checkDoneAssets(emu, fresh, b.store, 'douyin/post/');
    } finally {
      await b.close();
      k.close();
      removeDir(fresh);
    }
  });
});
