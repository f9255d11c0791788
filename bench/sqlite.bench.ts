/**
 * The archive's write path: `upsertPosts` (normalised columns + raw JSON, `ON CONFLICT DO
 * UPDATE`, one `BEGIN IMMEDIATE` transaction per batch of 1000, half the ids already present)
 * against a baseline in the same run: plain `INSERT`s of the same rows into an identical table
 * with better-sqlite3 directly, same batching, no upsert logic. Also the per-file asset writes
 * the downloader makes (start + done), and posts carrying a raw JSON of real size (~26 KB).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { BenchCase } from './harness.js';
import { SqliteStore, type PostInput } from '../src/dl/index.js';
import { toAwemeRecord } from '../src/filter/aweme-record.js';

const BATCH = 1000;

function rawPost(id: number, padTo: number): Record<string, unknown> {
  const raw: Record<string, unknown> = {
    aweme_id: String(7_300_000_000_000_000_000n + BigInt(id)),
    aweme_type: 0,
    create_time: 1_700_000_000 + id,
    desc: `第 ${id} 条作品 🌸 #话题 #tag${id % 97}`,
    author: { uid: String(1000 + (id % 50)), sec_uid: `MS4wLjABAAAA${id % 50}`, nickname: `作者${id % 50}` },
    statistics: { digg_count: id * 3, comment_count: id % 1000, share_count: id % 77, collect_count: id % 333 },
    music: { id_str: String(6_900_000_000_000_000_000n + BigInt(id % 1000)), title: '原声', status: 1 },
    video: { duration: 15_000 + (id % 60_000), play_addr: { url_list: [`https://v3-web.douyinvod.com/${id}/video.mp4`] } },
  };
  const text = JSON.stringify(raw);
  if (text.length < padTo) raw.extra = 'x'.repeat(padTo - text.length - 12);
  return raw;
}

interface Ctx {
  dir: string;
  store: SqliteStore;
  posts: PostInput[];
  next: number;
  plain?: { db: Database.Database; insert: (rows: unknown[][]) => void; rows: unknown[][] };
}

function makePosts(count: number, padTo: number): PostInput[] {
  return Array.from({ length: count }, (_, i) => {
    const raw = rawPost(i, padTo);
    return { record: toAwemeRecord(raw), raw: JSON.stringify(raw) };
  });
}

function open(count: number, padTo: number): Ctx {
  const dir = mkdtempSync(path.join(tmpdir(), 'douyin-kit-sqlite-bench-'));
  return { dir, store: new SqliteStore(path.join(dir, 'archive.db')), posts: makePosts(count, padTo), next: 0 };
}

function close(ctx: Ctx): void {
  ctx.store.close();
  ctx.plain?.db.close();
  rmSync(ctx.dir, { recursive: true, force: true });
}

/** A batch of 1000 posts: the first half new ids, the second half ids written before (updates). */
function batch(ctx: Ctx): PostInput[] {
  const n = ctx.posts.length;
  const out: PostInput[] = [];
  for (let i = 0; i < BATCH / 2; i++) out.push(ctx.posts[(ctx.next + i) % n]!);
  for (let i = 0; i < BATCH / 2; i++) out.push(ctx.posts[(ctx.next - BATCH + i + n) % n]!);
  ctx.next += BATCH / 2;
  return out;
}

const COLUMNS = ['aweme_id', 'sec_user_id', 'uid', 'nickname', 'aweme_type', 'post_type', 'create_time', 'desc', 'duration', 'music_id', 'mix_id', 'digg_count', 'comment_count', 'share_count', 'collect_count', 'raw'];

export const benchmarks: BenchCase<Ctx>[] = [
  {
    name: 'sqlite_plain_inserts',
    units: BATCH,
    unitLabel: 'rows_per_second',
    setup() {
      const ctx = open(120_000, 1000);
      const db = ctx.store.db;
      db.exec(`CREATE TABLE plain (${COLUMNS.map((c) => `"${c}"`).join(', ')}, first_seen_at INTEGER, updated_at INTEGER)`);
      const insert = db.prepare(`INSERT INTO plain VALUES (${COLUMNS.map(() => '?').join(', ')}, ?, ?)`);
      // The same values the store binds, built once and bound positionally: the baseline pays for SQLite only.
      const rows = ctx.posts.map((p) => {
        const r = p.record;
        return [
          r.aweme_id, r.sec_user_id, r.uid, r.nickname, r.aweme_type, r.post_type, r.create_time, r.desc, r.duration, r.music_id,
          r.mix_id, r.digg_count, r.comment_count, r.share_count, r.collect_count, p.raw, 0, 0,
        ];
      });
      ctx.plain = {
        db,
        rows,
        insert: db.transaction((batchRows: unknown[][]) => {
          for (const row of batchRows) insert.run(row);
        }),
      };
      return ctx;
    },
    fn(ctx) {
      const start = ctx.next % ctx.plain!.rows.length;
      ctx.plain!.insert(ctx.plain!.rows.slice(start, start + BATCH));
      ctx.next += BATCH;
    },
    teardown: close,
  },
  {
    name: 'sqlite_upserts',
    units: BATCH,
    unitLabel: 'rows_per_second',
    setup: () => open(120_000, 1000),
    fn(ctx) {
      ctx.store.upsertPosts(batch(ctx));
    },
    extra(ctx, rate, rates) {
      const plain = rates.get('sqlite_plain_inserts');
      return { raw_json_bytes: ctx.posts[0]!.raw!.length, ...(plain ? { ratio_vs_plain_insert: (rate / plain).toFixed(2) } : {}) };
    },
    teardown: close,
  },
  {
    name: 'sqlite_asset_writes',
    units: BATCH,
    unitLabel: 'assets_per_second',
    setup: () => open(1, 100),
    fn(ctx) {
      const base = ctx.next;
      ctx.next += BATCH;
      ctx.store.transaction(() => {
        for (let i = base; i < base + BATCH; i++) {
          const key = `${7_300_000_000_000 + i}:video`;
          const p = `douyin/post/作者/${i}_video.mp4`;
          ctx.store.beginAsset({ key, aweme_id: String(7_300_000_000_000 + i), kind: 'video', path: p, reason: 'largest frame' });
          ctx.store.markAssetDone(key, { path: p, bytes: 1_000_000 + i, sha256: 'ab'.repeat(32), url: 'https://v3-web.douyinvod.com/x' });
        }
      });
    },
    extra: () => ({ note: 'start+done per asset, 1000 per transaction' }),
    teardown: close,
  },
  {
    name: 'sqlite_upserts_26kb_raw',
    units: BATCH,
    unitLabel: 'rows_per_second',
    minMs: 500,
    setup: () => open(20_000, 26_000),
    fn(ctx) {
      ctx.store.upsertPosts(batch(ctx));
    },
    extra: (ctx) => ({ raw_json_bytes: ctx.posts[0]!.raw!.length }),
    teardown: close,
  },
];
