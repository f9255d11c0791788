import type { MusicModel } from '../world/model.js';
import { musicAsset, musicCoverAsset } from './assets-of.js';
import { avatar } from './user-shape.js';
import { idNum, urlStruct, type ShapeContext, type UrlStruct } from './values.js';

export function musicPlayUrl(ctx: ShapeContext, m: MusicModel): UrlStruct {
  const urls = ctx.urls.urlList([musicAsset(m)], 2);
  return urlStruct(urls[0] ?? '', urls, 720, 720, { url_key: m.id });
}

/** Where the lyrics JSON (`[{text, timeId}]`) and the beat file live. */
export function lyricUrl(ctx: ShapeContext, m: MusicModel): string {
  return `${ctx.urls.base}/music-meta/${m.id}/lyric.json`;
}

function cover(ctx: ShapeContext, m: MusicModel, px: number): UrlStruct {
  const a = musicCoverAsset(m, px, ctx.world.options.assetScale);
  return urlStruct(`${px}x${px}/tos-cn-v-2774c002/${m.coverKey}`, ctx.urls.urlList([a], 1));
}

/** `aweme.music` (user_post__1 / post_detail__1), also `mc_list[*]` of the music collection. */
export function musicShape(ctx: ShapeContext, m: MusicModel): Record<string, unknown> {
  const owner = ctx.world.user(m.ownerUid);
  const ownerAvatar = (px: number) => (owner ? avatar(ctx, owner, px) : urlStruct('', []));
  const shape: Record<string, unknown> = {
    id: idNum(m.id),
    id_str: m.id,
    title: m.title,
    author: m.author,
    album: m.album,
    cover_hd: cover(ctx, m, 1080),
    cover_large: cover(ctx, m, 720),
    cover_medium: cover(ctx, m, 300),
    cover_thumb: cover(ctx, m, 100),
    play_url: musicPlayUrl(ctx, m),
    schema_url: '',
    source_platform: m.isOriginalSound ? 23 : 72,
    start_time: 0,
    end_time: 0,
    duration: m.durationS,
    extra: JSON.stringify({ cover_colors: null, has_edited: 0, hotsoon_review_time: -1, is_red: 0, is_subscription: 0, reviewed: 1 }),
    user_count: 0,
    position: null,
    collect_stat: 0,
    status: m.status,
    offline_desc: '',
    owner_id: m.ownerUid,
    owner_nickname: owner?.nickname ?? m.author,
    is_original: m.isOriginalSound,
    mid: m.mid,
    binded_challenge_id: 0,
    redirect: false,
    is_restricted: false,
    author_deleted: m.authorDeleted,
    is_del_video: false,
    is_video_self_see: false,
    owner_handle: owner?.uniqueId ?? '',
    author_position: null,
    prevent_download: false,
    unshelve_countries: null,
    prevent_item_download_status: 0,
    external_song_info: [],
    sec_uid: owner?.secUid ?? '',
    avatar_thumb: ownerAvatar(100),
    avatar_medium: ownerAvatar(720),
    avatar_large: ownerAvatar(1080),
    preview_start_time: 0,
    preview_end_time: 0,
    is_commerce_music: m.isCommerce,
    is_original_sound: m.isOriginalSound,
    audition_duration: m.durationS,
    shoot_duration: m.durationS,
    reason_type: 0,
    artists: [],
    lyric_short_position: null,
    mute_share: false,
    tag_list: null,
    dmv_auto_show: false,
    is_pgc: m.isPgc,
    is_matched_metadata: false,
    is_audio_url_with_cookie: false,
    music_chart_ranks: null,
    can_background_play: true,
    music_status: 1,
    video_duration: m.durationS,
    pgc_music_type: m.isPgc ? 2 : 1,
    author_status: 1,
    search_impr: { entity_id: m.id },
    artist_user_infos: null,
    dsp_status: 10,
    musician_user_infos: null,
    luna_info: { is_luna_user: false, has_copyright: m.isPgc },
    music_collect_count: m.collectCount,
    music_cover_atmosphere_color_value: '',
    strong_beat_url: urlStruct(`strong_beat/${m.id}`, [`${ctx.urls.base}/music-meta/${m.id}/beats.json`]),
    song: { id: idNum(m.id), id_str: m.id, artists: null, chorus_v3_infos: null },
  };
  if (m.isPgc) {
    shape.matched_pgc_sound = {
      author: m.author,
      title: m.title,
      mixed_title: m.title,
      mixed_author: m.author,
      cover_medium: cover(ctx, m, 300),
      pgc_author: m.author,
      pgc_author_title: m.title,
      pgc_music_type: 2,
    };
  }
  if (m.lyrics) {
    shape.lyric_url = lyricUrl(ctx, m);
    shape.lyric_type = 10;
  }
  return shape;
}
