import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore, SCHEMA_VERSION, SqliteStore, migrate, type Store } from '../../src/dl/index.js';
import { StoreError } from '../../src/errors.js';
import { toAwemeRecord } from '../../src/filter/aweme-record.js';
import { removeDir, tempDir } from './helpers/fs-helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');

let dir: string;
beforeEach(() => {
  dir = tempDir('store');
});
afterEach(() => removeDir(dir));

const post = (id: string, extra: Record<string, unknown> = {}) =>
  toAwemeRecord({ aweme_id: id, desc: `desc ${id} 🌸`, create_time: 1_700_000_000, aweme_type: 0, author: { sec_uid: 'sec-a', uid: '42', nickname: 'A' }, ...extra });

describe.each([
  ['SqliteStore', () => new SqliteStore(path.join(dir, 'a.db'))],
  ['MemoryStore', () => new MemoryStore()],
] as const)('%s', (_name, open: () => Store) => {
  it('keeps users with their nickname history and folder binding', () => {
    const store = open();
    store.upsertUser({ sec_user_id: 'sec-a', uid: '42', nickname: 'Alice' });
    store.upsertUser({ sec_user_id: 'sec-a', nickname: 'Alice 🌸' });
    store.upsertUser({ sec_user_id: 'sec-a' });
    expect(store.getUser('sec-a')).toMatchObject({ uid: '42', nickname: 'Alice 🌸', folder_name: null });
    expect(store.nicknameHistory('sec-a').map((h) => h.nickname)).toEqual(['Alice', 'Alice 🌸']);
    store.bindUserFolder('sec-a', 'Alice');
    store.upsertUser({ sec_user_id: 'sec-b', nickname: 'Alice' });
    expect(() => store.bindUserFolder('sec-b', 'Alice')).toThrow(StoreError);
    expect(store.folderOwner('Alice')).toBe('sec-a');
    store.close();
  });

  it('upserts posts in a batch (normalised fields + raw JSON) and tracks assets through their states', () => {
    const store = open();
    store.upsertPosts([{ record: post('1'), raw: '{"aweme_id":"1"}' }, { record: post('2') }]);
    store.upsertPosts([{ record: post('1', { desc: 'edited' }), raw: '{"aweme_id":"1","v":2}' }]);
    expect(store.getPost('1')).toMatchObject({ desc: 'edited', sec_user_id: 'sec-a', create_time: 1_700_000_000, post_type: 'video', raw: '{"aweme_id":"1","v":2}' });
    expect(JSON.parse(store.getPost('2')!.raw)).toMatchObject({ aweme_id: '2', desc: 'desc 2 🌸' });
    expect(store.hasPost('3')).toBe(false);

    const quality = { source: 'normal_1080_0', width: 1080, height: 1920, codec: 'h264' as const, bit_rate: 2_000_000, data_size: 9 };
    store.queueAssets([
      { key: '1:video', aweme_id: '1', kind: 'video', path: 'douyin/post/A/x_video.mp4', quality, reason: 'largest' },
      { key: '1:music', aweme_id: '1', kind: 'music', path: 'douyin/post/A/x_music.mp3' },
    ]);
    expect(store.listAssets({ state: 'pending' }).map((a) => a.key)).toEqual(['1:music', '1:video']);
    store.beginAsset({ key: '1:video', aweme_id: '1', kind: 'video', path: 'douyin/post/A/x_video.mp4', quality, reason: 'largest' });
    store.queueAssets([{ key: '1:video', path: 'elsewhere' }]);
    store.recordAttempt('1:video', 'ERR_NETWORK: reset');
    expect(store.getAsset('1:video')).toMatchObject({ state: 'partial', attempts: 1, last_error: 'ERR_NETWORK: reset', quality });
    store.markAssetDone('1:video', { path: 'douyin/post/A/x_video.mp4', bytes: 9, sha256: 'ab'.repeat(32), url: 'http://cdn/x' });
    store.beginAsset({ key: '1:cover', aweme_id: '1', kind: 'cover', path: 'douyin/post/A/x_cover.jpeg' });
    store.markAssetFailed('1:cover', 'ERR_HTTP: 403');
    expect(store.listAssets({ aweme_id: '1' }).map((a) => [a.key, a.state])).toEqual([['1:cover', 'failed'], ['1:music', 'pending'], ['1:video', 'done']]);
    expect(store.listAssets({ state: 'done', pathPrefix: 'douyin/post/A/' })).toHaveLength(1);
    store.close();
  });

  it('rolls a failed transaction back, and moves path prefixes', () => {
    const store = open();
    store.beginAsset({ key: 'k1', path: 'douyin/post/Old 🌸/a.mp4' });
    store.beginAsset({ key: 'k2', path: 'douyin/post/Old 🌸x/b.mp4' });
    expect(() =>
      store.transaction(() => {
        store.markAssetDone('k1', { path: 'p', bytes: 1, sha256: 's', url: null });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.getAsset('k1')!.state).toBe('partial');
    expect(store.movePathPrefix('douyin/post/Old 🌸', 'douyin/post/New')).toBe(1);
    expect(store.getAsset('k1')!.path).toBe('douyin/post/New/a.mp4');
    expect(store.getAsset('k2')!.path).toBe('douyin/post/Old 🌸x/b.mp4');
    store.close();
  });

  it('stores each normalised column from its own record field', () => {
    const store = open();
    const record = post('77', {
      duration: 15_500, music: { id_str: '6900000000000000001' }, mix_info: { mix_id: '7100000000000000002', mix_name: 'm' },
      statistics: { digg_count: 11, comment_count: 22, share_count: 33, collect_count: 44 },
    });
    store.upsertPosts([{ record, raw: '{"aweme_id":"77"}' }]);
    const row = store.getPost('77')!;
    expect({ ...row, first_seen_at: 0, updated_at: 0 }).toEqual({
      aweme_id: '77', sec_user_id: record.sec_user_id, uid: record.uid, nickname: record.nickname, aweme_type: record.aweme_type,
      post_type: record.post_type, create_time: record.create_time, desc: record.desc, duration: record.duration, music_id: record.music_id,
      mix_id: record.mix_id, digg_count: record.digg_count, comment_count: record.comment_count, share_count: record.share_count,
      collect_count: record.collect_count, raw: '{"aweme_id":"77"}', first_seen_at: 0, updated_at: 0,
    });
    expect(new Set([record.duration, record.music_id, record.mix_id, record.digg_count, record.comment_count, record.share_count, record.collect_count]).size).toBe(7);
    store.close();
  });

  it('merges sync state field by field', () => {
    const store = open();
    store.putSyncState({ sec_user_id: 'sec-a', mode: 'post', cursor: '100', watermark_create_time: 1_700_000_000, last_run_at: 1 });
    store.putSyncState({ sec_user_id: 'sec-a', mode: 'post', cursor: null, last_status: 'ok' });
    expect(store.getSyncState('sec-a', 'post')).toEqual({
      sec_user_id: 'sec-a', mode: 'post', cursor: null, watermark_create_time: 1_700_000_000, watermark_aweme_id: null, last_run_at: 1, last_status: 'ok',
    });
    expect(store.getSyncState('sec-a', 'like')).toBeUndefined();
    store.close();
  });
});

describe('SqliteStore on disk', () => {
  it('migrates an archive from an older schema_version, keeping its data', () => {
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    expect(migrate(old, 1)).toBe(1);
    old.prepare("INSERT INTO users (sec_user_id, nickname, created_at, updated_at) VALUES ('sec-old', 'Old Name', 5, 6)").run();
    old.prepare("INSERT INTO assets (key, kind, state, path, updated_at) VALUES ('x:video', 'video', 'done', 'douyin/post/Old Name/x.mp4', 7)").run();
    old.close();

    const store = new SqliteStore(file);
    expect((store.db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBe(SCHEMA_VERSION);
    expect(store.nicknameHistory('sec-old')).toEqual([{ nickname: 'Old Name', first_seen_at: 5, last_seen_at: 6 }]);
    expect(store.getAsset('x:video')).toMatchObject({ state: 'done', path: 'douyin/post/Old Name/x.mp4' });
    store.putSyncState({ sec_user_id: 'sec-old', mode: 'post', cursor: '0' });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
    // Opening again runs nothing twice.
    const again = new SqliteStore(file);
    expect(again.nicknameHistory('sec-old')).toHaveLength(1);
    again.close();
  });

  it('makes new archives with 16 KiB pages and a 64 MB checkpoint interval; an older file keeps its pages', () => {
    const fresh = new SqliteStore(path.join(dir, 'new.db'));
    expect(fresh.db.pragma('page_size', { simple: true })).toBe(16384);
    expect(fresh.db.pragma('wal_autocheckpoint', { simple: true })).toBe(4096);
    fresh.close();
    const oldFile = path.join(dir, 'old.db');
    const old = new Database(oldFile);
    old.pragma('page_size = 4096');
    old.exec('CREATE TABLE keep (x)');
    old.close();
    const reopened = new SqliteStore(oldFile);
    expect(reopened.db.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.db.pragma('wal_autocheckpoint', { simple: true })).toBe(16384);
    reopened.upsertPosts([{ record: post('7300000000000000001') }]);
    expect(reopened.hasPost('7300000000000000001')).toBe(true);
    reopened.close();
  });

  it('refuses an archive written by a newer version', () => {
    const file = path.join(dir, 'new.db');
    const db = new Database(file);
    migrate(db);
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION + 1);
    db.close();
    expect(() => new SqliteStore(file)).toThrow(StoreError);
  });

  it('gives up with StoreError when another connection holds the write lock too long', () => {
    const file = path.join(dir, 'locked.db');
    new SqliteStore(file).close();
    const holder = new Database(file);
    holder.prepare('BEGIN IMMEDIATE').run();
    const store = new SqliteStore(file, { busyTimeoutMs: 20, busyRetries: 2 });
    expect(() => store.upsertUser({ sec_user_id: 'x' })).toThrow(StoreError);
    holder.prepare('COMMIT').run();
    store.upsertUser({ sec_user_id: 'x' });
    expect(store.getUser('x')).toBeDefined();
    store.close();
    holder.close();
  });

  it('lets two processes write the same archive without crashing each other', async () => {
    const file = path.join(dir, 'shared.db');
    new SqliteStore(file).close();
    const child = (label: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'children', 'store-writer.ts'), file, label, '3000', '200'], { cwd: projectRoot });
        let out = '';
        p.stdout.on('data', (c: Buffer) => (out += c.toString()));
        p.stderr.on('data', (c: Buffer) => (out += c.toString()));
        p.on('exit', (code) => resolve({ code, out }));
      });
    // Meanwhile this process holds the write lock now and then, sometimes longer than the
    // children's busy timeout (so their BUSY retry runs), and writes as a third writer.
    const here3 = new SqliteStore(file, { busyTimeoutMs: 200 });
    let running = true;
    const results = Promise.all([child('p1'), child('p2')]).finally(() => (running = false));
    const holder = new Database(file);
    let holds = 0;
    while (running) {
      await new Promise((r) => setTimeout(r, 40));
      holder.prepare('BEGIN IMMEDIATE').run();
      await new Promise((r) => setTimeout(r, holds % 2 === 0 ? 80 : 320));
      holder.prepare('COMMIT').run();
      here3.upsertUser({ sec_user_id: `parent-${holds++}` });
    }
    expect(holds).toBeGreaterThan(3);
    const [a, b] = await results;
    expect(a, a.out).toMatchObject({ code: 0 });
    expect(b, b.out).toMatchObject({ code: 0 });
    expect(here3.listAssets({ state: 'done' })).toHaveLength(6000);
    expect(here3.nicknameHistory('sec-p1').map((h) => h.nickname).sort()).toEqual(['p1 0', 'p1 1', 'p1 2']);
    holder.close();
    here3.close();
  }, 60_000);
});
