/**
 * Public shapes of decoded webcast (live-chat) traffic.
 *
 * Representation, everywhere in this module and in the generated message types:
 * - 64-bit integers (ids, counts, timestamps) are exact decimal strings (`user.id === "2880340959168492"`),
 *   never JS numbers; 32-bit integers, enums and floats are numbers.
 * - `bytes` are `Uint8Array` views into the decoded buffer (copy them to keep them past the frame).
 * - Maps are plain objects; 64-bit keys are decimal strings (not protobufjs "long hash" keys).
 * - Message payload fields keep their proto names (`member_count`, `display_text`); a field that was
 *   not on the wire is absent (proto3 defaults are not filled in).
 */
import type { DecodeError } from '../../errors.js';
import type { KnownWebcastMethod, WebcastMessageMap } from './generated/methods.js';

export type { KnownWebcastMethod, WebcastMessageMap } from './generated/methods.js';
export { WEBCAST_METHOD_TYPES } from './generated/methods.js';

/** A message whose method the library knows, with its decoded payload. `switch (m.method)` narrows `data`. */
export type DecodedMessage = {
  [K in KnownWebcastMethod]: {
    kind: 'decoded';
    method: K;
    /** `Message.msg_id` of the envelope (or `common.msg_id` when decoded without one). */
    msgId: string;
    data: WebcastMessageMap[K];
  };
}[KnownWebcastMethod];

/** A method with no schema here: the payload is kept, never dropped. */
export interface UnknownMessage {
  kind: 'unknown';
  method: string;
  msgId: string;
  payload: Uint8Array;
}

/** A known method whose payload did not decode; the rest of the batch is unaffected. */
export interface FailedMessage {
  kind: 'error';
  method: string;
  msgId: string;
  payload: Uint8Array;
  error: DecodeError;
}

export type MessageOutcome = DecodedMessage | UnknownMessage | FailedMessage;

/** `PushFrame`, the outer protobuf of every websocket binary message. */
export interface WebcastPushFrame {
  seqId: string;
  /** Echo it in the ACK (`ackFrame(frame.logId, response.internalExt)`). Unsigned 64-bit. */
  logId: string;
  service: string;
  method: string;
  /** `headersList` as an object (a repeated key keeps its last value). */
  headers: Record<string, string>;
  headersList: { key: string; value: string }[];
  /** Not used for compression detection (the payload's gzip magic is). */
  payloadEncoding: string;
  /** `"msg"` (data), `"hb"` (heartbeat), `"ack"` (client ACK), `"close"` (server asks to close). */
  payloadType: string;
  /** As sent: usually gzip of a `Response`. */
  payload: Uint8Array;
  lodIdNew: string;
}

/** `Response`, the (gunzipped) payload of a `msg` frame, with its messages decoded. */
export interface WebcastResponse {
  /** In wire order; decoded, unknown, or failed one by one. */
  messages: MessageOutcome[];
  cursor: string;
  fetchInterval: string;
  /** Server time, ms since the epoch. */
  now: string;
  /** The ACK payload, and the `internal_ext` for a reconnect URL. */
  internalExt: string;
  fetchType: number;
  routeParams: Record<string, string>;
  /** Unit not documented (15 in real traffic; read as seconds). */
  heartbeatDuration: string;
  needAck: boolean;
  pushServer: string;
  liveCursor: string;
  historyNoMore: boolean;
  proxyServer: string;
}

/** `ControlMessage.action` (saermart calls it `status`) when the stream has ended. */
export const CONTROL_ACTION_STREAM_ENDED = '3';

/** True for a `WebcastControlMessage` saying the live stream ended. */
export function isStreamEnd(message: DecodedMessage): boolean {
  return message.method === 'WebcastControlMessage' && message.data.action === CONTROL_ACTION_STREAM_ENDED;
}
