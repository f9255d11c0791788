import type { VideoCodec } from '../filter/video-media.js';
import type { MediaContainer } from './media-magic.js';

/** What one downloaded file is to its post. */
export type AssetKind = 'video' | 'image' | 'live_photo' | 'music' | 'cover' | 'desc' | 'lyric';

/** The encoding a planner chose, as recorded in the store and shown to the user. */
export interface ChosenQuality {
  /** `bit_rate[].gear_name`, `play_addr` for `video.play_addr`, or what the URL was taken from. */
  source: string;
  width: number | null;
  height: number | null;
  codec: VideoCodec | null;
  /** Bits per second. */
  bit_rate: number | null;
  /** Bytes, as Douyin announced them (a hint, not checked against the body). */
  data_size: number | null;
}

/** One file a post yields, fully decided: where from, what it must be, what it is called. */
export interface PlannedAsset {
  /** Stable id across runs and processes: `<aweme_id>:<kind>[:<index>]`. */
  key: string;
  aweme_id: string;
  kind: AssetKind;
  /** 1-based for images and live photos (so `_image_3` and `_live_3` belong together), else 0. */
  index: number;
  /** Mirrors of the same bytes, tried in this order. Empty when `content` is given. */
  urls: string[];
  /** What the body must start like (magic bytes); the file extension agrees with the first. */
  expect: MediaContainer[];
  /** Folders below the user folder (naming-template folders, then the post folder when folderized). */
  folders: string[];
  /** File name with F2's suffix (`…_video.mp4`, `…_image_2.webp`). Already safe. */
  fileName: string;
  quality: ChosenQuality | null;
  /** Why this source/quality was chosen (kept in the store, shown in logs). */
  reason: string;
  /** Text written as the file instead of a download (`desc`). */
  content?: string;
  /** How to turn the fetched body into the file: `lrc` = Douyin's JSON lyrics to LRC. */
  transform?: 'lrc';
}

/** What planning a post gives: its assets, or why it yields none. */
export interface PostPlan {
  aweme_id: string;
  assets: PlannedAsset[];
  /** Set when the post yields nothing (prohibited, private, no media). */
  skipped?: string;
  /** Things worth telling the user that did not stop the plan (no animated cover, music unusable). */
  notes: string[];
}

export function assetKey(awemeId: string, kind: AssetKind, index: number): string {
  return index > 0 ? `${awemeId}:${kind}:${index}` : `${awemeId}:${kind}`;
}
