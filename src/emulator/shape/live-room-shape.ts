import type { LiveRoomModel, UserModel } from '../world/model.js';
import { roomCoverAsset } from './assets-of.js';
import { streamUrlShape } from './stream-url-shape.js';
import { avatar, userCounts } from './user-shape.js';
import { idNum, type ShapeContext } from './values.js';

/** Douyin's `room.status`: 2 live, 4 ended/offline. */
export function roomStatusCode(room: LiveRoomModel): number {
  return room.status === 'live' ? 2 : 4;
}

function cover(ctx: ShapeContext, room: LiveRoomModel): Record<string, unknown> {
  const urls = ctx.urls.urlList([roomCoverAsset(room, ctx.world.options.assetScale)], 2);
  return { url_list: urls, uri: `webcast-cover/${room.coverKey}`, height: 0, width: 0, avg_color: '#7C9BA3', image_type: 0, open_web_url: '', is_animated: false, flex_setting_list: [], text_setting_list: [] };
}

const ROOM_AUTH = Object.freeze({
  Chat: true, Danmaku: false, Gift: true, LuckMoney: true, Digg: true, RoomContributor: true, Props: true, UserCard: true, POI: true,
  MoreAnchor: 1, Banner: 1, Share: 1, UserCorner: 0, Landscape: 1, LandscapeChat: 1, PublicScreen: 1, GiftAnchorMt: 0, RecordScreen: 2,
  DonationSticker: 0, HourRank: 0, CommerceCard: 1, AudioChat: 1, DanmakuDefault: 0, KtvOrderSong: 2, SelectionAlbum: 2, Like: 0,
});

function followInfo(viewer: UserModel | undefined, owner: UserModel) {
  const s = viewer?.following.has(owner.uid) ? 1 : 0;
  return { follow_status: s, follow_status_str: String(s) };
}

/** web/enter's `data.data[0]` (live_web_enter__1), also the `room` of following-live entries. */
export function webRoomShape(ctx: ShapeContext, room: LiveRoomModel, viewer: UserModel | undefined): Record<string, unknown> {
  const owner = ctx.world.requireUser(room.ownerUid);
  const live = room.status === 'live';
  const out: Record<string, unknown> = {
    id_str: room.roomId,
    status: roomStatusCode(room),
    status_str: String(roomStatusCode(room)),
    title: room.title,
    user_count_str: String(room.userCount),
    cover: cover(ctx, room),
  };
  if (live) out.stream_url = streamUrlShape(ctx, room, false);
  Object.assign(out, {
    mosaic_status: 0,
    mosaic_status_str: '0',
    admin_user_ids: [],
    admin_user_ids_str: [],
    owner: {
      id_str: owner.uid,
      sec_uid: owner.secUid,
      nickname: owner.nickname,
      avatar_thumb: { url_list: avatar(ctx, owner, 100).url_list },
      follow_info: followInfo(viewer, owner),
      subscribe: { is_member: false, level: 0, identity_type: 0, buy_type: 0, open: 1 },
      foreign_user: 0,
      open_id_str: '',
    },
    room_auth: ROOM_AUTH,
    live_room_mode: 1,
    stats: { total_user_desp: '', like_count: room.likeCount, total_user_str: String(room.totalUser), user_count_str: String(room.userCount) },
    has_commerce_goods: false,
    linker_map: {},
    like_count: room.likeCount,
    owner_user_id_str: '',
    admin_user_open_ids: [],
    admin_user_open_ids_str: [],
    owner_open_id_str: '',
  });
  return out;
}

/** The whole web/enter answer for a room (live, offline or ended). */
export function webEnterBody(ctx: ShapeContext, room: LiveRoomModel, viewer: UserModel | undefined, nowMs: number): Record<string, unknown> {
  const owner = ctx.world.requireUser(room.ownerUid);
  const p = room.partition;
  return {
    data: {
      data: [webRoomShape(ctx, room, viewer)],
      enter_room_id: room.roomId,
      extra: { digg_color: '0', pay_scores: '0', is_official_channel: false, signature: '', vr_type: 0 },
      user: {
        id_str: owner.uid,
        sec_uid: owner.secUid,
        nickname: owner.nickname,
        avatar_thumb: { url_list: avatar(ctx, owner, 100).url_list },
        follow_info: followInfo(viewer, owner),
        foreign_user: 0,
        open_id_str: '',
      },
      qrcode_url: `${ctx.urls.base}/static/qrcode/${room.roomId}.png`,
      enter_mode: 0,
      room_status: room.status === 'live' ? 0 : 2,
      partition_road_map: {
        partition: { id_str: p.id, type: 1, title: p.title },
        sub_partition: { partition: { id_str: p.subId, type: 1, title: p.subTitle } },
      },
      similar_rooms: [],
      shark_decision_conf: '',
      web_stream_url: { flv_pull_url: {}, default_resolution: '', hls_pull_url_map: {}, hls_pull_url: '', stream_orientation: 0, pull_datas: {} },
      login_lead: { is_login: viewer !== undefined, level: 0, items: {} },
      auth_cert_info: '',
    },
    extra: { now: nowMs },
    status_code: 0,
  };
}

/** reflow/info's `data.room` (live_reflow_info__1): 64-bit ids as numbers beside `*_str`. */
export function reflowRoomShape(ctx: ShapeContext, room: LiveRoomModel): Record<string, unknown> {
  const owner = ctx.world.requireUser(room.ownerUid);
  const counts = userCounts(ctx, owner);
  const roomId = idNum(room.roomId);
  return {
    id: roomId,
    id_str: room.roomId,
    status: roomStatusCode(room),
    owner_user_id: idNum(owner.uid),
    title: room.title,
    user_count: room.userCount,
    create_time: room.createTime,
    linkmic_layout: 1,
    finish_time: room.finishTime,
    live_id: 1,
    cover: cover(ctx, room),
    share_url: `${ctx.urls.base}/douyin/webcast/reflow/${room.roomId}`,
    stream_id: idNum(room.streamId),
    stream_id_str: room.streamId,
    // An ended room still carries its (now dead) stream URLs, as in the capture.
    stream_url: streamUrlShape(ctx, room, true),
    mosaic_status: 0,
    mosaic_tip: '',
    stats: {
      id: roomId, id_str: room.roomId, fan_ticket: 0, money: 0, total_user: room.totalUser, follow_count: 0, like_count: room.likeCount,
      total_user_str: String(room.totalUser), user_count_str: String(room.userCount), comment_count: 0,
    },
    living_room_attrs: { room_id: roomId, room_id_str: room.roomId, silence_flag: 0, admin_flag: 0, rank: 0 },
    admin_user_ids: [],
    owner: {
      id: idNum(owner.uid),
      id_str: owner.uid,
      short_id: idNum(owner.shortId),
      nickname: owner.nickname,
      gender: owner.gender,
      signature: owner.signature,
      level: 0,
      avatar_thumb: avatar(ctx, owner, 100),
      avatar_medium: avatar(ctx, owner, 720),
      avatar_large: avatar(ctx, owner, 1080),
      verified: owner.verified,
      city: owner.city,
      status: 1,
      create_time: 0,
      modify_time: owner.createTime,
      secret: owner.secret,
      follow_info: {
        following_count: counts.following_count,
        follower_count: counts.follower_count,
        follow_status: 0,
        push_status: 0,
        remark_name: '',
        follower_count_str: String(counts.follower_count),
        following_count_str: String(counts.following_count),
        invalid_follow_status: false,
      },
      sec_uid: owner.secUid,
      web_rid: room.webRid,
    },
  };
}
