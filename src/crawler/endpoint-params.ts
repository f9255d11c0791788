import type { EndpointId } from './endpoints.js';

type Cursor = number | string;

/** What each endpoint needs from the caller (the rest has defaults in the endpoint table). */
export interface EndpointParams {
  userProfile: { sec_user_id: string };
  userPost: { sec_user_id: string; max_cursor?: Cursor; count?: number };
  userLike: { sec_user_id: string; max_cursor?: Cursor; count?: number };
  userCollection: { cursor?: Cursor; count?: number };
  userCollects: { cursor?: Cursor; count?: number };
  userCollectsVideo: { collects_id: string; cursor?: Cursor; count?: number };
  userMusicCollection: { cursor?: Cursor; count?: number };
  mixAweme: { mix_id: string; cursor?: Cursor; count?: number };
  postDetail: { aweme_id: string };
  postComment: { aweme_id: string; cursor?: Cursor; count?: number };
  postCommentReply: { item_id: string; comment_id: string; cursor?: Cursor; count?: number };
  tabFeed: { count?: number; refresh_index?: number };
  followFeed: { cursor?: Cursor; count?: number };
  friendFeed: { cursor?: Cursor; level?: number; pull_type?: number };
  postRelated: { aweme_id: string; count?: number; filterGids?: string };
  locatePost: { sec_user_id: string; max_cursor?: Cursor; locate_item_id?: string; locate_item_cursor?: Cursor; count?: number };
  userFollowing: { sec_user_id: string; user_id?: string; offset?: number; min_time?: number; max_time?: number; count?: number; source_type?: number };
  userFollower: { sec_user_id: string; user_id?: string; offset?: number; min_time?: number; max_time?: number; count?: number; source_type?: number };
  queryUser: Record<string, never>;
  postStats: { item_id: string; aweme_type: number; play_delta?: number };
  homePostSearch: { keyword: string; from_user: string; offset?: number; count?: number; search_id?: string };
  suggestWords: { query: string; count?: number; from_group_id?: string };
  followingLive: Record<string, never>;
  liveWebEnter: { web_rid: string; room_id_str?: string };
  liveReflowInfo: { room_id: string; sec_user_id?: string };
  liveImFetch: { room_id: string; user_unique_id: string; cursor?: string; internal_ext?: string };
  userLiveStatus: { user_ids: string };
}

// Compile-time check that every endpoint has a params entry and nothing extra.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const PARAMS_COVER_ENDPOINTS: Exact<keyof EndpointParams, EndpointId> = true;
