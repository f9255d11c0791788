import type { AwemeRecord } from '../../filter/aweme-record.js';
import type { PostInput } from './types.js';

/** The normalised columns of `posts`, from a record (the raw JSON goes beside them). */
const COLUMNS = {
  aweme_id: (r: AwemeRecord) => r.aweme_id,
  sec_user_id: (r: AwemeRecord) => r.sec_user_id,
  uid: (r: AwemeRecord) => r.uid,
  nickname: (r: AwemeRecord) => r.nickname_raw ?? r.nickname,
  aweme_type: (r: AwemeRecord) => r.aweme_type,
  post_type: (r: AwemeRecord) => r.post_type,
  create_time: (r: AwemeRecord) => r.create_time,
  desc: (r: AwemeRecord) => r.desc_raw ?? r.desc,
  duration: (r: AwemeRecord) => r.duration,
  music_id: (r: AwemeRecord) => r.music_id,
  mix_id: (r: AwemeRecord) => r.mix_id,
  digg_count: (r: AwemeRecord) => r.digg_count,
  comment_count: (r: AwemeRecord) => r.comment_count,
  share_count: (r: AwemeRecord) => r.share_count,
  collect_count: (r: AwemeRecord) => r.collect_count,
  raw: (r: AwemeRecord) => r,
} as const;

export type PostColumn = keyof typeof COLUMNS;

export interface PostColumns {
  names: PostColumn[];
  /** The values of one post as an object keyed by column. */
  values(post: PostInput): Record<string, unknown>;
  /** The same values in `names` order (positional binding is the cheaper one in better-sqlite3). */
  list(post: PostInput): unknown[];
}

export function postColumns(): PostColumns {
  const keys = Object.keys(COLUMNS) as PostColumn[];
  const list = (post: PostInput): unknown[] => {
    const r = post.record;
    if (r.aweme_id === null) throw new TypeError('A post without aweme_id cannot be saved');
    return keys.map((k) => (k === 'raw' ? (post.raw ?? JSON.stringify(r, bigintReplacer)) : COLUMNS[k](r)));
  };
  return {
    names: keys,
    list,
    values: (post) => Object.fromEntries(list(post).map((v, i) => [keys[i]!, v])),
  };
}

function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
