import { StoreError } from '../../errors.js';
import { postValues } from './post-columns.js';
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

interface Tables {
  users: Map<string, UserRow>;
  nicknames: Map<string, NicknameRow[]>;
  posts: Map<string, PostRow>;
  assets: Map<string, AssetRow>;
  sync: Map<string, SyncStateRow>;
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The archive in memory, same behaviour as `SqliteStore` (including rollback of a failed
 * transaction). For tests and for `store: false`; gone when the process ends.
 */
export class MemoryStore implements Store {
  #t: Tables = { users: new Map(), nicknames: new Map(), posts: new Map(), assets: new Map(), sync: new Map() };
  #depth = 0;
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  transaction<T>(fn: () => T): T {
    if (this.#depth > 0) return fn();
    const snapshot = copy(this.#t);
    this.#depth++;
    try {
      return fn();
    } catch (error) {
      this.#t = snapshot;
      throw error;
    } finally {
      this.#depth--;
    }
  }

  upsertUser(user: UserInput): UserRow {
    const now = this.#now();
    const old = this.#t.users.get(user.sec_user_id);
    const row: UserRow = {
      sec_user_id: user.sec_user_id,
      uid: user.uid ?? old?.uid ?? null,
      nickname: user.nickname ?? old?.nickname ?? null,
      folder_name: old?.folder_name ?? null,
      created_at: old?.created_at ?? now,
      updated_at: now,
    };
    this.#t.users.set(user.sec_user_id, row);
    if (user.nickname) {
      const history = this.#t.nicknames.get(user.sec_user_id) ?? [];
      const seen = history.find((h) => h.nickname === user.nickname);
      if (seen) seen.last_seen_at = now;
      else history.push({ nickname: user.nickname, first_seen_at: now, last_seen_at: now });
      this.#t.nicknames.set(user.sec_user_id, history);
    }
    return { ...row };
  }

  getUser(secUserId: string): UserRow | undefined {
    const row = this.#t.users.get(secUserId);
    return row && { ...row };
  }

  nicknameHistory(secUserId: string): NicknameRow[] {
    return (this.#t.nicknames.get(secUserId) ?? []).map((h) => ({ ...h }));
  }

  bindUserFolder(secUserId: string, folderName: string): void {
    const owner = this.folderOwner(folderName);
    if (owner !== undefined && owner !== secUserId) throw new StoreError(`The folder ${JSON.stringify(folderName)} already belongs to user ${owner}`);
    const row = this.#t.users.get(secUserId);
    if (!row) throw new StoreError(`No user ${secUserId} in the archive; save the user first`);
    row.folder_name = folderName;
    row.updated_at = this.#now();
  }

  folderOwner(folderName: string): string | undefined {
    for (const row of this.#t.users.values()) if (row.folder_name === folderName) return row.sec_user_id;
    return undefined;
  }

  upsertPosts(posts: readonly PostInput[]): void {
    const now = this.#now();
    const rows = posts.map((p) => postValues(p) as unknown as PostRow);
    for (const row of rows) {
      const old = this.#t.posts.get(row.aweme_id);
      this.#t.posts.set(row.aweme_id, { ...row, first_seen_at: old?.first_seen_at ?? now, updated_at: now });
    }
  }

  getPost(awemeId: string): PostRow | undefined {
    const row = this.#t.posts.get(awemeId);
    return row && { ...row };
  }

  hasPost(awemeId: string): boolean {
    return this.#t.posts.has(awemeId);
  }

  getAsset(key: string): AssetRow | undefined {
    const row = this.#t.assets.get(key);
    return row && copy(row);
  }

  listAssets(query: { aweme_id?: string; state?: AssetState; pathPrefix?: string } = {}): AssetRow[] {
    return [...this.#t.assets.values()]
      .filter((a) => query.aweme_id === undefined || a.aweme_id === query.aweme_id)
      .filter((a) => query.state === undefined || a.state === query.state)
      .filter((a) => query.pathPrefix === undefined || (a.path ?? '').startsWith(query.pathPrefix))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(copy);
  }

  queueAssets(assets: readonly AssetStart[]): void {
    for (const asset of assets) {
      if (this.#t.assets.has(asset.key)) continue;
      this.beginAsset(asset);
      this.#t.assets.get(asset.key)!.state = 'pending';
    }
  }

  beginAsset(asset: AssetStart): void {
    const old = this.#t.assets.get(asset.key);
    this.#t.assets.set(asset.key, {
      key: asset.key,
      aweme_id: asset.aweme_id ?? old?.aweme_id ?? null,
      kind: asset.kind ?? 'unknown',
      idx: asset.idx ?? 0,
      url: old?.url ?? null,
      quality: asset.quality ?? old?.quality ?? null,
      reason: asset.reason ?? old?.reason ?? null,
      path: asset.path,
      bytes: old?.bytes ?? null,
      sha256: old?.sha256 ?? null,
      state: 'partial',
      attempts: old?.attempts ?? 0,
      last_error: old?.last_error ?? null,
      updated_at: this.#now(),
    });
  }

  recordAttempt(key: string, error: string | null): void {
    const row = this.#t.assets.get(key);
    if (!row) return;
    row.attempts++;
    row.last_error = error;
    row.updated_at = this.#now();
  }

  markAssetDone(key: string, done: AssetDone): void {
    const old = this.#t.assets.get(key);
    this.#t.assets.set(key, {
      key,
      aweme_id: old?.aweme_id ?? null,
      kind: old?.kind ?? 'unknown',
      idx: old?.idx ?? 0,
      quality: old?.quality ?? null,
      reason: old?.reason ?? null,
      attempts: old?.attempts ?? 0,
      ...done,
      url: done.url ?? old?.url ?? null,
      state: 'done',
      last_error: null,
      updated_at: this.#now(),
    });
  }

  markAssetFailed(key: string, error: string): void {
    const row = this.#t.assets.get(key);
    if (!row) return;
    row.state = 'failed';
    row.last_error = error;
    row.updated_at = this.#now();
  }

  movePathPrefix(from: string, to: string): number {
    const prefix = `${from}/`;
    let changed = 0;
    for (const row of this.#t.assets.values()) {
      if (row.path?.startsWith(prefix)) {
        row.path = `${to}/${row.path.slice(prefix.length)}`;
        changed++;
      }
    }
    return changed;
  }

  getSyncState(secUserId: string, mode: string): SyncStateRow | undefined {
    const row = this.#t.sync.get(`${secUserId}\u0000${mode}`);
    return row && { ...row };
  }

  putSyncState(state: SyncStateInput): void {
    const old = this.getSyncState(state.sec_user_id, state.mode);
    const pick = <K extends keyof SyncStateInput>(k: K) => (state[k] !== undefined ? state[k] : (old?.[k as keyof SyncStateRow] ?? null));
    this.#t.sync.set(`${state.sec_user_id}\u0000${state.mode}`, {
      sec_user_id: state.sec_user_id,
      mode: state.mode,
      cursor: pick('cursor') as string | null,
      watermark_create_time: pick('watermark_create_time') as number | null,
      watermark_aweme_id: pick('watermark_aweme_id') as string | null,
      last_run_at: pick('last_run_at') as number | null,
      last_status: pick('last_status') as string | null,
    });
  }

  close(): void {}
}
