import type { RequestContext } from '../http/request-context.js';
import { bufferReply, jsonReply, type Reply } from '../http/reply.js';
import type { RouteDef } from '../http/router.js';
import { coverByKey } from '../shape/assets-of.js';
import { awemeShape } from '../shape/aweme-shape.js';
import { RawSlots } from '../shape/json-body.js';
import { musicShape } from '../shape/music-shape.js';
import { avatar } from '../shape/user-shape.js';
import { idNum, urlStruct } from '../shape/values.js';
import type { MusicModel, PostModel, UserModel } from '../world/model.js';
import { emptyOffsetPage, offsetPage } from './post-lists.js';
import { awemePage, countParam, envelope, intParam, personalViewer, visibleTo, type RouteEnv } from './route-env.js';

const personal = { kind: 'api', sign: true, msToken: true, login: 'personal' } as const;

/** Posts of people the viewer follows (or is friends with), newest first, cut by a ms `cursor`. */
function feedItems(env: RouteEnv, ctx: RequestContext, viewer: UserModel, friendsOnly: boolean): { page: PostModel[]; cursor: number; more: boolean } {
  const world = env.shape.world;
  const people = [...viewer.following.keys()].filter((uid) => !friendsOnly || viewer.followers.has(uid));
  const posts: PostModel[] = [];
  for (const uid of people) for (const p of world.postsOf(uid).slice(0, 30)) if (visibleTo(p, viewer)) posts.push(p);
  posts.sort((a, b) => b.createTime - a.createTime);
  const cursor = intParam(ctx, 'cursor', 0);
  const older = cursor > 0 ? posts.filter((p) => p.createTime * 1000 < cursor) : posts;
  const page = older.slice(0, countParam(ctx, 20));
  const last = page[page.length - 1];
  return { page, cursor: last ? last.createTime * 1000 : cursor, more: older.length > page.length };
}

export function personalListRoutes(env: RouteEnv): RouteDef[] {
  const world = env.shape.world;
  const scale = () => world.options.assetScale;

  const collectsEntry = (folderId: string, viewer: UserModel): Record<string, unknown> | null => {
    const f = world.folder(folderId);
    if (!f) return null;
    return {
      app_id: 6383,
      collects_cover: urlStruct(`tos-cn-i-0813/${f.coverKey}`, env.shape.urls.urlList([coverByKey('cf', f.coverKey, scale())], 2)),
      collects_id: idNum(f.collectsId),
      collects_id_str: f.collectsId,
      collects_name: f.name,
      create_time: f.createTime,
      follow_status: 0,
      followed_count: 0,
      is_normal_status: true,
      item_type: 2,
      last_collect_time: f.lastCollectTime,
      play_count: 0,
      states: f.isPublic ? 1 : 2,
      status: 1,
      system_type: 0,
      total_number: f.awemeIds.length,
      user_id: idNum(viewer.uid),
      user_info: { nickname: viewer.nickname, uid: viewer.uid, sec_uid: viewer.secUid, avatar_thumb: avatar(env.shape, viewer, 100) },
    };
  };

  return [
    {
      ...personal, name: 'user_collection', methods: ['POST', 'GET'], path: '/aweme/v1/web/aweme/listcollection/', cursorParam: 'cursor',
      emptyPage: (ctx) => emptyOffsetPage(env, ctx),
      handle(ctx) {
        const viewer = personalViewer(env, ctx);
        const cursor = intParam(ctx, 'cursor', 0);
        const list = viewer.collected.filter((c) => cursor <= 0 || c.at * 1000 < cursor);
        const page: { post: PostModel; at: number }[] = [];
        let i = 0;
        for (; i < list.length && page.length < countParam(ctx, 20); i++) {
          const c = list[i] as { awemeId: string; at: number };
          const post = world.post(c.awemeId);
          if (post && visibleTo(post, viewer)) page.push({ post, at: c.at });
        }
        const last = page[page.length - 1];
        return awemePage(env, { status_code: 0, aweme_list: null, cursor: last ? last.at * 1000 : cursor, has_more: i < list.length ? 1 : 0, ...envelope(env, ctx) }, 'aweme_list', page.map((p) => p.post));
      },
    },
    {
      ...personal, name: 'user_collects', methods: ['GET'], path: '/aweme/v1/web/collects/list/', cursorParam: 'cursor',
      emptyPage: (ctx) => jsonReply({ status_code: 0, collects_list: [], cursor: intParam(ctx, 'cursor', 0), has_more: false, total_number: 0, ...envelope(env, ctx) }),
      handle(ctx) {
        const viewer = personalViewer(env, ctx);
        const cursor = Math.max(0, intParam(ctx, 'cursor', 0));
        const ids = viewer.folderIds.slice(cursor, cursor + countParam(ctx, 10));
        return jsonReply({
          status_code: 0,
          collects_list: ids.map((id) => collectsEntry(id, viewer)).filter(Boolean),
          cursor: cursor + ids.length,
          has_more: cursor + ids.length < viewer.folderIds.length,
          total_number: viewer.folderIds.length,
          ...envelope(env, ctx),
        });
      },
    },
    {
      ...personal, name: 'user_collects_video', methods: ['GET'], path: '/aweme/v1/web/collects/video/list/', cursorParam: 'cursor',
      emptyPage: (ctx) => emptyOffsetPage(env, ctx),
      handle(ctx) {
        const viewer = personalViewer(env, ctx);
        const folder = world.folder(ctx.param('collects_id') ?? '');
        if (!folder || folder.ownerUid !== viewer.uid) return emptyOffsetPage(env, ctx);
        const posts = folder.awemeIds.map((id) => world.post(id)).filter((p): p is PostModel => !!p && visibleTo(p, viewer));
        return offsetPage(env, ctx, posts);
      },
    },
    {
      ...personal, name: 'user_music_collection', methods: ['GET'], path: '/aweme/v1/web/music/listcollection/', cursorParam: 'cursor',
      emptyPage: (ctx) => jsonReply({ status_code: 0, mc_list: [], cursor: intParam(ctx, 'cursor', 0), has_more: 0, msg: '', ...envelope(env, ctx) }),
      handle(ctx) {
        const viewer = personalViewer(env, ctx);
        const cursor = Math.max(0, intParam(ctx, 'cursor', 0));
        const ids = viewer.musicCollection.slice(cursor, cursor + countParam(ctx, 20));
        const list = ids.map((id) => world.music(id)).filter((m): m is MusicModel => !!m);
        return jsonReply({
          status_code: 0,
          mc_list: list.map((m) => musicShape(env.shape, m)),
          cursor: cursor + ids.length,
          has_more: cursor + ids.length < viewer.musicCollection.length ? 1 : 0,
          msg: '',
          ...envelope(env, ctx),
        });
      },
    },
    {
      ...personal, name: 'follow_feed', methods: ['GET'], path: '/aweme/v1/web/follow/feed/', cursorParam: 'cursor',
      emptyPage: (ctx) => jsonReply({ status_code: 0, data: [], cursor: intParam(ctx, 'cursor', 0), has_more: 0, ...envelope(env, ctx) }),
      handle(ctx) {
        const { page, cursor, more } = feedItems(env, ctx, personalViewer(env, ctx), false);
        const slots = new RawSlots();
        const data = page.map((p) => ({ feed_type: 1, aweme: slots.add(env.cache.item(p)) }));
        return bufferReply(slots.renderParts({ status_code: 0, data, cursor, has_more: more ? 1 : 0, level: intParam(ctx, 'level', 1), ...envelope(env, ctx) }));
      },
    },
    {
      ...personal, name: 'friend_feed', methods: ['POST', 'GET'], path: '/aweme/v1/web/familiar/feed/', cursorParam: 'cursor',
      emptyPage: (ctx) => friendEmpty(env, ctx),
      handle(ctx): Reply {
        const viewer = personalViewer(env, ctx);
        const { page, cursor, more } = feedItems(env, ctx, viewer, true);
        const data = page.map((p) => {
          const aweme = awemeShape(env.shape, p, false);
          aweme.fall_card_struct = { recommend_reason: '朋友作品' };
          aweme.is_24_story = 0;
          aweme.statistics = { ...(aweme.statistics as object), exposure_count: p.stats.play + p.stats.digg, live_watch_count: 0 };
          return { feed_type: 1, source: 0, aweme };
        });
        return jsonReply({
          status_code: 0,
          status_msg: '',
          toast: '',
          data,
          cursor,
          level: intParam(ctx, 'level', 1),
          has_more: more ? 1 : 0,
          friend_update_count: data.length,
          ...envelope(env, ctx),
        });
      },
    },
  ];
}

function friendEmpty(env: RouteEnv, ctx: RequestContext): Reply {
  return jsonReply({ status_code: 0, status_msg: '', toast: '', data: [], cursor: intParam(ctx, 'cursor', 0), level: 1, has_more: 0, friend_update_count: 0, ...envelope(env, ctx) });
}
