/**
 * Filters: pure functions of a raw Douyin JSON body (from `parseJson` or `JSON.parse`) to typed
 * records under F2's property names. No I/O, no JSONPath at run time.
 */
export {
  defineListFilter,
  defineRecordFilter,
  type Columns,
  type ListFilter,
  type ListFilterClass,
  type ListFilterMembers,
  type ListFilterSpec,
  type RecordFilter,
  type RecordFilterClass,
  type RecordFilterMembers,
  type RecordFilterSpec,
} from './define-filter.js';
export { toAwemeRecord, type AwemeRecord } from './aweme-record.js';
export {
  detectPostType,
  selectBitRate,
  type PostType,
  type SelectBitRateOptions,
  type VideoBitRate,
  type VideoCodec,
} from './video-media.js';
export type { LivePhotoVideo, PostImage } from './image-media.js';
export {
  FollowFeedFilter,
  PostFeedFilter,
  PostLocateFilter,
  PostRelatedFilter,
  UserCollectionFilter,
  UserCollectsVideosFilter,
  UserLikeFilter,
  UserMixFilter,
  UserPostFilter,
  type AwemePage,
  type FollowFeedPage,
} from './post-list-filters.js';
export { PostDetailFilter, type PostDetailRecord } from './post-detail-filter.js';
export {
  FriendFeedFilter,
  HomePostSearchFilter,
  type FriendFeedItem,
  type FriendFeedPage,
  type HomePostSearchItem,
  type HomePostSearchPage,
} from './feed-filters.js';
export {
  QueryUserFilter,
  UserFollowerFilter,
  UserFollowingFilter,
  UserProfileFilter,
  UserShortInfoFilter,
  type FollowListPage,
  type FollowUserItem,
  type QueryUserRecord,
  type UserProfileRecord,
  type UserShortInfoItem,
  type UserShortInfoPage,
} from './user-filters.js';
export {
  UserCollectsFilter,
  UserMusicCollectionFilter,
  type CollectsItem,
  type MusicCollectionItem,
  type UserCollectsPage,
  type UserMusicCollectionPage,
} from './collection-filters.js';
export {
  PostCommentFilter,
  PostCommentReplyFilter,
  type CommentItem,
  type CommentPage,
} from './comment-filters.js';
export { UserLive2Filter, UserLiveFilter, type UserLive2Record, type UserLiveRecord } from './live-room-filters.js';
export {
  FollowingUserLiveFilter,
  LiveImFetchFilter,
  UserLiveStatusFilter,
  type FollowingLiveItem,
  type FollowingLivePage,
  type LiveImFetchRecord,
  type UserLiveStatusEntry,
  type UserLiveStatusRecord,
} from './live-feed-filters.js';
export {
  PostStatsFilter,
  SuggestWordFilter,
  type PostStatsRecord,
  type SuggestWordItem,
  type SuggestWordPage,
} from './search-and-stats-filters.js';
