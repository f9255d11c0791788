import { defineListFilter, defineRecordFilter, type ListFilter, type RecordFilter } from './define-filter.js';
import { arr, first, firstUrl, flag, id, num, obj, str, stringMap, type Obj } from './read.js';

export interface FollowingLivePage {
  status_code: number | null;
  /** `$.data.message`. */
  status_msg: string | null;
}

export interface FollowingLiveItem {
  web_rid: string | null;
  room_id: string | null;
  live_status: number | null;
  live_title: string | null;
  live_title_raw: string | null;
  cover: string | null;
  cover_type: number | null;
  is_recommend: boolean | null;
  tag_name: string | null;
  title_type: number | null;
  uniq_id: string | null;
  has_commerce_goods: boolean | null;
  live_room_mode: number | null;
  mosaic_status: number | null;
  user_count: string | null;
  like_count: number | null;
  total_count: string | null;
  user_id: string | null;
  user_sec_uid: string | null;
  nickname: string | null;
  nickname_raw: string | null;
  avatar_thumb: string | null;
  flv_pull_url: Record<string, string> | null;
  hls_pull_url: Record<string, string> | null;
  stream_orientation: number | null;
}

function toFollowingLive(entry: Obj): FollowingLiveItem {
  const room = obj(entry.room);
  const stats = obj(room.stats);
  const owner = obj(room.owner);
  const stream = obj(room.stream_url);
  const title = str(room.title);
  const nickname = str(owner.nickname);
  return {
    web_rid: id(entry.web_rid),
    room_id: id(room.id_str, room.id),
    live_status: num(room.status),
    live_title: title,
    live_title_raw: title,
    cover: firstUrl(room.cover),
    cover_type: num(entry.cover_type),
    is_recommend: flag(entry.is_recommend),
    tag_name: str(entry.tag_name),
    title_type: num(entry.title_type),
    uniq_id: id(entry.uniq_id),
    has_commerce_goods: flag(room.has_commerce_goods),
    live_room_mode: num(room.live_room_mode),
    mosaic_status: num(room.mosaic_status),
    user_count: id(stats.user_count_str, stats.user_count),
    like_count: num(stats.like_count),
    total_count: id(stats.total_user_str, stats.total_user),
    user_id: id(owner.id_str, owner.id),
    user_sec_uid: str(owner.sec_uid),
    nickname,
    nickname_raw: nickname,
    avatar_thumb: firstUrl(owner.avatar_thumb),
    flv_pull_url: stringMap(stream.flv_pull_url),
    hls_pull_url: stringMap(stream.hls_pull_url_map),
    stream_orientation: num(stream.stream_orientation),
  };
}

export type FollowingUserLiveFilter = ListFilter<FollowingLivePage, FollowingLiveItem>;

/** `www.douyin.com/webcast/web/feed/follow/` (login cookie): live rooms in `data.data[]`. */
export const FollowingUserLiveFilter = defineListFilter({
  name: 'FollowingUserLiveFilter',
  page: (root: Obj): FollowingLivePage => ({
    status_code: num(root.status_code),
    status_msg: str(obj(root.data).message),
  }),
  entries: (root) => arr(obj(root.data).data),
  item: toFollowingLive,
});

export interface UserLiveStatusEntry {
  user_id: string | null;
  user_id_str: string | null;
  room_id: string | null;
  room_id_str: string | null;
  /** 1 = live. */
  live_status: number | null;
}

export interface UserLiveStatusRecord extends UserLiveStatusEntry {
  api_status_code: number | null;
  /** `data.prompts` of an error body. */
  error_msg: string | null;
  scene_id: number | null;
  /** One entry per user asked about (the fields above describe the first, as in F2). */
  user_live: UserLiveStatusEntry[];
}

function toLiveStatusEntry(entry: Obj): UserLiveStatusEntry {
  const userId = id(entry.user_id_str, entry.user_id);
  const roomId = id(entry.room_id_str, entry.room_id);
  return { user_id: userId, user_id_str: userId, room_id: roomId, room_id_str: roomId, live_status: num(entry.live_status) };
}

export type UserLiveStatusFilter = RecordFilter<UserLiveStatusRecord>;

/** `live.douyin.com/webcast/distribution/check_user_live_status/`. */
export const UserLiveStatusFilter = defineRecordFilter({
  name: 'UserLiveStatusFilter',
  build: (root: Obj): UserLiveStatusRecord => {
    const scene = first(root.data);
    const entries = arr(scene.user_live).map((entry) => toLiveStatusEntry(obj(entry)));
    return {
      api_status_code: num(root.status_code),
      error_msg: str(obj(root.data).prompts),
      scene_id: num(scene.scene_id),
      ...toLiveStatusEntry(first(scene.user_live)),
      user_live: entries,
    };
  },
});

export interface LiveImFetchRecord {
  status_code: number | null;
  is_show_msg: boolean | null;
  msg_id: string | null;
  room_id: string | null;
  /** Needed, with `cursor`, to open the danmaku WebSocket. */
  internal_ext: string | null;
  cursor: string | null;
  /** Server time, Unix milliseconds. */
  now: number | null;
}

export type LiveImFetchFilter = RecordFilter<LiveImFetchRecord>;

/** `live.douyin.com/webcast/im/fetch/` with `resp_content_type=json`. */
export const LiveImFetchFilter = defineRecordFilter({
  name: 'LiveImFetchFilter',
  build: (root: Obj): LiveImFetchRecord => {
    const common = obj(first(root.data).common);
    const extra = obj(root.extra);
    return {
      status_code: num(root.status_code),
      is_show_msg: flag(common.is_show_msg),
      msg_id: id(common.msg_id_str, common.msg_id),
      room_id: id(common.room_id_str, common.room_id),
      internal_ext: str(root.internal_ext ?? extra.internal_ext),
      cursor: str(extra.cursor ?? root.cursor),
      now: num(extra.now),
    };
  },
});
