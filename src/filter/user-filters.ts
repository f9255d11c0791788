import { defineListFilter, defineRecordFilter, type ListFilter, type RecordFilter } from './define-filter.js';
import { arr, firstUrl, flag, id, num, obj, str, type Obj } from './read.js';

export interface UserProfileRecord {
  status_code: number | null;
  status_msg: string | null;
  avatar_url: string | null;
  aweme_count: number | null;
  city: string | null;
  country: string | null;
  favoriting_count: number | null;
  follower_count: number | null;
  following_count: number | null;
  gender: number | null;
  ip_location: string | null;
  is_ban: boolean | null;
  is_block: boolean | null;
  is_blocked: boolean | null;
  is_star: boolean | null;
  live_status: number | null;
  mix_count: number | null;
  mplatform_followers_count: number | null;
  nickname: string | null;
  nickname_raw: string | null;
  /** `room_id_str` when sent, else `room_id` ("0" when not live). */
  room_id: string | null;
  school_name: string | null;
  /** 1 = private account. */
  secret: number | null;
  sec_user_id: string | null;
  short_id: string | null;
  signature: string | null;
  signature_raw: string | null;
  total_favorited: number | null;
  uid: string | null;
  unique_id: string | null;
  user_age: number | null;
}

function buildUserProfile(root: Obj): UserProfileRecord {
  const user = obj(root.user);
  const nickname = str(user.nickname);
  const signature = str(user.signature);
  return {
    status_code: num(root.status_code),
    status_msg: str(root.status_msg),
    avatar_url: firstUrl(user.avatar_larger),
    aweme_count: num(user.aweme_count),
    city: str(user.city),
    country: str(user.country),
    favoriting_count: num(user.favoriting_count),
    follower_count: num(user.follower_count),
    following_count: num(user.following_count),
    gender: num(user.gender),
    ip_location: str(user.ip_location),
    is_ban: flag(user.is_ban),
    is_block: flag(user.is_block),
    is_blocked: flag(user.is_blocked),
    is_star: flag(user.is_star),
    live_status: num(user.live_status),
    mix_count: num(user.mix_count),
    mplatform_followers_count: num(user.mplatform_followers_count),
    nickname,
    nickname_raw: nickname,
    room_id: id(user.room_id_str, user.room_id),
    school_name: str(user.school_name),
    secret: num(user.secret),
    sec_user_id: str(user.sec_uid),
    short_id: id(user.short_id),
    signature,
    signature_raw: signature,
    total_favorited: num(user.total_favorited),
    uid: id(user.uid),
    unique_id: str(user.unique_id),
    user_age: num(user.user_age),
  };
}

export type UserProfileFilter = RecordFilter<UserProfileRecord>;

/** `/aweme/v1/web/user/profile/other/`. */
export const UserProfileFilter = defineRecordFilter({ name: 'UserProfileFilter', build: buildUserProfile });

/** Page fields of the following / follower lists (status_code 2096 = hidden by privacy settings). */
export interface FollowListPage {
  status_code: number | null;
  status_msg: string | null;
  has_more: boolean;
  total: number | null;
  mix_count: number | null;
  offset: number | null;
  myself_user_id: string | null;
  /** Pass back as `max_time` for the next page. */
  max_time: number | null;
  min_time: number | null;
}

export interface FollowUserItem {
  avatar_larger: string | null;
  can_comment: boolean | null;
  can_forward: boolean | null;
  can_share: boolean | null;
  can_show_comment: boolean | null;
  aweme_count: number | null;
  back_cover: string | null;
  /** `create_time` of the user (Unix seconds). */
  register_time: number | null;
  /** 6 = unseen posts, 1 = live now, 7 = bio text. */
  secondary_priority: number | null;
  secondary_text: string | null;
  secondary_text_raw: string | null;
  is_block: boolean | null;
  is_blocked: boolean | null;
  is_gov_media_vip: boolean | null;
  is_mix_user: boolean | null;
  is_phone_binded: boolean | null;
  is_star: boolean | null;
  is_top: boolean | null;
  is_verified: boolean | null;
  language: string | null;
  nickname: string | null;
  nickname_raw: string | null;
  relation_label: unknown;
  room_id: string | null;
  sec_uid: string | null;
  secret: number | null;
  short_id: string | null;
  signature: string | null;
  signature_raw: string | null;
  uid: string | null;
  unique_id: string | null;
}

function followListPage(root: Obj): FollowListPage {
  return {
    status_code: num(root.status_code),
    status_msg: str(root.status_msg),
    has_more: flag(root.has_more) ?? false,
    total: num(root.total),
    mix_count: num(root.mix_count),
    offset: num(root.offset),
    myself_user_id: id(root.myself_user_id),
    max_time: num(root.max_time),
    min_time: num(root.min_time),
  };
}

function toFollowUser(user: Obj): FollowUserItem {
  const control = obj(user.aweme_control);
  // Douyin names the struct after the list it sits in; F2 reads the followings' name for both.
  const secondary = obj(user.following_list_secondary_information_struct ?? user.follower_list_secondary_information_struct);
  const secondaryText = str(secondary.secondary_information_text);
  const nickname = str(user.nickname);
  const signature = str(user.signature);
  return {
    avatar_larger: firstUrl(user.avatar_larger),
    can_comment: flag(control.can_comment),
    can_forward: flag(control.can_forward),
    can_share: flag(control.can_share),
    can_show_comment: flag(control.can_show_comment),
    aweme_count: num(user.aweme_count),
    back_cover: firstUrl(arr(user.cover_url)[0]),
    register_time: num(user.create_time),
    secondary_priority: num(secondary.secondary_information_priority),
    secondary_text: secondaryText,
    secondary_text_raw: secondaryText,
    is_block: flag(user.is_block),
    is_blocked: flag(user.is_blocked),
    is_gov_media_vip: flag(user.is_gov_media_vip),
    is_mix_user: flag(user.is_mix_user),
    is_phone_binded: flag(user.is_phone_binded),
    is_star: flag(user.is_star),
    is_top: flag(user.is_top),
    is_verified: flag(user.is_verified),
    language: str(user.language),
    nickname,
    nickname_raw: nickname,
    relation_label: user.relation_label ?? null,
    room_id: id(user.room_id_str, user.room_id),
    sec_uid: str(user.sec_uid),
    secret: num(user.secret),
    short_id: id(user.short_id),
    signature,
    signature_raw: signature,
    uid: id(user.uid),
    unique_id: str(user.unique_id),
  };
}

export type UserFollowingFilter = ListFilter<FollowListPage, FollowUserItem>;

/** `/aweme/v1/web/user/following/list/`: users in `followings[]`. */
export const UserFollowingFilter = defineListFilter({
  name: 'UserFollowingFilter',
  page: followListPage,
  entries: (root) => arr(root.followings),
  item: toFollowUser,
});

export type UserFollowerFilter = ListFilter<FollowListPage, FollowUserItem>;

/**
 * `/aweme/v1/web/user/follower/list/`: users in `followers[]`. F2's typos are not reproduced:
 * `can_share` and the secondary text are read from each follower.
 */
export const UserFollowerFilter = defineListFilter({
  name: 'UserFollowerFilter',
  page: followListPage,
  entries: (root) => arr(root.followers),
  item: toFollowUser,
});

export interface UserShortInfoPage {
  status_code: number | null;
}

export interface UserShortInfoItem {
  uid: string | null;
  sec_uid: string | null;
  short_id: string | null;
  unique_id: string | null;
  nickname: string | null;
  nickname_raw: string | null;
  signature: string | null;
  signature_raw: string | null;
  avatar_thumb: string | null;
  gender: number | null;
  follow_status: number | null;
  follower_status: number | null;
  is_block: boolean | null;
}

export type UserShortInfoFilter = ListFilter<UserShortInfoPage, UserShortInfoItem>;

/** `/aweme/v1/web/im/user/info/` (F2's `USER_SHORT_INFO`; F2 has no filter): users in `data[]`. */
export const UserShortInfoFilter = defineListFilter({
  name: 'UserShortInfoFilter',
  page: (root: Obj): UserShortInfoPage => ({ status_code: num(root.status_code) }),
  entries: (root) => arr(root.data),
  item: (user: Obj): UserShortInfoItem => {
    const nickname = str(user.nickname);
    const signature = str(user.signature);
    return {
      uid: id(user.uid),
      sec_uid: str(user.sec_uid),
      short_id: id(user.short_id),
      unique_id: str(user.unique_id),
      nickname,
      nickname_raw: nickname,
      signature,
      signature_raw: signature,
      avatar_thumb: firstUrl(user.avatar_thumb),
      gender: num(user.gender),
      follow_status: num(user.follow_status),
      follower_status: num(user.follower_status),
      is_block: flag(user.is_block),
    };
  },
});

export interface QueryUserRecord {
  status_code: number | null;
  status_msg: string | null;
  browser_name: string | null;
  /** Unix seconds. */
  create_time: number | null;
  firebase_instance_id: string | null;
  /** `$.id`: the device's user_unique_id (a 64-bit number). */
  user_unique_id: string | null;
  /** Unix seconds. */
  last_time: number | null;
  user_agent: string | null;
  user_uid: string | null;
  user_uid_type: number | null;
}

export type QueryUserFilter = RecordFilter<QueryUserRecord>;

/** `/aweme/v1/web/query/user/`. */
export const QueryUserFilter = defineRecordFilter({
  name: 'QueryUserFilter',
  build: (root: Obj): QueryUserRecord => ({
    status_code: num(root.status_code),
    status_msg: str(root.status_msg),
    browser_name: str(root.browser_name),
    create_time: num(root.create_time),
    firebase_instance_id: str(root.firebase_instance_id),
    user_unique_id: id(root.id_str, root.id),
    last_time: num(root.last_time),
    user_agent: str(root.user_agent),
    user_uid: id(root.user_uid),
    user_uid_type: num(root.user_uid_type),
  }),
});
