import { DecodeError } from '../../errors.js';
import type { SegmentLimits } from './flv-segmenter.js';
import type { SegmentSink } from './segment-sink.js';

export const TS_PACKET_BYTES = 188;
const TS_SYNC = 0x47;

/**
 * Checks that an HLS media segment is MPEG-TS: whole 188-byte packets, each starting with the
 * 0x47 sync byte. fMP4 (CMAF) segments are refused outright: they cannot go into a `.ts`.
 * @throws {DecodeError}
 */
export function checkTsSegment(bytes: Buffer): void {
  const box = bytes.toString('latin1', 4, 8);
  if (box === 'ftyp' || box === 'styp' || box === 'moof' || box === 'sidx') {
    throw new DecodeError('hls-fmp4', 'The HLS stream uses fMP4 segments, which a .ts file cannot hold', bytes.subarray(0, 64), {
      hint: 'Record this room over HTTP-FLV (protocol "flv").',
    });
  }
  if (bytes.length === 0 || bytes.length % TS_PACKET_BYTES !== 0) {
    throw new DecodeError('hls-segment', `An HLS segment of ${bytes.length} bytes is not a whole number of 188-byte TS packets`, bytes.subarray(0, 64));
  }
  for (let at = 0; at < bytes.length; at += TS_PACKET_BYTES) {
    if (bytes[at] !== TS_SYNC) throw new DecodeError('hls-segment', `No TS sync byte at ${at} of an HLS segment`, bytes.subarray(at, at + 64));
  }
}

/**
 * HLS into `.ts` files: segments appended in order, files cut only between segments (each HLS
 * segment starts with its own PAT/PMT, so every file plays on its own). A discontinuity or a
 * restarted media sequence also starts a new file.
 */
export class TsSegmenter {
  readonly #sink: SegmentSink;
  readonly #limits: SegmentLimits;
  #forceCut = false;
  /** Bytes of segments written. */
  mediaBytes = 0;
  segments = 0;

  constructor(sink: SegmentSink, limits: SegmentLimits) {
    this.#sink = sink;
    this.#limits = limits;
  }

  /** The next segment starts a new file. */
  cutBeforeNext(): void {
    this.#forceCut = true;
  }

  async write(bytes: Buffer, durationMs: number, discontinuity: boolean): Promise<void> {
    const { maxDurationMs, maxBytes } = this.#limits;
    const due =
      !this.#sink.isOpen ||
      this.#forceCut ||
      discontinuity ||
      (maxDurationMs !== undefined && this.#sink.durationMs >= maxDurationMs) ||
      (maxBytes !== undefined && this.#sink.bytes > 0 && this.#sink.bytes + bytes.length > maxBytes);
    if (due) {
      this.#forceCut = false;
      await this.#sink.open(bytes);
    } else {
      await this.#sink.write(bytes);
    }
    this.#sink.durationMs += durationMs;
    this.mediaBytes += bytes.length;
    this.segments++;
  }

  async finish(): Promise<void> {
    await this.#sink.close();
  }
}
