/** MPEG-2 transport stream pieces (ISO/IEC 13818-1): 188-byte packets, PAT, PMT, PES headers. */

export const TS_PACKET_BYTES = 188;
export const TS_PAYLOAD_BYTES = 184;
export const PMT_PID = 0x1000;
export const VIDEO_PID = 0x100;
/** 90 kHz clock ticks per millisecond. */
export const PTS_PER_MS = 90;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c >>> 0;
  }
  return table;
})();

/** CRC-32/MPEG-2 (poly 0x04C11DB7, init 0xFFFFFFFF, no reflection, no final xor). */
export function crc32Mpeg2(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}

/** Writes a 4-byte TS header at `offset`: sync byte, PUSI, 13-bit PID, payload only, counter. */
export function writeTsHeader(target: Buffer, offset: number, pid: number, counter: number, unitStart: boolean): void {
  target[offset] = 0x47;
  target[offset + 1] = (unitStart ? 0x40 : 0) | ((pid >>> 8) & 0x1f);
  target[offset + 2] = pid & 0xff;
  target[offset + 3] = 0x10 | (counter & 0x0f);
}

/** One packet whose payload is `payload` (≤ 184 bytes), padded with an adaptation field. */
export function tsPacket(pid: number, counter: number, unitStart: boolean, payload: Buffer): Buffer {
  const packet = Buffer.alloc(TS_PACKET_BYTES, 0xff);
  writeTsHeader(packet, 0, pid, counter, unitStart);
  const stuffing = TS_PAYLOAD_BYTES - payload.length;
  if (stuffing > 0) {
    packet[3] = 0x30 | (counter & 0x0f); // adaptation field + payload
    packet[4] = stuffing - 1;
    if (stuffing > 1) packet[5] = 0x00;
  }
  payload.copy(packet, 4 + stuffing);
  return packet;
}

function psiPacket(pid: number, section: Buffer): Buffer {
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32Mpeg2(section), 0);
  const payload = Buffer.alloc(TS_PAYLOAD_BYTES, 0xff);
  payload[0] = 0; // pointer_field
  Buffer.concat([section, crc]).copy(payload, 1);
  return tsPacket(pid, 0, true, payload);
}

/** Program association table: program 1 → PMT on `PMT_PID`. */
export function patPacket(): Buffer {
  const section = Buffer.from([0x00, 0xb0, 13, 0x00, 0x01, 0xc1, 0x00, 0x00, 0x00, 0x01, 0xe0, 0x00]);
  section.writeUInt16BE(0xe000 | PMT_PID, 10);
  return psiPacket(0, section);
}

/** Program map table: one H.264 stream (type 0x1B) on `VIDEO_PID`, which also carries the PCR. */
export function pmtPacket(): Buffer {
  const section = Buffer.from([0x02, 0xb0, 18, 0x00, 0x01, 0xc1, 0x00, 0x00, 0, 0, 0xf0, 0x00, 0x1b, 0, 0, 0xf0, 0x00]);
  section.writeUInt16BE(0xe000 | VIDEO_PID, 8);
  section.writeUInt16BE(0xe000 | VIDEO_PID, 13);
  return psiPacket(PMT_PID, section);
}

export const PES_HEADER_BYTES = 14;

/** Video PES header with a PTS and unbounded length (allowed for video in TS). */
export function writePesHeader(target: Buffer, offset: number, pts: number): void {
  target.set([0x00, 0x00, 0x01, 0xe0, 0x00, 0x00, 0x80, 0x80, 0x05], offset);
  writePts(target, offset + 9, pts);
}

/** The 5-byte PTS field with prefix `0010` and marker bits; `pts` is taken modulo 2^33. */
export function writePts(target: Buffer, offset: number, pts: number): void {
  const v = pts % 2 ** 33;
  const high = Math.floor(v / 2 ** 30); // bits 32..30
  const low = v % 2 ** 30;
  target[offset] = 0x21 | (high << 1);
  target[offset + 1] = (low >>> 22) & 0xff;
  target[offset + 2] = ((low >>> 14) & 0xfe) | 1;
  target[offset + 3] = (low >>> 7) & 0xff;
  target[offset + 4] = ((low << 1) & 0xfe) | 1;
}
