import type { RequestContext } from '../http/request-context.js';
import { emptyReply, type Reply } from '../http/reply.js';
import type { RouteDef } from '../http/router.js';
import { flag } from '../shape/values.js';
import type { PostModel } from '../world/model.js';
import { hash32 } from '../world/random.js';
import { awemePage, countParam, envelope, intParam, visibleTo, type RouteEnv } from './route-env.js';

const web = { methods: ['GET'], kind: 'api', sign: true, msToken: true } as const;

/** First index whose time is below `cursor` in a list sorted by time, newest first. */
function firstOlder(posts: readonly PostModel[], timeOf: (p: PostModel) => number, cursor: number): number {
  let lo = 0;
  let hi = posts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeOf(posts[mid] as PostModel) < cursor) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * user_post__1's envelope around a page cut by `max_cursor` (ms of the last item's time). `posts`
 * is sorted newest first; items failing `include` are skipped; the first page leads with `pinned`.
 */
function timePage(
  env: RouteEnv, ctx: RequestContext, posts: readonly PostModel[], timeOf: (p: PostModel) => number,
  include: (p: PostModel) => boolean, pinned: readonly PostModel[] = [],
): Reply {
  const count = countParam(ctx, 18);
  const maxCursor = intParam(ctx, 'max_cursor', 0);
  const room = maxCursor > 0 ? count : Math.max(1, count - pinned.length);
  const page: PostModel[] = [];
  let i = maxCursor > 0 ? firstOlder(posts, timeOf, maxCursor) : 0;
  for (; i < posts.length && page.length < room; i++) if (include(posts[i] as PostModel)) page.push(posts[i] as PostModel);
  let more = false;
  for (; i < posts.length && !more; i++) more = include(posts[i] as PostModel);
  const first = page[0];
  const last = page[page.length - 1];
  return awemePage(env, {
    status_code: 0,
    min_cursor: first ? timeOf(first) : maxCursor,
    max_cursor: last ? timeOf(last) : maxCursor,
    has_more: flag(more),
    aweme_list: null,
    time_list: null,
    log_pb: envelope(env, ctx).log_pb,
    request_item_cursor: 0,
    post_serial: 2,
    replace_series_cover: 1,
  }, 'aweme_list', maxCursor > 0 ? page : [...pinned, ...page]);
}

function emptyTimePage(env: RouteEnv, ctx: RequestContext): Reply {
  const maxCursor = intParam(ctx, 'max_cursor', 0);
  return awemePage(env, { status_code: 0, min_cursor: maxCursor, max_cursor: maxCursor, has_more: 0, aweme_list: null, time_list: null, log_pb: envelope(env, ctx).log_pb }, 'aweme_list', []);
}

function offsetPage(env: RouteEnv, ctx: RequestContext, posts: PostModel[], extra: Record<string, unknown> = {}): Reply {
  const count = countParam(ctx, 20);
  const cursor = Math.max(0, intParam(ctx, 'cursor', 0));
  const page = posts.slice(cursor, cursor + count);
  return awemePage(env, {
    status_code: 0,
    aweme_list: null,
    cursor: cursor + page.length,
    has_more: flag(cursor + page.length < posts.length),
    ...extra,
    ...envelope(env, ctx),
  }, 'aweme_list', page);
}

function emptyOffsetPage(env: RouteEnv, ctx: RequestContext): Reply {
  return awemePage(env, { status_code: 0, aweme_list: null, cursor: intParam(ctx, 'cursor', 0), has_more: 0, ...envelope(env, ctx) }, 'aweme_list', []);
}

export function postListRoutes(env: RouteEnv): RouteDef[] {
  const world = env.shape.world;
  const ms = (p: PostModel) => p.createTime * 1000;

  /** The profile's posts, or [] for a private account the viewer does not follow, null for no such user. */
  const userPosts = (ctx: RequestContext): readonly PostModel[] | null => {
    const user = world.user(ctx.param('sec_user_id') ?? '');
    if (!user) return null;
    if (user.secret === 1 && ctx.viewer?.uid !== user.uid && !ctx.viewer?.following.has(user.uid)) return [];
    return world.postsOf(user);
  };

  return [
    {
      ...web, name: 'user_post', path: '/aweme/v1/web/aweme/post/', login: 'paged', cursorParam: 'max_cursor', emptyPage: (ctx) => emptyTimePage(env, ctx),
      handle(ctx) {
        const posts = userPosts(ctx);
        if (!posts) return emptyTimePage(env, ctx);
        const pinned = intParam(ctx, 'max_cursor', 0) > 0 ? [] : posts.filter((p) => p.isTop && visibleTo(p, ctx.viewer)).slice(0, 3);
        return timePage(env, ctx, posts, ms, (p) => !p.isTop && visibleTo(p, ctx.viewer), pinned);
      },
    },
    {
      ...web, name: 'user_like', path: '/aweme/v1/web/aweme/favorite/', login: 'paged', cursorParam: 'max_cursor', emptyPage: (ctx) => emptyTimePage(env, ctx),
      handle(ctx) {
        const user = world.user(ctx.param('sec_user_id') ?? '');
        if (!user) return emptyTimePage(env, ctx);
        // A hidden likes list: Douyin sends zero bytes (what-users-ask §2).
        if (!user.likesPublic && ctx.viewer?.uid !== user.uid) return emptyReply('empty:likes-hidden');
        const at = new Map(user.likes.map((l) => [l.awemeId, l.at * 1000]));
        const posts = user.likes.map((l) => world.post(l.awemeId)).filter((p): p is PostModel => !!p);
        return timePage(env, ctx, posts, (p) => at.get(p.awemeId) ?? 0, (p) => visibleTo(p, ctx.viewer));
      },
    },
    {
      ...web, name: 'locate_post', path: '/aweme/v1/web/locate/post/', login: 'paged', cursorParam: 'max_cursor', emptyPage: (ctx) => emptyTimePage(env, ctx),
      handle(ctx) {
        const posts = (userPosts(ctx) ?? []).filter((p) => visibleTo(p, ctx.viewer));
        const id = ctx.param('locate_item_id') ?? '';
        const at = posts.findIndex((p) => p.awemeId === id);
        const count = countParam(ctx, 10);
        const page = at < 0 ? [] : posts.slice(at, at + count);
        const last = page[page.length - 1];
        return awemePage(env, {
          status_code: 0,
          min_cursor: page[0] ? ms(page[0]) : 0,
          max_cursor: last ? ms(last) : 0,
          has_more: flag(at >= 0 && at + page.length < posts.length),
          aweme_list: null,
          locate_item_cursor: page[0] ? ms(page[0]) : 0,
          log_pb: envelope(env, ctx).log_pb,
        }, 'aweme_list', page);
      },
    },
    {
      ...web, name: 'mix_aweme', path: '/aweme/v1/web/mix/aweme/', login: 'paged', cursorParam: 'cursor', emptyPage: (ctx) => emptyOffsetPage(env, ctx),
      handle(ctx) {
        const mix = world.mix(ctx.param('mix_id') ?? '');
        if (!mix) return emptyOffsetPage(env, ctx);
        const posts = mix.awemeIds.map((id) => world.post(id)).filter((p): p is PostModel => !!p && visibleTo(p, ctx.viewer));
        return offsetPage(env, ctx, posts);
      },
    },
    {
      ...web, name: 'post_related', path: '/aweme/v1/web/aweme/related/',
      handle(ctx) {
        const post = world.post(ctx.param('aweme_id') ?? '');
        const seen = new Set(decodeURIComponent(ctx.param('filterGids') ?? '').split(',').filter(Boolean));
        if (post) seen.add(post.awemeId);
        const all = post ? [...world.postsOf(post.authorUid), ...world.postsOf(world.roles.main)] : [];
        const pool = [...new Set(all)].filter((p) => !seen.has(p.awemeId) && visibleTo(p, ctx.viewer)).slice(0, 60);
        const page = pool.slice(0, countParam(ctx, 20));
        return awemePage(env, { status_code: 0, aweme_list: null, has_more: flag(pool.length > page.length), ...envelope(env, ctx) }, 'aweme_list', page);
      },
    },
    {
      ...web, name: 'tab_feed', path: '/aweme/v1/web/tab/feed/',
      handle(ctx) {
        const refresh = Math.max(1, intParam(ctx, 'refresh_index', 1));
        const count = countParam(ctx, 10);
        const all = [...world.data.posts.values()].filter((p) => visibleTo(p, undefined));
        const start = all.length === 0 ? 0 : hash32(`${world.seed}|feed|${refresh}`) % all.length;
        const page: PostModel[] = [];
        for (let i = 0; i < Math.min(count, all.length); i++) page.push(all[(start + i * 7) % all.length] as PostModel);
        return awemePage(env, { status_code: 0, aweme_list: null, has_more: 1, refresh_index: refresh + 1, ...envelope(env, ctx) }, 'aweme_list', page);
      },
    },
  ];
}

export { emptyOffsetPage, offsetPage };
