import { defineRecordFilter, type RecordFilter } from './define-filter.js';
import { first, firstUrl, flag, id, num, obj, str, stringMap, type Obj } from './read.js';

/**
 * Live rooms (douyin-media.md §5). `live_status` 2 = live, 4 = ended; an ended room can still
 * carry stale stream URLs, so check the status first. Pull-URL maps go quality -> URL with keys
 * `FULL_HD1`, `HD1`, `SD1`, `SD2` (and `ORIGION` in names); the URLs embed an expiry.
 */

export interface UserLiveRecord {
  api_status_code: number | null;
  room_id: string | null;
  live_status: number | null;
  /** `$.data.room_status` of web/enter (0 seen for a live room); kept for diagnostics. */
  room_status: number | null;
  live_title: string | null;
  live_title_raw: string | null;
  cover: string | null;
  user_count: string | null;
  total_user_count: string | null;
  like_count: string | null;
  /** Quality -> FLV URL. */
  flv_pull_url: Record<string, string> | null;
  /** Quality -> m3u8 URL (`hls_pull_url_map`). */
  m3u8_pull_url: Record<string, string> | null;
  /** The single default m3u8 (`stream_url.hls_pull_url`). */
  hls_pull_url: string | null;
  default_resolution: string | null;
  user_id: string | null;
  sec_user_id: string | null;
  nickname: string | null;
  nickname_raw: string | null;
  avatar_thumb: string | null;
  follow_status: number | null;
  partition_id: string | null;
  partition_title: string | null;
  sub_partition_id: string | null;
  sub_partition_title: string | null;
  ChatAuth: boolean | null;
  GiftAuth: boolean | null;
  DiggAuth: boolean | null;
  ShareAuth: boolean | null;
}

/** web/enter keeps the room at `$.data.data[0]`; a bare room object (page render data) is accepted. */
function enterRoom(root: Obj): { data: Obj; room: Obj } {
  const data = obj(root.data);
  if (Array.isArray(data.data)) return { data, room: first(data.data) };
  if (root.data === undefined && (root.id_str !== undefined || root.stream_url !== undefined)) {
    return { data: obj(undefined), room: root };
  }
  return { data, room: obj(undefined) };
}

function buildUserLive(root: Obj): UserLiveRecord {
  const { data, room } = enterRoom(root);
  const owner = typeof room.owner === 'object' && room.owner !== null ? obj(room.owner) : obj(data.user);
  const stats = obj(room.stats);
  const stream = obj(room.stream_url);
  // F2 reads the partition under the room; live captures have it beside the room list.
  const roadMap = obj(room.partition_road_map ?? data.partition_road_map);
  const partition = obj(roadMap.partition);
  const subPartition = obj(roadMap.sub_partition);
  const subPartitionInner = obj(subPartition.partition);
  const auth = obj(room.room_auth);
  const title = str(room.title);
  const nickname = str(owner.nickname);
  return {
    api_status_code: num(root.status_code),
    room_id: id(room.id_str, room.id),
    live_status: num(room.status),
    room_status: num(data.room_status),
    live_title: title,
    live_title_raw: title,
    cover: firstUrl(room.cover),
    user_count: id(stats.user_count_str, room.user_count_str, stats.user_count),
    total_user_count: id(stats.total_user_str, stats.total_user),
    like_count: id(stats.like_count_str, stats.like_count, room.like_count),
    flv_pull_url: stringMap(stream.flv_pull_url),
    m3u8_pull_url: stringMap(stream.hls_pull_url_map),
    hls_pull_url: str(stream.hls_pull_url),
    default_resolution: str(stream.default_resolution),
    user_id: id(owner.id_str, owner.id),
    sec_user_id: str(owner.sec_uid),
    nickname,
    nickname_raw: nickname,
    avatar_thumb: firstUrl(owner.avatar_thumb),
    follow_status: num(obj(owner.follow_info).follow_status),
    partition_id: id(partition.id_str),
    partition_title: str(partition.title),
    sub_partition_id: id(subPartition.id_str, subPartitionInner.id_str),
    sub_partition_title: str(subPartition.title ?? subPartitionInner.title),
    ChatAuth: flag(auth.Chat),
    GiftAuth: flag(auth.Gift),
    DiggAuth: flag(auth.Digg),
    ShareAuth: flag(auth.Share),
  };
}

export type UserLiveFilter = RecordFilter<UserLiveRecord>;

/** `live.douyin.com/webcast/room/web/enter/` (by web_rid). */
export const UserLiveFilter = defineRecordFilter({ name: 'UserLiveFilter', build: buildUserLive });

export interface UserLive2Record {
  api_status_code: number | null;
  /** `data.prompts` / `data.message` of an error body (e.g. status_code 10011). */
  error_msg: string | null;
  room_id: string | null;
  web_rid: string | null;
  live_status: number | null;
  live_title: string | null;
  live_title_raw: string | null;
  user_count: number | null;
  /** Unix seconds. */
  create_time: number | null;
  /** Unix seconds. */
  finish_time: number | null;
  cover: string | null;
  stream_id: string | null;
  /** Quality -> display name ("FULL_HD1" -> "蓝光"). */
  resolution_name: Record<string, string> | null;
  flv_pull_url: Record<string, string> | null;
  /** Quality -> m3u8 URL (`hls_pull_url_map`, F2's name). */
  hls_pull_url: Record<string, string> | null;
  user_id: string | null;
  nickname: string | null;
  nickname_raw: string | null;
  gender: number | null;
  gender_raw: number | null;
  signature: string | null;
  signature_raw: string | null;
  avatar_large: string | null;
  verified: boolean | null;
  city: string | null;
  following_count: number | null;
  follower_count: number | null;
  sec_uid: string | null;
}

function buildUserLive2(root: Obj): UserLive2Record {
  const data = obj(root.data);
  const room = obj(data.room);
  const owner = obj(room.owner);
  const stream = obj(room.stream_url);
  const follow = obj(owner.follow_info);
  const title = str(room.title);
  const nickname = str(owner.nickname);
  const signature = str(owner.signature);
  const gender = num(owner.gender);
  return {
    api_status_code: num(root.status_code),
    error_msg: str(data.prompts ?? data.message),
    room_id: id(room.id_str, room.id),
    web_rid: id(owner.web_rid),
    live_status: num(room.status),
    live_title: title,
    live_title_raw: title,
    user_count: num(room.user_count),
    create_time: num(room.create_time),
    finish_time: num(room.finish_time),
    cover: firstUrl(room.cover),
    stream_id: id(room.stream_id_str, room.stream_id),
    resolution_name: stringMap(stream.resolution_name),
    flv_pull_url: stringMap(stream.flv_pull_url),
    hls_pull_url: stringMap(stream.hls_pull_url_map),
    user_id: id(owner.id_str, owner.id),
    nickname,
    nickname_raw: nickname,
    gender,
    gender_raw: gender,
    signature,
    signature_raw: signature,
    avatar_large: firstUrl(owner.avatar_large),
    verified: flag(owner.verified),
    city: str(owner.city),
    following_count: num(follow.following_count),
    follower_count: num(follow.follower_count),
    sec_uid: str(owner.sec_uid),
  };
}

export type UserLive2Filter = RecordFilter<UserLive2Record>;

/** `webcast.amemv.com/webcast/room/reflow/info/` (by room_id). */
export const UserLive2Filter = defineRecordFilter({ name: 'UserLive2Filter', build: buildUserLive2 });

