import type { MediaAsset } from '../media/index.js';
import type { ImageModel, LiveRoomModel, MusicModel, PostModel, UserModel, VideoVariant } from '../world/model.js';
import { sizeFor } from './media-urls.js';

/**
 * The media assets behind every URL the JSON carries. Ids are path-safe and say what they are:
 * `<vid>_<codec>_<ratio>` (video gear), `c_` cover, `oc_` origin cover, `dc_` dynamic cover,
 * `ac_` animated cover, `i_` image, `iw_` watermarked image, `<vid>_live` live photo, `mu_` music,
 * `mc_` music cover, `av_` avatar, `uc_` profile cover, `rc_` room cover, `mx_` mix cover,
 * `cf_` collect-folder cover.
 */
export function variantAsset(post: PostModel, v: VideoVariant): MediaAsset {
  return { id: `${post.vid}_${v.codec}_${v.ratio}`, kind: 'mp4', size: v.size };
}

/** What `/aweme/v1/playwm/` serves: the best gear with the logo burnt in (other bytes). */
export function watermarkedAsset(post: PostModel): MediaAsset {
  return { id: `${post.vid}_wm`, kind: 'mp4', size: (post.variants[0]?.size ?? 4096) + 4096 };
}

export function coverAssets(post: PostModel): MediaAsset[] {
  return [
    { id: `c_${post.coverKey}`, kind: 'webp', size: post.coverSize },
    { id: `c_${post.coverKey}`, kind: 'jpeg', size: Math.round(post.coverSize * 1.3) },
  ];
}

export function originCoverAssets(post: PostModel): MediaAsset[] {
  return [
    { id: `oc_${post.coverKey}`, kind: 'webp', size: Math.round(post.coverSize * 1.5) },
    { id: `oc_${post.coverKey}`, kind: 'jpeg', size: Math.round(post.coverSize * 1.9) },
  ];
}

export function dynamicCoverAsset(post: PostModel): MediaAsset {
  return { id: `dc_${post.coverKey}`, kind: 'webp', size: post.dynamicCoverSize, animated: true };
}

export function animatedCoverAsset(post: PostModel): MediaAsset | null {
  return post.animatedCoverSize === null ? null : { id: `ac_${post.coverKey}`, kind: 'webp', size: post.animatedCoverSize, animated: true };
}

export function imageAssets(img: ImageModel): { clean: MediaAsset[]; watermarked: MediaAsset[] } {
  return {
    clean: [
      { id: `i_${img.key}`, kind: 'webp', size: img.webpSize },
      { id: `i_${img.key}`, kind: 'jpeg', size: img.jpegSize },
    ],
    watermarked: [
      { id: `iw_${img.key}`, kind: 'webp', size: img.webpSize + 2048 },
      { id: `iw_${img.key}`, kind: 'jpeg', size: img.jpegSize + 2048 },
    ],
  };
}

export function livePhotoAsset(img: ImageModel): MediaAsset | null {
  return img.video ? { id: `${img.video.vid}_live`, kind: 'mp4', size: img.video.size } : null;
}

export function musicAsset(m: MusicModel): MediaAsset {
  return { id: `mu_${m.id}`, kind: 'mp3', size: m.size };
}

export function musicCoverAsset(m: MusicModel, px: number, scale: number): MediaAsset {
  const id = `mc_${m.coverKey}_${px}`;
  return { id, kind: 'jpeg', size: sizeFor(id, px * 8, px * 24, scale) };
}

export function avatarAsset(u: UserModel, px: number, scale: number, kind: 'jpeg' | 'webp' = 'jpeg'): MediaAsset {
  const id = `av_${u.uid}_${px}`;
  return { id, kind, size: sizeFor(id, px * 10, px * 30, scale) };
}

export function userCoverAsset(u: UserModel, scale: number): MediaAsset {
  const id = `uc_${u.uid}`;
  return { id, kind: 'jpeg', size: sizeFor(id, 20_000, 60_000, scale) };
}

export function roomCoverAsset(r: LiveRoomModel, scale: number): MediaAsset {
  const id = `rc_${r.coverKey}`;
  return { id, kind: 'webp', size: sizeFor(id, 10_000, 40_000, scale) };
}

export function coverByKey(prefix: 'mx' | 'cf', key: string, scale: number): MediaAsset {
  const id = `${prefix}_${key}`;
  return { id, kind: 'jpeg', size: sizeFor(id, 8_000, 30_000, scale) };
}
