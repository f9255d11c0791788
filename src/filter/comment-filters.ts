import { defineListFilter, type ListFilter } from './define-filter.js';
import { arr, first, firstUrl, flag, id, num, obj, str, type Obj } from './read.js';

/** Page fields of `/comment/list/` and `/comment/list/reply/`. Pagination: `cursor` while `has_more`. */
export interface CommentPage {
  api_status_code: number | null;
  has_more: boolean;
  /** Comments on the post (top-level list) or replies to the comment (reply list). */
  total: number | null;
  cursor: number | null;
}

export interface CommentItem {
  comment_id: string | null;
  aweme_id: string | null;
  comment_text: string | null;
  comment_text_raw: string | null;
  /** Unix seconds. */
  create_time: number | null;
  digg_count: number | null;
  can_share: boolean | null;
  is_hot: boolean | null;
  item_comment_total: number | null;
  ip_label: string | null;
  user_id: string | null;
  user_unique_id: string | null;
  sec_uid: string | null;
  nickname: string | null;
  nickname_raw: string | null;
  user_avatar_thumb: string | null;
  reply_comment_id: string | null;
  reply_comment_text: string | null;
  reply_comment_text_raw: string | null;
  reply_comment_total: number | null;
  /** "0" for a top-level comment; the parent's id for a reply. */
  reply_id: string | null;
  reply_to_reply_id: string | null;
  /** Original-size picture of each image attached to the comment (first mirror). */
  comment_images: string[];
}

function commentImages(comment: Obj): string[] {
  const out: string[] = [];
  for (const raw of arr(comment.image_list)) {
    const image = obj(raw);
    const url = firstUrl(image.origin_url) ?? firstUrl(image.medium_url) ?? firstUrl(image.thumb_url);
    if (url !== null) out.push(url);
  }
  return out;
}

function toComment(comment: Obj): CommentItem {
  const user = obj(comment.user);
  const reply = first(comment.reply_comment);
  const text = str(comment.text);
  const nickname = str(user.nickname);
  const replyText = str(reply.text);
  return {
    comment_id: id(comment.cid),
    aweme_id: id(comment.aweme_id),
    comment_text: text,
    comment_text_raw: text,
    create_time: num(comment.create_time),
    digg_count: num(comment.digg_count),
    can_share: flag(comment.can_share),
    is_hot: flag(comment.is_hot),
    item_comment_total: num(comment.item_comment_total),
    ip_label: str(comment.ip_label),
    user_id: id(user.uid),
    user_unique_id: str(user.unique_id),
    sec_uid: str(user.sec_uid),
    nickname,
    nickname_raw: nickname,
    user_avatar_thumb: firstUrl(user.avatar_thumb),
    reply_comment_id: id(reply.cid),
    reply_comment_text: replyText,
    reply_comment_text_raw: replyText,
    reply_comment_total: num(comment.reply_comment_total),
    reply_id: id(comment.reply_id),
    reply_to_reply_id: id(comment.reply_to_reply_id),
    comment_images: commentImages(comment),
  };
}

function commentPage(root: Obj): CommentPage {
  return {
    api_status_code: num(root.status_code),
    has_more: flag(root.has_more) ?? false,
    total: num(root.total),
    cursor: num(root.cursor),
  };
}

export type PostCommentFilter = ListFilter<CommentPage, CommentItem>;

/** `/aweme/v1/web/comment/list/`: comments in `comments[]`. */
export const PostCommentFilter = defineListFilter({
  name: 'PostCommentFilter',
  page: commentPage,
  entries: (root) => arr(root.comments),
  item: toComment,
});

export type PostCommentReplyFilter = ListFilter<CommentPage, CommentItem>;

/** `/aweme/v1/web/comment/list/reply/`: same shape as the comment list. */
export const PostCommentReplyFilter = defineListFilter({
  name: 'PostCommentReplyFilter',
  page: commentPage,
  entries: (root) => arr(root.comments),
  item: toComment,
});
