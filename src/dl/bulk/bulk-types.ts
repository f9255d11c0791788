import type { FileDoneEvent, FileFailedEvent, FileProgressEvent, FileSkippedEvent, FileStartEvent, AggregateProgress, FileRetryEvent } from '../download-events.js';
import type { QualityPolicy } from '../quality-policy.js';

/** What `BulkDownloader.run` downloads (F2's `mode`). */
export type DownloadMode = 'one' | 'post' | 'like' | 'collection' | 'collects' | 'music' | 'mix' | 'live' | 'related' | 'friend' | 'feed';

export const DOWNLOAD_MODES: readonly DownloadMode[] = Object.freeze([
  'one', 'post', 'like', 'collection', 'collects', 'music', 'mix', 'live', 'related', 'friend', 'feed',
] as const);

/**
 * `skip-recorded`: what the archive says is done is skipped, even when the file was deleted
 * (deleted stays deleted). `refetch-missing`: a recorded file that is gone is downloaded again.
 */
export type ArchivePolicy = 'skip-recorded' | 'refetch-missing';

export interface BulkRunOptions {
  mode: DownloadMode;
  /** one/post/like/mix/related/live need it; collection/collects/music/feed/friend use the cookie's own account (a URL of that account names its folder). */
  url?: string;
  /** @default 'skip-recorded' */
  archivePolicy?: ArchivePolicy;
  /** Incremental stop: this many consecutive already-archived (unpinned) posts end paging. @default 20 */
  knownStreak?: number;
  quality?: QualityPolicy;
  /** Page and plan; download nothing, write nothing (no file, no archive row). */
  dryRun?: boolean;
  /** Mode live: stop recording after this long. @default until the room ends */
  liveDurationMs?: number;
  /** Mode live: write the chat sidecar (`.chat.jsonl` + `.ass`). @default true */
  liveChat?: boolean;
  signal?: AbortSignal;
}

export type BulkHandleOptions = Omit<BulkRunOptions, 'mode' | 'url'>;

export interface BulkSummary {
  mode: DownloadMode;
  user: { sec_user_id: string; nickname: string; folder: string } | null;
  pagesFetched: number;
  stoppedEarly: boolean;
  /** 'archived-streak', 'watermark', 'max-counts', 'interval', 'offline', null (the list ended). */
  stopReason: string | null;
  posts: { seen: number; new: number; skipped: number; failed: number };
  /** `planned`: files a dry run would download. */
  files: { downloaded: number; skipped: number; failed: { path: string; reason: string }[]; planned: number };
  bytes: number;
  /** Absolute download root. */
  root: string;
  dryRun: boolean;
  /** Posts from earlier runs whose files were missing or failed, tried again in this run. */
  retried: number;
  recording?: { files: string[]; bytes: number; chatFiles: string[] };
}

export type PostState = 'new' | 'skipped' | 'failed';

export interface BulkEvents {
  page: [{ mode: DownloadMode; index: number; items: number }];
  post: [{ aweme_id: string; state: PostState }];
  'file-start': [FileStartEvent];
  'file-progress': [FileProgressEvent];
  'file-retry': [FileRetryEvent];
  'file-done': [FileDoneEvent];
  'file-skipped': [FileSkippedEvent];
  'file-failed': [FileFailedEvent];
  progress: [AggregateProgress];
}
