import type { AwemeRecord } from '../../filter/aweme-record.js';
import type { PostInput } from './types.js';

/** The normalised columns of `posts`, in the order `postRow` gives their values. */
export const POST_COLUMNS = [
  'aweme_id', 'sec_user_id', 'uid', 'nickname', 'aweme_type', 'post_type', 'create_time', 'desc',
  'duration', 'music_id', 'mix_id', 'digg_count', 'comment_count', 'share_count', 'collect_count', 'raw',
] as const;

export type PostColumn = (typeof POST_COLUMNS)[number];

/**
 * One post's values in `POST_COLUMNS` order, then `first_seen_at` and `updated_at` (= `now`): one
 * array literal, because this runs per row of a bulk upsert (a table of getters cost a third of it).
 */
export function postRow(post: PostInput, now: number): unknown[] {
  const r = post.record;
  if (r.aweme_id === null) throw new TypeError('A post without aweme_id cannot be saved');
  return [
    r.aweme_id, r.sec_user_id, r.uid, r.nickname_raw ?? r.nickname, r.aweme_type, r.post_type, r.create_time, r.desc_raw ?? r.desc,
    r.duration, r.music_id, r.mix_id, r.digg_count, r.comment_count, r.share_count, r.collect_count, post.raw ?? rawOf(r),
    now, now,
  ];
}

/** The values of one post as an object keyed by column. */
export function postValues(post: PostInput): Record<PostColumn, unknown> {
  const row = postRow(post, 0);
  return Object.fromEntries(POST_COLUMNS.map((name, i) => [name, row[i]])) as Record<PostColumn, unknown>;
}

function rawOf(r: AwemeRecord): string {
  return JSON.stringify(r, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}
