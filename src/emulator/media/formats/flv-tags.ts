/** FLV pieces (Adobe FLV spec v10.1): file header, tags with PreviousTagSize, AMF0 metadata. */

export const FLV_TAG_AUDIO = 8;
export const FLV_TAG_VIDEO = 9;
export const FLV_TAG_SCRIPT = 18;
/** 11-byte tag header + 4-byte PreviousTagSize after the data. */
export const FLV_TAG_OVERHEAD = 15;

/** `FLV` version 1, audio + video, header length 9, then PreviousTagSize0 = 0. */
export function flvFileHeader(): Buffer {
  return Buffer.from([0x46, 0x4c, 0x56, 0x01, 0x05, 0, 0, 0, 9, 0, 0, 0, 0]);
}

/** Writes the 24-bit timestamp and its extension byte of the tag starting at `tagOffset`. */
export function writeFlvTimestamp(target: Buffer, tagOffset: number, timestampMs: number): void {
  target.writeUIntBE(timestampMs % 0x1000000, tagOffset + 4, 3);
  target[tagOffset + 7] = Math.floor(timestampMs / 0x1000000) & 0xff;
}

/** Writes a tag header at `offset` and its PreviousTagSize after `dataBytes` of data. */
export function writeFlvTagFrame(target: Buffer, offset: number, type: number, timestampMs: number, dataBytes: number): void {
  target[offset] = type;
  target.writeUIntBE(dataBytes, offset + 1, 3);
  writeFlvTimestamp(target, offset, timestampMs);
  target.writeUIntBE(0, offset + 8, 3); // stream id
  target.writeUInt32BE(11 + dataBytes, offset + 11 + dataBytes);
}

/** One whole tag: header, data, PreviousTagSize. */
export function flvTag(type: number, timestampMs: number, data: Buffer): Buffer {
  const tag = Buffer.alloc(FLV_TAG_OVERHEAD + data.length);
  data.copy(tag, 11);
  writeFlvTagFrame(tag, 0, type, timestampMs, data.length);
  return tag;
}

function amfString(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  const b = Buffer.alloc(2 + bytes.length);
  b.writeUInt16BE(bytes.length, 0);
  bytes.copy(b, 2);
  return b;
}

function amfValue(value: number | boolean | string): Buffer {
  if (typeof value === 'number') {
    const b = Buffer.alloc(9);
    b[0] = 0x00;
    b.writeDoubleBE(value, 1);
    return b;
  }
  if (typeof value === 'boolean') return Buffer.from([0x01, value ? 1 : 0]);
  return Buffer.concat([Buffer.from([0x02]), amfString(value)]);
}

/** Script tag data: AMF0 string "onMetaData" + ECMA array of the given properties. */
export function onMetaData(properties: Record<string, number | boolean | string>): Buffer {
  const entries = Object.entries(properties);
  const count = Buffer.alloc(5);
  count[0] = 0x08;
  count.writeUInt32BE(entries.length, 1);
  const parts = [Buffer.from([0x02]), amfString('onMetaData'), count];
  for (const [key, value] of entries) parts.push(amfString(key), amfValue(value));
  parts.push(Buffer.from([0x00, 0x00, 0x09]));
  return Buffer.concat(parts);
}

const SPS = Buffer.from([0x67, 0x64, 0x00, 0x1f, 0xac, 0xd9, 0x40, 0x50]);
const PPS = Buffer.from([0x68, 0xeb, 0xe3, 0xcb, 0x22, 0xc0]);

/** AVC sequence header: key frame, packet type 0, AVCDecoderConfigurationRecord. */
function avcSequenceHeader(): Buffer {
  const record = Buffer.concat([
    Buffer.from([0x01, 0x64, 0x00, 0x1f, 0xff, 0xe1, 0x00, SPS.length]),
    SPS,
    Buffer.from([0x01, 0x00, PPS.length]),
    PPS,
  ]);
  return Buffer.concat([Buffer.from([0x17, 0x00, 0x00, 0x00, 0x00]), record]);
}

/** AAC sequence header: AAC, 44 kHz, 16-bit, stereo; AudioSpecificConfig = LC, 44.1 kHz, 2 ch. */
function aacSequenceHeader(): Buffer {
  return Buffer.from([0xaf, 0x00, 0x12, 0x10]);
}

/**
 * What a player needs before media tags: file header, onMetaData, AVC and AAC sequence headers
 * (all at timestamp 0). Live servers send this at the start of every connection.
 */
export function flvPreamble(metadata: Record<string, number | boolean | string>): Buffer {
  return Buffer.concat([
    flvFileHeader(),
    flvTag(FLV_TAG_SCRIPT, 0, onMetaData(metadata)),
    flvTag(FLV_TAG_VIDEO, 0, avcSequenceHeader()),
    flvTag(FLV_TAG_AUDIO, 0, aacSequenceHeader()),
  ]);
}

/**
 * Fills `target[offset, offset + dataBytes)` with the head of a media tag's data: a video
 * NALU (AVC packet type 1, composition time 0, 4-byte NALU length) or an AAC raw frame.
 * The rest of the data is left as it is (filler).
 */
export function writeMediaTagDataHead(target: Buffer, offset: number, type: number, keyFrame: boolean, dataBytes: number): void {
  if (type === FLV_TAG_AUDIO) {
    target[offset] = 0xaf;
    target[offset + 1] = 0x01;
    return;
  }
  target[offset] = keyFrame ? 0x17 : 0x27;
  target[offset + 1] = 0x01;
  target.writeUIntBE(0, offset + 2, 3);
  target.writeUInt32BE(dataBytes - 9, offset + 5);
  target[offset + 9] = keyFrame ? 0x65 : 0x41;
}

/** Smallest data length `writeMediaTagDataHead` needs (a video tag with a 1-byte NALU). */
export const MIN_MEDIA_TAG_DATA = 10;
