import { arr, firstUrl, num, obj, str, urls, type Obj } from './read.js';
import { toBitRates, type VideoBitRate } from './video-media.js';

/**
 * Images of an image/note post (`aweme_type` 68; douyin-media.md §3). `url_list` entries are the
 * watermark-free `~tplv-dy-aweme-images` renditions (webp first, a jpeg last); `download_url_list`
 * carries the `~tplv-dy-water-v2` watermark.
 */

/** The motion part of a live photo (实况), or a clip embedded in an image post. */
export interface LivePhotoVideo {
  /** Every mirror of `image.video.play_addr` (F2's `images_video` takes the first). */
  play_addr: string[];
  /** Gears of `image.video.bit_rate[]` when Douyin sends them. */
  bit_rate: VideoBitRate[];
  /** Milliseconds. */
  duration: number | null;
  width: number | null;
  height: number | null;
  uri: string | null;
  cover: string | null;
}

export interface PostImage {
  uri: string | null;
  width: number | null;
  height: number | null;
  /** Watermark-free mirrors (F2's `images` takes the first). */
  url_list: string[];
  /** Watermarked mirrors. */
  download_url_list: string[];
  /** Set when the image is a live photo (or carries a clip). */
  live_photo: LivePhotoVideo | null;
}

function toLivePhoto(rawVideo: unknown): LivePhotoVideo | null {
  if (typeof rawVideo !== 'object' || rawVideo === null) return null;
  const video = obj(rawVideo);
  const bitRate = toBitRates(video);
  let playAddr = urls(video.play_addr);
  if (playAddr.length === 0) playAddr = bitRate[0]?.play_addr.slice() ?? [];
  if (playAddr.length === 0) return null;
  const addr = obj(video.play_addr);
  return {
    play_addr: playAddr,
    bit_rate: bitRate,
    duration: num(video.duration),
    width: num(video.width) ?? num(addr.width),
    height: num(video.height) ?? num(addr.height),
    uri: str(addr.uri),
    cover: firstUrl(video.origin_cover) ?? firstUrl(video.cover),
  };
}

function toImage(image: Obj): PostImage {
  return {
    uri: str(image.uri),
    width: num(image.width),
    height: num(image.height),
    url_list: urls(image),
    download_url_list: urls({ url_list: image.download_url_list }),
    live_photo: toLivePhoto(image.video),
  };
}

/** Every entry of `aweme.images` (empty for video posts). */
export function toPostImages(aweme: Obj): PostImage[] {
  const out: PostImage[] = [];
  for (const raw of arr(aweme.images)) {
    if (typeof raw === 'object' && raw !== null) out.push(toImage(obj(raw)));
  }
  return out;
}

/** F2's `images`: the first watermark-free URL of each image that has one. */
export function imageUrls(images: readonly PostImage[]): string[] {
  const out: string[] = [];
  for (const image of images) if (image.url_list[0] !== undefined) out.push(image.url_list[0]);
  return out;
}

/** F2's `images_video`: the first play URL of each live photo (images without one are skipped). */
export function livePhotoUrls(images: readonly PostImage[]): string[] {
  const out: string[] = [];
  for (const image of images) {
    const url = image.live_photo?.play_addr[0];
    if (url !== undefined) out.push(url);
  }
  return out;
}
