import type { AssetLayout } from '../asset-layout.js';
import { TILE_TARGET_BYTES } from '../asset-layout.js';
import { randomBlock, writeIndexStamp } from '../random-block.js';
import {
  FLV_TAG_AUDIO,
  FLV_TAG_OVERHEAD,
  FLV_TAG_VIDEO,
  MIN_MEDIA_TAG_DATA,
  flvPreamble,
  writeFlvTagFrame,
  writeFlvTimestamp,
  writeMediaTagDataHead,
} from './flv-tags.js';

/** Every body tag is this long (header and PreviousTagSize included); 16 make a tile. */
const TAG_BYTES = 4096;
const TAGS_PER_TILE = TILE_TARGET_BYTES / TAG_BYTES;
const NOMINAL_BYTES_PER_MS = 250;

function preamble(size: number): Buffer {
  return flvPreamble({ duration: size / NOMINAL_BYTES_PER_MS / 1000, width: 720, height: 1280, videocodecid: 7, audiocodecid: 10 });
}

/** Preamble + one media tag with the smallest data. */
export const FLV_MIN_SIZE = preamble(0).length + FLV_TAG_OVERHEAD + MIN_MEDIA_TAG_DATA;

function tagType(index: number): number {
  return index % 4 === 3 ? FLV_TAG_AUDIO : FLV_TAG_VIDEO;
}

function tagTimestamp(globalIndex: number): number {
  return Math.floor((globalIndex * TAG_BYTES) / NOMINAL_BYTES_PER_MS);
}

/**
 * A recorded HTTP-FLV stream: preamble (header, onMetaData, AVC/AAC sequence headers), then
 * 4 KiB tags (three video, one audio) with rising timestamps; the last tag absorbs the
 * remainder so PreviousTagSize chains exactly to the end of the file.
 */
export function flvLayout(seedLabel: string, size: number): AssetLayout {
  const head = preamble(size);
  const tile = randomBlock(seedLabel, TILE_TARGET_BYTES);
  const dataBytes = TAG_BYTES - FLV_TAG_OVERHEAD;
  for (let i = 0; i < TAGS_PER_TILE; i++) {
    writeFlvTagFrame(tile, i * TAG_BYTES, tagType(i), 0, dataBytes);
    writeMediaTagDataHead(tile, i * TAG_BYTES + 11, tagType(i), i === 0, dataBytes);
  }

  const rest = size - head.length;
  const fullTags = Math.max(0, Math.floor(rest / TAG_BYTES) - 1);
  const tailBytes = rest - fullTags * TAG_BYTES;
  const tail = randomBlock(`${seedLabel}|tail`, tailBytes);
  const tailType = tagType(fullTags % TAGS_PER_TILE);
  writeFlvTagFrame(tail, 0, tailType, tagTimestamp(fullTags), tailBytes - FLV_TAG_OVERHEAD);
  writeMediaTagDataHead(tail, 11, tailType, fullTags % TAGS_PER_TILE === 0, tailBytes - FLV_TAG_OVERHEAD);

  return {
    size,
    head,
    tail,
    tile,
    stamp: (view, index) => {
      for (let i = 0; i < TAGS_PER_TILE; i++) writeFlvTimestamp(view, i * TAG_BYTES, tagTimestamp(index * TAGS_PER_TILE + i));
      writeIndexStamp(view, 11 + 10, index);
    },
  };
}
