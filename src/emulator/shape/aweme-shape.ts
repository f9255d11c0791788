import type { PostModel } from '../world/model.js';
import { hashtagSpans } from '../world/text.js';
import { coverByKey } from './assets-of.js';
import { musicShape } from './music-shape.js';
import { authorShape } from './user-shape.js';
import { idNum, urlStruct, type ShapeContext } from './values.js';
import { imagesShape, videoShape } from './video-shape.js';

function mixInfo(ctx: ShapeContext, post: PostModel): Record<string, unknown> | undefined {
  const mix = post.mixId ? ctx.world.mix(post.mixId) : undefined;
  if (!mix) return undefined;
  const shareUrl = `${ctx.urls.base}/share/mix/detail/${mix.mixId}/?schema_type=24&object_id=${mix.mixId}`;
  const episode = mix.awemeIds.indexOf(post.awemeId) + 1;
  return {
    mix_id: mix.mixId,
    mix_name: mix.name,
    cover_url: urlStruct(`tos-cn-i-0813/${mix.coverKey}`, ctx.urls.urlList([coverByKey('mx', mix.coverKey, ctx.world.options.assetScale)], 2)),
    status: { status: 2, is_collected: 0 },
    statis: { play_vv: 0, collect_vv: 0, current_episode: episode, updated_to_episode: mix.awemeIds.length },
    desc: mix.desc,
    extra: '{}',
    share_info: { share_url: shareUrl, share_weibo_desc: mix.name, share_desc: mix.desc, share_title: mix.name },
    mix_type: 0,
    create_time: mix.createTime,
    update_time: mix.updateTime,
    mix_pic_type: 0,
    // F2's PostDetailFilter reads these names (mix_desc, mix_create_time …); Douyin's own are beside them.
    mix_desc: mix.desc,
    mix_create_time: mix.createTime,
    mix_update_time: mix.updateTime,
    mix_share_url: shareUrl,
    is_serial_mix: 0,
    ids: null,
  };
}

function textExtra(post: PostModel): Record<string, unknown>[] {
  return hashtagSpans(post.desc, post.hashtags.map((h) => h.name)).map((s, i) => ({
    start: s.start,
    end: s.end,
    type: 1,
    hashtag_name: s.name,
    hashtag_id: post.hashtags[i]?.id ?? '0',
    is_commerce: false,
    caption_start: s.start,
    caption_end: s.end,
  }));
}

/**
 * One aweme item as `aweme_list[*]` and `aweme_detail` carry it (user_post__1/__2,
 * post_detail__1). `detail` adds the fields only the detail endpoint sends.
 */
export function awemeShape(ctx: ShapeContext, post: PostModel, detail: boolean): Record<string, unknown> {
  const author = ctx.world.requireUser(post.authorUid);
  const music = ctx.world.music(post.musicId);
  const isImage = post.awemeType === 68;
  const shareUrl = `${ctx.urls.base}/share/${isImage ? 'note' : 'video'}/${post.awemeId}/?region=CN&mid=${post.musicId}&u_code=0&did=MS4wLjABAAAA&iid=MS4wLjABAAAA&with_sec_did=1&titleType=title&from_ssr=1`;
  const caption = post.desc.replace(/\s*#\S+/g, '').trim();
  const s = post.stats;
  const out: Record<string, unknown> = {
    aweme_id: post.awemeId,
    desc: post.desc,
    caption,
    create_time: post.createTime,
    author: authorShape(ctx, author),
    music: music ? musicShape(ctx, music) : null,
    jump_tab_info_list: null,
    video: videoShape(ctx, post, detail),
    share_url: shareUrl,
    user_digged: 0,
    statistics: {
      admire_count: s.admire,
      comment_count: s.comment,
      digg_count: s.digg,
      collect_count: s.collect,
      play_count: s.play,
      share_count: s.share,
      ...(detail ? { aweme_id: post.awemeId } : {}),
    },
    status: {
      listen_video_status: 0,
      is_delete: post.deleted,
      allow_share: post.privateStatus === 0,
      is_prohibited: post.prohibited,
      in_reviewing: false,
      part_see: 0,
      private_status: post.privateStatus,
      review_result: { review_status: 0 },
      ...(detail ? { aweme_id: post.awemeId } : {}),
    },
    image_list: null,
    text_extra: textExtra(post),
    is_top: post.isTop ? 1 : 0,
    preview_video_status: 1,
    share_info: {
      share_url: shareUrl,
      share_link_desc: `1.23 abc:/ ${post.desc}  %s 复制此链接，打开Dou音搜索，直接观看视频！`,
      ...(detail ? { share_desc: '在抖音，记录美好生活', share_desc_info: post.desc } : {}),
    },
    super_like_status: 0,
    video_labels: detail ? null : [],
    collection_corner_mark: 0,
    duration: post.durationMs,
    aweme_type: post.awemeType,
    authentication_token: `MS4wLjAAAAAA${post.awemeId}`,
    yumme_recreason: null,
    image_infos: null,
    seo_info: {},
    is_share_post: false,
    is_life_item: false,
    position: null,
    uniqid_position: null,
    comment_list: null,
    author_user_id: idNum(author.uid),
    media_type: isImage ? 2 : 4,
    geofencing: [],
    region: post.region,
    video_text: [],
    collect_stat: 0,
    promotions: [],
    group_id: post.awemeId,
    prevent_download: false,
    is_image_beat: false,
    aweme_control: { can_forward: true, can_share: post.privateStatus === 0, can_comment: true, can_show_comment: true },
    image_crop_ctrl: 0,
    is_story: 0,
    is_ads: false,
    images: imagesShape(ctx, post),
    horizontal_type: post.width > post.height ? 1 : 0,
    comment_gid: idNum(post.awemeId),
    video_control: {
      allow_douplus: true,
      allow_download: true,
      allow_duet: true,
      allow_react: true,
      allow_share: post.privateStatus === 0,
      allow_stitch: true,
      download_setting: 0,
      draft_progress_bar: 0,
      prevent_download_type: 0,
      share_type: 1,
      show_progress_bar: 0,
      timer_status: 1,
    },
    danmaku_control: { enable_danmaku: true, post_privilege_level: 0, is_post_denied: false, post_denied_reason: '', skip_danmaku: true, danmaku_cnt: 0 },
    original_images: null,
    img_bitrate: null,
    series_paid_info: { series_paid_status: 0, item_price: 0 },
    video_tag: [{ tag_id: 2019, tag_name: '影视', level: 1 }],
    is_collects_selected: 0,
  };
  const mix = mixInfo(ctx, post);
  if (mix) out.mix_info = mix;
  return out;
}
