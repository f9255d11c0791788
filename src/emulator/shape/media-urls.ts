import type { MediaAsset, MediaKind } from '../media/index.js';
import { hash32, unitHash } from '../world/random.js';

/**
 * Where the emulator's CDN serves an asset. Every byte of an asset is a pure function of
 * `(id, kind, size, animated)`, so the URL carries all of it and the CDN needs no lookup:
 * `/cdn/<mirror>/<size>[a]/<id>.<kind>` (`a` = animated WebP).
 *
 * Mirrors: `m1`–`m3` serve; `gone` answers 404; `reset` drops the connection. A `url_list`
 * mixes them by seeded chance, always keeping at least one good mirror.
 */
export type Mirror = 'm1' | 'm2' | 'm3' | 'gone' | 'reset';
const GOOD: readonly Mirror[] = ['m1', 'm2', 'm3'];
const KINDS = new Set<string>(['mp4', 'webp', 'jpeg', 'mp3', 'flv', 'ts']);
const ASSET_PATH = /^\/cdn\/(m1|m2|m3|gone|reset)\/(\d+)(a?)\/([A-Za-z0-9_-]+)\.([a-z0-9]+)$/;

export interface ParsedAssetPath {
  mirror: Mirror;
  asset: MediaAsset;
}

export function parseAssetPath(pathname: string): ParsedAssetPath | null {
  const m = ASSET_PATH.exec(pathname);
  if (!m) return null;
  const [, mirror, size, anim, id, kind] = m as unknown as [string, Mirror, string, string, string, string];
  if (!KINDS.has(kind)) return null;
  const asset: MediaAsset = { id, kind: kind as MediaKind, size: Number(size) };
  if (anim === 'a') asset.animated = true;
  return { mirror, asset };
}

/** A size in [min, max] bytes that depends only on the asset id (avatars, covers…). */
export function sizeFor(id: string, min: number, max: number, scale: number): number {
  return Math.max(64, Math.round((min + unitHash(id) * (max - min)) * scale));
}

export class MediaUrls {
  readonly base: string;
  readonly #seed: string;
  #deadRate: number;

  constructor(base: string, seed: string, deadMirrorRate: number) {
    this.base = base;
    this.#seed = seed;
    this.#deadRate = deadMirrorRate;
  }

  set deadMirrorRate(rate: number) {
    this.#deadRate = rate;
  }

  get deadMirrorRate(): number {
    return this.#deadRate;
  }

  asset(asset: MediaAsset, mirror: Mirror): string {
    return `${this.base}/cdn/${mirror}/${asset.size}${asset.animated ? 'a' : ''}/${asset.id}.${asset.kind}`;
  }

  /** The mirrors of one asset's `url_list`, dead ones included, at least one good. */
  mirrors(assetId: string, count: number): Mirror[] {
    const out: Mirror[] = [];
    let good = 0;
    for (let i = 0; i < count; i++) {
      const key = `${this.#seed}|${assetId}|${i}`;
      if (unitHash(key) < this.#deadRate) out.push(hash32(`dead|${key}`) % 2 === 0 ? 'gone' : 'reset');
      else out.push(GOOD[good++ % GOOD.length] as Mirror);
    }
    if (good === 0 && count > 0) out[count - 1] = 'm1';
    return out;
  }

  /** `url_list` for one or more encodings of the same picture/file (each gets its own mirrors). */
  urlList(assets: readonly MediaAsset[], perAsset: number): string[] {
    const out: string[] = [];
    for (const a of assets) for (const m of this.mirrors(`${a.id}.${a.kind}`, perAsset)) out.push(this.asset(a, m));
    return out;
  }

  /** `https://www.douyin.com/aweme/v1/play/?video_id=…`: 302 to the CDN. */
  play(vid: string, ratio: string, fileId: string, watermark = false): string {
    const path = watermark ? 'playwm' : 'play';
    return `${this.base}/aweme/v1/${path}/?video_id=${vid}&ratio=${ratio}&line=0&file_id=${fileId}&sign=${hash32(fileId).toString(16)}&is_play_url=1&source=PackSourceEnum_PUBLISH`;
  }
}

/** `file_id` of a transcoded file: 32 hex chars derived from its asset id. */
export function fileIdOf(assetId: string): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += hash32(`${i}|${assetId}`).toString(16).padStart(8, '0');
  return s;
}
