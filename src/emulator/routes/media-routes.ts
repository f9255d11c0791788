import { serveAsset } from '../media/index.js';
import { handled, jsonReply, notFound, redirectReply, type Reply } from '../http/reply.js';
import type { RequestContext } from '../http/request-context.js';
import type { RouteDef } from '../http/router.js';
import { variantAsset, watermarkedAsset } from '../shape/assets-of.js';
import { fileIdOf, parseAssetPath } from '../shape/media-urls.js';
import type { PostModel, VideoVariant } from '../world/model.js';
import type { RouteEnv } from './route-env.js';

/** Which gear a play URL means: by `file_id`, else by `ratio` (H.264 first), else the best. */
export function variantForPlay(post: PostModel, fileId: string | null, ratio: string | null): VideoVariant | undefined {
  const byFile = fileId ? post.variants.find((v) => fileIdOf(variantAsset(post, v).id) === fileId) : undefined;
  if (byFile) return byFile;
  const byRatio = ratio ? post.variants.filter((v) => v.ratio === ratio).sort((a, b) => Number(a.codec !== 'h264') - Number(b.codec !== 'h264'))[0] : undefined;
  return byRatio ?? post.variants[0];
}

/**
 * The CDN: `/cdn/<mirror>/…` bytes (dead mirrors 404 or reset), the `/aweme/v1/play/` and
 * `/playwm/` redirects, lyrics and beat files, and static icons.
 */
export function mediaRoutes(env: RouteEnv): RouteDef[] {
  const world = env.shape.world;
  const urls = () => env.shape.urls;

  const play = (watermark: boolean) => (ctx: RequestContext): Reply => {
    const vid = ctx.query.get('video_id') ?? '';
    const post = world.postByVid(vid);
    if (!post) return notFound('play:unknown-video');
    const img = post.images.find((i) => i.video?.vid === vid);
    if (img?.video) return redirectReply(urls().asset({ id: `${vid}_live`, kind: 'mp4', size: img.video.size }, 'm1'), 302, 'play:redirect');
    if (watermark) return redirectReply(urls().asset(watermarkedAsset(post), 'm1'), 302, 'play:redirect-wm');
    const v = variantForPlay(post, ctx.query.get('file_id'), ctx.query.get('ratio'));
    if (!v) return notFound('play:no-variant');
    return redirectReply(urls().asset(variantAsset(post, v), 'm1'), 302, 'play:redirect');
  };

  return [
    {
      name: 'media', methods: ['GET', 'HEAD'], path: /^\/cdn\//, kind: 'media',
      handle(ctx) {
        const parsed = parseAssetPath(ctx.path);
        if (!parsed) return notFound();
        if (parsed.mirror === 'gone') return notFound('mirror:gone');
        if (parsed.mirror === 'reset') {
          ctx.req.socket.resetAndDestroy();
          return handled('mirror:reset');
        }
        const fault = ctx.bodyFault?.(parsed.asset.size);
        serveAsset(ctx.req, ctx.res, parsed.asset, fault ? { fault, headers: { 'cache-control': 'max-age=315360000' } } : { headers: { 'cache-control': 'max-age=315360000' } });
        return handled(fault ? `fault:${fault.kind}` : 'ok');
      },
    },
    { name: 'play', methods: ['GET', 'HEAD'], path: '/aweme/v1/play/', kind: 'media', handle: play(false) },
    { name: 'play_wm', methods: ['GET', 'HEAD'], path: '/aweme/v1/playwm/', kind: 'media', handle: play(true) },
    {
      name: 'music_meta', methods: ['GET', 'HEAD'], path: /^\/music-meta\/\d+\/(lyric|beats)\.json$/, kind: 'media',
      handle(ctx) {
        const [, , id, file] = ctx.path.split('/');
        const m = world.music(id ?? '');
        if (!m) return notFound();
        if (file === 'lyric.json') return m.lyrics ? jsonReply(m.lyrics) : notFound();
        const beats: number[] = [];
        for (let t = 0.5; t < m.durationS; t += 0.5) beats.push(Math.round(t * 1000));
        return jsonReply({ beats, bpm: 120 });
      },
    },
    {
      name: 'static', methods: ['GET', 'HEAD'], path: /^\/static\/[\w./-]+$/, kind: 'media',
      handle(ctx) {
        const id = `static_${ctx.path.slice(8).replace(/[^\w-]/g, '_')}`;
        serveAsset(ctx.req, ctx.res, { id, kind: 'jpeg', size: 2048 });
        return handled();
      },
    },
  ];
}
