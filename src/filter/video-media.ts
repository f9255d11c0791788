import { arr, flag, num, obj, str, urls, type Obj } from './read.js';

/**
 * Video media of a post (see douyin-media.md §2). The web API's play URLs are already
 * watermark-free; `download_addr` (app / legacy API) is watermarked and never used here.
 */

/** What a post holds: a video, or a set of images (some may be live photos). */
export type PostType = 'video' | 'images' | 'unknown';

/** `aweme_type` values F2's downloader treats as video (dl.py) plus TikTok-family video types. */
const VIDEO_AWEME_TYPES: ReadonlySet<number> = new Set([0, 4, 51, 55, 58, 61, 109, 201]);
/** 68 = image/note post; 2 and 150 are the older / TikTok image types. */
const IMAGE_AWEME_TYPES: ReadonlySet<number> = new Set([2, 68, 150]);
const MEDIA_TYPE_IMAGES = 2;
const MEDIA_TYPE_VIDEO = 4;

/**
 * Decides the post type from `aweme_type`, then `media_type`, then the media actually present.
 * For image posts `video.play_addr` is the background music, so the order matters.
 */
export function detectPostType(aweme: Obj): PostType {
  const awemeType = num(aweme.aweme_type);
  if (awemeType !== null) {
    if (IMAGE_AWEME_TYPES.has(awemeType)) return 'images';
    if (VIDEO_AWEME_TYPES.has(awemeType)) return 'video';
  }
  const mediaType = num(aweme.media_type);
  if (mediaType === MEDIA_TYPE_IMAGES) return 'images';
  if (mediaType === MEDIA_TYPE_VIDEO) return 'video';
  if (arr(aweme.images).length > 0) return 'images';
  const video = obj(aweme.video);
  if (arr(video.bit_rate).length > 0 || urls(video.play_addr).length > 0) return 'video';
  return 'unknown';
}

export type VideoCodec = 'h264' | 'h265';

/** One encoding of a video: a `video.bit_rate[]` gear, or `video.play_addr` itself. */
export interface VideoBitRate {
  /** e.g. `normal_1080_0`, `adapt_lowest_720_1`; `null` for `video.play_addr`. */
  gear_name: string | null;
  /** Douyin's quality id (lower is better within one post: 1 = 1080p, 10 = 720p, …). */
  quality_type: number | null;
  /** Bits per second. */
  bit_rate: number | null;
  /** From `is_h265`/`is_bytevc1`, else from the `url_key` (`…_h264_…`, `…_bytevc1_…`). */
  codec: VideoCodec | null;
  is_h265: boolean | null;
  is_bytevc1: boolean | null;
  /** Container when Douyin says it (`mp4`, `dash`); `null` when absent (then it is mp4). */
  format: string | null;
  fps: number | null;
  width: number | null;
  height: number | null;
  /** Size in bytes. */
  data_size: number | null;
  file_hash: string | null;
  url_key: string | null;
  /** The video id (`v0200fg10000…`). */
  uri: string | null;
  /** Every mirror of this encoding, in Douyin's order (watermark-free). */
  play_addr: string[];
}

function codecOf(isH265: boolean | null, isByteVc1: boolean | null, urlKey: string | null): VideoCodec | null {
  if (isH265 === true || isByteVc1 === true) return 'h265';
  if (urlKey !== null) {
    if (/_(?:bytevc1|h265)_/i.test(urlKey)) return 'h265';
    if (/_h264_/i.test(urlKey)) return 'h264';
  }
  if (isH265 === false) return 'h264';
  return null;
}

function toVariant(entry: Obj, addr: Obj): VideoBitRate {
  const isH265 = flag(entry.is_h265);
  const isByteVc1 = flag(entry.is_bytevc1);
  const urlKey = str(addr.url_key);
  return {
    gear_name: str(entry.gear_name),
    quality_type: num(entry.quality_type),
    bit_rate: num(entry.bit_rate) ?? bitRateFromUrlKey(urlKey),
    codec: codecOf(isH265, isByteVc1, urlKey),
    is_h265: isH265,
    is_bytevc1: isByteVc1,
    format: str(entry.format),
    fps: num(entry.FPS ?? entry.fps),
    width: num(addr.width),
    height: num(addr.height),
    data_size: num(addr.data_size),
    file_hash: str(addr.file_hash),
    url_key: urlKey,
    uri: str(addr.uri),
    play_addr: urls(addr),
  };
}

function bitRateFromUrlKey(urlKey: string | null): number | null {
  const match = urlKey === null ? null : /_(\d+)$/.exec(urlKey);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Every gear of `video.bit_rate[]`, in Douyin's order. */
export function toBitRates(video: Obj): VideoBitRate[] {
  const entries = arr(video.bit_rate);
  const out: VideoBitRate[] = [];
  for (const raw of entries) {
    const entry = obj(raw);
    out.push(toVariant(entry, obj(entry.play_addr)));
  }
  return out;
}

/** `video.play_addr` as a variant (its `url_key` tells codec and bit rate), or `null`. */
export function toPlayAddr(video: Obj): VideoBitRate | null {
  const addr = obj(video.play_addr);
  if (urls(addr).length === 0) return null;
  // The url_key names the codec of this very file; `video.is_h265` is only a fallback.
  const hints: Obj = str(addr.url_key) === null ? { is_h265: video.is_h265, is_bytevc1: video.is_bytevc1 } : {};
  return toVariant(hints, addr);
}

/** Legacy (app / iesdouyin) play URLs can be `/playwm/`; `/play/` is the same file without the mark. */
function withoutWatermarkPath(url: string): string {
  return url.includes('/playwm/') ? url.replace('/playwm/', '/play/') : url;
}

/**
 * F2's `video_play_addr`: all mirrors of `bit_rate[0]` (the gear Douyin lists first). When a
 * video has no gears (older responses), the mirrors of `video.play_addr`. Image posts get `[]`:
 * their `video.play_addr` is the background music.
 */
export function videoPlayAddr(postType: PostType, video: Obj, bitRates: readonly VideoBitRate[]): string[] {
  if (postType === 'images') return [];
  const firstGear = bitRates[0];
  if (firstGear !== undefined && firstGear.play_addr.length > 0) return firstGear.play_addr.slice();
  if (postType === 'unknown') return [];
  return urls(video.play_addr).map(withoutWatermarkPath);
}

export interface SelectBitRateOptions {
  /** Only this codec (default: either). */
  codec?: VideoCodec;
  /** Skip encodings whose shorter side is above this many pixels (e.g. 1080). */
  maxShortSide?: number;
}

/**
 * The best encoding among `variants`: largest frame (width × height), then highest bit rate,
 * then h264 over h265 for compatibility. Encodings without URLs are ignored. `null` when none fit.
 */
export function selectBitRate(
  variants: readonly VideoBitRate[],
  options: SelectBitRateOptions = {},
): VideoBitRate | null {
  let best: VideoBitRate | null = null;
  for (const variant of variants) {
    if (variant.play_addr.length === 0) continue;
    if (options.codec !== undefined && variant.codec !== options.codec) continue;
    if (options.maxShortSide !== undefined && variant.width !== null && variant.height !== null) {
      if (Math.min(variant.width, variant.height) > options.maxShortSide) continue;
    }
    if (best === null || compareVariants(variant, best) > 0) best = variant;
  }
  return best;
}

function compareVariants(a: VideoBitRate, b: VideoBitRate): number {
  const area = (a.width ?? 0) * (a.height ?? 0) - (b.width ?? 0) * (b.height ?? 0);
  if (area !== 0) return area;
  const rate = (a.bit_rate ?? 0) - (b.bit_rate ?? 0);
  if (rate !== 0) return rate;
  return (a.codec === 'h264' ? 1 : 0) - (b.codec === 'h264' ? 1 : 0);
}
