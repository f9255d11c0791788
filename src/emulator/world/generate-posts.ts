import type { ImageModel, MusicModel, PostModel, UserModel, VideoVariant } from './model.js';
import { timeId, type Rng } from './random.js';
import * as text from './text.js';
import type { ResolvedWorldOptions } from './world-options.js';

const KB = 1024;

function scaled(n: number, scale: number): number {
  return Math.max(64, Math.round(n * scale));
}

/** Douyin's video storage id, `play_addr.uri` (`v0200fg10000cikdoqjc77u487ia3t1g`). */
export function videoId(rng: Rng): string {
  return `v0${rng.pick(['2', '3', 'd'])}00fg10000${rng.alnumLower(20)}`;
}

/** Transcoding gears, best first, like `video.bit_rate`: H.264 and ByteVC1 at several sizes. */
function variants(rng: Rng, landscape: boolean, fullHd: boolean, durationS: number, scale: number): VideoVariant[] {
  const dims = (short: number) => (landscape ? { width: Math.round((short * 16) / 9), height: short } : { width: short, height: Math.round((short * 16) / 9) });
  const fps = rng.pick([25, 30, 30, 60]);
  const perSecond = rng.int(5, 12) * KB;
  const gear = (gearName: string, qualityType: number, short: number, codec: 'h264' | 'bytevc1', factor: number): VideoVariant => ({
    gearName,
    qualityType,
    ratio: `${short}p`,
    codec,
    bitRate: Math.round(2_300_000 * factor),
    ...dims(short),
    fps,
    size: scaled(perSecond * Math.min(durationS, 40) * factor, scale),
  });
  const out: VideoVariant[] = [];
  if (fullHd) {
    out.push(gear('normal_1080_0', 1, 1080, 'h264', 1));
    out.push(gear('adapt_lowest_1080_1', 2, 1080, 'bytevc1', 0.7));
  }
  out.push(gear('normal_720_0', 10, 720, 'h264', 0.55));
  out.push(gear('adapt_540_1', 20, 540, 'bytevc1', 0.3));
  out.push(gear('normal_540_0', 21, 540, 'h264', 0.38));
  return out;
}

function images(rng: Rng, opts: ResolvedWorldOptions): ImageModel[] {
  const livePhotos = rng.chance(opts.livePhotoRate);
  const n = rng.int(2, 6);
  const out: ImageModel[] = [];
  for (let i = 0; i < n; i++) {
    const width = rng.pick([1080, 1440]);
    const height = Math.round(width * rng.pick([1.333, 1.332, 1.777, 1]));
    const webpSize = scaled(rng.int(12, 48) * KB, opts.assetScale);
    const durationMs = rng.int(1500, 3000);
    out.push({
      key: rng.hexLower(32),
      width,
      height,
      webpSize,
      jpegSize: scaled(webpSize * 1.6, 1),
      video: livePhotos && (i === 0 || rng.chance(0.6)) ? { vid: videoId(rng), size: scaled(rng.int(40, 120) * KB, opts.assetScale), durationMs } : null,
    });
  }
  return out;
}

/** A track: an author's original sound or a shared one from the pool (some with lyrics). */
export function generateMusic(rng: Rng, owner: UserModel, createTime: number, original: boolean, scale: number): MusicModel {
  const id = timeId(createTime, rng);
  const durationS = original ? rng.int(8, 60) : rng.int(30, 200);
  const withLyrics = !original && rng.chance(0.7);
  return {
    id,
    mid: id,
    title: original ? `@${owner.nickname}创作的原声` : text.musicTitle(rng),
    author: owner.nickname,
    ownerUid: owner.uid,
    album: original ? '' : rng.chance(0.5) ? text.musicTitle(rng) : '',
    durationS,
    size: scaled(durationS * 2 * KB, scale),
    coverKey: rng.hexLower(32),
    isOriginalSound: original,
    isCommerce: !original && rng.chance(0.4),
    isPgc: !original && rng.chance(0.5),
    status: 1,
    authorDeleted: false,
    lyrics: withLyrics ? text.lyrics(rng, durationS) : null,
    collectCount: rng.int(0, 50_000),
  };
}

export interface NewPost {
  post: PostModel;
  /** The original sound made for this post, when it has one. */
  music: MusicModel | null;
}

/** One post by `author` at `createTime`; `imageRate` overrides how likely it is an image post. */
export function generatePost(
  rng: Rng,
  author: UserModel,
  createTime: number,
  opts: ResolvedWorldOptions,
  musicPool: readonly string[],
  imageRate = opts.imagePostRate,
): NewPost {
  const isImage = rng.chance(imageRate);
  const tags = rng.sample(['旅行', '美食', '摄影', '电影', '游戏', '音乐', '萌宠', '日常', '健身', '科技'], rng.int(0, 3));
  const desc = text.postText(rng, tags);
  const landscape = rng.chance(0.3);
  const fullHd = rng.chance(0.8);
  const durationS = isImage ? 0 : rng.int(6, 180);
  const original = musicPool.length === 0 || rng.chance(0.5);
  const music = original ? generateMusic(rng, author, createTime, true, opts.assetScale) : null;
  const musicId = music ? music.id : rng.pick(musicPool);
  const variantList = isImage ? [] : variants(rng, landscape, fullHd, durationS, opts.assetScale);
  const best = variantList[0];
  const comments = rng.int(0, opts.maxComments);
  const post: PostModel = {
    awemeId: timeId(createTime, rng),
    authorUid: author.uid,
    awemeType: isImage ? 68 : 0,
    createTime,
    desc,
    hashtags: tags.map((name) => ({ name, id: rng.digits(16) })),
    durationMs: isImage ? 0 : durationS * 1000 + rng.int(0, 999),
    vid: videoId(rng),
    width: best?.width ?? 1080,
    height: best?.height ?? 1440,
    variants: variantList,
    images: isImage ? images(rng, opts) : [],
    coverKey: rng.hexLower(32),
    coverSize: scaled(rng.int(8, 24) * KB, opts.assetScale),
    dynamicCoverSize: scaled(rng.int(16, 48) * KB, opts.assetScale),
    animatedCoverSize: !isImage && rng.chance(opts.animatedCoverRate) ? scaled(rng.int(20, 60) * KB, opts.assetScale) : null,
    musicId,
    mixId: null,
    isTop: false,
    stats: {
      digg: rng.int(0, 200_000),
      comment: comments,
      share: rng.int(0, 5000),
      collect: rng.int(0, 20_000),
      play: 0,
      admire: rng.int(0, 50),
    },
    deleted: false,
    privateStatus: 0,
    prohibited: false,
    region: 'CN',
  };
  return { post, music };
}
