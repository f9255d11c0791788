import {
  PES_HEADER_BYTES,
  PTS_PER_MS,
  TS_PACKET_BYTES,
  TS_PAYLOAD_BYTES,
  VIDEO_PID,
  patPacket,
  pmtPacket,
  writePesHeader,
  writeTsHeader,
} from '../formats/ts-packets.js';
import { writeIndexStamp } from '../random-block.js';

export interface SegmentFrames {
  sequence: number;
  firstPacket: number;
  endPacket: number;
  /** Bytes of media per live packet (PES header included). */
  frameBytes: number;
  timestampOf: (index: number) => number;
  filler: Buffer;
}

/** TS packets one frame's PES needs. */
export function tsPacketsPerFrame(frameBytes: number): number {
  return Math.ceil(frameBytes / TS_PAYLOAD_BYTES);
}

/**
 * An MPEG-TS segment: PAT, PMT, then one video PES per live packet (PTS = the packet's
 * timestamp on the 90 kHz clock), split into 188-byte packets; the last packet of each PES is
 * padded with an adaptation field. Continuity counters continue across segments.
 */
export function buildTsSegment(frames: SegmentFrames): Buffer {
  const { sequence, firstPacket, endPacket, frameBytes, filler } = frames;
  const perFrame = tsPacketsPerFrame(frameBytes);
  const psi = Buffer.concat([patPacket(), pmtPacket()]);
  psi[3] = 0x10 | (sequence & 0x0f);
  psi[TS_PACKET_BYTES + 3] = 0x10 | (sequence & 0x0f);
  const out = Buffer.alloc(psi.length + (endPacket - firstPacket) * perFrame * TS_PACKET_BYTES, 0xff);
  psi.copy(out, 0);

  const payload = Buffer.allocUnsafe(perFrame * TS_PAYLOAD_BYTES);
  let at = psi.length;
  for (let k = firstPacket; k < endPacket; k++) {
    const fillFrom = (k * 7919) % (filler.length - frameBytes);
    filler.copy(payload, 0, fillFrom, fillFrom + frameBytes);
    writePesHeader(payload, 0, Math.round(frames.timestampOf(k) * PTS_PER_MS));
    writeIndexStamp(payload, PES_HEADER_BYTES, k, 4);
    let counter = k * perFrame;
    for (let sent = 0; sent < frameBytes; sent += TS_PAYLOAD_BYTES, counter++, at += TS_PACKET_BYTES) {
      const n = Math.min(TS_PAYLOAD_BYTES, frameBytes - sent);
      writeTsHeader(out, at, VIDEO_PID, counter, sent === 0);
      const stuffing = TS_PAYLOAD_BYTES - n;
      if (stuffing > 0) {
        out[at + 3] = 0x30 | (counter & 0x0f);
        out[at + 4] = stuffing - 1;
        if (stuffing > 1) out[at + 5] = 0x00;
      }
      payload.copy(out, at + 4 + stuffing, sent, sent + n);
    }
  }
  return out;
}
