import type { RequestContext } from '../http/request-context.js';
import { bufferReply, jsonReply, type Reply } from '../http/reply.js';
import type { RouteDef } from '../http/router.js';
import { RawSlots } from '../shape/json-body.js';
import { flag } from '../shape/values.js';
import type { PostModel } from '../world/model.js';
import { hash32 } from '../world/random.js';
import { countParam, envelope, intParam, visibleTo, type RouteEnv } from './route-env.js';

const web = { methods: ['GET'], kind: 'api', sign: true, msToken: true } as const;

function matches(post: PostModel, keyword: string): boolean {
  return keyword === '' || post.desc.toLowerCase().includes(keyword.toLowerCase());
}

function keywordOf(ctx: RequestContext): string {
  const raw = ctx.param('keyword') ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Results wrapped per item, as search answers do: `{item: aweme}` or `{type, aweme_info}`. */
function searchPage(env: RouteEnv, ctx: RequestContext, posts: readonly PostModel[], key: string, wrap: (slot: string) => Record<string, unknown>): Reply {
  const offset = Math.max(0, intParam(ctx, 'offset', 0));
  const page = posts.slice(offset, offset + countParam(ctx, 10));
  const keyword = keywordOf(ctx);
  const slots = new RawSlots();
  const e = envelope(env, ctx);
  return bufferReply(slots.renderParts({
    status_code: 0,
    status_msg: '',
    [key]: page.map((p) => wrap(slots.add(env.cache.item(p)))),
    has_more: flag(offset + page.length < posts.length),
    cursor: offset + page.length,
    global_doodle_config: { home_text: `在抖音，搜索「${keyword}」`, keyword },
    ...e,
  }));
}

export function searchRoutes(env: RouteEnv): RouteDef[] {
  const world = env.shape.world;
  return [
    {
      ...web, name: 'home_post_search', path: '/aweme/v1/web/home/search/item/', login: 'paged', cursorParam: 'offset',
      emptyPage: (ctx) => searchPage(env, ctx, [], 'aweme_list', (slot) => ({ item: slot })),
      handle(ctx) {
        const user = world.user(ctx.param('from_user') ?? '');
        const keyword = keywordOf(ctx);
        const posts = user ? world.postsOf(user).filter((p) => visibleTo(p, ctx.viewer) && matches(p, keyword)) : [];
        return searchPage(env, ctx, posts, 'aweme_list', (slot) => ({ item: slot, ad_info: null, search_extra: null }));
      },
    },
    {
      ...web, name: 'general_search', path: '/aweme/v1/web/general/search/single/',
      handle(ctx) {
        const keyword = keywordOf(ctx);
        const posts: PostModel[] = [];
        for (const p of world.data.posts.values()) if (visibleTo(p, ctx.viewer) && matches(p, keyword)) posts.push(p);
        return searchPage(env, ctx, posts, 'data', (slot) => ({ type: 1, aweme_info: slot }));
      },
    },
    {
      ...web, name: 'suggest_words', path: '/aweme/v1/web/api/suggest_words/',
      handle(ctx) {
        const query = ctx.param('query') ?? '';
        const base = query || '抖音';
        const words = ['', '教程', '合集', '最新', '同款', '怎么拍', '背景音乐', '原声'].slice(0, countParam(ctx, 8, 8)).map((tail) => ({
          id: String(hash32(`${world.seed}|suggest|${base}${tail}`)),
          word: `${base}${tail}`,
          info: '{}',
        }));
        return jsonReply({
          data: [{ words, params: { impr_id: envelope(env, ctx).log_pb.impr_id }, hint_text: '大家都在搜', scene: 'search_bar' }],
          msg: '',
          status_code: 0,
          extra: envelope(env, ctx).extra,
        });
      },
    },
  ];
}
