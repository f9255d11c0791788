import { toAwemeRecord, type AwemeRecord } from './aweme-record.js';
import { defineListFilter, type ListFilter } from './define-filter.js';
import { arr, flag, num, obj, str, type Obj } from './read.js';

/**
 * Pages of posts shaped like `/aweme/post/` (`aweme_list[]`): user posts, likes, collections,
 * collects folders, mixes, related posts, locate-post and the tab feed. Pagination: pass
 * `max_cursor` back while `has_more`.
 */
export interface AwemePage {
  status_code: number | null;
  /** True when `aweme_list` holds at least one post. */
  has_aweme: boolean;
  has_more: boolean;
  /** Next cursor: `$.max_cursor`, or `$.cursor` for collection / collects / mix pages. */
  max_cursor: number | null;
  min_cursor: number | null;
  /** Only on `/locate/post/`. */
  locate_item_cursor: number | null;
}

function awemePage(cursorKey: 'max_cursor' | 'cursor') {
  return (root: Obj): AwemePage => ({
    status_code: num(root.status_code),
    has_aweme: arr(root.aweme_list).length > 0,
    has_more: flag(root.has_more) ?? false,
    max_cursor: num(root[cursorKey]),
    min_cursor: num(root.min_cursor),
    locate_item_cursor: num(root.locate_item_cursor),
  });
}

const awemeList = (root: Obj): readonly unknown[] => arr(root.aweme_list);

export type UserPostFilter = ListFilter<AwemePage, AwemeRecord>;

/** `/aweme/v1/web/aweme/post/` (also likes, related posts, locate-post, tab feed). */
export const UserPostFilter = defineListFilter({
  name: 'UserPostFilter',
  page: awemePage('max_cursor'),
  entries: awemeList,
  item: toAwemeRecord,
});

/** `/aweme/v1/web/aweme/favorite/` — F2's `UserLikeFilter` is an unchanged `UserPostFilter`. */
export const UserLikeFilter = UserPostFilter;
export type UserLikeFilter = UserPostFilter;

/** `/aweme/v1/web/aweme/related/`. */
export const PostRelatedFilter = UserPostFilter;
export type PostRelatedFilter = UserPostFilter;

/** `/aweme/v1/web/locate/post/`: a user-post page plus `locate_item_cursor`. */
export const PostLocateFilter = UserPostFilter;
export type PostLocateFilter = UserPostFilter;

/** `/aweme/v1/web/tab/feed/` (F2 has a crawler but no filter; the body is `aweme_list` shaped). */
export const PostFeedFilter = UserPostFilter;
export type PostFeedFilter = UserPostFilter;

export type UserCollectionFilter = ListFilter<AwemePage, AwemeRecord>;

/** `/aweme/v1/web/aweme/listcollection/`: like `UserPostFilter`, `max_cursor` read from `$.cursor`. */
export const UserCollectionFilter = defineListFilter({
  name: 'UserCollectionFilter',
  page: awemePage('cursor'),
  entries: awemeList,
  item: toAwemeRecord,
});

/** `/aweme/v1/web/collects/video/list/` (F2 reuses `UserCollectionFilter`). */
export const UserCollectsVideosFilter = UserCollectionFilter;
export type UserCollectsVideosFilter = UserCollectionFilter;

/** `/aweme/v1/web/mix/aweme/`: like `UserPostFilter`, `max_cursor` read from `$.cursor`. */
export const UserMixFilter = UserCollectionFilter;
export type UserMixFilter = UserCollectionFilter;

export interface FollowFeedPage {
  status_code: number | null;
  status_msg: string | null;
  has_aweme: boolean;
  has_more: boolean;
  /** Next cursor (`$.cursor`, else `$.max_cursor`). */
  cursor: number | null;
  level: number | null;
}

/** Follow-feed entries wrap the post (`data[].aweme`); an `aweme_list[]` body is accepted too. */
function followFeedEntries(root: Obj): readonly unknown[] {
  const data = arr(root.data);
  if (data.length > 0) return data.map((entry) => obj(entry).aweme ?? entry);
  return arr(root.aweme_list);
}

export type FollowFeedFilter = ListFilter<FollowFeedPage, AwemeRecord>;

/** `/aweme/v1/web/follow/feed/` (login cookie; F2 has a crawler but no filter). */
export const FollowFeedFilter = defineListFilter({
  name: 'FollowFeedFilter',
  page: (root: Obj): FollowFeedPage => ({
    status_code: num(root.status_code),
    status_msg: str(root.status_msg),
    has_aweme: followFeedEntries(root).length > 0,
    has_more: flag(root.has_more) ?? false,
    cursor: num(root.cursor ?? root.max_cursor),
    level: num(root.level),
  }),
  entries: followFeedEntries,
  item: toAwemeRecord,
});
