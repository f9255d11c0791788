import { InvalidOptionError } from '../../errors.js';

/** Size and content knobs of the emulated world. Every field is optional. */
export interface WorldOptions {
  /** Everything is derived from it. @default 'douyin-kit' */
  seed?: string | number;
  /** The world's "now" in unix seconds (posts are older). @default 1_735_689_600 (2025-01-01 UTC) */
  now?: number;
  /** Users who post (at least 6: main, private, live, offline, ended anchors, one plain). @default 8 */
  creators?: number;
  /** Users who only comment and follow. @default 40 */
  audience?: number;
  /** Posts of `roles.main` (10_000 for benchmarks). @default 45 */
  mainUserPosts?: number;
  /** Posts of every other creator. @default 12 */
  postsPerUser?: number;
  /** Share of image posts (aweme_type 68). @default 0.25 */
  imagePostRate?: number;
  /** Share of image posts whose images carry a live-photo video. @default 0.5 */
  livePhotoRate?: number;
  /** Share of video posts with `video.animated_cover`. @default 0.3 */
  animatedCoverRate?: number;
  /** Upper bound of comments per post. @default 40 */
  maxComments?: number;
  /** Renames every user `epoch` times, so a second run with a higher epoch sees changed nicknames. @default 0 */
  nicknameEpoch?: number;
  /** Multiplies every media size (1 = tens to hundreds of KB). @default 1 */
  assetScale?: number;
}

export type ResolvedWorldOptions = Required<WorldOptions>;

export const WORLD_DEFAULTS: ResolvedWorldOptions = Object.freeze({
  seed: 'douyin-kit',
  now: 1_735_689_600,
  creators: 8,
  audience: 40,
  mainUserPosts: 45,
  postsPerUser: 12,
  imagePostRate: 0.25,
  livePhotoRate: 0.5,
  animatedCoverRate: 0.3,
  maxComments: 40,
  nicknameEpoch: 0,
  assetScale: 1,
});

export function resolveWorldOptions(input: WorldOptions = {}): ResolvedWorldOptions {
  const out = { ...WORLD_DEFAULTS };
  for (const [k, v] of Object.entries(input)) {
    if (!(k in WORLD_DEFAULTS)) throw new InvalidOptionError(`world.${k}`, `Unexpected option \`world.${k}\``);
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  const ints: (keyof WorldOptions)[] = ['creators', 'audience', 'mainUserPosts', 'postsPerUser', 'maxComments', 'nicknameEpoch'];
  for (const k of ints) {
    const v = out[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new InvalidOptionError(`world.${k}`, `Expected \`world.${k}\` to be an integer >= 0, got \`${String(v)}\``);
  }
  if (out.creators < 6) throw new InvalidOptionError('world.creators', `Expected \`world.creators\` to be >= 6, got \`${out.creators}\``);
  for (const k of ['imagePostRate', 'livePhotoRate', 'animatedCoverRate'] as const) {
    if (!(out[k] >= 0 && out[k] <= 1)) throw new InvalidOptionError(`world.${k}`, `Expected \`world.${k}\` in [0, 1], got \`${out[k]}\``);
  }
  if (!(out.assetScale > 0)) throw new InvalidOptionError('world.assetScale', `Expected \`world.assetScale\` > 0, got \`${out.assetScale}\``);
  return out;
}
