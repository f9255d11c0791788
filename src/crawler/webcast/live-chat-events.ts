import type { ControlMessage } from './generated/types.js';
import type { DecodedMessage, KnownWebcastMethod, UnknownMessage, WebcastMessageMap } from './messages.js';

/**
 * Method → event name. Checked for completeness against the codec's method table, so a method
 * added to the schema cannot go without an event.
 */
export const LIVE_CHAT_EVENT_OF = {
  WebcastRoomMessage: 'room',
  WebcastLikeMessage: 'like',
  WebcastMemberMessage: 'member',
  WebcastChatMessage: 'chat',
  WebcastGiftMessage: 'gift',
  WebcastSocialMessage: 'social',
  WebcastRoomUserSeqMessage: 'roomUserSeq',
  WebcastUpdateFanTicketMessage: 'fanTicket',
  WebcastCommonTextMessage: 'commonText',
  WebcastMatchAgainstScoreMessage: 'matchAgainstScore',
  WebcastFansclubMessage: 'fansclub',
  WebcastRanklistHourEntranceMessage: 'ranklistHourEntrance',
  WebcastRoomStatsMessage: 'roomStats',
  WebcastLiveShoppingMessage: 'liveShopping',
  WebcastLiveEcomGeneralMessage: 'liveEcomGeneral',
  WebcastProductChangeMessage: 'productChange',
  WebcastRoomStreamAdaptationMessage: 'roomStreamAdaptation',
  WebcastNotifyEffectMessage: 'notifyEffect',
  WebcastLightGiftMessage: 'lightGift',
  WebcastProfitInteractionScoreMessage: 'profitInteractionScore',
  WebcastRoomRankMessage: 'roomRank',
  WebcastEcomFansClubMessage: 'ecomFansClub',
  WebcastHotRoomMessage: 'hotRoom',
  WebcastLinkMicMethod: 'linkMic',
  WebcastLinkerContributeMessage: 'linkerContribute',
  WebcastEmojiChatMessage: 'emojiChat',
  WebcastScreenChatMessage: 'screenChat',
  WebcastRoomDataSyncMessage: 'roomDataSync',
  WebcastInRoomBannerMessage: 'inRoomBanner',
  WebcastLinkMessage: 'link',
  WebcastBattleTeamTaskMessage: 'battleTeamTask',
  WebcastHotChatMessage: 'hotChat',
  WebcastControlMessage: 'control',
} as const satisfies Record<KnownWebcastMethod, string>;

export type LiveChatMessageEventName = (typeof LIVE_CHAT_EVENT_OF)[KnownWebcastMethod];

/** The decoded message of one method (`data` narrowed). */
export type DecodedMessageOf<K extends KnownWebcastMethod> = Extract<DecodedMessage, { method: K }>;

/** One event per method: `(data, message)` where `message` carries `method` and `msgId`. */
export type LiveChatMessageEvents = {
  [K in KnownWebcastMethod as (typeof LIVE_CHAT_EVENT_OF)[K]]: [data: WebcastMessageMap[K], message: DecodedMessageOf<K>];
};

export type LiveChatState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closing' | 'closed';

export interface LiveChatConnectedInfo {
  roomId: string;
  userUniqueId: string;
  /** 1 for the first connection, then one more per reconnect. */
  connection: number;
  /** The connection resumed from a previous one's cursor and internal_ext. */
  resumed: boolean;
  /** The websocket URL with the signature and cookies redacted. */
  url: string;
}

export interface LiveChatDisconnectedInfo {
  /** WebSocket close code (1006: the connection dropped without a close frame). */
  code: number;
  reason: string;
  willReconnect: boolean;
}

export interface LiveChatEndedInfo {
  /** `control`: a ControlMessage said the live ended; `offline`: the room was found not live on reconnect. */
  reason: 'control' | 'offline';
  message?: ControlMessage;
}

export interface LiveChatLifecycleEvents {
  connected: [info: LiveChatConnectedInfo];
  disconnected: [info: LiveChatDisconnectedInfo];
  reconnecting: [info: { attempt: number; delayMs: number }];
  /** The live ended; the client then closes (a `closed` event follows). */
  ended: [info: LiveChatEndedInfo];
  /**
   * A failure that did not stop the client (a message that does not decode, a callback or
   * listener that threw, a JSONL write) or the one that did (reconnects exhausted). Emitted only
   * when there is a listener. Library failures are `DouyinKitError`s; a listener's own exception
   * is passed as thrown.
   */
  error: [error: Error];
  /** Every decoded message (known method), after de-duplication, in arrival order. */
  message: [message: DecodedMessage];
  /** A method without a schema here: the payload, never dropped. */
  raw: [message: UnknownMessage];
  state: [state: LiveChatState];
  /** The client reached `closed` (after `close()`, the live's end, an abort or giving up). */
  closed: [];
}

/** The full, typed event map of `LiveChatClient` (Node's `EventEmitter<T>`). */
export type LiveChatEvents = LiveChatMessageEvents & LiveChatLifecycleEvents;

/** F2-style callback dictionary: `{ WebcastChatMessage: (data) => … }`; unknown methods get the payload. */
export type LiveChatCallbacks = {
  [K in KnownWebcastMethod]?: (data: WebcastMessageMap[K], message: DecodedMessageOf<K>) => unknown;
} & {
  [method: string]: ((data: any, message: any) => unknown) | undefined;
};
