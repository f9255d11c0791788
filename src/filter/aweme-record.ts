import { arr, firstUrl, flag, id, num, obj, str, urls, type Obj } from './read.js';
import { imageUrls, livePhotoUrls, toPostImages, type PostImage } from './image-media.js';
import {
  detectPostType,
  toBitRates,
  toPlayAddr,
  videoPlayAddr,
  type PostType,
  type VideoBitRate,
} from './video-media.js';

/**
 * One post ("aweme") under F2's property names, the union of what `PostDetailFilter` and
 * `UserPostFilter` expose, plus the full media a downloader needs. Text is kept as sent (no
 * F2 `replaceT`), so `desc` and `desc_raw` hold the same string; times are Unix seconds.
 */
export interface AwemeRecord {
  aweme_id: string | null;
  aweme_type: number | null;
  media_type: number | null;
  /** Explicit type: `images` for image/note posts (`aweme_type` 68), `video` otherwise when known. */
  post_type: PostType;
  /** Unix seconds (F2 formats it as a local-time string; that belongs to naming). */
  create_time: number | null;
  caption: string | null;
  caption_raw: string | null;
  desc: string | null;
  desc_raw: string | null;
  share_url: string | null;
  region: string | null;
  position: unknown;
  seo_ocr_content: string | null;
  is_ads: boolean | null;
  is_story: boolean | null;
  is_top: boolean | null;
  /** Milliseconds. */
  duration: number | null;
  /** A 64-bit number in the JSON: exact only when the input came from `parseJson`. */
  comment_gid: string | null;

  uid: string | null;
  sec_user_id: string | null;
  short_id: string | null;
  unique_id: string | null;
  nickname: string | null;
  nickname_raw: string | null;
  author_avatar_thumb: string | null;

  can_comment: boolean | null;
  can_forward: boolean | null;
  can_share: boolean | null;
  can_show_comment: boolean | null;
  allow_douplus: boolean | null;
  download_setting: number | null;
  allow_share: boolean | null;

  part_see: number | null;
  private_status: number | null;
  is_delete: boolean | null;
  is_prohibited: boolean | null;

  admire_count: number | null;
  collect_count: number | null;
  comment_count: number | null;
  digg_count: number | null;
  share_count: number | null;
  play_count: number | null;

  hashtag_ids: string[];
  hashtag_names: string[];

  mix_id: string | null;
  mix_name: string | null;
  mix_desc: string | null;
  mix_desc_raw: string | null;
  mix_create_time: number | null;
  mix_update_time: number | null;
  mix_pic_type: number | null;
  mix_type: number | null;
  mix_share_url: string | null;

  music_id: string | null;
  music_id_str: string | null;
  music_mid: string | null;
  music_title: string | null;
  music_title_raw: string | null;
  music_author: string | null;
  music_author_raw: string | null;
  music_author_deleted: boolean | null;
  /** Same value as `music_author_deleted` (F2's `UserPostFilter` name). */
  author_deleted: boolean | null;
  /** Seconds. */
  music_duration: number | null;
  /** 1 = usable; F2 downloads music only then. */
  music_status: number | null;
  music_play_url: string | null;
  /** Every mirror of `music.play_url`. */
  music_play_url_list: string[];
  music_cover: string | null;
  music_owner_id: string | null;
  music_owner_handle: string | null;
  music_owner_handle_raw: string | null;
  music_owner_nickname: string | null;
  music_owner_nickname_raw: string | null;
  music_sec_uid: string | null;
  is_commerce_music: boolean | null;
  is_original: boolean | null;
  is_original_sound: boolean | null;
  is_pgc: boolean | null;
  pgc_author: string | null;
  pgc_author_raw: string | null;
  pgc_author_title: string | null;
  pgc_author_title_raw: string | null;
  pgc_music_type: number | null;

  /** Static cover: `video.origin_cover` (F2), else `video.cover`. */
  cover: string | null;
  /** Animated cover (`video.animated_cover`), when Douyin sends one. */
  animated_cover: string | null;
  /** Animated webp (`video.dynamic_cover`). */
  dynamic_cover: string | null;
  /** Every mirror of the static cover (`origin_cover`, then `cover`), for downloaders. */
  cover_url_list: string[];
  /** Every mirror of `animated_cover`, else of `dynamic_cover`; `[]` without either. */
  animated_cover_url_list: string[];

  /** Milliseconds. */
  video_duration: number | null;
  /** Watermark-free mirrors of the first gear (F2). `[]` for image posts. */
  video_play_addr: string[];
  /** Bits per second of each gear (F2's `video_bit_rate`). */
  video_bit_rate: number[];
  /** Every gear with its quality, codec, size and mirrors; pick one with `selectBitRate`. */
  bit_rate: VideoBitRate[];
  /** `video.play_addr` as a variant (often an h264 file not in `bit_rate`); `null` for image posts. */
  play_addr: VideoBitRate | null;

  /** First watermark-free URL of each image (F2). */
  images: string[];
  /** First play URL of each live photo (F2). */
  images_video: string[];
  /** Every image with all its mirrors and its live-photo video. */
  image_items: PostImage[];
}

function hashtags(aweme: Obj): { ids: string[]; names: string[] } {
  const ids: string[] = [];
  const names: string[] = [];
  for (const raw of arr(aweme.text_extra)) {
    const entry = obj(raw);
    const name = str(entry.hashtag_name);
    const tagId = id(entry.hashtag_id);
    if (name === null && tagId === null) continue;
    ids.push(tagId ?? '');
    names.push(name ?? '');
  }
  return { ids, names };
}

export function toAwemeRecord(aweme: Obj): AwemeRecord {
  const author = obj(aweme.author);
  const control = obj(aweme.aweme_control);
  const videoControl = obj(aweme.video_control);
  const status = obj(aweme.status);
  const stats = obj(aweme.statistics);
  const mix = obj(aweme.mix_info);
  const music = obj(aweme.music);
  const pgc = obj(music.matched_pgc_sound);
  const video = obj(aweme.video);

  const postType = detectPostType(aweme);
  const bitRate = postType === 'images' ? [] : toBitRates(video);
  const imageItems = toPostImages(aweme);
  const tags = hashtags(aweme);
  const musicId = id(music.id_str, music.id);
  const musicAuthorDeleted = flag(music.author_deleted);
  const caption = str(aweme.caption);
  const desc = str(aweme.desc);
  const nickname = str(author.nickname);
  const mixDesc = str(mix.mix_desc ?? mix.desc);
  const musicTitle = str(music.title);
  const musicAuthor = str(music.author);
  const ownerHandle = str(music.owner_handle);
  const ownerNickname = str(music.owner_nickname);
  const pgcAuthor = str(pgc.pgc_author ?? pgc.author);
  const pgcAuthorTitle = str(pgc.pgc_author_title);
  const musicPlayUrls = urls(music.play_url);

  return {
    aweme_id: id(aweme.aweme_id),
    aweme_type: num(aweme.aweme_type),
    media_type: num(aweme.media_type),
    post_type: postType,
    create_time: num(aweme.create_time),
    caption,
    caption_raw: caption,
    desc,
    desc_raw: desc,
    share_url: str(aweme.share_url) ?? str(obj(aweme.share_info).share_url),
    region: str(aweme.region),
    position: aweme.position ?? null,
    seo_ocr_content: str(obj(aweme.seo_info).seo_ocr_content),
    is_ads: flag(aweme.is_ads),
    is_story: flag(aweme.is_story),
    is_top: flag(aweme.is_top),
    duration: num(aweme.duration),
    comment_gid: id(aweme.comment_gid),

    uid: id(author.uid),
    sec_user_id: str(author.sec_uid),
    short_id: id(author.short_id),
    unique_id: str(author.unique_id),
    nickname,
    nickname_raw: nickname,
    author_avatar_thumb: firstUrl(author.avatar_thumb),

    can_comment: flag(control.can_comment),
    can_forward: flag(control.can_forward),
    can_share: flag(control.can_share),
    can_show_comment: flag(control.can_show_comment),
    allow_douplus: flag(videoControl.allow_douplus),
    download_setting: num(videoControl.download_setting),
    allow_share: flag(videoControl.allow_share),

    part_see: num(status.part_see),
    private_status: num(status.private_status),
    is_delete: flag(status.is_delete),
    is_prohibited: flag(status.is_prohibited),

    admire_count: num(stats.admire_count),
    collect_count: num(stats.collect_count),
    comment_count: num(stats.comment_count),
    digg_count: num(stats.digg_count),
    share_count: num(stats.share_count),
    play_count: num(stats.play_count),

    hashtag_ids: tags.ids,
    hashtag_names: tags.names,

    mix_id: id(mix.mix_id),
    mix_name: str(mix.mix_name),
    mix_desc: mixDesc,
    mix_desc_raw: mixDesc,
    mix_create_time: num(mix.mix_create_time ?? mix.create_time),
    mix_update_time: num(mix.mix_update_time ?? mix.update_time),
    mix_pic_type: num(mix.mix_pic_type),
    mix_type: num(mix.mix_type),
    mix_share_url: str(mix.mix_share_url) ?? str(obj(mix.share_info).share_url),

    music_id: musicId,
    music_id_str: musicId,
    music_mid: id(music.mid),
    music_title: musicTitle,
    music_title_raw: musicTitle,
    music_author: musicAuthor,
    music_author_raw: musicAuthor,
    music_author_deleted: musicAuthorDeleted,
    author_deleted: musicAuthorDeleted,
    music_duration: num(music.duration),
    music_status: num(music.status),
    music_play_url: musicPlayUrls[0] ?? null,
    music_play_url_list: musicPlayUrls,
    music_cover: firstUrl(music.cover_hd) ?? firstUrl(music.cover_large) ?? firstUrl(music.cover_medium),
    music_owner_id: id(music.owner_id),
    music_owner_handle: ownerHandle,
    music_owner_handle_raw: ownerHandle,
    music_owner_nickname: ownerNickname,
    music_owner_nickname_raw: ownerNickname,
    music_sec_uid: str(music.sec_uid),
    is_commerce_music: flag(music.is_commerce_music),
    is_original: flag(music.is_original),
    is_original_sound: flag(music.is_original_sound),
    is_pgc: flag(music.is_pgc),
    pgc_author: pgcAuthor,
    pgc_author_raw: pgcAuthor,
    pgc_author_title: pgcAuthorTitle,
    pgc_author_title_raw: pgcAuthorTitle,
    pgc_music_type: num(pgc.pgc_music_type ?? music.pgc_music_type),

    cover: firstUrl(video.origin_cover) ?? firstUrl(video.cover),
    animated_cover: firstUrl(video.animated_cover),
    dynamic_cover: firstUrl(video.dynamic_cover),
    cover_url_list: [...new Set([...urls(video.origin_cover), ...urls(video.cover)])],
    animated_cover_url_list: urls(video.animated_cover).length > 0 ? urls(video.animated_cover) : urls(video.dynamic_cover),

    video_duration: num(video.duration),
    video_play_addr: videoPlayAddr(postType, video, bitRate),
    video_bit_rate: bitRate.map((gear) => gear.bit_rate ?? 0),
    bit_rate: bitRate,
    play_addr: postType === 'images' ? null : toPlayAddr(video),

    images: imageUrls(imageItems),
    images_video: livePhotoUrls(imageItems),
    image_items: imageItems,
  };
}
