import type { CallOptions, DouyinCrawler } from '../crawler/douyin-crawler.js';
import {
  FollowingUserLiveFilter,
  FriendFeedFilter,
  HomePostSearchFilter,
  LiveImFetchFilter,
  PostCommentFilter,
  PostCommentReplyFilter,
  PostDetailFilter,
  PostFeedFilter,
  PostRelatedFilter,
  PostStatsFilter,
  QueryUserFilter,
  SuggestWordFilter,
  UserCollectionFilter,
  UserCollectsFilter,
  UserCollectsVideosFilter,
  UserFollowerFilter,
  UserFollowingFilter,
  UserLikeFilter,
  UserLive2Filter,
  UserLiveFilter,
  UserLiveStatusFilter,
  UserMixFilter,
  UserMusicCollectionFilter,
  UserPostFilter,
  UserProfileFilter,
} from '../filter/index.js';
import { parseDateWindow } from './date-window.js';
import { paginate, type PageOptions, type PagedEndpointId, type PaginateSpec } from './paginate.js';

/** Turns whatever the user pasted (URL, share text or bare id) into the id an endpoint needs. */
export interface IdResolver {
  secUserId(input: string, options?: CallOptions): Promise<string>;
  awemeId(input: string, options?: CallOptions): Promise<string>;
  mixId(input: string, options?: CallOptions): Promise<string>;
  webcastId(input: string, options?: CallOptions): Promise<string>;
  roomId(input: string, options?: CallOptions): Promise<string>;
}

/** Page options, with `interval` also accepted as F2's `YYYY-MM-DD|YYYY-MM-DD` string. */
export interface ListOptions extends Omit<PageOptions, 'interval'> {
  interval?: PageOptions['interval'] | string;
}

export interface FollowListOptions extends ListOptions {
  /** Following: 1 recent (needs maxTime), 3 earliest (needs minTime), 4 mixed. Followers: 1 recent, 2 mixed. */
  sourceType?: number;
  minTime?: number;
  maxTime?: number;
}

/**
 * F2's DouyinHandler, in TypeScript: one async generator per list (yielding one F2 filter per
 * page) and one async function per single record. Each accepts a URL, share text or bare id.
 */
export class DouyinHandler {
  readonly crawler: DouyinCrawler;
  readonly ids: IdResolver;

  constructor(crawler: DouyinCrawler, ids: IdResolver) {
    this.crawler = crawler;
    this.ids = ids;
  }

  #list<Id extends PagedEndpointId, F>(spec: PaginateSpec<Id, F>, options: ListOptions = {}): AsyncGenerator<F, void, undefined> {
    const interval = typeof options.interval === 'string' || options.interval === undefined
      ? parseDateWindow(options.interval ?? this.crawler.options.interval)
      : options.interval;
    return paginate(this.crawler, spec, { maxCounts: this.crawler.options.maxCounts || undefined, ...options, interval });
  }

  async fetchUserProfile(user: string, o?: CallOptions): Promise<UserProfileFilter> {
    return new UserProfileFilter(await this.crawler.fetchUserProfile({ sec_user_id: await this.ids.secUserId(user, o) }, o));
  }

  async fetchOneVideo(post: string, o?: CallOptions): Promise<PostDetailFilter> {
    return new PostDetailFilter(await this.crawler.fetchPostDetail({ aweme_id: await this.ids.awemeId(post, o) }, o));
  }

  async *fetchUserPostVideos(user: string, o: ListOptions = {}): AsyncGenerator<UserPostFilter, void, undefined> {
    const sec_user_id = await this.ids.secUserId(user, o);
    yield* this.#list({ endpoint: 'userPost', params: { sec_user_id }, toPage: (r) => new UserPostFilter(r) }, o);
  }

  async *fetchUserLikeVideos(user: string, o: ListOptions = {}): AsyncGenerator<UserLikeFilter, void, undefined> {
    const sec_user_id = await this.ids.secUserId(user, o);
    yield* this.#list({ endpoint: 'userLike', params: { sec_user_id }, toPage: (r) => new UserLikeFilter(r) }, o);
  }

  fetchUserMusicCollection(o: ListOptions = {}): AsyncGenerator<UserMusicCollectionFilter, void, undefined> {
    return this.#list({ endpoint: 'userMusicCollection', params: {}, toPage: (r) => new UserMusicCollectionFilter(r) }, o);
  }

  fetchUserCollectionVideos(o: ListOptions = {}): AsyncGenerator<UserCollectionFilter, void, undefined> {
    return this.#list({ endpoint: 'userCollection', params: {}, toPage: (r) => new UserCollectionFilter(r) }, o);
  }

  fetchUserCollects(o: ListOptions = {}): AsyncGenerator<UserCollectsFilter, void, undefined> {
    return this.#list({ endpoint: 'userCollects', params: {}, toPage: (r) => new UserCollectsFilter(r) }, o);
  }

  fetchUserCollectsVideos(collectsId: string, o: ListOptions = {}): AsyncGenerator<UserCollectsVideosFilter, void, undefined> {
    return this.#list(
      { endpoint: 'userCollectsVideo', params: { collects_id: collectsId }, toPage: (r) => new UserCollectsVideosFilter(r) },
      o,
    );
  }

  async *fetchUserMixVideos(mix: string, o: ListOptions = {}): AsyncGenerator<UserMixFilter, void, undefined> {
    const mix_id = await this.ids.mixId(mix, o);
    yield* this.#list({ endpoint: 'mixAweme', params: { mix_id }, toPage: (r) => new UserMixFilter(r) }, o);
  }

  /** A live room by its `live.douyin.com/<webcast_id>` number or URL (web/enter). */
  async fetchUserLiveVideos(room: string, o?: CallOptions): Promise<UserLiveFilter> {
    return new UserLiveFilter(await this.crawler.fetchLive({ web_rid: await this.ids.webcastId(room, o) }, o));
  }

  /** A live room by its 19-digit room_id or a reflow share URL (reflow/info). */
  async fetchUserLiveVideosByRoomId(room: string, o?: CallOptions): Promise<UserLive2Filter> {
    return new UserLive2Filter(await this.crawler.fetchLiveRoomId({ room_id: await this.ids.roomId(room, o) }, o));
  }

  /** The home feed (recommendations, tab/feed). F2's own version re-reads a user's posts instead. */
  fetchUserFeedVideos(o: ListOptions = {}): AsyncGenerator<PostFeedFilter, void, undefined> {
    return this.#list({ endpoint: 'tabFeed', params: {}, toPage: (r) => new PostFeedFilter(r) }, { ...o, interval: null });
  }

  /** Related posts; every page excludes all posts already seen (filterGids accumulates). */
  async *fetchRelatedVideos(post: string, o: ListOptions = {}): AsyncGenerator<PostRelatedFilter, void, undefined> {
    const aweme_id = await this.ids.awemeId(post, o);
    const seen = [aweme_id];
    yield* this.#list(
      {
        endpoint: 'postRelated',
        params: { aweme_id, filterGids: `${aweme_id},` },
        toPage: (r) => new PostRelatedFilter(r),
        nextCursor: (raw) => {
          for (const item of (raw.aweme_list as { aweme_id?: unknown }[] | undefined) ?? []) {
            if (item?.aweme_id !== undefined) seen.push(String(item.aweme_id));
          }
          return seen.join(',');
        },
      },
      { ...o, interval: null },
    );
  }

  fetchFriendFeedVideos(o: ListOptions = {}): AsyncGenerator<FriendFeedFilter, void, undefined> {
    return this.#list(
      {
        endpoint: 'friendFeed',
        params: {},
        toPage: (r) => new FriendFeedFilter(r),
        nextParams: (raw) => (typeof raw.level === 'number' ? { level: raw.level, pull_type: raw.level } : {}),
      },
      o,
    );
  }

  async *fetchUserFollowing(user: string, o: FollowListOptions = {}): AsyncGenerator<UserFollowingFilter, void, undefined> {
    const sec_user_id = await this.ids.secUserId(user, o);
    const params = { sec_user_id, source_type: o.sourceType ?? 4, min_time: o.minTime ?? 0, max_time: o.maxTime ?? 0 };
    yield* this.#list({ endpoint: 'userFollowing', params, toPage: (r) => new UserFollowingFilter(r) }, { ...o, interval: null });
  }

  /** Followers, newest first; each next page asks for those followed before the last one seen (max_time). */
  async *fetchUserFollower(user: string, o: FollowListOptions = {}): AsyncGenerator<UserFollowerFilter, void, undefined> {
    const sec_user_id = await this.ids.secUserId(user, o);
    const params = { sec_user_id, source_type: o.sourceType ?? 1, min_time: o.minTime ?? 0, max_time: o.maxTime ?? 0 };
    yield* this.#list(
      {
        endpoint: 'userFollower',
        params,
        toPage: (r) => new UserFollowerFilter(r),
        nextParams: (raw) => (raw.min_time !== undefined && raw.min_time !== 0 ? { max_time: Number(raw.min_time) } : {}),
      },
      { ...o, interval: null },
    );
  }

  async fetchQueryUser(o?: CallOptions): Promise<QueryUserFilter> {
    return new QueryUserFilter(await this.crawler.fetchQueryUser(o));
  }

  async fetchPostStats(post: string, awemeType = 0, o?: CallOptions): Promise<PostStatsFilter> {
    const item_id = await this.ids.awemeId(post, o);
    return new PostStatsFilter(await this.crawler.fetchPostStats({ item_id, aweme_type: awemeType }, o));
  }

  async fetchLiveIm(roomId: string, userUniqueId: string, o?: CallOptions): Promise<LiveImFetchFilter> {
    return new LiveImFetchFilter(await this.crawler.fetchLiveImFetch({ room_id: roomId, user_unique_id: userUniqueId }, o));
  }

  async fetchUserFollowingLives(o?: CallOptions): Promise<FollowingUserLiveFilter> {
    return new FollowingUserLiveFilter(await this.crawler.fetchFollowingLive(o));
  }

  async fetchUserLiveStatus(userIds: string | readonly string[], o?: CallOptions): Promise<UserLiveStatusFilter> {
    const user_ids = typeof userIds === 'string' ? userIds : userIds.join(',');
    return new UserLiveStatusFilter(await this.crawler.fetchUserLiveStatus({ user_ids }, o));
  }

  async *fetchPostComment(post: string, o: ListOptions = {}): AsyncGenerator<PostCommentFilter, void, undefined> {
    const aweme_id = await this.ids.awemeId(post, o);
    yield* this.#list({ endpoint: 'postComment', params: { aweme_id }, toPage: (r) => new PostCommentFilter(r) }, { ...o, interval: null });
  }

  fetchPostCommentReply(itemId: string, commentId: string, o: ListOptions = {}): AsyncGenerator<PostCommentReplyFilter, void, undefined> {
    return this.#list(
      { endpoint: 'postCommentReply', params: { item_id: itemId, comment_id: commentId }, toPage: (r) => new PostCommentReplyFilter(r) },
      { ...o, interval: null },
    );
  }

  /** Search one user's posts by keyword (the search box on a profile page). */
  async *fetchHomePostSearch(keyword: string, user: string, o: ListOptions = {}): AsyncGenerator<HomePostSearchFilter, void, undefined> {
    const from_user = await this.ids.secUserId(user, o);
    yield* this.#list(
      { endpoint: 'homePostSearch', params: { keyword, from_user }, toPage: (r) => new HomePostSearchFilter(r) },
      { ...o, interval: null },
    );
  }

  async fetchSuggestWord(query: string, o?: CallOptions): Promise<SuggestWordFilter> {
    return new SuggestWordFilter(await this.crawler.fetchSuggestWord({ query }, o));
  }
}
