import { NotFoundError } from '../errors.js';
import { assetSha256, type MediaAsset } from './media/index.js';
import { variantForPlay } from './routes/media-routes.js';
import {
  animatedCoverAsset, avatarAsset, coverAssets, dynamicCoverAsset, imageAssets, livePhotoAsset, musicAsset, originCoverAssets,
  variantAsset, watermarkedAsset,
} from './shape/assets-of.js';
import type { MediaUrls } from './shape/media-urls.js';
import { parseAssetPath } from './shape/media-urls.js';
import type { UserModel } from './world/model.js';
import type { World } from './world/world.js';

export interface CatalogEntry {
  /** `video:normal_1080_0`, `cover`, `origin_cover`, `dynamic_cover`, `animated_cover`, `image:0`, `image_watermarked:0`, `live_photo:0`, `music`, `watermarked_video`. */
  role: string;
  asset: MediaAsset;
  /** A good-mirror URL for it. */
  url: string;
}

/**
 * What tests need to check downloads: the asset behind any media URL the emulator hands out
 * (CDN mirrors and `/aweme/v1/play/` redirects alike) and its expected SHA-256.
 */
export class AssetCatalog {
  readonly #world: World;
  readonly #urls: MediaUrls;
  readonly #sha = new Map<string, string>();

  constructor(world: World, urls: MediaUrls) {
    this.#world = world;
    this.#urls = urls;
  }

  /** The asset a URL serves (after the play redirect), or null when it is not a media URL. */
  fromUrl(url: string): MediaAsset | null {
    const u = new URL(url, this.#urls.base);
    const parsed = parseAssetPath(u.pathname);
    if (parsed) return parsed.asset;
    if (u.pathname === '/aweme/v1/play/' || u.pathname === '/aweme/v1/playwm/') {
      const vid = u.searchParams.get('video_id') ?? '';
      const post = this.#world.postByVid(vid);
      if (!post) return null;
      const img = post.images.find((i) => i.video?.vid === vid);
      if (img) return livePhotoAsset(img);
      if (u.pathname === '/aweme/v1/playwm/') return watermarkedAsset(post);
      const v = variantForPlay(post, u.searchParams.get('file_id'), u.searchParams.get('ratio'));
      return v ? variantAsset(post, v) : null;
    }
    return null;
  }

  sha256(asset: MediaAsset): string {
    const key = `${asset.kind}|${asset.size}|${asset.animated ? 1 : 0}|${asset.id}`;
    let h = this.#sha.get(key);
    if (!h) {
      h = assetSha256(asset);
      this.#sha.set(key, h);
    }
    return h;
  }

  /**
   * The SHA-256 (hex) of the bytes a media URL serves. Dead mirrors name the same asset as the
   * good ones, so any entry of a `url_list` gives the hash a finished download must have.
   * @throws {NotFoundError} when the URL is not one of the emulator's media URLs.
   */
  expectedSha256(url: string): string {
    const asset = this.fromUrl(url);
    if (!asset) throw new NotFoundError(`Not an emulated media URL: ${url}`);
    return this.sha256(asset);
  }

  /** Every asset of a post, by role. */
  forPost(awemeId: string): CatalogEntry[] {
    const post = this.#world.requirePost(awemeId);
    const out: CatalogEntry[] = [];
    const add = (role: string, asset: MediaAsset | null) => {
      if (asset) out.push({ role, asset, url: this.#urls.asset(asset, 'm1') });
    };
    for (const v of post.variants) add(`video:${v.gearName}`, variantAsset(post, v));
    if (post.variants.length > 0) add('watermarked_video', watermarkedAsset(post));
    coverAssets(post).forEach((a) => add(`cover:${a.kind}`, a));
    originCoverAssets(post).forEach((a) => add(`origin_cover:${a.kind}`, a));
    add('dynamic_cover', dynamicCoverAsset(post));
    add('animated_cover', animatedCoverAsset(post));
    post.images.forEach((img, i) => {
      const { clean, watermarked } = imageAssets(img);
      clean.forEach((a) => add(`image:${i}:${a.kind}`, a));
      watermarked.forEach((a) => add(`image_watermarked:${i}:${a.kind}`, a));
      add(`live_photo:${i}`, livePhotoAsset(img));
    });
    const music = this.#world.music(post.musicId);
    if (music) add('music', musicAsset(music));
    return out;
  }

  avatar(user: UserModel, px: number): CatalogEntry {
    const asset = avatarAsset(user, px, this.#world.options.assetScale);
    return { role: `avatar:${px}`, asset, url: this.#urls.asset(asset, 'm1') };
  }
}
