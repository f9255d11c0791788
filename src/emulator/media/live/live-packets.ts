import {
  FLV_TAG_AUDIO,
  FLV_TAG_OVERHEAD,
  FLV_TAG_VIDEO,
  MIN_MEDIA_TAG_DATA,
  flvPreamble,
  writeFlvTagFrame,
  writeMediaTagDataHead,
} from '../formats/flv-tags.js';
import { randomBlock, writeIndexStamp } from '../random-block.js';

const AUDIO_DATA_BYTES = 192;
const KEYFRAME_EVERY_MS = 2000;

/**
 * The media of one live stream as a sequence of equal-sized packets. Packet `k` is an FLV video
 * tag followed by an audio tag, both stamped with the packet's timestamp; its bytes are a pure
 * function of (stream id, k, timestamp). Concatenated, packets form the stream's canonical byte
 * stream, which every FLV connection receives a slice of (after its own preamble).
 */
export class LivePacketSource {
  readonly packetBytes: number;
  readonly preamble: Buffer;
  readonly #videoDataBytes: number;
  readonly #filler: Buffer;
  readonly #keyframeEvery: number;

  constructor(id: string, bitrateBps: number, frameMs: number) {
    const wanted = Math.round((bitrateBps * frameMs) / 8000);
    const minimum = 2 * FLV_TAG_OVERHEAD + AUDIO_DATA_BYTES + MIN_MEDIA_TAG_DATA + 8;
    this.packetBytes = Math.max(wanted, minimum);
    this.#videoDataBytes = this.packetBytes - 2 * FLV_TAG_OVERHEAD - AUDIO_DATA_BYTES;
    this.#filler = randomBlock(`live|${id}`, Math.max(64 * 1024, 2 * this.packetBytes));
    this.#keyframeEvery = Math.max(1, Math.round(KEYFRAME_EVERY_MS / frameMs));
    this.preamble = flvPreamble({
      duration: 0,
      width: 720,
      height: 1280,
      framerate: 1000 / frameMs,
      videocodecid: 7,
      audiocodecid: 10,
      videodatarate: (bitrateBps - (AUDIO_DATA_BYTES * 8000) / frameMs) / 1000,
      audiodatarate: (AUDIO_DATA_BYTES * 8) / frameMs,
    });
  }

  /** Writes packet `index` at `offset` of `target` (which must have `packetBytes` of room). */
  writePacket(target: Buffer, offset: number, index: number, timestampMs: number): void {
    const video = this.#videoDataBytes;
    const fillFrom = (index * 7919) % (this.#filler.length - video);
    this.#filler.copy(target, offset + 11, fillFrom, fillFrom + video);
    writeFlvTagFrame(target, offset, FLV_TAG_VIDEO, timestampMs, video);
    writeMediaTagDataHead(target, offset + 11, FLV_TAG_VIDEO, index % this.#keyframeEvery === 0, video);
    writeIndexStamp(target, offset + 11 + MIN_MEDIA_TAG_DATA, index, 4);

    const audioAt = offset + FLV_TAG_OVERHEAD + video;
    this.#filler.copy(target, audioAt + 11, fillFrom, fillFrom + AUDIO_DATA_BYTES);
    writeFlvTagFrame(target, audioAt, FLV_TAG_AUDIO, timestampMs, AUDIO_DATA_BYTES);
    writeMediaTagDataHead(target, audioAt + 11, FLV_TAG_AUDIO, false, AUDIO_DATA_BYTES);
  }

  /** Packets `[from, to)` in one buffer; `timestampOf(k)` gives each packet's timestamp. */
  packets(from: number, to: number, timestampOf: (index: number) => number): Buffer {
    const out = Buffer.allocUnsafe((to - from) * this.packetBytes);
    for (let k = from; k < to; k++) this.writePacket(out, (k - from) * this.packetBytes, k, timestampOf(k));
    return out;
  }

  /** The filler the packets are cut from, for segment payloads. */
  get filler(): Buffer {
    return this.#filler;
  }
}
