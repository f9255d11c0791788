import type { AssetLayout } from '../asset-layout.js';
import { randomBlock, writeIndexStamp } from '../random-block.js';
import {
  PES_HEADER_BYTES,
  PTS_PER_MS,
  TS_PACKET_BYTES,
  VIDEO_PID,
  patPacket,
  pmtPacket,
  writePesHeader,
  writePts,
  writeTsHeader,
} from './ts-packets.js';

/** 22 × 16 packets: a whole number of continuity-counter cycles, about 64 KiB. */
const PACKETS_PER_TILE = 22 * 16;
const TILE_BYTES = PACKETS_PER_TILE * TS_PACKET_BYTES;
const NOMINAL_BYTES_PER_MS = 250;

/** PAT + PMT. */
export const TS_MIN_SIZE = 2 * TS_PACKET_BYTES;

/**
 * Transport stream: PAT, PMT, then video packets on PID 0x100 with a continuous continuity
 * counter. Each tile opens a PES (PUSI, PTS advancing at a nominal 2 Mbit/s). Every 188th byte
 * is 0x47; a size that is not a multiple of 188 cuts the last packet short.
 */
export function tsLayout(seedLabel: string, size: number): AssetLayout {
  const tile = randomBlock(seedLabel, TILE_BYTES);
  for (let p = 0; p < PACKETS_PER_TILE; p++) writeTsHeader(tile, p * TS_PACKET_BYTES, VIDEO_PID, p, p === 0);
  writePesHeader(tile, 4, 0);
  const ptsPerTile = (TILE_BYTES / NOMINAL_BYTES_PER_MS) * PTS_PER_MS;
  return {
    size,
    head: Buffer.concat([patPacket(), pmtPacket()]),
    tail: Buffer.alloc(0),
    tile,
    stamp: (view, index) => {
      writePts(view, 4 + 9, Math.floor(index * ptsPerTile));
      writeIndexStamp(view, 4 + PES_HEADER_BYTES, index);
    },
  };
}
