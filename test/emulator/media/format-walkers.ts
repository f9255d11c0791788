/**
 * Independent readers of each container, used to check that generated assets are structurally
 * valid: every length field must chain exactly to the end of the file.
 */

export interface Box {
  type: string;
  offset: number;
  size: number;
}

/** Top-level ISO BMFF boxes, reading only box headers through `read`. */
export function walkMp4(size: number, read: (start: number, end: number) => Buffer): Box[] {
  const boxes: Box[] = [];
  let at = 0;
  while (at < size) {
    const h = read(at, Math.min(size, at + 16));
    let boxSize = h.readUInt32BE(0);
    if (boxSize === 1) boxSize = Number(h.readBigUInt64BE(8));
    if (boxSize < 8) throw new Error(`bad box size ${boxSize} at ${at}`);
    boxes.push({ type: h.toString('latin1', 4, 8), offset: at, size: boxSize });
    at += boxSize;
  }
  if (at !== size) throw new Error(`boxes end at ${at}, file at ${size}`);
  return boxes;
}

export interface RiffChunk {
  fourcc: string;
  offset: number;
  size: number;
  children?: RiffChunk[];
}

function walkChunks(bytes: Buffer, from: number, to: number, nested: boolean): RiffChunk[] {
  const chunks: RiffChunk[] = [];
  let at = from;
  while (at < to) {
    const fourcc = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    const chunk: RiffChunk = { fourcc, offset: at, size };
    // ANMF: 16 bytes of frame header, then its own chunks.
    if (nested && fourcc === 'ANMF') chunk.children = walkChunks(bytes, at + 8 + 16, at + 8 + size, false);
    chunks.push(chunk);
    at += 8 + size + (size % 2);
  }
  // An odd-sized file may lack the very last pad byte.
  if (at !== to && at !== to + 1) throw new Error(`chunks end at ${at}, expected ${to}`);
  return chunks;
}

export function walkWebp(bytes: Buffer): RiffChunk[] {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') throw new Error('not RIFF/WEBP');
  if (bytes.readUInt32LE(4) !== bytes.length - 8) throw new Error('RIFF size does not match the file');
  return walkChunks(bytes, 12, bytes.length, true);
}

/** JPEG markers up to SOS; checks the entropy-coded data has no marker and the file ends with EOI. */
export function walkJpeg(bytes: Buffer): number[] {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('no SOI');
  const markers: number[] = [];
  let at = 2;
  for (;;) {
    if (bytes[at] !== 0xff) throw new Error(`expected a marker at ${at}`);
    const marker = bytes[at + 1]!;
    markers.push(marker);
    const length = bytes.readUInt16BE(at + 2);
    at += 2 + length;
    if (marker === 0xda) break;
  }
  const entropyEnd = bytes.length - 2;
  for (let i = at; i < entropyEnd; i++) if (bytes[i] === 0xff) throw new Error(`0xFF inside entropy data at ${i}`);
  if (bytes[entropyEnd] !== 0xff || bytes[entropyEnd + 1] !== 0xd9) throw new Error('no EOI');
  return markers;
}

/** Returns the number of whole MPEG audio frames after the ID3v2 tag. */
export function walkMp3(bytes: Buffer, frameBytes: number): number {
  if (bytes.toString('latin1', 0, 3) !== 'ID3') throw new Error('no ID3v2 tag');
  const s = bytes.subarray(6, 10);
  const tagSize = (s[0]! << 21) | (s[1]! << 14) | (s[2]! << 7) | s[3]!;
  let at = 10 + tagSize;
  let frames = 0;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff || bytes[at + 1] !== 0xfb) throw new Error(`no frame sync at ${at}`);
    if (at + frameBytes <= bytes.length) frames++;
    at += frameBytes;
  }
  return frames;
}

export interface FlvTag {
  type: number;
  offset: number;
  dataSize: number;
  timestampMs: number;
}

/** FLV header, then tags chained by PreviousTagSize to the end. */
export function walkFlv(bytes: Buffer, requireExactEnd = true): FlvTag[] {
  if (bytes.toString('latin1', 0, 3) !== 'FLV' || bytes[3] !== 1) throw new Error('no FLV header');
  const headerSize = bytes.readUInt32BE(5);
  if (bytes.readUInt32BE(headerSize) !== 0) throw new Error('PreviousTagSize0 is not 0');
  const tags: FlvTag[] = [];
  let at = headerSize + 4;
  while (at + 11 <= bytes.length) {
    const dataSize = bytes.readUIntBE(at + 1, 3);
    const end = at + 11 + dataSize + 4;
    if (end > bytes.length) break;
    const timestampMs = bytes.readUIntBE(at + 4, 3) + bytes[at + 7]! * 0x1000000;
    if (bytes.readUInt32BE(end - 4) !== 11 + dataSize) throw new Error(`PreviousTagSize mismatch after tag at ${at}`);
    tags.push({ type: bytes[at]!, offset: at, dataSize, timestampMs });
    at = end;
  }
  if (requireExactEnd && at !== bytes.length) throw new Error(`tags end at ${at}, file at ${bytes.length}`);
  return tags;
}

/** Checks sync bytes and per-PID continuity counters; returns packets per PID. */
export function walkTs(bytes: Buffer): Map<number, number> {
  const counts = new Map<number, number>();
  const last = new Map<number, number>();
  for (let at = 0; at + 188 <= bytes.length; at += 188) {
    if (bytes[at] !== 0x47) throw new Error(`no sync byte at ${at}`);
    const pid = ((bytes[at + 1]! & 0x1f) << 8) | bytes[at + 2]!;
    const cc = bytes[at + 3]! & 0x0f;
    const previous = last.get(pid);
    if (previous !== undefined && cc !== ((previous + 1) & 0x0f)) throw new Error(`continuity break on PID ${pid} at ${at}`);
    last.set(pid, cc);
    counts.set(pid, (counts.get(pid) ?? 0) + 1);
  }
  return counts;
}
