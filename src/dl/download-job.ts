import { DecodeError, type DouyinKitError } from '../errors.js';
import { json_2_lrc } from '../utils/lrc.js';
import type { MediaContainer } from './media-magic.js';
import type { AssetKind, ChosenQuality, PlannedAsset } from './planned-asset.js';

/** One file for the downloader. */
export interface DownloadJob {
  /** Stable id (the store's key): the same file in another run has the same key. */
  key: string;
  /** Where below the download root: folders, then the file name. Each part is sanitised again. */
  path: readonly string[];
  /** Mirrors of the body, tried in turn. Not used when `content` is set. */
  urls?: readonly string[];
  /** What the body must start like; `[]` or absent: anything. */
  expect?: readonly MediaContainer[];
  /** Write this instead of downloading (a description). */
  content?: string | Uint8Array;
  /** Fetch the (small) body whole and write what this returns (Douyin's JSON lyrics → LRC). */
  transform?: (body: Buffer) => string | Uint8Array;
  /** Extra request headers for this file. */
  headers?: Record<string, string>;
  /** What the store records about the asset. */
  asset?: { aweme_id: string; kind: AssetKind; index: number; quality: ChosenQuality | null; reason: string };
}

export type SkipReason =
  /** The store says it is done and the file is where the store says. */
  | 'archived'
  /** The store says it is done; the file is gone and `redownloadMissing` is off. */
  | 'archived-missing'
  /** A complete file is already at the final path (adopted into the store). */
  | 'exists';

export type DownloadResult =
  | {
      key: string;
      status: 'done';
      path: string;
      bytes: number;
      sha256: string;
      url: string | null;
      attempts: number;
      /** Offset the successful attempt resumed from. */
      resumedFrom: number;
    }
  | { key: string; status: 'skipped'; path: string; reason: SkipReason }
  | { key: string; status: 'failed'; path: string | null; error: DouyinKitError; attempts: number };

/** Douyin's JSON lyrics (`[{text, timeId}]`) as LRC text (F2's `json_2_lrc`). */
export function lyricJsonToLrc(body: Buffer): string {
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new DecodeError('json', 'The lyric body is not JSON', body, { cause: error });
  }
  return json_2_lrc(data);
}

/** A planned asset as a job under `base` folders (typically `douyin/<mode>/<user folder>`). */
export function jobFromAsset(asset: PlannedAsset, base: readonly string[]): DownloadJob {
  const job: DownloadJob = {
    key: asset.key,
    path: [...base, ...asset.folders, asset.fileName],
    urls: asset.urls,
    expect: asset.expect,
    asset: { aweme_id: asset.aweme_id, kind: asset.kind, index: asset.index, quality: asset.quality, reason: asset.reason },
  };
  if (asset.content !== undefined) job.content = asset.content;
  if (asset.transform === 'lrc') job.transform = lyricJsonToLrc;
  return job;
}
