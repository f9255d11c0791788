import type { AwemeRecord } from '../../filter/aweme-record.js';
import type { AssetKind, ChosenQuality } from '../planned-asset.js';

/**
 * The download archive. Synchronous on purpose: better-sqlite3 is synchronous, and pretending
 * otherwise only adds ticks. `SqliteStore` keeps it in a file; `MemoryStore` for tests and for
 * `store: false`. Paths are relative to the download root, with `/` separators.
 */
export type AssetState = 'pending' | 'partial' | 'done' | 'failed';

export interface UserRow {
  sec_user_id: string;
  uid: string | null;
  nickname: string | null;
  /** The folder name bound to this user (survives nickname changes until renamed on purpose). */
  folder_name: string | null;
  created_at: number;
  updated_at: number;
}

export interface NicknameRow {
  nickname: string;
  first_seen_at: number;
  last_seen_at: number;
}

export interface PostRow {
  aweme_id: string;
  sec_user_id: string | null;
  uid: string | null;
  nickname: string | null;
  aweme_type: number | null;
  post_type: string;
  create_time: number | null;
  desc: string | null;
  duration: number | null;
  music_id: string | null;
  mix_id: string | null;
  digg_count: number | null;
  comment_count: number | null;
  share_count: number | null;
  collect_count: number | null;
  /** The raw JSON of the post as Douyin sent it (or the record when no raw text was given). */
  raw: string;
  first_seen_at: number;
  updated_at: number;
}

export interface AssetRow {
  key: string;
  aweme_id: string | null;
  kind: string;
  idx: number;
  url: string | null;
  quality: ChosenQuality | null;
  reason: string | null;
  path: string | null;
  bytes: number | null;
  sha256: string | null;
  state: AssetState;
  attempts: number;
  last_error: string | null;
  updated_at: number;
}

export interface SyncStateRow {
  sec_user_id: string;
  mode: string;
  cursor: string | null;
  watermark_create_time: number | null;
  watermark_aweme_id: string | null;
  last_run_at: number | null;
  last_status: string | null;
}

export interface UserInput {
  sec_user_id: string;
  uid?: string | null;
  nickname?: string | null;
}

export interface PostInput {
  record: AwemeRecord;
  /** The post's raw JSON text; `JSON.stringify(record)` when absent. */
  raw?: string;
}

/** What the downloader knows about an asset when it starts on it. */
export interface AssetStart {
  key: string;
  aweme_id?: string | null;
  kind?: AssetKind | string;
  idx?: number;
  path: string;
  quality?: ChosenQuality | null;
  reason?: string | null;
}

export interface AssetDone {
  path: string;
  bytes: number;
  sha256: string;
  url: string | null;
}

export interface SyncStateInput {
  sec_user_id: string;
  mode: string;
  cursor?: string | null;
  watermark_create_time?: number | null;
  watermark_aweme_id?: string | null;
  last_run_at?: number | null;
  last_status?: string | null;
}

export interface Store {
  /** Runs `fn` as one transaction (nested calls join the outer one). Throws roll it back. */
  transaction<T>(fn: () => T): T;

  upsertUser(user: UserInput): UserRow;
  getUser(secUserId: string): UserRow | undefined;
  nicknameHistory(secUserId: string): NicknameRow[];
  /** Binds `folderName` to the user; `StoreError` when another user holds it. */
  bindUserFolder(secUserId: string, folderName: string): void;
  /** Which user the folder name is bound to. */
  folderOwner(folderName: string): string | undefined;

  upsertPosts(posts: readonly PostInput[]): void;
  getPost(awemeId: string): PostRow | undefined;
  hasPost(awemeId: string): boolean;

  getAsset(key: string): AssetRow | undefined;
  listAssets(query?: { aweme_id?: string; state?: AssetState; pathPrefix?: string }): AssetRow[];
  /** Records planned assets as `pending` (one transaction); rows that exist are left as they are. */
  queueAssets(assets: readonly AssetStart[]): void;
  /** Creates or refreshes the asset row as `partial`: the downloader is working on it. */
  beginAsset(asset: AssetStart): void;
  recordAttempt(key: string, error: string | null): void;
  markAssetDone(key: string, done: AssetDone): void;
  markAssetFailed(key: string, error: string): void;
  /** Rewrites `<from>/…` asset paths to `<to>/…` (a folder was renamed); returns rows changed. */
  movePathPrefix(from: string, to: string): number;

  getSyncState(secUserId: string, mode: string): SyncStateRow | undefined;
  putSyncState(state: SyncStateInput): void;

  close(): void;
}
