import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors.js';
import {
  MEDIA_KINDS,
  assetEtag,
  assetSha256,
  mediaContentType,
  minimumAssetSize,
  readAsset,
  type MediaAsset,
} from '../../../src/emulator/media/index.js';
import { sha256 } from './http-harness.js';

describe('media assets', () => {
  it('name a content type for every kind', () => {
    expect(MEDIA_KINDS.map(mediaContentType)).toEqual(['video/mp4', 'image/webp', 'image/jpeg', 'audio/mpeg', 'video/x-flv', 'video/mp2t']);
    expect(() => mediaContentType('gif' as never)).toThrow(InvalidInputError);
  });

  it('are a pure function of id, kind, size and the animated flag', () => {
    const a: MediaAsset = { id: '7300000000000000001', kind: 'mp4', size: 300_001 };
    expect(sha256(readAsset(a, 0, a.size))).toBe(sha256(readAsset({ ...a }, 0, a.size)));
    const variants: MediaAsset[] = [
      { ...a, id: '7300000000000000002' },
      { ...a, size: 300_002 },
      { ...a, kind: 'flv' },
    ];
    for (const v of variants) expect(readAsset(v, 0, 300_000).equals(readAsset(a, 0, 300_000))).toBe(false);
    const still: MediaAsset = { id: 'c', kind: 'webp', size: 100_000 };
    expect(readAsset(still, 0, still.size).equals(readAsset({ ...still, animated: true }, 0, still.size))).toBe(false);
    // The flag means nothing for other kinds.
    expect(readAsset({ ...a, animated: true }, 0, a.size).equals(readAsset(a, 0, a.size))).toBe(true);
  });

  it('give strong, quoted ETags that follow the bytes', () => {
    const a: MediaAsset = { id: 'x', kind: 'jpeg', size: 5000 };
    expect(assetEtag(a)).toMatch(/^"[0-9a-f]{32}"$/);
    expect(assetEtag({ ...a })).toBe(assetEtag(a));
    expect(assetEtag({ ...a, size: 5001 })).not.toBe(assetEtag(a));
    expect(assetEtag({ ...a, kind: 'webp' })).not.toBe(assetEtag(a));
  });

  it('read any range as the matching slice of the whole body', () => {
    for (const kind of MEDIA_KINDS) {
      const a: MediaAsset = { id: `slice-${kind}`, kind, size: 1_000_003 };
      const whole = readAsset(a, 0, a.size);
      expect(whole.length).toBe(a.size);
      const cuts = [0, 1, 17, 4095, 65_536, 65_537, 131_071, 500_000, 999_999, a.size];
      for (let i = 0; i < cuts.length; i++) {
        for (let j = i; j < cuts.length; j++) {
          expect(readAsset(a, cuts[i]!, cuts[j]!).equals(whole.subarray(cuts[i], cuts[j])), `${kind} [${cuts[i]}, ${cuts[j]})`).toBe(true);
        }
      }
    }
  });

  it('hash the full body, once', () => {
    for (const kind of MEDIA_KINDS) {
      const a: MediaAsset = { id: `hash-${kind}`, kind, size: 9_000_001 };
      expect(assetSha256(a)).toBe(sha256(readAsset(a, 0, a.size)));
    }
    const big: MediaAsset = { id: 'memo', kind: 'mp4', size: 64 * 1024 * 1024 };
    const first = performance.now();
    const digest = assetSha256(big);
    const firstMs = performance.now() - first;
    const second = performance.now();
    expect(assetSha256({ ...big })).toBe(digest);
    expect(performance.now() - second).toBeLessThan(Math.max(5, firstMs / 10));
  });

  it('make every tile of a long body unique', () => {
    const a: MediaAsset = { id: 'tiles', kind: 'mp4', size: 4 * 1024 * 1024 };
    const body = readAsset(a, 0, a.size);
    const seen = new Set<string>();
    const start = 1024;
    for (let at = start; at + 65_536 <= body.length; at += 65_536) seen.add(sha256(body.subarray(at, at + 65_536)));
    expect(seen.size).toBe(Math.floor((body.length - start) / 65_536));
  });

  it('keep the magic bytes of tiny assets', () => {
    const tiny: MediaAsset = { id: 'tiny', kind: 'jpeg', size: 3 };
    expect([...readAsset(tiny, 0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    for (const kind of MEDIA_KINDS) {
      const minimum = minimumAssetSize({ kind });
      expect(minimum).toBeLessThan(1024);
      const small: MediaAsset = { id: 'small', kind, size: minimum - 1 };
      const full = readAsset({ ...small, size: minimum }, 0, minimum);
      expect(readAsset(small, 0, small.size).equals(full.subarray(0, small.size)), kind).toBe(true);
    }
    expect(minimumAssetSize({ kind: 'webp', animated: true })).toBeGreaterThan(minimumAssetSize({ kind: 'webp' }));
    const empty: MediaAsset = { id: 'e', kind: 'mp3', size: 0 };
    expect(readAsset(empty, 0, 0).length).toBe(0);
    expect(assetSha256(empty)).toBe(sha256(Buffer.alloc(0)));
  });

  it('reject malformed assets and ranges with InvalidInputError', () => {
    const a: MediaAsset = { id: 'r', kind: 'mp4', size: 10_000 };
    expect(() => readAsset(a, 5, 4)).toThrow(InvalidInputError);
    expect(() => readAsset(a, 0, 10_001)).toThrow(InvalidInputError);
    expect(() => readAsset(a, -1, 5)).toThrow(InvalidInputError);
    expect(() => readAsset({ ...a, size: -1 }, 0, 0)).toThrow(InvalidInputError);
    expect(() => readAsset({ ...a, size: 1.5 }, 0, 0)).toThrow(InvalidInputError);
    expect(() => assetEtag({ ...a, kind: 'avi' as never })).toThrow(InvalidInputError);
    expect(() => assetSha256({ ...a, id: 5 as never })).toThrow(InvalidInputError);
  });
});
