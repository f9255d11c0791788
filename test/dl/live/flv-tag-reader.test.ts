import { describe, expect, it } from 'vitest';
import { FlvTagReader, configKind, isVideoKeyframe, type FlvTag } from '../../../src/dl/live/flv-tag-reader.js';
import { EmulatedLiveStream } from '../../../src/emulator/media/index.js';

function streamBytes(packets: number): { bytes: Buffer; preamble: Buffer; packetBytes: number } {
  const clock = { t: 0 };
  const stream = new EmulatedLiveStream({ id: 'reader', bitrateBps: 100_000, now: () => clock.t });
  clock.t = (packets - 1) * 40;
  stream.poll();
  const { emitted } = stream;
  const bytes = Buffer.concat([emitted.preamble, emitted.read(0, packets * emitted.packetBytes)]);
  stream.close();
  return { bytes, preamble: emitted.preamble, packetBytes: emitted.packetBytes };
}

function readAll(bytes: Buffer, chunk: number): { reader: FlvTagReader; tags: FlvTag[] } {
  const reader = new FlvTagReader();
  const tags: FlvTag[] = [];
  for (let at = 0; at < bytes.length; at += chunk) tags.push(...reader.push(bytes.subarray(at, at + chunk)));
  return { reader, tags };
}

describe('FlvTagReader', () => {
  it('gives the same whole tags whatever the chunking, and keeps a partial tag pending', () => {
    const { bytes, preamble } = streamBytes(60);
    const whole = readAll(bytes, bytes.length);
    expect(whole.reader.header?.equals(preamble.subarray(0, 13))).toBe(true);
    expect(whole.tags).toHaveLength(3 + 120);
    expect(Buffer.concat([whole.reader.header!, ...whole.tags.map((t) => t.bytes)]).equals(bytes)).toBe(true);
    for (const size of [1, 7, 11, 15, 333, 4096]) {
      const { tags, reader } = readAll(bytes, size);
      expect(tags.map((t) => t.bytes.length)).toEqual(whole.tags.map((t) => t.bytes.length));
      expect(Buffer.concat(tags.map((t) => t.bytes)).equals(Buffer.concat(whole.tags.map((t) => t.bytes)))).toBe(true);
      expect(reader.pendingBytes).toBe(0);
    }
    const cut = readAll(bytes.subarray(0, bytes.length - 5), 1000);
    expect(cut.tags).toHaveLength(3 + 119);
    expect(cut.reader.pendingBytes).toBe(whole.tags.at(-1)!.bytes.length - 5);
  });

  it('tells codec config from media, and key frames from other frames', () => {
    const { bytes } = streamBytes(51);
    const { tags } = readAll(bytes, 999);
    expect(tags.slice(0, 3).map(configKind)).toEqual(['metadata', 'video', 'audio']);
    expect(tags.slice(3).every((t) => configKind(t) === null)).toBe(true);
    const video = tags.slice(3).filter((t) => t.type === 9);
    expect(video.filter(isVideoKeyframe).map((t) => t.timestampMs)).toEqual([0, 2000]);
    expect(isVideoKeyframe(tags[1]!)).toBe(false); // a sequence header is not a frame
    expect(video.map((t) => t.timestampMs)).toEqual(Array.from({ length: 51 }, (_, i) => i * 40));
  });

  it('throws DecodeError on something that is not FLV or loses sync', () => {
    expect(() => new FlvTagReader().push(Buffer.from('#EXTM3U\n'))).toThrow(expect.objectContaining({ code: 'ERR_DECODE', what: 'flv-header' }));
    expect(() => new FlvTagReader().push(Buffer.from('FL'))).not.toThrow();
    const { bytes } = streamBytes(3);
    const broken = Buffer.from(bytes);
    broken.writeUIntBE(broken.readUIntBE(13 + 1, 3) + 1, 13 + 1, 3); // onMetaData's DataSize one byte too long
    expect(() => new FlvTagReader().push(broken)).toThrow(expect.objectContaining({ what: 'flv-tag' }));
    const badType = Buffer.from(bytes);
    badType[13] = 0x07;
    expect(() => new FlvTagReader().push(badType)).toThrow(/lost sync/);
  });
});
