import { createHash } from 'node:crypto';
import type { MediaAsset } from './media-asset.js';
import { assetKey } from './media-asset.js';
import { layoutFor } from './layout-cache.js';
import { alignedChunkEnd, copyRange } from './copy-range.js';

const CHUNK_BYTES = 4 * 1024 * 1024;
const digests = new Map<string, string>();

/**
 * SHA-256 (hex) of the whole body, computed by streaming it through a 4 MiB buffer (so 1 GB
 * never sits in memory) and remembered per asset. Synchronous: about a second per GB.
 */
export function assetSha256(asset: MediaAsset): string {
  const layout = layoutFor(asset);
  const key = assetKey(asset);
  const known = digests.get(key);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(layout.size, 1)));
  let pos = 0;
  while (pos < layout.size) {
    const end = alignedChunkEnd(layout, pos, layout.size, buffer.length);
    copyRange(layout, pos, buffer, 0, end - pos);
    hash.update(buffer.subarray(0, end - pos));
    pos = end;
  }
  const digest = hash.digest('hex');
  digests.set(key, digest);
  return digest;
}
