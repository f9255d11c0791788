import type { AssetLayout } from '../asset-layout.js';
import { TILE_TARGET_BYTES } from '../asset-layout.js';
import { randomBlock, writeIndexStamp } from '../random-block.js';

const WIDTH = 720;
const HEIGHT = 960;
/** Bytes of one ANMF chunk (header included) in an animated WebP; 4 frames make one tile. */
const FRAME_BYTES = TILE_TARGET_BYTES / 4;
const FRAME_DURATION_MS = 100;

function chunkHeader(fourcc: string, payloadSize: number): Buffer {
  const h = Buffer.alloc(8);
  h.write(fourcc, 0, 'latin1');
  h.writeUInt32LE(payloadSize, 4);
  return h;
}

function riffHeader(size: number): Buffer {
  const h = Buffer.alloc(12);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE((size - 8) >>> 0, 4);
  h.write('WEBP', 8, 'latin1');
  return h;
}

/** `VP8 ` chunk header + the 10-byte key-frame header (RFC 6386 §9.1). */
function vp8Start(payloadSize: number): Buffer {
  const b = Buffer.alloc(18);
  chunkHeader('VP8 ', payloadSize).copy(b, 0);
  const firstPartition = Math.min(Math.max(payloadSize - 10, 0), 0x7ffff);
  b.writeUIntLE((firstPartition << 5) | 0x10, 8, 3); // key frame, version 0, shown
  b[11] = 0x9d;
  b[12] = 0x01;
  b[13] = 0x2a;
  b.writeUInt16LE(WIDTH, 14);
  b.writeUInt16LE(HEIGHT, 16);
  return b;
}

/** RIFF header + VP8 chunk header + key-frame header. */
export const WEBP_MIN_SIZE = 12 + 18;
/** The header chunks + one ANMF frame with an empty VP8 payload. */
export const ANIMATED_WEBP_MIN_SIZE = 44 + 42;

/** Lossy still WebP: `RIFF` + `WEBP` + one `VP8 ` chunk. Odd sizes lack the final pad byte. */
export function webpLayout(seedLabel: string, size: number): AssetLayout {
  return {
    size,
    head: Buffer.concat([riffHeader(size), vp8Start(size - 20)]),
    tail: Buffer.alloc(0),
    tile: randomBlock(seedLabel, TILE_TARGET_BYTES),
    stamp: (view, index) => writeIndexStamp(view, 0, index),
  };
}

function anmfFrame(totalBytes: number, filler: Buffer): Buffer {
  const frame = Buffer.alloc(totalBytes);
  chunkHeader('ANMF', totalBytes - 8).copy(frame, 0);
  // X/2 and Y/2 stay 0: every frame covers the canvas.
  frame.writeUIntLE(WIDTH - 1, 14, 3);
  frame.writeUIntLE(HEIGHT - 1, 17, 3);
  frame.writeUIntLE(FRAME_DURATION_MS, 20, 3);
  frame[23] = 0; // alpha-blend, no disposal
  vp8Start(totalBytes - 32).copy(frame, 24);
  filler.copy(frame, 42, 0, Math.max(0, totalBytes - 42));
  return frame;
}

/**
 * Animated WebP: `VP8X` (animation flag) + `ANIM` + a run of `ANMF` frames. Every frame but the
 * last is `FRAME_BYTES` long; the last takes what is left.
 */
export function animatedWebpLayout(seedLabel: string, size: number): AssetLayout {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x02; // animation
  vp8x.writeUIntLE(WIDTH - 1, 4, 3);
  vp8x.writeUIntLE(HEIGHT - 1, 7, 3);
  const anim = Buffer.alloc(6); // background 0x00000000, loop forever
  const head = Buffer.concat([riffHeader(size), chunkHeader('VP8X', 10), vp8x, chunkHeader('ANIM', 6), anim]);

  const filler = randomBlock(seedLabel, TILE_TARGET_BYTES);
  const framesPerTile = TILE_TARGET_BYTES / FRAME_BYTES;
  const frames: Buffer[] = [];
  for (let i = 0; i < framesPerTile; i++) frames.push(anmfFrame(FRAME_BYTES, filler.subarray(i * FRAME_BYTES)));
  const rest = size - head.length;
  const fullFrames = Math.max(0, Math.floor(rest / FRAME_BYTES) - 1);
  const tailBytes = rest - fullFrames * FRAME_BYTES;
  return {
    size,
    head,
    tail: anmfFrame(tailBytes, randomBlock(`${seedLabel}|tail`, tailBytes)),
    tile: Buffer.concat(frames),
    stamp: (view, index) => writeIndexStamp(view, 42, index),
  };
}
