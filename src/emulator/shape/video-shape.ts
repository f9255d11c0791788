import type { MediaAsset } from '../media/index.js';
import type { ImageModel, PostModel, VideoVariant } from '../world/model.js';
import {
  animatedCoverAsset, coverAssets, dynamicCoverAsset, imageAssets, livePhotoAsset, originCoverAssets, variantAsset,
} from './assets-of.js';
import { fileIdOf } from './media-urls.js';
import { musicPlayUrl } from './music-shape.js';
import { urlStruct, type ShapeContext, type UrlStruct } from './values.js';

/** A gear's `play_addr`: two CDN mirrors (some dead) then the `/aweme/v1/play/` URL that redirects. */
function playAddr(ctx: ShapeContext, post: PostModel, v: VideoVariant): UrlStruct {
  const asset = variantAsset(post, v);
  const urls = ctx.urls.urlList([asset], 2);
  urls.push(ctx.urls.play(post.vid, v.ratio, fileIdOf(asset.id)));
  return urlStruct(post.vid, urls, v.width, v.height, {
    url_key: `${post.vid}_${v.codec === 'bytevc1' ? 'bytevc1' : 'h264'}_${v.ratio}_${v.bitRate}`,
    data_size: v.size,
    file_hash: fileIdOf(`${asset.id}#hash`),
    file_cs: `c:0-${Math.floor(v.size / 340)}-${(v.size % 9000) + 1000}`,
  });
}

function bitRateEntry(ctx: ShapeContext, post: PostModel, v: VideoVariant): Record<string, unknown> {
  return {
    gear_name: v.gearName,
    quality_type: v.qualityType,
    bit_rate: v.bitRate,
    play_addr: playAddr(ctx, post, v),
    is_h265: v.codec === 'bytevc1' ? 1 : 0,
    is_bytevc1: v.codec === 'bytevc1' ? 1 : 0,
    HDR_type: '',
    HDR_bit: '',
    FPS: v.fps,
    video_extra: '{"PktOffsetMap":""}',
    format: 'mp4',
  };
}

function picture(ctx: ShapeContext, uri: string, assets: MediaAsset[], perAsset: number, w = 720, h = 720): UrlStruct {
  return urlStruct(uri, ctx.urls.urlList(assets, perAsset), w, h);
}

/** `aweme.video`. Image posts keep a `video` whose `play_addr` is the background music. */
export function videoShape(ctx: ShapeContext, post: PostModel, detail: boolean): Record<string, unknown> {
  const coverUri = `tos-cn-i-dy/${post.coverKey}`;
  const covers = {
    cover: picture(ctx, coverUri, coverAssets(post), 2),
    origin_cover: picture(ctx, `tos-cn-p-0015/${post.coverKey}`, originCoverAssets(post), 2),
    dynamic_cover: picture(ctx, coverUri, [dynamicCoverAsset(post)], 3),
  };
  if (post.awemeType === 68) {
    const music = ctx.world.music(post.musicId);
    return {
      play_addr: music ? musicPlayUrl(ctx, music) : urlStruct('', []),
      ...covers,
      height: post.height,
      width: post.width,
      ratio: '720p',
      use_static_cover: true,
      bit_rate: [],
      duration: 0,
      bit_rate_audio: null,
      is_long_video: 0,
      video_model: '',
    };
  }
  const best = post.variants[0] as VideoVariant;
  const out: Record<string, unknown> = {
    play_addr: playAddr(ctx, post, best),
    ...covers,
    height: post.height,
    width: post.width,
    ratio: best.ratio,
    gaussian_cover: picture(ctx, `tos-cn-p-0015/${post.coverKey}`, originCoverAssets(post).slice(1), 1),
    use_static_cover: true,
    big_thumbs: detail ? null : [],
    bit_rate: post.variants.map((v) => bitRateEntry(ctx, post, v)),
    duration: post.durationMs,
    horizontal_type: post.width > post.height ? 1 : 0,
    is_source_HDR: 0,
    meta: JSON.stringify({ bright_ratio_mean: '0.0382', brightness_mean: '84.3949', loudness: '-15.2', sr_score: '1.000' }),
    bit_rate_audio: null,
    is_long_video: post.durationMs > 60_000 ? 1 : 0,
    video_model: '',
  };
  const animated = animatedCoverAsset(post);
  if (animated) out.animated_cover = picture(ctx, `tos-cn-i-dy/${post.coverKey}~animated`, [animated], 2);
  if (detail) {
    const h264 = post.variants.find((v) => v.codec === 'h264');
    const h265 = post.variants.find((v) => v.codec === 'bytevc1');
    if (h264) out.play_addr_h264 = playAddr(ctx, post, h264);
    if (h265) out.play_addr_265 = playAddr(ctx, post, h265);
    out.is_h265 = best.codec === 'bytevc1' ? 1 : 0;
    out.cover_original_scale = picture(ctx, `tos-cn-p-0015/${post.coverKey}`, originCoverAssets(post).slice(0, 1), 2, post.width, post.height);
  }
  return out;
}

function imageShape(ctx: ShapeContext, img: ImageModel): Record<string, unknown> {
  const { clean, watermarked } = imageAssets(img);
  const uri = `tos-cn-i-0813c001/${img.key}`;
  const out: Record<string, unknown> = {
    uri,
    url_list: [...ctx.urls.urlList(clean.slice(0, 1), 3), ...ctx.urls.urlList(clean.slice(1), 1)],
    download_url_list: [...ctx.urls.urlList(watermarked.slice(0, 1), 3), ...ctx.urls.urlList(watermarked.slice(1), 1)],
    height: img.height,
    width: img.width,
    mask_url_list: null,
    interaction_stickers: null,
  };
  const live = livePhotoAsset(img);
  if (live && img.video) {
    out.video = {
      play_addr: urlStruct(img.video.vid, ctx.urls.urlList([live], 3), img.width, img.height, { data_size: live.size, url_key: `${img.video.vid}_h264_720p` }),
      cover: urlStruct(uri, ctx.urls.urlList(clean.slice(0, 1), 1), img.width, img.height),
      height: img.height,
      width: img.width,
      duration: img.video.durationMs,
      ratio: '720p',
    };
  }
  return out;
}

/** `aweme.images` (user_post__2): null for videos. */
export function imagesShape(ctx: ShapeContext, post: PostModel): Record<string, unknown>[] | null {
  return post.awemeType === 68 ? post.images.map((img) => imageShape(ctx, img)) : null;
}
