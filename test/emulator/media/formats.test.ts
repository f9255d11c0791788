import { describe, expect, it } from 'vitest';
import { minimumAssetSize, readAsset, type MediaAsset, type MediaKind } from '../../../src/emulator/media/index.js';
import { walkFlv, walkJpeg, walkMp3, walkMp4, walkTs, walkWebp } from './format-walkers.js';

const LARGER = [2048, 4097, 65_536 + 13, 1_000_003, 2_500_000];

/** The smallest complete container, one byte more, then larger ones. */
function sizes(kind: MediaKind, animated = false): number[] {
  const minimum = minimumAssetSize({ kind, animated });
  return [minimum, minimum + 1, ...LARGER];
}

function body(asset: MediaAsset): Buffer {
  return readAsset(asset, 0, asset.size);
}

describe('generated containers', () => {
  it('MP4: ftyp, moov{mvhd}, mdat whose sizes chain to the end', () => {
    for (const size of sizes('mp4')) {
      const a: MediaAsset = { id: `mp4-${size}`, kind: 'mp4', size };
      const bytes = body(a);
      expect(bytes.toString('latin1', 4, 12)).toBe('ftypisom');
      const boxes = walkMp4(size, (s, e) => bytes.subarray(s, e));
      expect(boxes.map((b) => b.type)).toEqual(['ftyp', 'moov', 'mdat']);
      expect(bytes.toString('latin1', boxes[1]!.offset + 12, boxes[1]!.offset + 16)).toBe('mvhd');
    }
  });

  it('MP4 beyond 4 GiB: mdat uses a 64-bit largesize (read without generating the body)', () => {
    const a: MediaAsset = { id: 'huge', kind: 'mp4', size: 5_000_000_000 };
    const boxes = walkMp4(a.size, (s, e) => readAsset(a, s, e));
    expect(boxes.map((b) => b.type)).toEqual(['ftyp', 'moov', 'mdat']);
    expect(readAsset(a, boxes[2]!.offset, boxes[2]!.offset + 4).readUInt32BE(0)).toBe(1);
    expect(readAsset(a, a.size - 10, a.size).length).toBe(10);
  });

  it('WebP: RIFF…WEBP with one VP8 chunk carrying a key-frame header', () => {
    for (const size of sizes('webp')) {
      const bytes = body({ id: `webp-${size}`, kind: 'webp', size });
      const chunks = walkWebp(bytes);
      expect(chunks.map((c) => c.fourcc)).toEqual(['VP8 ']);
      expect([...bytes.subarray(23, 26)]).toEqual([0x9d, 0x01, 0x2a]);
      expect(bytes.readUInt16LE(26)).toBe(720);
    }
  });

  it('animated WebP: VP8X with the animation flag, ANIM, then ANMF frames each holding a VP8 chunk', () => {
    for (const size of sizes('webp', true)) {
      const bytes = body({ id: `anim-${size}`, kind: 'webp', size, animated: true });
      const chunks = walkWebp(bytes);
      expect(chunks[0]!.fourcc).toBe('VP8X');
      expect(bytes[20]! & 0x02).toBe(0x02);
      expect(chunks[1]!.fourcc).toBe('ANIM');
      const frames = chunks.slice(2);
      expect(frames.length).toBeGreaterThanOrEqual(1);
      expect(frames.length).toBe(Math.max(1, Math.floor((size - 44) / 16_384)));
      for (const f of frames) {
        expect(f.fourcc).toBe('ANMF');
        expect(f.children?.map((c) => c.fourcc)).toEqual(['VP8 ']);
      }
    }
  });

  it('JPEG: SOI, APP0 JFIF, DQT, SOF0, SOS, marker-free entropy data, EOI', () => {
    for (const size of sizes('jpeg')) {
      const bytes = body({ id: `jpeg-${size}`, kind: 'jpeg', size });
      expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
      expect(bytes.toString('latin1', 6, 11)).toBe('JFIF\0');
      expect(walkJpeg(bytes)).toEqual([0xe0, 0xdb, 0xc0, 0xda]);
    }
  });

  it('MP3: an ID3v2 tag, then 0xFFFB frames every 417 bytes', () => {
    for (const size of sizes('mp3')) {
      const bytes = body({ id: `mp3-${size}`, kind: 'mp3', size });
      expect(bytes.toString('latin1', 0, 3)).toBe('ID3');
      expect(bytes.toString('latin1', 10, 14)).toBe('TIT2');
      expect(walkMp3(bytes, 417)).toBe(Math.floor((size - 128) / 417));
    }
  });

  it('FLV: header, onMetaData, sequence headers, then tags whose PreviousTagSize chains to the end', () => {
    for (const size of sizes('flv')) {
      const bytes = body({ id: `flv-${size}`, kind: 'flv', size });
      const tags = walkFlv(bytes);
      expect(tags[0]!.type).toBe(18);
      expect(bytes.toString('latin1', tags[0]!.offset + 14, tags[0]!.offset + 24)).toBe('onMetaData');
      expect(bytes[tags[1]!.offset + 11]).toBe(0x17); // AVC sequence header
      expect(bytes[tags[2]!.offset + 11]).toBe(0xaf); // AAC sequence header
      const media = tags.slice(3);
      expect(media.length).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < media.length; i++) expect(media[i]!.timestampMs).toBeGreaterThanOrEqual(media[i - 1]!.timestampMs);
      if (media.length > 1) expect(media.at(-1)!.timestampMs).toBeGreaterThan(media[0]!.timestampMs);
      expect(new Set(media.map((t) => t.type))).toEqual(new Set(media.length > 3 ? [8, 9] : [media[0]!.type]));
    }
  });

  it('TS: 0x47 every 188 bytes, PAT, PMT, continuous counters, a PES start with a PTS each tile', () => {
    for (const size of [minimumAssetSize({ kind: 'ts' }), 188 * 30, 188 * 1000, 1_000_003]) {
      const bytes = body({ id: `ts-${size}`, kind: 'ts', size });
      const counts = walkTs(bytes);
      expect(counts.get(0)).toBe(1);
      expect(counts.get(0x1000)).toBe(1);
      expect(counts.get(0x100) ?? 0).toBe(Math.floor(size / 188) - 2);
      if (size === 376) continue;
      // The first packet after PAT/PMT starts a PES: 00 00 01 E0.
      expect([...bytes.subarray(376 + 4, 376 + 8)]).toEqual([0, 0, 1, 0xe0]);
      expect(bytes[376 + 1]! & 0x40).toBe(0x40);
    }
  });
});
