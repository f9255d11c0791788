import { defineListFilter, type ListFilter } from './define-filter.js';
import { arr, firstUrl, flag, id, num, obj, str, urls, type Obj } from './read.js';

/** Page fields of `/aweme/v1/web/collects/list/` (the user's favourite folders; login cookie). */
export interface UserCollectsPage {
  status_code: number | null;
  has_more: boolean;
  /** `$.cursor`. */
  max_cursor: number | null;
  collects_total_number: number | null;
}

export interface CollectsItem {
  app_id: number | null;
  collects_cover: string | null;
  /** `collects_id_str` when sent (the number exceeds 2^53). */
  collects_id: string | null;
  collects_name: string | null;
  collects_name_raw: string | null;
  /** Unix seconds. */
  create_time: number | null;
  follow_status: number | null;
  followed_count: number | null;
  is_normal_status: boolean | null;
  item_type: number | null;
  /** Unix seconds. */
  last_collect_time: number | null;
  play_count: number | null;
  states: number | null;
  status: number | null;
  system_type: number | null;
  /** Posts in this folder. */
  total_number: number | null;
  user_id: string | null;
  nickname: string | null;
  nickname_raw: string | null;
  uid: string | null;
}

function toCollectsItem(entry: Obj): CollectsItem {
  const user = obj(entry.user_info);
  const name = str(entry.collects_name);
  const nickname = str(user.nickname);
  return {
    app_id: num(entry.app_id),
    collects_cover: firstUrl(entry.collects_cover),
    collects_id: id(entry.collects_id_str, entry.collects_id),
    collects_name: name,
    collects_name_raw: name,
    create_time: num(entry.create_time),
    follow_status: num(entry.follow_status),
    followed_count: num(entry.followed_count),
    is_normal_status: flag(entry.is_normal_status),
    item_type: num(entry.item_type),
    last_collect_time: num(entry.last_collect_time),
    play_count: num(entry.play_count),
    states: num(entry.states),
    status: num(entry.status),
    system_type: num(entry.system_type),
    total_number: num(entry.total_number),
    user_id: id(entry.user_id_str, entry.user_id),
    nickname,
    nickname_raw: nickname,
    uid: id(user.uid),
  };
}

export type UserCollectsFilter = ListFilter<UserCollectsPage, CollectsItem>;

export const UserCollectsFilter = defineListFilter({
  name: 'UserCollectsFilter',
  page: (root: Obj): UserCollectsPage => ({
    status_code: num(root.status_code),
    has_more: flag(root.has_more) ?? false,
    max_cursor: num(root.cursor),
    collects_total_number: num(root.total_number),
  }),
  entries: (root) => arr(root.collects_list),
  item: toCollectsItem,
});

/** Page fields of `/aweme/v1/web/music/listcollection/` (login cookie). */
export interface UserMusicCollectionPage {
  status_code: number | null;
  msg: string | null;
  has_more: boolean;
  /** `$.cursor`. */
  max_cursor: number | null;
}

export interface MusicCollectionItem {
  music_id: string | null;
  mid: string | null;
  title: string | null;
  title_raw: string | null;
  author: string | null;
  author_raw: string | null;
  album: string | null;
  /** Seconds. */
  duration: number | null;
  audition_duration: number | null;
  collect_status: number | null;
  music_status: number | null;
  cover_hd: string | null;
  is_commerce_music: boolean | null;
  is_original: boolean | null;
  is_original_sound: boolean | null;
  lyric_type: number | null;
  lyric_url: string | null;
  /** First mirror of `play_url` (F2). */
  play_url: string | null;
  /** Every mirror of `play_url`. */
  play_url_list: string[];
  strong_beat_url: string | null;
  owner_nickname: string | null;
  owner_nickname_raw: string | null;
  owner_id: string | null;
  sec_uid: string | null;
}

function toMusicItem(music: Obj): MusicCollectionItem {
  const title = str(music.title);
  const author = str(music.author);
  const ownerNickname = str(music.owner_nickname);
  const playUrls = urls(music.play_url);
  return {
    music_id: id(music.id_str, music.id),
    mid: id(music.mid),
    title,
    title_raw: title,
    author,
    author_raw: author,
    album: str(music.album),
    duration: num(music.duration),
    audition_duration: num(music.audition_duration),
    collect_status: num(music.collect_stat),
    music_status: num(music.music_status),
    cover_hd: firstUrl(music.cover_hd),
    is_commerce_music: flag(music.is_commerce_music),
    is_original: flag(music.is_original),
    is_original_sound: flag(music.is_original_sound),
    lyric_type: num(music.lyric_type),
    lyric_url: str(music.lyric_url),
    play_url: playUrls[0] ?? null,
    play_url_list: playUrls,
    strong_beat_url: firstUrl(music.strong_beat_url),
    owner_nickname: ownerNickname,
    owner_nickname_raw: ownerNickname,
    owner_id: id(music.owner_id),
    sec_uid: str(music.sec_uid),
  };
}

export type UserMusicCollectionFilter = ListFilter<UserMusicCollectionPage, MusicCollectionItem>;

export const UserMusicCollectionFilter = defineListFilter({
  name: 'UserMusicCollectionFilter',
  page: (root: Obj): UserMusicCollectionPage => ({
    status_code: num(root.status_code),
    msg: str(root.msg),
    has_more: flag(root.has_more) ?? false,
    max_cursor: num(root.cursor),
  }),
  entries: (root) => arr(root.mc_list),
  item: toMusicItem,
});
