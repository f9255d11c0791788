import type { RequestContext } from '../http/request-context.js';
import { bufferReply, jsonReply, type Reply } from '../http/reply.js';
import type { RouteDef } from '../http/router.js';
import { pageBody, RawSlots } from '../shape/json-body.js';
import { flag } from '../shape/values.js';
import type { CommentModel, PostModel } from '../world/model.js';
import { countParam, envelope, intParam, nowMs, type RouteEnv } from './route-env.js';

const web = { methods: ['GET'], kind: 'api', sign: true, msToken: true } as const;

const FILTERED: Record<string, { detail_msg: string; notice: string }> = {
  status_deleted: { detail_msg: '因作品权限或已被删除，无法观看，去看看其他作品吧', notice: '抱歉，作品不见了' },
  status_self_see: { detail_msg: '因作品权限或已被删除，无法观看，去看看其他作品吧', notice: '抱歉，作品不见了' },
  author_secret: { detail_msg: '作者已设置私密账号，关注后可查看作品', notice: '私密账号' },
};

/** post_detail__2: `aweme_detail: null` and a `filter_detail` saying why. */
function filtered(env: RouteEnv, ctx: RequestContext, awemeId: string, reason: string): Reply {
  const texts = FILTERED[reason] ?? FILTERED.status_deleted;
  return jsonReply({
    aweme_detail: null,
    filter_detail: {
      aweme_id: awemeId,
      detail_msg: texts?.detail_msg,
      filter_reason: reason,
      icon: `${env.shape.urls.base}/static/reflow_notice_icon1.png`,
      notice: texts?.notice,
    },
    log_pb: envelope(env, ctx).log_pb,
    status_code: 0,
  }, 200, `filtered:${reason}`);
}

function commentsPage(env: RouteEnv, ctx: RequestContext, list: readonly CommentModel[], total: number, withReplies: boolean, defaultCount: number): Reply {
  const cursor = Math.max(0, intParam(ctx, 'cursor', 0));
  const page = list.slice(cursor, cursor + countParam(ctx, defaultCount));
  const env2 = envelope(env, ctx);
  return bufferReply(pageBody({
    status_code: 0,
    comments: null,
    cursor: cursor + page.length,
    has_more: flag(cursor + page.length < list.length),
    reply_style: 2,
    total,
    extra: { now: nowMs(env), fatal_item_ids: null, scenes: null },
    log_pb: env2.log_pb,
    hotsoon_filtered_count: 0,
    user_commented: 0,
    fast_response_comment: { constant_response_words: ['赞', '好看', '喜欢'], timed_response_words: ['早上好', '午安', '晚安'] },
    comment_config: {},
    general_comment_config: {},
    show_management_entry_point: 0,
    comment_common_data: '',
    folded_comment_count: 0,
  }, 'comments', page.map((c) => env.cache.comment(c, total, withReplies))));
}

export function postRoutes(env: RouteEnv): RouteDef[] {
  const world = env.shape.world;

  /** The post if `viewer` may open it, else the filter reason. */
  const openable = (ctx: RequestContext, id: string): PostModel | string => {
    const post = world.post(id);
    if (!post || post.deleted) return 'status_deleted';
    const own = ctx.viewer?.uid === post.authorUid;
    if (post.privateStatus !== 0 && !own) return 'status_self_see';
    const author = world.user(post.authorUid);
    if (author?.secret === 1 && !own && !ctx.viewer?.following.has(author.uid)) return 'author_secret';
    return post;
  };

  return [
    {
      ...web, name: 'post_detail', path: '/aweme/v1/web/aweme/detail/',
      handle(ctx) {
        const id = ctx.param('aweme_id') ?? '';
        const post = openable(ctx, id);
        if (typeof post === 'string') return filtered(env, ctx, id, post);
        const slots = new RawSlots();
        return bufferReply(slots.renderParts({ aweme_detail: slots.add(env.cache.detail(post)), log_pb: envelope(env, ctx).log_pb, status_code: 0 }));
      },
    },
    {
      ...web, name: 'post_stats', methods: ['POST'], path: '/aweme/v2/web/aweme/stats/',
      handle(ctx) {
        const post = world.post(ctx.param('item_id') ?? '');
        if (post) world.recordPlay(post.awemeId, Math.max(0, intParam(ctx, 'play_delta', 1)));
        return jsonReply({ status_code: 0, status_msg: '', ...envelope(env, ctx) });
      },
    },
    {
      ...web, name: 'comment_list', path: '/aweme/v1/web/comment/list/', login: 'paged', cursorParam: 'cursor',
      emptyPage: (ctx) => commentsPage(env, ctx, [], 0, false, 20),
      handle(ctx) {
        const post = openable(ctx, ctx.param('aweme_id') ?? '');
        if (typeof post === 'string') return commentsPage(env, ctx, [], 0, false, 20);
        return commentsPage(env, ctx, world.comments(post.awemeId), post.stats.comment, true, 20);
      },
    },
    {
      ...web, name: 'comment_reply', path: '/aweme/v1/web/comment/list/reply/', login: 'paged', cursorParam: 'cursor',
      emptyPage: (ctx) => commentsPage(env, ctx, [], 0, false, 3),
      handle(ctx) {
        const post = openable(ctx, ctx.param('item_id') ?? '');
        if (typeof post === 'string') return commentsPage(env, ctx, [], 0, false, 3);
        const replies = world.replies(post.awemeId, ctx.param('comment_id') ?? '');
        return commentsPage(env, ctx, replies, replies.length, false, 3);
      },
    },
  ];
}
