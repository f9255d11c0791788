import type { AssetLayout } from '../asset-layout.js';
import { TILE_TARGET_BYTES } from '../asset-layout.js';
import { randomBlock, writeIndexStamp } from '../random-block.js';

/** Nominal bitrate used to give the movie a plausible duration. */
const NOMINAL_BYTES_PER_SECOND = 250_000;

function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

function ftyp(): Buffer {
  const payload = Buffer.alloc(24);
  payload.write('isom', 0, 'latin1');
  payload.writeUInt32BE(0x200, 4);
  ['isom', 'iso2', 'avc1', 'mp41'].forEach((brand, i) => payload.write(brand, 8 + i * 4, 'latin1'));
  return box('ftyp', payload);
}

/** Movie header, version 0 (ISO/IEC 14496-12 §8.2.2): 100 bytes of payload. */
function mvhd(durationMs: number): Buffer {
  const p = Buffer.alloc(100);
  // version+flags, creation_time, modification_time stay 0
  p.writeUInt32BE(1000, 12); // timescale
  p.writeUInt32BE(Math.min(durationMs, 0xffffffff), 16);
  p.writeUInt32BE(0x00010000, 20); // rate 1.0
  p.writeUInt16BE(0x0100, 24); // volume 1.0
  const matrix = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];
  matrix.forEach((v, i) => p.writeUInt32BE(v, 36 + i * 4));
  p.writeUInt32BE(1, 96); // next_track_ID
  return box('mvhd', p);
}

function mdatHeader(totalBoxSize: number, large: boolean): Buffer {
  if (!large) {
    const h = Buffer.alloc(8);
    h.writeUInt32BE(totalBoxSize, 0);
    h.write('mdat', 4, 'latin1');
    return h;
  }
  const h = Buffer.alloc(16);
  h.writeUInt32BE(1, 0);
  h.write('mdat', 4, 'latin1');
  h.writeBigUInt64BE(BigInt(totalBoxSize), 8);
  return h;
}

/** ftyp + moov + an empty mdat. */
export const MP4_MIN_SIZE = ftyp().length + box('moov', mvhd(0)).length + 8;

/** `ftyp` + `moov{mvhd}` + `mdat` whose payload is the tiled filler (ISO BMFF, moov first). */
export function mp4Layout(seedLabel: string, size: number): AssetLayout {
  const prefix = Buffer.concat([ftyp(), box('moov', mvhd(Math.round((size / NOMINAL_BYTES_PER_SECOND) * 1000)))]);
  const mdatSize = size - prefix.length;
  const head = Buffer.concat([prefix, mdatHeader(mdatSize, mdatSize > 0xffffffff)]);
  return {
    size,
    head,
    tail: Buffer.alloc(0),
    tile: randomBlock(seedLabel, TILE_TARGET_BYTES),
    stamp: (view, index) => writeIndexStamp(view, 0, index),
  };
}
