import type { KnownWebcastMethod, User, WebcastMessageMap } from '../../crawler/webcast/index.js';
import type { Rng } from '../world/random.js';
import { HANDMADE_MESSAGES } from './handmade-messages.js';
import { SAMPLE_MESSAGES } from './sample-messages.js';

/** Every method has a template: the real samples, else a hand-made one. */
const TEMPLATES: { readonly [K in KnownWebcastMethod]: WebcastMessageMap[K] } = { ...SAMPLE_MESSAGES, ...HANDMADE_MESSAGES };

/** Someone in the audience, as the chat messages name them. */
export interface Viewer {
  /** Decimal uid (64-bit: often above 2^53). */
  id: string;
  shortId: string;
  nickname: string;
  secUid: string;
  displayId: string;
}

export interface MessageContext {
  roomId: string;
  index: number;
  msgId: string;
  timeMs: number;
  /** Seeded by (seed, room, index): the same entry always gets the same content. */
  rng: Rng;
  /** Who the message is about (its `user`, and the user named in its texts). */
  viewer: Viewer;
  /** Someone else in the room (for rank lists). */
  otherViewer(): Viewer;
}

const CHAT_LINES = [
  '主播晚上好', '来了来了', '666', '这波操作可以', '今天播多久呀', '求BGM', '哈哈哈哈哈', '点赞点赞',
  '最后应该给他冻住', '关注了', '好听！', '👏👏👏', '第一次来，支持一下', '主播加油', '这是在哪里呀',
];
const SCREEN_LINES = ['感谢大哥的礼物', '欢迎新来的朋友', '点点关注不迷路', '今晚抽奖哦'];
const GIFTS = [
  { id: '685', name: '粉丝团灯牌' },
  { id: '463', name: '小心心' },
  { id: '3389', name: '棒棒糖' },
  { id: '4183', name: '玫瑰' },
];

function applyViewer(user: User | undefined, v: Viewer): User {
  const avatar = { urlList: [`https://p3.douyinpic.com/aweme/100x100/aweme-avatar/emulated_${v.id}.jpeg?from=3067671334`] };
  const out: User = {
    ...user, id: v.id, short_id: v.shortId, nickname: v.nickname, sec_uid: v.secUid, display_id: v.displayId, id_str: v.id, avatar_thumb: avatar,
  };
  // proto3 leaves zero off the wire: a zero short_id arrives absent.
  if (!/^[1-9]/.test(v.shortId)) delete out.short_id;
  return out;
}

/**
 * One timeline message: the method's template with this entry's ids, time, viewer, text and
 * counts. Counts grow with the index, so later messages show larger totals, as in a real room.
 */
export function buildMessage<K extends KnownWebcastMethod>(method: K, ctx: MessageContext): WebcastMessageMap[K] {
  const data = structuredClone(TEMPLATES[method]) as Record<string, unknown> & { common?: object };
  data.common = { ...data.common, method, msg_id: ctx.msgId, room_id: ctx.roomId, create_time: String(ctx.timeMs) };
  const { rng, index } = ctx;
  const m = data as Record<string, any>;
  switch (method as KnownWebcastMethod) {
    case 'WebcastChatMessage':
      m.content = rng.pick(CHAT_LINES);
      break;
    case 'WebcastScreenChatMessage':
      m.content = rng.pick(SCREEN_LINES);
      break;
    case 'WebcastGiftMessage': {
      const gift = rng.pick(GIFTS);
      const count = String(rng.int(1, 10));
      Object.assign(m, { gift_id: gift.id, repeat_count: count, combo_count: count, total_count: count, group_id: ctx.msgId });
      m.gift = { ...m.gift, id: gift.id, name: gift.name };
      break;
    }
    case 'WebcastLikeMessage':
      m.count = String(rng.int(1, 15));
      m.total = String(30_000 + index * 8);
      break;
    case 'WebcastMemberMessage':
      m.member_count = String(7_000 + (index % 5_000));
      m.action = '1';
      break;
    case 'WebcastRoomUserSeqMessage': {
      const online = String(200 + (index % 300));
      const pv = String(8_000 + index);
      Object.assign(m, { total: online, total_str: online, online_user_for_anchor: online, total_user: pv, total_user_str: pv, total_pv_for_anchor: pv });
      break;
    }
    case 'WebcastRoomStatsMessage': {
      const online = String(150 + (index % 200));
      Object.assign(m, { display_short: online, display_middle: online, display_long: `${online}在线观众`, display_value: online, total: online });
      break;
    }
    case 'WebcastSocialMessage':
      m.action = rng.chance(0.5) ? '1' : '3';
      break;
    case 'WebcastUpdateFanTicketMessage': {
      const tickets = String(500 + index);
      Object.assign(m, { room_fan_ticket_count: tickets, room_fan_ticket_count_text: tickets });
      break;
    }
    case 'WebcastMatchAgainstScoreMessage':
      Object.assign(m, { match_id: ctx.msgId, match_id_str: ctx.msgId });
      m.against = { ...m.against, timestamp: String(Math.floor(ctx.timeMs / 1000)), left_goal: String(index % 7), right_goal: String(index % 5) };
      break;
    case 'WebcastLiveEcomGeneralMessage':
      m.logic_clock = String(ctx.timeMs);
      m.trace_time_metric = { ...m.trace_time_metric, op_timestamp: String(ctx.timeMs - 15), msg_send_timestamp: String(ctx.timeMs) };
      break;
    case 'WebcastEcomFansClubMessage':
      m.user = { user_id: ctx.viewer.id, level: rng.int(1, 10) };
      break;
    case 'WebcastHotChatMessage':
      m.sequence_id = String(index + 1);
      break;
    default:
      break;
  }
  if (method === 'WebcastCommonTextMessage') m.user = {};
  // EcomFansClubMessage.user is a UserInfo {user_id, level}, filled above.
  for (const [key, value] of Object.entries(m)) {
    if (key === 'user' && method === 'WebcastEcomFansClubMessage') continue;
    if (key === 'user') m.user = applyViewer(value as User, ctx.viewer);
    else fillUsers(value, ctx, key === 'ranks');
  }
  return data as WebcastMessageMap[K];
}

/** Every `user` object in the message gets a viewer: the message's own, or others inside rank lists. */
function fillUsers(node: unknown, ctx: MessageContext, inRanks: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) fillUsers(item, ctx, inRanks);
    return;
  }
  if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return;
  const o = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(o)) {
    if (key === 'user' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      o.user = applyViewer(value as User, inRanks ? ctx.otherViewer() : ctx.viewer);
      continue;
    }
    fillUsers(value, ctx, inRanks || key === 'ranks');
  }
}
