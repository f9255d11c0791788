import type { CommentModel } from '../world/model.js';
import { sizeFor } from './media-urls.js';
import { commentUserShape } from './user-shape.js';
import { urlStruct, type ShapeContext } from './values.js';

/** A comment picture (media.md §4): five renditions; `download_url` is the watermarked one. */
function imageList(ctx: ShapeContext, key: string): Record<string, unknown>[] {
  const scale = ctx.world.options.assetScale;
  const one = (suffix: string, kind: 'jpeg' | 'webp', min: number, max: number) => {
    const id = `ci_${key}_${suffix}`;
    return urlStruct(`tos-cn-i-0813/${key}`, ctx.urls.urlList([{ id, kind, size: sizeFor(id, min, max, scale) }], 2), 1080, 1440);
  };
  return [{
    origin_url: one('origin', 'jpeg', 40_000, 90_000),
    crop_url: one('crop', 'webp', 8_000, 20_000),
    thumb_url: one('thumb', 'webp', 3_000, 8_000),
    medium_url: one('medium', 'webp', 15_000, 40_000),
    download_url: one('download', 'webp', 40_000, 90_000),
  }];
}

/** One entry of `comments` (comment_list__1); top-level ones carry their first reply. */
export function commentShape(ctx: ShapeContext, c: CommentModel, itemTotal: number, withFirstReply: boolean): Record<string, unknown> {
  const user = ctx.world.user(c.userUid);
  let replyComment: Record<string, unknown>[] | null = null;
  if (withFirstReply && c.replyTotal > 0) {
    const first = ctx.world.replies(c.awemeId, c.cid)[0];
    if (first) replyComment = [commentShape(ctx, first, itemTotal, false)];
  }
  return {
    cid: c.cid,
    text: c.text,
    aweme_id: c.awemeId,
    create_time: c.createTime,
    digg_count: c.diggCount,
    status: 1,
    user: user ? commentUserShape(ctx, user) : null,
    reply_id: c.replyId,
    user_digged: 0,
    reply_comment: replyComment,
    text_extra: [],
    label_text: '',
    label_type: -1,
    reply_comment_total: c.replyTotal,
    reply_to_reply_id: c.replyToReplyId,
    is_author_digged: false,
    stick_position: 0,
    user_buried: false,
    label_list: null,
    is_hot: c.isHot,
    text_music_info: null,
    image_list: c.imageKey ? imageList(ctx, c.imageKey) : null,
    is_note_comment: 0,
    ip_label: c.ipLabel,
    can_share: true,
    item_comment_total: itemTotal,
    level: c.replyId === '0' ? 1 : 2,
    video_list: null,
    sort_tags: `{"reply_0":${c.replyTotal > 0 ? 0 : 1}}`,
    is_user_tend_to_reply: false,
    content_type: 1,
    is_folded: false,
    enter_from: '',
    decorated_emoji_info: null,
    ent_parachute_tip: 0,
  };
}
