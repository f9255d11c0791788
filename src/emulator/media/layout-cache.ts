import type { AssetLayout } from './asset-layout.js';
import type { MediaAsset } from './media-asset.js';
import { assetKey, mediaContentType, validateAsset } from './media-asset.js';
import { FLV_MIN_SIZE, flvLayout } from './formats/flv.js';
import { JPEG_MIN_SIZE, jpegLayout } from './formats/jpeg.js';
import { MP3_MIN_SIZE, mp3Layout } from './formats/mp3.js';
import { MP4_MIN_SIZE, mp4Layout } from './formats/mp4.js';
import { TS_MIN_SIZE, tsLayout } from './formats/ts.js';
import { ANIMATED_WEBP_MIN_SIZE, WEBP_MIN_SIZE, animatedWebpLayout, webpLayout } from './formats/webp.js';
import { copyRange } from './copy-range.js';

const MAX_CACHED = 64;
const cache = new Map<string, AssetLayout>();

function buildStructured(asset: MediaAsset, key: string, size: number): AssetLayout {
  switch (asset.kind) {
    case 'mp4':
      return mp4Layout(key, size);
    case 'webp':
      return asset.animated === true ? animatedWebpLayout(key, size) : webpLayout(key, size);
    case 'jpeg':
      return jpegLayout(key, size);
    case 'mp3':
      return mp3Layout(key, size, `douyin-kit emulator ${asset.id}`);
    case 'flv':
      return flvLayout(key, size);
    case 'ts':
      return tsLayout(key, size);
  }
}

const MINIMUM_SIZES: Record<MediaAsset['kind'], number> = {
  mp4: MP4_MIN_SIZE,
  webp: WEBP_MIN_SIZE,
  jpeg: JPEG_MIN_SIZE,
  mp3: MP3_MIN_SIZE,
  flv: FLV_MIN_SIZE,
  ts: TS_MIN_SIZE,
};

/**
 * The smallest size at which an asset is a complete container (a few dozen to a few hundred
 * bytes). A smaller asset is the first `size` bytes of the one at this size: magic bytes
 * intact, structure cut short.
 */
export function minimumAssetSize(asset: Pick<MediaAsset, 'kind' | 'animated'>): number {
  mediaContentType(asset.kind);
  return asset.kind === 'webp' && asset.animated === true ? ANIMATED_WEBP_MIN_SIZE : MINIMUM_SIZES[asset.kind];
}

function build(asset: MediaAsset, key: string): AssetLayout {
  const minimum = minimumAssetSize(asset);
  if (asset.size >= minimum) return buildStructured(asset, key, asset.size);
  const full = buildStructured(asset, assetKey({ ...asset, size: minimum }), minimum);
  const head = Buffer.allocUnsafe(asset.size);
  copyRange(full, 0, head, 0, asset.size);
  return { size: asset.size, head, tail: Buffer.alloc(0), tile: Buffer.alloc(1), stamp: () => {} };
}

/** The layout of an asset, from a small LRU cache (building one costs about a millisecond). */
export function layoutFor(asset: MediaAsset): AssetLayout {
  validateAsset(asset);
  const key = assetKey(asset);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const layout = build(asset, key);
  cache.set(key, layout);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return layout;
}
