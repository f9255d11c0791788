import { InvalidInputError } from '../../errors.js';
import type { MediaAsset } from './media-asset.js';
import { layoutFor } from './layout-cache.js';
import { copyRange } from './copy-range.js';

/** Asset bytes `[start, end)`: the same bytes the HTTP body carries at those offsets. */
export function readAsset(asset: MediaAsset, start: number, end: number): Buffer {
  const layout = layoutFor(asset);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > layout.size) {
    throw new InvalidInputError(`range [${start}, ${end}) is outside asset ${asset.id} of ${layout.size} bytes`);
  }
  if (end - start > 0x7fffffff) throw new InvalidInputError('readAsset reads at most 2 GiB at a time');
  const out = Buffer.allocUnsafe(end - start);
  copyRange(layout, start, out, 0, end - start);
  return out;
}
