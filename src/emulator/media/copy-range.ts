import type { AssetLayout } from './asset-layout.js';

/** Per-layout copy of the most recently stamped tile, for reads that cover part of a tile. */
const scratchTiles = new WeakMap<AssetLayout, { index: number; bytes: Buffer }>();

function stampedTile(layout: AssetLayout, index: number): Buffer {
  let scratch = scratchTiles.get(layout);
  if (!scratch) {
    scratch = { index: -1, bytes: Buffer.allocUnsafe(layout.tile.length) };
    scratchTiles.set(layout, scratch);
  }
  if (scratch.index !== index) {
    layout.tile.copy(scratch.bytes, 0);
    layout.stamp(scratch.bytes, index);
    scratch.index = index;
  }
  return scratch.bytes;
}

/**
 * Copies asset bytes `[start, start + length)` into `target` at `targetOffset`. Whole tiles are
 * copied and stamped in place; a partly covered tile goes through a cached scratch copy.
 */
export function copyRange(layout: AssetLayout, start: number, target: Buffer, targetOffset: number, length: number): void {
  const end = start + length;
  const { head, tail, tile } = layout;
  const bodyStart = head.length;
  const bodyEnd = layout.size - tail.length;

  if (start < bodyStart) head.copy(target, targetOffset, start, Math.min(end, bodyStart));

  const from = Math.max(start, bodyStart);
  const to = Math.min(end, bodyEnd);
  if (from < to) {
    const tileBytes = tile.length;
    let q = from - bodyStart;
    const qEnd = to - bodyStart;
    let index = Math.floor(q / tileBytes);
    while (q < qEnd) {
      const inTile = q - index * tileBytes;
      const n = Math.min(tileBytes - inTile, qEnd - q);
      const at = targetOffset + (bodyStart + q - start);
      if (n === tileBytes) {
        tile.copy(target, at);
        layout.stamp(target.subarray(at, at + tileBytes), index);
      } else {
        stampedTile(layout, index).copy(target, at, inTile, inTile + n);
      }
      q += n;
      index++;
    }
  }

  if (end > bodyEnd) {
    const s = Math.max(start, bodyEnd);
    tail.copy(target, targetOffset + (s - start), s - bodyEnd, end - bodyEnd);
  }
}

/** Where a chunk starting at `pos` should end so that body chunks cover whole tiles. */
export function alignedChunkEnd(layout: AssetLayout, pos: number, limit: number, chunkBytes: number): number {
  const wanted = Math.min(limit, pos + chunkBytes);
  const bodyStart = layout.head.length;
  const bodyEnd = layout.size - layout.tail.length;
  if (wanted <= bodyStart || wanted >= bodyEnd) return wanted;
  const aligned = bodyStart + Math.floor((wanted - bodyStart) / layout.tile.length) * layout.tile.length;
  return aligned > pos ? aligned : wanted;
}
