import type { UserModel } from '../world/model.js';
import { avatarAsset, userCoverAsset } from './assets-of.js';
import { idNum, urlStruct, type ShapeContext, type UrlStruct } from './values.js';

/** Counts the profile shows (modelled relations plus the unmodelled bulk). */
export function userCounts(ctx: ShapeContext, u: UserModel) {
  return {
    aweme_count: ctx.world.postsOf(u).length,
    follower_count: u.followers.size + u.extraFollowers,
    following_count: u.following.size,
    favoriting_count: u.likes.length,
    total_favorited: u.totalFavorited,
  };
}

export function avatar(ctx: ShapeContext, u: UserModel, px: number, uriPrefix = `${px}x${px}/`): UrlStruct {
  const scale = ctx.world.options.assetScale;
  const jpeg = avatarAsset(u, px, scale);
  return urlStruct(`${uriPrefix}aweme-avatar/tos-cn-avt-0015_${u.uid}`, ctx.urls.urlList([jpeg], px >= 720 ? 2 : 1), 720, 720);
}

export function coverUrls(ctx: ShapeContext, u: UserModel): UrlStruct[] {
  return [urlStruct(`c8510002${u.uid}`, ctx.urls.urlList([userCoverAsset(u, ctx.world.options.assetScale)], 3))];
}

const AWEME_CONTROL = Object.freeze({ can_forward: true, can_share: true, can_comment: true, can_show_comment: true });

/** `aweme.author` (user_post__1 / post_detail__1 `author`). Viewer-independent, so it can be cached. */
export function authorShape(ctx: ShapeContext, u: UserModel): Record<string, unknown> {
  const counts = userCounts(ctx, u);
  return {
    uid: u.uid,
    ky_only_predict: 0,
    nickname: u.nickname,
    data_label_list: null,
    user_not_show: 1,
    aweme_hotsoon_auth: 1,
    avatar_thumb: avatar(ctx, u, 100),
    cf_list: null,
    is_ban: false,
    show_nearby_active: false,
    follow_status: 0,
    ...counts,
    link_item_list: null,
    hide_search: false,
    constellation: Number(u.uid.slice(-1)) + 1,
    custom_verify: u.verified ? '认证作者' : '',
    special_lock: 1,
    need_recommend: 0,
    story_open: false,
    ban_user_functions: [],
    card_entries: null,
    live_verify: 0,
    white_cover_url: null,
    text_extra: null,
    share_info: {
      share_url: '',
      share_weibo_desc: '',
      share_desc: '',
      share_title: '',
      share_qrcode_url: urlStruct(`qr_${u.uid}`, [], 720, 720),
      share_title_myself: '',
      share_title_other: '',
      share_desc_info: '',
    },
    enterprise_verify_reason: '',
    user_permissions: null,
    display_info: null,
    account_region: '',
    enable_nearby_visible: true,
    im_role_ids: null,
    follower_request_status: 0,
    with_shop_entry: false,
    search_impr: { entity_id: u.uid },
    prevent_download: false,
    unique_id_modify_time: u.createTime,
    is_phone_binded: false,
    user_canceled: false,
    status: 1,
    create_time: 0,
    avatar_uri: `aweme-avatar/tos-cn-avt-0015_${u.uid}`,
    follower_status: 0,
    close_friend_type: 0,
    cover_url: coverUrls(ctx, u),
    share_qrcode_uri: `qr_${u.uid}`,
    is_not_show: false,
    risk_notice_text: '',
    max_follower_count: 0,
    contacts_status: 2,
    aweme_control: AWEME_CONTROL,
    personal_tag_list: null,
    sec_uid: u.secUid,
    short_id: u.shortId,
    signature: u.signature,
    unique_id: u.uniqueId,
    secret: u.secret,
    user_age: -1,
    verification_type: u.verified ? 1 : 0,
    is_ad_fake: false,
  };
}

/** `$.user` of /user/profile/other/ (user_profile__1). `viewer` decides `follow_status`. */
export function profileShape(ctx: ShapeContext, u: UserModel, viewer: UserModel | undefined): Record<string, unknown> {
  const counts = userCounts(ctx, u);
  const room = ctx.world.roomOf(u);
  const live = room?.status === 'live';
  return {
    apple_account: 0,
    avatar_168x168: avatar(ctx, u, 168, ''),
    avatar_300x300: avatar(ctx, u, 300, ''),
    avatar_larger: avatar(ctx, u, 1080, ''),
    avatar_medium: avatar(ctx, u, 720, ''),
    avatar_thumb: avatar(ctx, u, 100, ''),
    aweme_count: counts.aweme_count,
    aweme_count_correction_threshold: -1,
    birthday_hide_level: 0,
    can_set_item_cover: false,
    can_show_group_card: 1,
    card_entries: [],
    city: u.city,
    close_friend_type: 0,
    commerce_user_level: 0,
    country: u.province ? '中国' : '',
    cover_colour: '#03373EE5',
    cover_url: coverUrls(ctx, u),
    custom_verify: u.verified ? '认证作者' : '',
    district: '',
    dongtai_count: 0,
    enterprise_verify_reason: '',
    favorite_permission: u.likesPublic ? 0 : 1,
    favoriting_count: counts.favoriting_count,
    follow_status: viewer?.following.has(u.uid) ? 1 : 0,
    follower_count: counts.follower_count,
    follower_request_status: 0,
    follower_status: viewer && u.following.has(viewer.uid) ? 1 : 0,
    following_count: counts.following_count,
    forward_count: 0,
    gender: u.gender,
    ip_location: u.ipLocation,
    is_activity_user: false,
    is_ban: false,
    is_block: false,
    is_blocked: false,
    is_gov_media_vip: false,
    is_mix_user: u.mixIds.length > 0,
    is_not_show: false,
    is_series_user: false,
    is_star: u.isStar,
    live_commerce: false,
    live_status: live ? 1 : 0,
    max_follower_count: counts.follower_count,
    mix_count: u.mixIds.length,
    mplatform_followers_count: counts.follower_count,
    nickname: u.nickname,
    province: u.province,
    public_collects_count: 0,
    risk_notice_text: '',
    room_id: live && room ? idNum(room.roomId) : 0,
    room_id_str: live && room ? room.roomId : '0',
    school_name: '',
    sec_uid: u.secUid,
    secret: u.secret,
    share_info: {
      bool_persist: 1,
      share_desc: '长按复制此条消息，打开抖音搜索，查看TA的更多作品。',
      share_title: '快来加入抖音，让你发现最有趣的我！',
      share_url: `${ctx.urls.base}/share/user/${u.secUid}`,
      share_weibo_desc: '长按复制此条消息，打开抖音搜索，查看TA的更多作品。',
    },
    short_id: u.shortId,
    show_favorite_list: u.likesPublic,
    signature: u.signature,
    signature_language: 'zh',
    total_favorited: counts.total_favorited,
    twitter_id: '',
    twitter_name: '',
    uid: u.uid,
    unique_id: u.uniqueId,
    user_age: -1,
    user_not_see: 0,
    user_not_show: 1,
    verification_type: u.verified ? 1 : 0,
    watch_status: false,
    white_cover_url: coverUrls(ctx, u),
    with_commerce_entry: false,
    youtube_channel_id: '',
    youtube_channel_title: '',
  };
}

/** One entry of `followings` / `followers` (F2 UserFollowingFilter fields). */
export function followUserShape(ctx: ShapeContext, u: UserModel, followedAt: number): Record<string, unknown> {
  const counts = userCounts(ctx, u);
  const room = ctx.world.roomOf(u);
  return {
    avatar_larger: avatar(ctx, u, 1080),
    avatar_thumb: avatar(ctx, u, 100),
    aweme_control: AWEME_CONTROL,
    aweme_count: counts.aweme_count,
    cover_url: coverUrls(ctx, u),
    create_time: u.createTime,
    follow_time: followedAt,
    follower_count: counts.follower_count,
    following_count: counts.following_count,
    following_list_secondary_information_struct: { secondary_information_priority: 1, secondary_information_text: '' },
    is_block: false,
    is_blocked: false,
    is_gov_media_vip: false,
    is_mix_user: u.mixIds.length > 0,
    is_phone_binded: false,
    is_star: u.isStar,
    is_top: 0,
    is_verified: u.verified,
    language: 'zh-Hans',
    nickname: u.nickname,
    relation_label: null,
    room_id: room?.status === 'live' ? idNum(room.roomId) : 0,
    sec_uid: u.secUid,
    secret: u.secret,
    short_id: u.shortId,
    signature: u.signature,
    uid: u.uid,
    unique_id: u.uniqueId,
  };
}

/** `comments[*].user` (comment_list__1). */
export function commentUserShape(ctx: ShapeContext, u: UserModel): Record<string, unknown> {
  return {
    uid: u.uid,
    short_id: u.shortId,
    nickname: u.nickname,
    avatar_thumb: avatar(ctx, u, 100),
    custom_verify: '',
    unique_id: u.uniqueId,
    enterprise_verify_reason: '',
    is_ad_fake: false,
    region: 'CN',
    commerce_user_level: 0,
    secret: u.secret,
    user_canceled: false,
    status: 1,
    comment_setting: 0,
    cover_url: null,
    is_star: u.isStar,
    sec_uid: u.secUid,
    aweme_control: AWEME_CONTROL,
    card_entries: null,
    close_friend_type: 0,
    disable_image_comment_saved: 0,
  };
}

/** `data[*]` of /im/user/info/ (im_user_info__1). */
export function shortUserShape(ctx: ShapeContext, u: UserModel, viewer: UserModel | undefined): Record<string, unknown> {
  return {
    uid: u.uid,
    short_id: u.shortId,
    nickname: u.nickname,
    avatar_thumb: avatar(ctx, u, 100),
    signature: u.signature,
    follow_status: viewer?.following.has(u.uid) ? 1 : 0,
    enterprise_verify_reason: '',
    verification_type: u.verified ? 1 : 0,
    custom_verify: '',
    unique_id: u.uniqueId,
    commerce_user_level: 0,
    with_commerce_entry: false,
    is_block: false,
    sec_uid: u.secUid,
    webcast_sp_info: {},
    has_e_account_role: false,
    follower_status: viewer && u.following.has(viewer.uid) ? 1 : 0,
    avatar_small: avatar(ctx, u, 168, ''),
    gender: u.gender,
  };
}
