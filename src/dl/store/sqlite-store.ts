import Database from 'better-sqlite3';
import { StoreError } from '../../errors.js';
import { withBusyRetry, type BusyRetryOptions } from './busy-retry.js';
import { POST_COLUMNS, postRow } from './post-columns.js';
import { migrate } from './schema.js';
import type {
  AssetDone,
  AssetRow,
  AssetStart,
  AssetState,
  NicknameRow,
  PostInput,
  PostRow,
  Store,
  SyncStateInput,
  SyncStateRow,
  UserInput,
  UserRow,
} from './types.js';

export interface SqliteStoreOptions {
  /** How long one statement waits for another process's lock, ms. @default 5000 */
  busyTimeoutMs?: number;
  /** Further tries after a BUSY answer (see `withBusyRetry`). @default 8 */
  busyRetries?: number;
  /** Clock for timestamps (ms). */
  now?: () => number;
}

type Row = Record<string, unknown>;

function toAsset(row: Row | undefined): AssetRow | undefined {
  if (row === undefined) return undefined;
  return { ...(row as unknown as AssetRow), quality: typeof row.quality === 'string' ? JSON.parse(row.quality) : null };
}

/**
 * The archive in one SQLite file (better-sqlite3): WAL, `busy_timeout`, ordered migrations,
 * statements prepared once, batches in one `BEGIN IMMEDIATE` transaction. Two processes may
 * share the file: writers wait for each other, and a BUSY answer is retried before it is an error.
 */
/** WAL size between automatic checkpoints. */
const WAL_CHECKPOINT_BYTES = 64 * 1024 * 1024;

export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly #busy: BusyRetryOptions;
  readonly #now: () => number;
  readonly #s;
  readonly #listCache = new Map<string, Database.Statement>();

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.#busy = { retries: options.busyRetries ?? 8, delayMs: 25 };
    this.#now = options.now ?? Date.now;
    try {
      this.db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
    } catch (error) {
      throw new StoreError(`Cannot open the archive ${JSON.stringify(file)}: ${(error as Error).message}`, { cause: error });
    }
    try {
      withBusyRetry(() => {
        // New archives only (an existing file keeps its page size): post rows carry ~1–30 KB of
        // raw JSON, and bigger pages make fewer of them per row.
        this.db.pragma('page_size = 16384');
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
        // Checkpoint (which fsyncs) per ~64 MB of WAL rather than per 4 MB: on bulk upserts the
        // default made checkpoints cost about as much as the writes. The WAL file is cut back after.
        this.db.pragma(`wal_autocheckpoint = ${Math.ceil(WAL_CHECKPOINT_BYTES / (this.db.pragma('page_size', { simple: true }) as number))}`);
        this.db.pragma(`journal_size_limit = ${WAL_CHECKPOINT_BYTES}`);
        this.db.pragma('cache_size = -16384');
        this.db.pragma('temp_store = MEMORY');
        migrate(this.db);
      }, this.#busy, 'open and migrate the archive');
    } catch (error) {
      this.db.close();
      throw error instanceof StoreError ? error : new StoreError(`Cannot prepare the archive: ${(error as Error).message}`, { cause: error });
    }
    this.#s = this.#prepare();
  }

  #prepare() {
    const p = (sql: string) => this.db.prepare(sql);
    return {
      upsertUser: p(`INSERT INTO users (sec_user_id, uid, nickname, created_at, updated_at) VALUES (@sec_user_id, @uid, @nickname, @now, @now)
        ON CONFLICT (sec_user_id) DO UPDATE SET uid = coalesce(excluded.uid, uid), nickname = coalesce(excluded.nickname, nickname), updated_at = excluded.updated_at`),
      seenNickname: p(`INSERT INTO user_nicknames (sec_user_id, nickname, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (sec_user_id, nickname) DO UPDATE SET last_seen_at = excluded.last_seen_at`),
      getUser: p('SELECT * FROM users WHERE sec_user_id = ?'),
      nicknames: p('SELECT nickname, first_seen_at, last_seen_at FROM user_nicknames WHERE sec_user_id = ? ORDER BY first_seen_at, nickname'),
      bindFolder: p('UPDATE users SET folder_name = ?, updated_at = ? WHERE sec_user_id = ?'),
      folderOwner: p('SELECT sec_user_id FROM users WHERE folder_name = ?').pluck(),
      upsertPost: p(`INSERT INTO posts (${POST_COLUMNS.map((n) => `"${n}"`).join(', ')}, first_seen_at, updated_at)
        VALUES (${POST_COLUMNS.map(() => '?').join(', ')}, ?, ?)
        ON CONFLICT (aweme_id) DO UPDATE SET ${POST_COLUMNS.filter((n) => n !== 'aweme_id').map((n) => `"${n}" = excluded."${n}"`).join(', ')},
          updated_at = excluded.updated_at`),
      getPost: p('SELECT * FROM posts WHERE aweme_id = ?'),
      hasPost: p('SELECT 1 FROM posts WHERE aweme_id = ?').pluck(),
      getAsset: p('SELECT * FROM assets WHERE key = ?'),
      beginAsset: p(`INSERT INTO assets (key, aweme_id, kind, idx, path, quality, reason, state, attempts, updated_at)
        VALUES (@key, @aweme_id, @kind, @idx, @path, @quality, @reason, 'partial', 0, @now)
        ON CONFLICT (key) DO UPDATE SET aweme_id = coalesce(excluded.aweme_id, aweme_id), kind = excluded.kind, idx = excluded.idx,
          path = excluded.path, quality = coalesce(excluded.quality, quality), reason = coalesce(excluded.reason, reason),
          state = 'partial', updated_at = excluded.updated_at`),
      queueAsset: p(`INSERT INTO assets (key, aweme_id, kind, idx, path, quality, reason, state, attempts, updated_at)
        VALUES (@key, @aweme_id, @kind, @idx, @path, @quality, @reason, 'pending', 0, @now) ON CONFLICT (key) DO NOTHING`),
      attempt: p('UPDATE assets SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE key = ?'),
      done: p(`INSERT INTO assets (key, kind, path, bytes, sha256, url, state, updated_at) VALUES (@key, 'unknown', @path, @bytes, @sha256, @url, 'done', @now)
        ON CONFLICT (key) DO UPDATE SET path = excluded.path, bytes = excluded.bytes, sha256 = excluded.sha256,
          url = coalesce(excluded.url, url), state = 'done', last_error = NULL, updated_at = excluded.updated_at`),
      failed: p("UPDATE assets SET state = 'failed', last_error = ?, updated_at = ? WHERE key = ?"),
      movePrefix: p('UPDATE assets SET path = @to || substr(path, length(@from) + 1) WHERE substr(path, 1, length(@from)) = @from'),
      getSync: p('SELECT * FROM sync_state WHERE sec_user_id = ? AND mode = ?'),
      putSync: p(`INSERT INTO sync_state (sec_user_id, mode, cursor, watermark_create_time, watermark_aweme_id, last_run_at, last_status)
        VALUES (@sec_user_id, @mode, @cursor, @watermark_create_time, @watermark_aweme_id, @last_run_at, @last_status)
        ON CONFLICT (sec_user_id, mode) DO UPDATE SET cursor = excluded.cursor, watermark_create_time = excluded.watermark_create_time,
          watermark_aweme_id = excluded.watermark_aweme_id, last_run_at = excluded.last_run_at, last_status = excluded.last_status`),
    };
  }

  #write<T>(what: string, fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return withBusyRetry(() => this.db.transaction(fn).immediate(), this.#busy, what);
  }

  transaction<T>(fn: () => T): T {
    return this.#write('run a transaction', fn);
  }

  upsertUser(user: UserInput): UserRow {
    const now = this.#now();
    return this.#write('save a user', () => {
      this.#s.upsertUser.run({ sec_user_id: user.sec_user_id, uid: user.uid ?? null, nickname: user.nickname ?? null, now });
      if (user.nickname) this.#s.seenNickname.run(user.sec_user_id, user.nickname, now, now);
      return this.getUser(user.sec_user_id)!;
    });
  }

  getUser(secUserId: string): UserRow | undefined {
    return this.#s.getUser.get(secUserId) as UserRow | undefined;
  }

  nicknameHistory(secUserId: string): NicknameRow[] {
    return this.#s.nicknames.all(secUserId) as NicknameRow[];
  }

  bindUserFolder(secUserId: string, folderName: string): void {
    this.#write('bind a user folder', () => {
      const owner = this.folderOwner(folderName);
      if (owner !== undefined && owner !== secUserId) {
        throw new StoreError(`The folder ${JSON.stringify(folderName)} already belongs to user ${owner}`);
      }
      if (this.#s.bindFolder.run(folderName, this.#now(), secUserId).changes === 0) {
        throw new StoreError(`No user ${secUserId} in the archive; save the user first`);
      }
    });
  }

  folderOwner(folderName: string): string | undefined {
    return this.#s.folderOwner.get(folderName) as string | undefined;
  }

  upsertPosts(posts: readonly PostInput[]): void {
    if (posts.length === 0) return;
    const now = this.#now();
    this.#write('save posts', () => {
      const upsert = this.#s.upsertPost;
      for (const post of posts) upsert.run(postRow(post, now));
    });
  }

  getPost(awemeId: string): PostRow | undefined {
    return this.#s.getPost.get(awemeId) as PostRow | undefined;
  }

  hasPost(awemeId: string): boolean {
    return this.#s.hasPost.get(awemeId) !== undefined;
  }

  getAsset(key: string): AssetRow | undefined {
    return toAsset(this.#s.getAsset.get(key) as Row | undefined);
  }

  listAssets(query: { aweme_id?: string; state?: AssetState; pathPrefix?: string } = {}): AssetRow[] {
    const where: string[] = [];
    if (query.aweme_id !== undefined) where.push('aweme_id = @aweme_id');
    if (query.state !== undefined) where.push('state = @state');
    if (query.pathPrefix !== undefined) where.push('substr(path, 1, length(@pathPrefix)) = @pathPrefix');
    const sql = `SELECT * FROM assets${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY key`;
    let statement = this.#listCache.get(sql);
    if (!statement) this.#listCache.set(sql, (statement = this.db.prepare(sql)));
    const bound = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    return (statement.all(bound) as Row[]).map((r) => toAsset(r)!);
  }

  #assetParams(asset: AssetStart, now: number) {
    return {
      key: asset.key,
      aweme_id: asset.aweme_id ?? null,
      kind: asset.kind ?? 'unknown',
      idx: asset.idx ?? 0,
      path: asset.path,
      quality: asset.quality ? JSON.stringify(asset.quality) : null,
      reason: asset.reason ?? null,
      now,
    };
  }

  queueAssets(assets: readonly AssetStart[]): void {
    if (assets.length === 0) return;
    const now = this.#now();
    this.#write('queue assets', () => {
      for (const asset of assets) this.#s.queueAsset.run(this.#assetParams(asset, now));
    });
  }

  beginAsset(asset: AssetStart): void {
    this.#write('start an asset', () => this.#s.beginAsset.run(this.#assetParams(asset, this.#now())));
  }

  recordAttempt(key: string, error: string | null): void {
    this.#write('count an attempt', () => this.#s.attempt.run(error, this.#now(), key));
  }

  markAssetDone(key: string, done: AssetDone): void {
    this.#write('mark an asset done', () => this.#s.done.run({ key, ...done, now: this.#now() }));
  }

  markAssetFailed(key: string, error: string): void {
    this.#write('mark an asset failed', () => this.#s.failed.run(error, this.#now(), key));
  }

  movePathPrefix(from: string, to: string): number {
    const prefix = `${from}/`;
    return this.#write('move asset paths', () =>
      this.#s.movePrefix.run({ from: prefix, to: `${to}/` }).changes,
    );
  }

  getSyncState(secUserId: string, mode: string): SyncStateRow | undefined {
    return this.#s.getSync.get(secUserId, mode) as SyncStateRow | undefined;
  }

  putSyncState(state: SyncStateInput): void {
    this.#write('save the sync state', () => {
      const old = this.getSyncState(state.sec_user_id, state.mode);
      const pick = <K extends keyof SyncStateRow>(k: K) => (state[k as keyof SyncStateInput] !== undefined ? state[k as keyof SyncStateInput] : (old?.[k] ?? null));
      this.#s.putSync.run({
        sec_user_id: state.sec_user_id,
        mode: state.mode,
        cursor: pick('cursor'),
        watermark_create_time: pick('watermark_create_time'),
        watermark_aweme_id: pick('watermark_aweme_id'),
        last_run_at: pick('last_run_at'),
        last_status: pick('last_status'),
      });
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
