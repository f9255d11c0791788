/**
 * How an asset's bytes are laid out: a format header (`head`), a body that repeats one
 * pseudo-random `tile` (each copy varied by `stamp`), and a format trailer (`tail`).
 * Generating any range is then a few memcpys, which is what lets the emulator serve gigabytes
 * at loopback speed without holding them.
 */
export interface AssetLayout {
  readonly size: number;
  /** Bytes `[0, head.length)`. */
  readonly head: Buffer;
  /** Bytes `[size - tail.length, size)`. */
  readonly tail: Buffer;
  /** The body `[head.length, size - tail.length)` repeats this, aligned at the body start. */
  readonly tile: Buffer;
  /** Applies the variation of copy number `tileIndex` to `view` (a full-length copy of `tile`). */
  stamp(view: Buffer, tileIndex: number): void;
}

export const TILE_TARGET_BYTES = 64 * 1024;
