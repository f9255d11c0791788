import type { RequestContext } from '../http/request-context.js';
import { jsonReply, type Reply } from '../http/reply.js';
import type { RouteDef } from '../http/router.js';
import { statusReply } from '../misbehaviour/gates.js';
import { followUserShape, profileShape, shortUserShape } from '../shape/user-shape.js';
import type { UserModel } from '../world/model.js';
import { hash32 } from '../world/random.js';
import { countParam, envelope, intParam, nowMs, type RouteEnv } from './route-env.js';

const web = { methods: ['GET'], kind: 'api', sign: true, msToken: true } as const;

/**
 * following/follower pages. `source_type` 1/4: newest follow first, paged by `offset` or by
 * `max_time` (the previous page's `min_time`); 3: oldest first, paged by `min_time`.
 */
function followPage(env: RouteEnv, ctx: RequestContext, key: 'followings' | 'followers', relation: (u: UserModel) => Map<string, number>): Reply {
  const world = env.shape.world;
  const user = world.user(ctx.param('sec_user_id') || ctx.param('user_id') || '');
  if (!user) return followEmpty(env, ctx, key);
  if (user.secret === 1 && ctx.viewer?.uid !== user.uid) return statusReply(2096, nowMs(env), ctx.entry.seq, 'private:2096');
  const oldestFirst = intParam(ctx, 'source_type', 4) === 3;
  const all = [...relation(user).entries()].sort((a, b) => (oldestFirst ? a[1] - b[1] : b[1] - a[1]));
  const maxTime = intParam(ctx, 'max_time', 0);
  const minTime = intParam(ctx, 'min_time', 0);
  const offset = Math.max(0, intParam(ctx, 'offset', 0));
  let rest = all;
  if (!oldestFirst && maxTime > 0) rest = all.filter(([, t]) => t < maxTime);
  else if (oldestFirst && minTime > 0) rest = all.filter(([, t]) => t > minTime);
  else rest = all.slice(offset);
  const page = rest.slice(0, countParam(ctx, 20));
  const people = page.map(([uid, t]) => ({ u: world.user(uid), t })).filter((x): x is { u: UserModel; t: number } => !!x.u);
  const times = page.map(([, t]) => t);
  return jsonReply({
    [key]: people.map(({ u, t }) => followUserShape(env.shape, u, t)),
    has_more: rest.length > page.length,
    max_time: times.length ? Math.max(...times) : maxTime,
    min_time: times.length ? Math.min(...times) : minTime,
    offset: offset + page.length,
    total: all.length,
    myself_user_id: ctx.viewer?.uid ?? '0',
    mix_count: 0,
    hotsoon_text: '',
    rec_has_more: false,
    status_code: 0,
    status_msg: '',
    ...envelope(env, ctx),
  });
}

function followEmpty(env: RouteEnv, ctx: RequestContext, key: string): Reply {
  return jsonReply({ [key]: [], has_more: false, max_time: 0, min_time: 0, offset: intParam(ctx, 'offset', 0), total: 0, myself_user_id: ctx.viewer?.uid ?? '0', mix_count: 0, status_code: 0, status_msg: '', ...envelope(env, ctx) });
}

function secUidList(raw: string | undefined): string[] {
  if (!raw) return [];
  const text = raw.trim();
  if (text.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(text);
      if (Array.isArray(v)) return v.map(String);
    } catch {
      // fall back to a comma list
    }
  }
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

export function userRoutes(env: RouteEnv): RouteDef[] {
  const world = env.shape.world;
  return [
    {
      ...web, name: 'user_profile', path: '/aweme/v1/web/user/profile/other/',
      handle(ctx) {
        const user = world.user(ctx.param('sec_user_id') ?? '');
        return jsonReply({ ...envelope(env, ctx), status_code: 0, status_msg: null, user: user ? profileShape(env.shape, user, ctx.viewer) : null }, 200, user ? 'ok' : 'ok:no-user');
      },
    },
    {
      ...web, name: 'user_following', path: '/aweme/v1/web/user/following/list/', login: 'paged', cursorParam: ['offset', 'max_time', 'min_time'],
      emptyPage: (ctx) => followEmpty(env, ctx, 'followings'),
      handle: (ctx) => followPage(env, ctx, 'followings', (u) => u.following),
    },
    {
      ...web, name: 'user_follower', path: '/aweme/v1/web/user/follower/list/', login: 'paged', cursorParam: ['offset', 'max_time', 'min_time'],
      emptyPage: (ctx) => followEmpty(env, ctx, 'followers'),
      handle: (ctx) => followPage(env, ctx, 'followers', (u) => u.followers),
    },
    {
      ...web, name: 'query_user', path: '/aweme/v1/web/query/user/',
      handle(ctx) {
        // F2's QueryUserFilter treats a missing status_code as success, so the OK answer has none.
        const ttwid = ctx.cookies.ttwid ?? '';
        const id = ttwid ? `7${String(hash32(ttwid)).padStart(10, '0')}${String(hash32(`u${ttwid}`)).padStart(10, '0')}`.slice(0, 19) : '0';
        const t = world.now;
        return jsonReply({
          browser_name: 'Mozilla',
          create_time: t - 86_400,
          firebase_instance_id: '',
          id,
          last_time: t,
          user_agent: String(ctx.req.headers['user-agent'] ?? ''),
          user_uid: ctx.viewer?.uid ?? '0',
          user_uid_type: 0,
        });
      },
    },
    {
      ...web, name: 'im_user_info', methods: ['GET', 'POST'], path: '/aweme/v1/web/im/user/info/',
      handle(ctx) {
        const users = secUidList(ctx.param('sec_user_ids')).map((s) => world.user(s)).filter((u): u is UserModel => !!u);
        const e = envelope(env, ctx);
        return jsonReply({ status_code: 0, next_req_count: 0, data: users.map((u) => shortUserShape(env.shape, u, ctx.viewer)), ...e });
      },
    },
  ];
}
