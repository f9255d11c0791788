import { DecodeError } from '../../errors.js';

/**
 * Incremental HTTP-FLV parsing (Adobe FLV spec v10.1, plus the "enhanced RTMP" ex-headers): the
 * file header, then tags of 11-byte header + data + 4-byte PreviousTagSize. The reader only ever
 * hands out whole tags, so whatever is written from them ends on a tag boundary.
 */

export const FLV_AUDIO = 8;
export const FLV_VIDEO = 9;
export const FLV_SCRIPT = 18;
const TAG_HEADER_BYTES = 11;
const PREVIOUS_TAG_SIZE_BYTES = 4;
/** A DataOffset beyond this is not a real FLV header but noise that happens to start with "FLV". */
const MAX_HEADER_BYTES = 1024;

export interface FlvTag {
  type: number;
  /** Timestamp in ms (24 bits plus the extension byte). */
  timestampMs: number;
  dataSize: number;
  /** The whole tag as received: header, data and the trailing PreviousTagSize. */
  bytes: Buffer;
}

/** The tag's data (between the 11-byte header and the PreviousTagSize). */
export function tagData(tag: FlvTag): Buffer {
  return tag.bytes.subarray(TAG_HEADER_BYTES, TAG_HEADER_BYTES + tag.dataSize);
}

export type FlvConfigKind = 'metadata' | 'video' | 'audio';

const ON_METADATA = Buffer.from('\x02\x00\x0aonMetaData', 'latin1');
const SET_DATA_FRAME = Buffer.from('\x02\x00\x0d@setDataFrame', 'latin1');

/**
 * Which codec configuration a tag carries, or null for media: `onMetaData` (also behind
 * `@setDataFrame`), the video sequence header (AVC/HEVC `AVCPacketType` 0, or the enhanced
 * `SequenceStart`) and the audio one (AAC `AACPacketType` 0, or enhanced `SequenceStart`).
 */
export function configKind(tag: FlvTag): FlvConfigKind | null {
  const data = tagData(tag);
  if (tag.type === FLV_SCRIPT) {
    const name = data.subarray(0, ON_METADATA.length);
    if (name.equals(ON_METADATA)) return 'metadata';
    if (data.subarray(0, SET_DATA_FRAME.length).equals(SET_DATA_FRAME)) return 'metadata';
    return null;
  }
  if (data.length < 2) return null;
  const first = data[0]!;
  if (tag.type === FLV_VIDEO) {
    if (first & 0x80) return (first & 0x0f) === 0 ? 'video' : null; // ExVideoTagHeader: PacketType 0 = SequenceStart
    const codec = first & 0x0f;
    return (codec === 7 || codec === 12 || codec === 13) && data[1] === 0 ? 'video' : null;
  }
  if (tag.type === FLV_AUDIO) {
    const format = first >> 4;
    if (format === 9) return (first & 0x0f) === 0 ? 'audio' : null; // ExAudioTagHeader: SequenceStart
    return format === 10 && data[1] === 0 ? 'audio' : null;
  }
  return null;
}

/** A video tag whose frame type is 1 (key frame), sequence headers excluded. */
export function isVideoKeyframe(tag: FlvTag): boolean {
  if (tag.type !== FLV_VIDEO || tag.dataSize < 1) return false;
  return ((tagData(tag)[0]! >> 4) & 0x07) === 1 && configKind(tag) === null;
}

/** Same codec configuration: equal data (timestamps may differ between connections). */
export function sameTagData(a: FlvTag | undefined, b: FlvTag | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return tagData(a).equals(tagData(b));
}

/**
 * Feeds on the chunks of one HTTP-FLV response. `push` returns the tags completed by a chunk;
 * a partial tag stays pending until its last byte arrives (and is dropped with the reader when
 * the connection ends). Throws `DecodeError` on anything that is not FLV or breaks the chain.
 */
export class FlvTagReader {
  /** FLV header and PreviousTagSize0 as received, once complete. */
  header: Buffer | null = null;
  #chunks: Buffer[] = [];
  #pending = 0;
  #consumed = 0;

  /** Bytes received but not yet part of a complete header or tag. */
  get pendingBytes(): number {
    return this.#pending;
  }

  /** Bytes handed out as header or tags so far. */
  get consumedBytes(): number {
    return this.#consumed;
  }

  push(chunk: Buffer): FlvTag[] {
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#pending += chunk.length;
    }
    const tags: FlvTag[] = [];
    if (this.header === null && !this.#readHeader()) return tags;
    for (;;) {
      if (this.#pending < TAG_HEADER_BYTES) return tags;
      const head = this.#peek(TAG_HEADER_BYTES);
      const type = head[0]! & 0x1f;
      if (type !== FLV_AUDIO && type !== FLV_VIDEO && type !== FLV_SCRIPT) {
        throw new DecodeError('flv-tag', `FLV tag type ${type} at byte ${this.#consumed} is not audio, video or script: the stream lost sync`, head);
      }
      const dataSize = head.readUIntBE(1, 3);
      const total = TAG_HEADER_BYTES + dataSize + PREVIOUS_TAG_SIZE_BYTES;
      if (this.#pending < total) return tags;
      const bytes = this.#take(total);
      const previous = bytes.readUInt32BE(total - PREVIOUS_TAG_SIZE_BYTES);
      if (previous !== TAG_HEADER_BYTES + dataSize) {
        throw new DecodeError('flv-tag', `FLV PreviousTagSize ${previous} after a ${dataSize}-byte tag at byte ${this.#consumed - total}: the stream lost sync`, bytes.subarray(0, 64));
      }
      const timestampMs = (head.readUIntBE(4, 3) | (head[7]! << 24)) >>> 0;
      tags.push({ type, timestampMs, dataSize, bytes });
    }
  }

  #readHeader(): boolean {
    if (this.#pending < 9) {
      this.#checkSignature();
      return false;
    }
    this.#checkSignature();
    const dataOffset = this.#peek(9).readUInt32BE(5);
    if (dataOffset < 9 || dataOffset > MAX_HEADER_BYTES) {
      throw new DecodeError('flv-header', `FLV header announces ${dataOffset} bytes`, this.#peek(9));
    }
    if (this.#pending < dataOffset + PREVIOUS_TAG_SIZE_BYTES) return false;
    this.header = this.#take(dataOffset + PREVIOUS_TAG_SIZE_BYTES);
    return true;
  }

  #checkSignature(): void {
    const start = this.#peek(Math.min(3, this.#pending));
    if (!Buffer.from('FLV', 'latin1').subarray(0, start.length).equals(start)) {
      throw new DecodeError('flv-header', 'The response is not HTTP-FLV (no "FLV" signature)', this.#peek(Math.min(64, this.#pending)), {
        hint: 'An HLS URL or an error page was given as an FLV stream; pick protocol "hls" for .m3u8 URLs.',
      });
    }
  }

  /** The first `n` pending bytes (joined into one chunk if they span several). */
  #peek(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    let first = this.#chunks[0]!;
    if (first.length < n) {
      first = Buffer.concat(this.#chunks);
      this.#chunks = [first];
    }
    return first.subarray(0, n);
  }

  #take(n: number): Buffer {
    const first = this.#peek(n);
    const out = Buffer.from(first); // a copy: the tag outlives the network chunk
    const head = this.#chunks[0]!;
    if (head.length === n) this.#chunks.shift();
    else this.#chunks[0] = head.subarray(n);
    this.#pending -= n;
    this.#consumed += n;
    return out;
  }
}
