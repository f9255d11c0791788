/**
 * Douyin live-chat (webcast) protocol: decoding server frames into typed messages and encoding
 * client/server frames. See `messages.ts` for how 64-bit values, bytes and maps are represented.
 */
export {
  decodeEnvelope,
  decodeFrame,
  decodeMessage,
  decodePushFrame,
  decodeRawResponse,
  decodeResponse,
  isGzip,
  isKnownWebcastMethod,
  maybeGunzip,
} from './decode.js';
export {
  ackFrame,
  encodeMessage,
  encodePushFrame,
  encodeResponse,
  heartbeatFrame,
  type Int64Input,
  type MessageInput,
  type PushFrameInput,
  type ResponseInput,
} from './frames.js';
export {
  CONTROL_ACTION_STREAM_ENDED,
  isStreamEnd,
  WEBCAST_METHOD_TYPES,
  type DecodedMessage,
  type FailedMessage,
  type KnownWebcastMethod,
  type MessageOutcome,
  type UnknownMessage,
  type WebcastMessageMap,
  type WebcastPushFrame,
  type WebcastResponse,
} from './messages.js';
/** Every generated message type (proto names, e.g. `WebcastProto.RoomUserSeqMessage_Contributor`). */
export type * as WebcastProto from './generated/types.js';
export type {
  BattleTeamTaskMessage,
  ChatMessage,
  Common,
  CommonTextMessage,
  ControlMessage,
  EcomFansClubMessage,
  EmojiChatMessage,
  FansclubMessage,
  GiftMessage,
  HotChatMessage,
  HotRoomMessage,
  Image,
  InRoomBannerMessage,
  LightGiftMessage,
  LikeMessage,
  LinkerContributeMessage,
  LinkMessage,
  LinkMicMethod,
  LiveEcomGeneralMessage,
  LiveShoppingMessage,
  MatchAgainstScoreMessage,
  MemberMessage,
  NotifyEffectMessage,
  ProductChangeMessage,
  ProfitInteractionScoreMessage,
  RanklistHourEntranceMessage,
  Room,
  RoomDataSyncMessage,
  RoomMessage,
  RoomRankMessage,
  RoomStatsMessage,
  RoomStreamAdaptationMessage,
  RoomUserSeqMessage,
  ScreenChatMessage,
  SocialMessage,
  Text,
  UpdateFanTicketMessage,
  User,
} from './generated/types.js';
export { LiveChatClient } from './live-chat-client.js';
export type { LiveChatStats } from './live-chat-client.js';
export { LIVE_CHAT_EVENT_OF } from './live-chat-events.js';
export type * from './live-chat-events.js';
export type * from './live-chat-options.js';
