import { toAwemeRecord, type AwemeRecord } from './aweme-record.js';
import { defineListFilter, type ListFilter } from './define-filter.js';
import { arr, firstUrl, flag, id, num, obj, str, type Obj } from './read.js';

/** Page fields of `/aweme/v1/web/familiar/feed/` (status_code 8 = login expired). */
export interface FriendFeedPage {
  status_code: number | null;
  status_msg: string | null;
  toast: string | null;
  has_more: boolean;
  has_aweme: boolean;
  friend_update_count: number | null;
  cursor: number | null;
  level: number | null;
}

/**
 * A friend-feed entry: the post record with F2's `FriendFeedFilter` names on top. Where F2 reads
 * a different path here than in `UserPostFilter` the friend-feed meaning wins: `cover` is
 * `video.cover`, `caption` is `desc`, `allow_share` is `status.allow_share`.
 */
export interface FriendFeedItem extends AwemeRecord {
  friend_feed_type: number | null;
  friend_feed_source: number | null;
  avatar_larger: string | null;
  sec_uid: string | null;
  recommend_reason: string | null;
  is_24_story: boolean | null;
  exposure_count: number | null;
  live_watch_count: number | null;
}

function toFriendFeedItem(entry: Obj): FriendFeedItem {
  const aweme = obj(entry.aweme);
  const record = toAwemeRecord(aweme);
  const author = obj(aweme.author);
  const stats = obj(aweme.statistics);
  const video = obj(aweme.video);
  return {
    ...record,
    caption: record.desc,
    caption_raw: record.desc,
    cover: firstUrl(video.cover) ?? record.cover,
    allow_share: flag(obj(aweme.status).allow_share),
    friend_feed_type: num(entry.feed_type),
    friend_feed_source: num(entry.source),
    avatar_larger: firstUrl(author.avatar_larger),
    sec_uid: record.sec_user_id,
    recommend_reason: str(obj(aweme.fall_card_struct).recommend_reason),
    is_24_story: flag(aweme.is_24_story),
    exposure_count: num(stats.exposure_count),
    live_watch_count: num(stats.live_watch_count),
  };
}

export type FriendFeedFilter = ListFilter<FriendFeedPage, FriendFeedItem>;

/** `/aweme/v1/web/familiar/feed/` (login cookie). Entries are `data[]` of `{feed_type, source, aweme}`. */
export const FriendFeedFilter = defineListFilter({
  name: 'FriendFeedFilter',
  page: (root: Obj): FriendFeedPage => ({
    status_code: num(root.status_code),
    status_msg: str(root.status_msg),
    toast: str(root.toast),
    has_more: flag(root.has_more) ?? false,
    has_aweme: arr(root.data).length > 0,
    friend_update_count: num(root.friend_update_count),
    cursor: num(root.cursor),
    level: num(root.level),
  }),
  entries: (root) => arr(root.data),
  item: toFriendFeedItem,
});

/** Page fields of `/aweme/v1/web/home/search/item/`. */
export interface HomePostSearchPage {
  status_code: number | null;
  status_msg: string | null;
  has_aweme: boolean;
  has_more: boolean;
  cursor: number | null;
  home_text: string | null;
  search_keyword: string | null;
  /** `log_pb.impr_id`, sent back as `search_id` for the next page. */
  search_id: string | null;
}

/** A search hit: the post record with F2's `HomePostSearchFilter` names (`cover` is `video.cover`). */
export interface HomePostSearchItem extends AwemeRecord {
  user_id: string | null;
  sec_uid: string | null;
  signature: string | null;
  signature_raw: string | null;
  avatar_larger: string | null;
  city: string | null;
}

function toHomePostSearchItem(entry: Obj): HomePostSearchItem {
  // Hits are wrapped as `{item: aweme}`; a bare aweme is accepted too.
  const aweme = typeof entry.item === 'object' && entry.item !== null ? obj(entry.item) : entry;
  const record = toAwemeRecord(aweme);
  const author = obj(aweme.author);
  const signature = str(author.signature);
  return {
    ...record,
    cover: firstUrl(obj(aweme.video).cover) ?? record.cover,
    user_id: record.uid,
    sec_uid: record.sec_user_id,
    signature,
    signature_raw: signature,
    avatar_larger: firstUrl(author.avatar_larger),
    city: str(aweme.city),
  };
}

export type HomePostSearchFilter = ListFilter<HomePostSearchPage, HomePostSearchItem>;

/** `/aweme/v1/web/home/search/item/` (search inside one user's posts). */
export const HomePostSearchFilter = defineListFilter({
  name: 'HomePostSearchFilter',
  page: (root: Obj): HomePostSearchPage => {
    const doodle = obj(root.global_doodle_config);
    return {
      status_code: num(root.status_code),
      status_msg: str(root.status_msg),
      has_aweme: arr(root.aweme_list).length > 0,
      has_more: flag(root.has_more) ?? false,
      cursor: num(root.cursor),
      home_text: str(doodle.home_text),
      search_keyword: str(doodle.keyword),
      search_id: id(obj(root.log_pb).impr_id),
    };
  },
  entries: (root) => arr(root.aweme_list),
  item: toHomePostSearchItem,
});
