import type { AssetLayout } from '../asset-layout.js';
import { TILE_TARGET_BYTES } from '../asset-layout.js';
import { randomBlock, writeIndexStamp } from '../random-block.js';

/** MPEG-1 Layer III, no CRC, 128 kbit/s, 44.1 kHz, joint stereo, original: `FF FB 90 44`. */
const FRAME_HEADER = Buffer.from([0xff, 0xfb, 0x90, 0x44]);
/** floor(144 × 128000 / 44100), no padding bit. */
export const MP3_FRAME_BYTES = 417;
const FRAMES_PER_TILE = Math.floor(TILE_TARGET_BYTES / MP3_FRAME_BYTES);

function syncsafe(value: number): Buffer {
  return Buffer.from([(value >>> 21) & 0x7f, (value >>> 14) & 0x7f, (value >>> 7) & 0x7f, value & 0x7f]);
}

/** ID3v2.3 tag holding a TIT2 title frame, padded to 128 bytes. */
function id3Tag(title: string): Buffer {
  const text = Buffer.from(title.replace(/[^\x20-\x7e]/g, '?').slice(0, 80), 'latin1');
  const frame = Buffer.alloc(10 + 1 + text.length);
  frame.write('TIT2', 0, 'latin1');
  frame.writeUInt32BE(1 + text.length, 4);
  text.copy(frame, 11); // encoding byte 0 = ISO-8859-1
  const body = Buffer.alloc(118);
  frame.copy(body, 0);
  return Buffer.concat([Buffer.from('ID3\x03\x00\x00', 'latin1'), syncsafe(body.length), body]);
}

/** The ID3 tag + one frame header. */
export const MP3_MIN_SIZE = 128 + FRAME_HEADER.length;

/**
 * ID3v2.3 tag, then back-to-back 417-byte MPEG audio frames (`FF FB 90 44` + filler). When the
 * size is not a whole number of frames the last frame is cut short, as in many real files.
 */
export function mp3Layout(seedLabel: string, size: number, title: string): AssetLayout {
  const tile = randomBlock(seedLabel, FRAMES_PER_TILE * MP3_FRAME_BYTES);
  for (let f = 0; f < FRAMES_PER_TILE; f++) FRAME_HEADER.copy(tile, f * MP3_FRAME_BYTES);
  return {
    size,
    head: id3Tag(title),
    tail: Buffer.alloc(0),
    tile,
    stamp: (view, index) => writeIndexStamp(view, FRAME_HEADER.length, index),
  };
}
