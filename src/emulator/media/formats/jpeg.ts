import type { AssetLayout } from '../asset-layout.js';
import { TILE_TARGET_BYTES } from '../asset-layout.js';
import { randomBlock, writeIndexStamp } from '../random-block.js';

const WIDTH = 720;
const HEIGHT = 960;

function segment(marker: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h[0] = 0xff;
  h[1] = marker;
  h.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([h, payload]);
}

function jfifApp0(): Buffer {
  const p = Buffer.alloc(14);
  p.write('JFIF\0', 0, 'latin1');
  p[5] = 1; // version 1.01
  p[6] = 1;
  p[7] = 1; // density in dots per inch
  p.writeUInt16BE(72, 8);
  p.writeUInt16BE(72, 10);
  return segment(0xe0, p);
}

function quantTable(): Buffer {
  const p = Buffer.alloc(65, 1);
  p[0] = 0x00; // 8-bit precision, table 0
  return segment(0xdb, p);
}

function baselineFrame(): Buffer {
  const p = Buffer.from([8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0]);
  p.writeUInt16BE(HEIGHT, 1);
  p.writeUInt16BE(WIDTH, 3);
  return segment(0xc0, p);
}

function startOfScan(): Buffer {
  return segment(0xda, Buffer.from([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]));
}

function jpegHead(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8]), jfifApp0(), quantTable(), baselineFrame(), startOfScan()]);
}

/** Headers + EOI, no entropy-coded data. */
export const JPEG_MIN_SIZE = jpegHead().length + 2;

/**
 * Baseline JFIF: SOI, APP0 "JFIF", DQT, SOF0 (720×960, 3 components), SOS, entropy-coded filler
 * (no 0xFF byte, so no marker appears inside it), EOI. Sniffers and size probes read it; a
 * decoder finds no Huffman tables.
 */
export function jpegLayout(seedLabel: string, size: number): AssetLayout {
  const head = jpegHead();
  const tile = randomBlock(seedLabel, TILE_TARGET_BYTES);
  for (let i = 0; i < tile.length; i++) if (tile[i] === 0xff) tile[i] = 0xfe;
  return {
    size,
    head,
    tail: Buffer.from([0xff, 0xd9]),
    tile,
    stamp: (view, index) => writeIndexStamp(view, 0, index),
  };
}
