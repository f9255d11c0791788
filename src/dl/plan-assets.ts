/**
 * What a post (or a collected piece of music) yields as files: pure, no I/O. The downloader
 * takes the result as it is; the store keeps each asset's chosen quality and the reason.
 * Suffixes follow F2 (`_video.mp4`, `_image_{i}.webp`, `_live_{i}.mp4`, `_music.mp3`,
 * `_cover.webp|.jpeg`, `_desc.txt`, `_lyric.lrc`).
 */
import type { AwemeRecord } from '../filter/aweme-record.js';
import type { MusicCollectionItem } from '../filter/collection-filters.js';
import type { PostImage } from '../filter/image-media.js';
import type { VideoBitRate } from '../filter/video-media.js';
import { formatNameParts, type NamingOptions } from '../utils/naming.js';
import { sanitizeFileName, truncateUtf8, utf8Length } from '../utils/safe-filename.js';
import type { MediaContainer } from './media-magic.js';
import { assetKey, type AssetKind, type PlannedAsset, type PostPlan } from './planned-asset.js';
import { chooseVideoVariant, type QualityPolicy } from './quality-policy.js';

export interface PlanOptions {
  /** F2's naming template (`{create}_{desc}`); a `/` makes folders. @default '{create}_{desc}' */
  naming?: string;
  /** Everything else the naming module takes (time zone, `replaceT`, custom fields…). */
  namingOptions?: Omit<NamingOptions, 'template'>;
  /** One folder per post, named like the files. @default false */
  folderize?: boolean;
  /** Also the music (only when Douyin marks it usable, `music_status` 1). @default false */
  music?: boolean;
  /** Also the cover (animated WebP when there is one, else the static cover). @default false */
  cover?: boolean;
  /** Also the description as a text file. @default false */
  desc?: boolean;
  /** Music mode only: lyrics as LRC. @default true */
  lyric?: boolean;
  quality?: QualityPolicy;
}

/**
 * Longest file name the planner makes, in UTF-8 bytes: 255 minus room for the downloader's
 * `.part.meta` beside it.
 */
export const MAX_FILE_NAME_BYTES = 240;

/** F2 keeps a post only when its visibility is public, private (own) or friends. */
const DOWNLOADABLE_PRIVATE_STATUS = new Set([0, 1, 2]);

function fileName(stem: string, suffix: string): string {
  const budget = MAX_FILE_NAME_BYTES - utf8Length(suffix);
  const cut = utf8Length(stem) > budget ? truncateUtf8(stem, budget).trimEnd() : stem;
  return sanitizeFileName(cut + suffix, { maxBytes: MAX_FILE_NAME_BYTES });
}

/** The container a URL's path names (`…~tplv-dy-aweme-images:q75.webp?…` → `webp`). */
export function containerHint(url: string): MediaContainer | null {
  const path = url.split(/[?#]/, 1)[0]!.toLowerCase();
  const ext = /\.([a-z0-9]{2,5})$/.exec(path)?.[1];
  if (ext === 'webp') return 'webp';
  if (ext === 'jpeg' || ext === 'jpg') return 'jpeg';
  if (ext === 'mp4') return 'mp4';
  if (ext === 'mp3') return 'mp3';
  if (ext === 'gif') return 'gif';
  return null;
}

const EXTENSION: Partial<Record<MediaContainer, string>> = { jpeg: 'jpeg', webp: 'webp', gif: 'gif' };

/** Mirrors of one still image, the webp ones first (F2's `.webp`), else the jpeg ones. */
function imageMirrors(urls: readonly string[]): { urls: string[]; container: 'webp' | 'jpeg' | 'gif'; reason: string } {
  const by = (c: MediaContainer | null) => urls.filter((u) => containerHint(u) === c);
  const webp = by('webp');
  if (webp.length > 0) return { urls: webp, container: 'webp', reason: `webp rendition (${webp.length} mirror${webp.length === 1 ? '' : 's'})` };
  const jpeg = by('jpeg');
  if (jpeg.length > 0) return { urls: jpeg, container: 'jpeg', reason: `no webp rendition; jpeg (${jpeg.length} mirror${jpeg.length === 1 ? '' : 's'})` };
  const unknown = by(null);
  if (unknown.length > 0) return { urls: unknown, container: 'webp', reason: 'no format in the URLs; expecting webp (F2)' };
  const gif = by('gif');
  return { urls: gif, container: 'gif', reason: 'gif rendition only' };
}

interface Naming {
  folders: string[];
  stem: string;
}

function postNaming(record: AwemeRecord, options: PlanOptions): Naming {
  const parts = formatNameParts(
    {
      create: record.create_time,
      nickname: record.nickname,
      aweme_id: record.aweme_id,
      desc: record.desc_raw ?? record.desc,
      uid: record.uid,
      caption: record.caption_raw ?? record.caption,
    },
    { ...options.namingOptions, template: options.naming },
  );
  const stem = parts[parts.length - 1]!;
  const folders = parts.slice(0, -1);
  if (options.folderize) folders.push(stem);
  return { folders, stem };
}

function videoAsset(
  awemeId: string,
  kind: 'video' | 'live_photo',
  index: number,
  variants: readonly VideoBitRate[],
  naming: Naming,
  suffix: string,
  policy: QualityPolicy | undefined,
): PlannedAsset | null {
  const choice = chooseVideoVariant(variants, policy);
  if (choice === null) return null;
  return {
    key: assetKey(awemeId, kind, index),
    aweme_id: awemeId,
    kind,
    index,
    urls: choice.variant.play_addr.slice(),
    expect: ['mp4'],
    folders: naming.folders,
    fileName: fileName(naming.stem, suffix),
    quality: choice.quality,
    reason: choice.reason,
  };
}

/** `image.live_photo` as encodings: its gears, and its `play_addr` as one more. */
function livePhotoVariants(image: PostImage): VideoBitRate[] {
  const live = image.live_photo;
  if (live === null) return [];
  const fromAddr: VideoBitRate = {
    gear_name: null, quality_type: null, bit_rate: null, codec: null, is_h265: null, is_bytevc1: null,
    format: null, fps: null, width: live.width, height: live.height, data_size: null, file_hash: null,
    url_key: null, uri: live.uri, play_addr: live.play_addr,
  };
  return [...live.bit_rate, fromAddr];
}

function imageAssets(record: AwemeRecord, awemeId: string, naming: Naming, options: PlanOptions, notes: string[]): PlannedAsset[] {
  const out: PlannedAsset[] = [];
  record.image_items.forEach((image, i) => {
    const index = i + 1;
    const mirrors = imageMirrors(image.url_list);
    if (mirrors.urls.length > 0) {
      out.push({
        key: assetKey(awemeId, 'image', index),
        aweme_id: awemeId,
        kind: 'image',
        index,
        urls: mirrors.urls,
        expect: [mirrors.container],
        folders: naming.folders,
        fileName: fileName(naming.stem, `_image_${index}.${EXTENSION[mirrors.container]}`),
        quality: { source: 'url_list', width: image.width, height: image.height, codec: null, bit_rate: null, data_size: null },
        reason: mirrors.reason,
      });
    } else {
      notes.push(`image ${index} has no watermark-free URL`);
    }
    const live = videoAsset(awemeId, 'live_photo', index, livePhotoVariants(image), naming, `_live_${index}.mp4`, options.quality);
    if (live !== null) out.push(live);
  });
  return out;
}

function coverAsset(record: AwemeRecord, awemeId: string, naming: Naming, notes: string[]): PlannedAsset | null {
  const base = { key: assetKey(awemeId, 'cover', 0), aweme_id: awemeId, kind: 'cover' as AssetKind, index: 0, folders: naming.folders };
  if (record.animated_cover_url_list.length > 0) {
    const source = record.animated_cover !== null ? 'animated_cover' : 'dynamic_cover';
    const urls = record.animated_cover_url_list.slice();
    return { ...base, urls, expect: ['webp'], fileName: fileName(naming.stem, '_cover.webp'), quality: null, reason: `${source} (animated WebP, ${urls.length} mirror${urls.length === 1 ? '' : 's'})` };
  }
  if (record.cover === null) {
    notes.push('no cover');
    return null;
  }
  const container = containerHint(record.cover) === 'webp' ? 'webp' : 'jpeg';
  notes.push('no animated cover; static cover instead');
  return {
    ...base,
    urls: record.cover_url_list.length > 0 ? record.cover_url_list.slice() : [record.cover],
    expect: [container],
    fileName: fileName(naming.stem, `_cover.${container}`),
    quality: null,
    reason: `static cover (${container})`,
  };
}

/**
 * The files `record` yields under `options`, in download order (video or images first, then
 * music, cover, description). A post F2 would not download (prohibited, or a visibility other
 * than public/private/friends) yields no assets and says why in `skipped`.
 */
export function planPostAssets(record: AwemeRecord, options: PlanOptions = {}): PostPlan {
  const awemeId = record.aweme_id;
  if (awemeId === null) return { aweme_id: '', assets: [], skipped: 'the post has no aweme_id', notes: [] };
  if (record.is_prohibited === true) return { aweme_id: awemeId, assets: [], skipped: 'the post is prohibited (屏蔽)', notes: [] };
  if (record.private_status !== null && !DOWNLOADABLE_PRIVATE_STATUS.has(record.private_status)) {
    return { aweme_id: awemeId, assets: [], skipped: `visibility private_status=${record.private_status} is not downloadable`, notes: [] };
  }
  const naming = postNaming(record, options);
  const notes: string[] = [];
  const assets: PlannedAsset[] = [];

  if (record.post_type === 'images' || record.image_items.length > 0) {
    assets.push(...imageAssets(record, awemeId, naming, options, notes));
  } else {
    const variants = record.play_addr !== null ? [...record.bit_rate, record.play_addr] : record.bit_rate;
    const video = videoAsset(awemeId, 'video', 0, variants, naming, '_video.mp4', options.quality);
    if (video !== null) assets.push(video);
    else notes.push('no video URL');
  }

  if (options.music) {
    if (record.music_status === 1 && record.music_play_url_list.length > 0) {
      assets.push({
        key: assetKey(awemeId, 'music', 0),
        aweme_id: awemeId,
        kind: 'music',
        index: 0,
        urls: record.music_play_url_list.slice(),
        expect: ['mp3'],
        folders: naming.folders,
        fileName: fileName(naming.stem, '_music.mp3'),
        quality: { source: 'music.play_url', width: null, height: null, codec: null, bit_rate: null, data_size: null },
        reason: 'music.play_url (music_status 1)',
      });
    } else {
      notes.push(record.music_status === 1 ? 'music has no URL' : `music unusable (music_status ${String(record.music_status)})`);
    }
  }
  if (options.cover) {
    const cover = coverAsset(record, awemeId, naming, notes);
    if (cover !== null) assets.push(cover);
  }
  if (options.desc) {
    assets.push({
      key: assetKey(awemeId, 'desc', 0),
      aweme_id: awemeId,
      kind: 'desc',
      index: 0,
      urls: [],
      expect: ['txt'],
      folders: naming.folders,
      fileName: fileName(naming.stem, '_desc.txt'),
      quality: null,
      reason: 'desc_raw',
      content: record.desc_raw ?? record.desc ?? '',
    });
  }
  if (assets.length === 0) return { aweme_id: awemeId, assets, skipped: notes.join('; ') || 'nothing to download', notes };
  return { aweme_id: awemeId, assets, notes };
}

/**
 * Music mode (a user's collected music, F2's `create_music_download_tasks`): `<title>_music.mp3`
 * and, when `lyric` is on and Douyin has lyrics, `<title>_lyric.lrc` converted from its JSON.
 * The asset's `aweme_id` holds the music id.
 */
export function planMusicAssets(item: MusicCollectionItem, options: Pick<PlanOptions, 'folderize' | 'lyric'> = {}): PostPlan {
  const musicId = item.music_id;
  if (musicId === null) return { aweme_id: '', assets: [], skipped: 'the music has no id', notes: [] };
  const stem = sanitizeFileName(item.title_raw ?? item.title ?? musicId, { maxBytes: MAX_FILE_NAME_BYTES - 16, keepExtension: false });
  const folders = options.folderize ? [stem] : [];
  const notes: string[] = [];
  const assets: PlannedAsset[] = [];
  if (item.play_url_list.length > 0) {
    assets.push({
      key: assetKey(musicId, 'music', 0),
      aweme_id: musicId,
      kind: 'music',
      index: 0,
      urls: item.play_url_list.slice(),
      expect: ['mp3'],
      folders,
      fileName: fileName(stem, '_music.mp3'),
      quality: { source: 'play_url', width: null, height: null, codec: null, bit_rate: null, data_size: null },
      reason: 'play_url',
    });
  } else {
    notes.push('music has no URL');
  }
  if ((options.lyric ?? true) && item.lyric_url !== null) {
    assets.push({
      key: assetKey(musicId, 'lyric', 0),
      aweme_id: musicId,
      kind: 'lyric',
      index: 0,
      urls: [item.lyric_url],
      expect: ['lrc'],
      folders,
      fileName: fileName(stem, '_lyric.lrc'),
      quality: null,
      reason: `lyric_url (lyric_type ${String(item.lyric_type)}) converted to LRC`,
      transform: 'lrc',
    });
  }
  if (assets.length === 0) return { aweme_id: musicId, assets, skipped: notes.join('; ') || 'nothing to download', notes };
  return { aweme_id: musicId, assets, notes };
}
