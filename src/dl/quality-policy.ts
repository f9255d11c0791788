import { selectBitRate, type VideoBitRate, type VideoCodec } from '../filter/video-media.js';
import type { ChosenQuality } from './planned-asset.js';

/** How to pick one encoding of a video when Douyin offers several (`bit_rate[]` + `play_addr`). */
export interface QualityPolicy {
  /** Largest short side in pixels (1080 → at most 1080p; a 4K gear is passed over). */
  maxHeight?: number;
  /**
   * Preferred codec: the best encoding in this codec wins even over a larger one in the other
   * codec; when there is none, the best of any codec is taken (and the reason says so).
   */
  codec?: VideoCodec;
  /** Largest file in bytes (by the announced `data_size`; encodings of unknown size pass). */
  maxBytes?: number;
}

export interface QualityChoice {
  variant: VideoBitRate;
  quality: ChosenQuality;
  reason: string;
}

function describe(v: VideoBitRate): string {
  const frame = v.width !== null && v.height !== null ? `${v.width}x${v.height}` : 'size unknown';
  const rate = v.bit_rate !== null ? `${(v.bit_rate / 1e6).toFixed(2)} Mbit/s` : 'bit rate unknown';
  return `${v.gear_name ?? 'play_addr'} (${frame}, ${v.codec ?? 'codec unknown'}, ${rate})`;
}

function shortSide(v: VideoBitRate): number | null {
  return v.width !== null && v.height !== null ? Math.min(v.width, v.height) : null;
}

/**
 * Chooses the encoding to download under `policy`, with the reason in words. `null` when no
 * encoding has a URL. Order of preference: fits the caps, then the preferred codec, then the
 * largest frame, then the highest bit rate (`selectBitRate`). When nothing fits the caps, the
 * smallest encoding is taken rather than none, and the reason says the cap could not be met.
 */
export function chooseVideoVariant(variants: readonly VideoBitRate[], policy: QualityPolicy = {}): QualityChoice | null {
  const usable = variants.filter((v) => v.play_addr.length > 0 && v.format !== 'dash');
  if (usable.length === 0) return null;
  const excluded: string[] = [];
  let fitting = usable;
  if (policy.maxHeight !== undefined) {
    const cap = policy.maxHeight;
    const within = fitting.filter((v) => (shortSide(v) ?? 0) <= cap);
    if (within.length < fitting.length) excluded.push(`${fitting.length - within.length} above ${cap}p`);
    fitting = within;
  }
  if (policy.maxBytes !== undefined) {
    const cap = policy.maxBytes;
    const within = fitting.filter((v) => v.data_size === null || v.data_size <= cap);
    if (within.length < fitting.length) excluded.push(`${fitting.length - within.length} larger than ${cap} bytes`);
    fitting = within;
  }

  const parts: string[] = [];
  let chosen: VideoBitRate | null;
  if (fitting.length === 0) {
    chosen = smallest(usable);
    parts.push(`no encoding meets the limits (${excluded.join(', ')}); took the smallest`);
  } else {
    const inCodec = policy.codec !== undefined ? selectBitRate(fitting, { codec: policy.codec }) : null;
    if (policy.codec !== undefined && inCodec === null) parts.push(`no ${policy.codec} encoding; any codec accepted`);
    chosen = inCodec ?? selectBitRate(fitting);
    const what = policy.codec !== undefined && inCodec !== null ? `best ${policy.codec}` : 'largest frame, then highest bit rate';
    parts.push(`${what} of ${fitting.length} encoding${fitting.length === 1 ? '' : 's'}`);
    if (excluded.length > 0) parts.push(`excluded ${excluded.join(', ')}`);
  }
  if (chosen === null) return null;
  return {
    variant: chosen,
    quality: {
      source: chosen.gear_name ?? 'play_addr',
      width: chosen.width,
      height: chosen.height,
      codec: chosen.codec,
      bit_rate: chosen.bit_rate,
      data_size: chosen.data_size,
    },
    reason: `${describe(chosen)}: ${parts.join('; ')}`,
  };
}

function smallest(variants: readonly VideoBitRate[]): VideoBitRate | null {
  let best: VideoBitRate | null = null;
  for (const v of variants) {
    const size = (x: VideoBitRate) => x.data_size ?? (shortSide(x) ?? 0) * 1e6;
    if (best === null || size(v) < size(best)) best = v;
  }
  return best;
}
