import type { DouyinKitHosts } from '../options.js';
import type { ParamFamily, Params } from './base-params.js';

/** How a list endpoint pages: which query parameter carries the cursor and where the answer puts the next one. */
export interface PageSpec {
  /** Query parameter for the cursor (`max_cursor`, `cursor`, `offset`). */
  cursorParam: string;
  /** Top-level key of the next cursor in the answer. */
  nextCursor: string;
  /** Dotted path of the item list in the answer (`aweme_list`, `data.data`). */
  items: string;
  /** Top-level key of the "more pages" flag. @default 'has_more' */
  hasMore?: string;
  /** Query parameter for the page size. @default 'count' */
  countParam?: string;
}

export interface EndpointDef {
  host: Extract<keyof DouyinKitHosts, 'www' | 'live' | 'webcast'>;
  path: string;
  method: 'GET' | 'POST';
  /** Which family of base query parameters goes first. */
  base: ParamFamily;
  /** Endpoint defaults, after the base and before the caller's params. */
  params: Params;
  /** Sign with the configured Signer (a_bogus / X-Bogus). */
  sign: boolean;
  /** POST body: the given params as JSON or form-urlencoded (they stay in the query too, as Douyin's client sends them). */
  body?: { format: 'json' | 'form'; keys: readonly string[] };
  /** Add a fresh msToken to the query. */
  msToken: boolean;
  /** Douyin answers only the first page (or nothing) without a logged-in cookie. */
  requiresLogin?: boolean;
  /** The F2 filter class that reads this endpoint's answer. */
  filter: FilterName;
  page?: PageSpec;
}

export type FilterName =
  | 'UserProfileFilter' | 'UserPostFilter' | 'UserCollectionFilter' | 'UserCollectsFilter' | 'UserMusicCollectionFilter'
  | 'UserMixFilter' | 'PostDetailFilter' | 'PostCommentFilter' | 'PostCommentReplyFilter' | 'PostRelatedFilter'
  | 'FriendFeedFilter' | 'UserFollowingFilter' | 'UserFollowerFilter' | 'QueryUserFilter' | 'PostStatsFilter'
  | 'HomePostSearchFilter' | 'SuggestWordFilter' | 'UserLiveFilter' | 'UserLive2Filter' | 'FollowingUserLiveFilter'
  | 'LiveImFetchFilter' | 'UserLiveStatusFilter' | 'UserCollectsVideosFilter' | 'FollowFeedFilter';

const awemePages = (cursor: 'max_cursor' | 'cursor'): PageSpec => ({ cursorParam: cursor, nextCursor: cursor, items: 'aweme_list' });
const web = { host: 'www', base: 'web', sign: true, msToken: true, method: 'GET' } as const;

/** Every Douyin web endpoint douyin-kit calls, declared once. */
export const ENDPOINTS = {
  userProfile: { ...web, path: '/aweme/v1/web/user/profile/other/', params: {}, filter: 'UserProfileFilter' },
  userPost: { ...web, path: '/aweme/v1/web/aweme/post/', params: { max_cursor: 0, count: 20 }, filter: 'UserPostFilter', page: awemePages('max_cursor') },
  userLike: { ...web, path: '/aweme/v1/web/aweme/favorite/', params: { max_cursor: 0, count: 20 }, filter: 'UserPostFilter', page: awemePages('max_cursor') },
  userCollection: {
    ...web, method: 'POST', path: '/aweme/v1/web/aweme/listcollection/', params: { cursor: 0, count: 20 },
    body: { format: 'json', keys: ['cursor', 'count'] }, requiresLogin: true, filter: 'UserCollectionFilter', page: awemePages('cursor'),
  },
  userCollects: {
    ...web, path: '/aweme/v1/web/collects/list/', params: { cursor: 0, count: 20 }, requiresLogin: true, filter: 'UserCollectsFilter',
    page: { cursorParam: 'cursor', nextCursor: 'cursor', items: 'collects_list' },
  },
  userCollectsVideo: {
    ...web, path: '/aweme/v1/web/collects/video/list/', params: { cursor: 0, count: 20 }, requiresLogin: true,
    filter: 'UserCollectsVideosFilter', page: awemePages('cursor'),
  },
  userMusicCollection: {
    ...web, path: '/aweme/v1/web/music/listcollection/', params: { cursor: 0, count: 20 }, requiresLogin: true,
    filter: 'UserMusicCollectionFilter', page: { cursorParam: 'cursor', nextCursor: 'cursor', items: 'mc_list' },
  },
  mixAweme: { ...web, path: '/aweme/v1/web/mix/aweme/', params: { cursor: 0, count: 20 }, filter: 'UserMixFilter', page: awemePages('cursor') },
  postDetail: { ...web, path: '/aweme/v1/web/aweme/detail/', params: {}, filter: 'PostDetailFilter' },
  postComment: {
    ...web, path: '/aweme/v1/web/comment/list/',
    params: { cursor: 0, count: 20, item_type: 0, insert_ids: '', whale_cut_token: '', cut_version: 1, rcFT: '' },
    filter: 'PostCommentFilter', page: { cursorParam: 'cursor', nextCursor: 'cursor', items: 'comments' },
  },
  postCommentReply: {
    ...web, path: '/aweme/v1/web/comment/list/reply/', params: { cursor: 0, count: 3, item_type: 0, cut_version: 1 },
    filter: 'PostCommentReplyFilter', page: { cursorParam: 'cursor', nextCursor: 'cursor', items: 'comments' },
  },
  tabFeed: {
    ...web, path: '/aweme/v1/web/tab/feed/',
    params: {
      count: 10, tag_id: '', share_aweme_id: '', live_insert_type: '', refresh_index: 1, video_type_select: 1,
      aweme_pc_rec_raw_data: '{"is_client":"false"}', globalwid: '', pull_type: '', min_window: '', free_right: '', ug_source: '', creative_id: '',
    },
    filter: 'UserPostFilter', page: { cursorParam: 'refresh_index', nextCursor: 'refresh_index', items: 'aweme_list' },
  },
  followFeed: {
    ...web, path: '/aweme/v1/web/follow/feed/', params: { cursor: 0, level: 1, count: 20, pull_type: '' }, requiresLogin: true,
    filter: 'FollowFeedFilter', page: { cursorParam: 'cursor', nextCursor: 'cursor', items: 'data' },
  },
  friendFeed: {
    ...web, method: 'POST', path: '/aweme/v1/web/familiar/feed/',
    params: { cursor: 0, level: 1, aweme_ids: '', room_ids: '', pull_type: 0, address_book_access: 2, gps_access: 2, recent_gids: '' },
    body: { format: 'form', keys: ['cursor', 'level', 'aweme_ids', 'room_ids', 'pull_type', 'address_book_access', 'gps_access', 'recent_gids'] },
    requiresLogin: true, filter: 'FriendFeedFilter', page: { cursorParam: 'cursor', nextCursor: 'cursor', items: 'data' },
  },
  postRelated: {
    ...web, path: '/aweme/v1/web/aweme/related/',
    params: { count: 20, filterGids: '', awemePcRecRawData: '{"is_client":false}', sub_channel_id: 3 },
    filter: 'PostRelatedFilter', page: { cursorParam: 'filterGids', nextCursor: 'filterGids', items: 'aweme_list' },
  },
  locatePost: {
    ...web, path: '/aweme/v1/web/locate/post/',
    params: { max_cursor: 0, locate_item_id: '', locate_item_cursor: '', locate_query: 'true', count: 10 },
    filter: 'UserPostFilter', page: awemePages('max_cursor'),
  },
  userFollowing: {
    ...web, path: '/aweme/v1/web/user/following/list/',
    params: { user_id: '', sec_user_id: '', offset: 0, min_time: 0, max_time: 0, count: 20, source_type: 4, gps_access: 0, address_book_access: 0, is_top: 1 },
    filter: 'UserFollowingFilter', page: { cursorParam: 'offset', nextCursor: 'offset', items: 'followings' },
  },
  userFollower: {
    ...web, path: '/aweme/v1/web/user/follower/list/',
    params: { user_id: '', sec_user_id: '', offset: 0, min_time: 0, max_time: 0, count: 20, source_type: 1, gps_access: 0, address_book_access: 0, is_top: 1 },
    filter: 'UserFollowerFilter', page: { cursorParam: 'offset', nextCursor: 'offset', items: 'followers' },
  },
  queryUser: {
    ...web, path: '/aweme/v1/web/query/user/', params: { update_version_code: '170400', version_code: '170400', version_name: '17.4.0' },
    filter: 'QueryUserFilter',
  },
  postStats: {
    ...web, method: 'POST', path: '/aweme/v2/web/aweme/stats/', params: { play_delta: 1, source: 0 },
    body: { format: 'form', keys: ['aweme_type', 'item_id', 'play_delta', 'source'] }, filter: 'PostStatsFilter',
  },
  homePostSearch: {
    ...web, path: '/aweme/v1/web/home/search/item/',
    params: {
      search_channel: 'aweme_personal_home_video', search_source: 'normal_search', search_scene: 'douyin_search', sort_type: 0,
      publish_time: 0, is_filter_search: 0, query_correct_type: 1, enable_history: 1, search_id: '', offset: 0, count: 10,
    },
    filter: 'HomePostSearchFilter', page: { cursorParam: 'offset', nextCursor: 'cursor', items: 'aweme_list' },
  },
  suggestWords: {
    ...web, path: '/aweme/v1/web/api/suggest_words/',
    params: { query: '', count: 8, business_id: '30068', from_group_id: '', rsp_source: '', penetrate_params: '{}' },
    filter: 'SuggestWordFilter',
  },
  followingLive: {
    ...web, path: '/webcast/web/feed/follow/', params: { scene: 'aweme_pc_follow_top' }, requiresLogin: true, filter: 'FollowingUserLiveFilter',
  },
  liveWebEnter: {
    host: 'live', base: 'live', sign: true, msToken: false, method: 'GET', path: '/webcast/room/web/enter/',
    params: { room_id_str: '' }, filter: 'UserLiveFilter',
  },
  liveReflowInfo: {
    host: 'webcast', base: 'live2', sign: true, msToken: false, method: 'GET', path: '/webcast/room/reflow/info/',
    params: {}, filter: 'UserLive2Filter',
  },
  liveImFetch: {
    host: 'live', base: 'webcast', sign: true, msToken: false, method: 'GET', path: '/webcast/im/fetch/',
    params: { resp_content_type: 'json', fetch_rule: 1, last_rtt: 0, cursor: '', internal_ext: '' }, filter: 'LiveImFetchFilter',
  },
  userLiveStatus: {
    host: 'live', base: 'none', sign: true, msToken: false, method: 'GET', path: '/webcast/distribution/check_user_live_status/',
    params: { aid: 6383, distribution_scenes: 254, channel: 'test' }, filter: 'UserLiveStatusFilter',
  },
} as const satisfies Record<string, EndpointDef>;

export type EndpointId = keyof typeof ENDPOINTS;

export function endpointDef(id: EndpointId): EndpointDef {
  return ENDPOINTS[id];
}
