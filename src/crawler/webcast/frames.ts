/**
 * Pure encoders for webcast frames: what a client sends (heartbeat, ACK) and what a server sends
 * (used by the emulator). All frames come from one `baseFrame` with zeroed defaults, so a field
 * left out is not on the wire (proto3).
 */
import { gzipSync } from 'node:zlib';
import { InvalidInputError } from '../../errors.js';
import { encodePushFrame as encodeRawPushFrame, encodeResponse as encodeRawResponse } from './generated/codec.js';
import { METHOD_CODECS, type KnownWebcastMethod, type MethodCodec, type WebcastMessageMap } from './generated/methods.js';
import type * as T from './generated/types.js';
import { createWriter, parseDecimal64, WireError, type Writer } from './wire.js';

/** A 64-bit integer input: decimal string or bigint (a JS number cannot hold Douyin's ids). */
export type Int64Input = string | bigint;

const CODECS: ReadonlyMap<string, MethodCodec<unknown>> = new Map(Object.entries(METHOD_CODECS));

function encodeWith(what: string, write: (w: Writer) => unknown): Uint8Array {
  const w = createWriter();
  try {
    write(w);
  } catch (error) {
    if (error instanceof WireError) throw new InvalidInputError(`Cannot encode ${what}: ${error.message}`, { cause: error });
    throw error;
  }
  return w.finish();
}

const int64 = (v: Int64Input | undefined): string | undefined => (v === undefined ? undefined : String(v));

/** Encodes a `PushFrame` from proto-named fields; unset fields stay off the wire. */
function baseFrame(fields: T.PushFrame): Uint8Array {
  return encodeWith('PushFrame', (w) => encodeRawPushFrame(fields, w, 0));
}

/**
 * The client heartbeat, `PushFrame{payloadType: "hb"}` = bytes `3a 02 68 62`. Send it as a binary
 * message right after open and then about every 10 s.
 */
export function heartbeatFrame(): Uint8Array {
  return baseFrame({ payloadType: 'hb' });
}

/**
 * The ACK for a received frame whose `Response.need_ack` is true:
 * `PushFrame{logId: frame.logId, payloadType: "ack", payload: UTF-8(response.internalExt)}`.
 * (F2 puts internal_ext in payloadType and sends no payload; that is a bug and not copied.)
 * @throws {InvalidInputError} `logId` is not an unsigned 64-bit decimal string or bigint.
 */
export function ackFrame(logId: Int64Input, internalExt: string): Uint8Array {
  const text = typeof logId === 'bigint' ? logId.toString() : logId;
  if (typeof text !== 'string' || parseDecimal64(text, true) === undefined) {
    throw new InvalidInputError(`ackFrame: logId must be an unsigned 64-bit decimal string or bigint, got ${typeof logId}`);
  }
  if (typeof internalExt !== 'string') throw new InvalidInputError('ackFrame: internalExt must be a string');
  return baseFrame({ logId: text, payloadType: 'ack', payload: Buffer.from(internalExt, 'utf8') });
}

/**
 * Encodes a message payload (`Message.payload`) for a known method.
 * @throws {InvalidInputError} unknown method, or a field of the wrong type (the message names it).
 */
export function encodeMessage<K extends KnownWebcastMethod>(method: K, data: WebcastMessageMap[K]): Uint8Array;
export function encodeMessage(method: string, data: unknown): Uint8Array;
export function encodeMessage(method: string, data: unknown): Uint8Array {
  const codec = CODECS.get(method);
  if (codec === undefined) throw new InvalidInputError(`encodeMessage: no schema for method ${JSON.stringify(method)}`);
  if (typeof data !== 'object' || data === null) throw new InvalidInputError(`encodeMessage: ${method} data must be an object`);
  return encodeWith(method, (w) => codec.encode(data, w, 0));
}

/** One `Message` envelope: give either the encoded `payload` or the `data` to encode for `method`. */
export interface MessageInput {
  method: string;
  payload?: Uint8Array;
  data?: object;
  msgId?: Int64Input;
  msgType?: number;
  offset?: Int64Input;
  needWrdsStore?: boolean;
  wrdsVersion?: Int64Input;
  wrdsSubKey?: string;
}

/** Fields of a `Response` (camelCase, as `decodeResponse` returns them). */
export interface ResponseInput {
  messages?: readonly MessageInput[];
  cursor?: string;
  fetchInterval?: Int64Input;
  now?: Int64Input;
  internalExt?: string;
  fetchType?: number;
  routeParams?: Record<string, string>;
  heartbeatDuration?: Int64Input;
  needAck?: boolean;
  pushServer?: string;
  liveCursor?: string;
  historyNoMore?: boolean;
  proxyServer?: string;
}

/**
 * Encodes a `Response` (uncompressed). Messages given as `data` are encoded with their method's type.
 * @throws {InvalidInputError} a message with an unknown method and no payload, or mistyped fields.
 */
export function encodeResponse(input: ResponseInput): Uint8Array {
  const messages: T.Message[] = (input.messages ?? []).map((m) => ({
    method: m.method,
    payload: m.payload ?? (m.data !== undefined ? encodeMessage(m.method, m.data) : undefined),
    msg_id: int64(m.msgId),
    msg_type: m.msgType,
    offset: int64(m.offset),
    need_wrds_store: m.needWrdsStore,
    wrds_version: int64(m.wrdsVersion),
    wrds_sub_key: m.wrdsSubKey,
  }));
  const fields: T.Response = {
    messages,
    cursor: input.cursor,
    fetch_interval: int64(input.fetchInterval),
    now: int64(input.now),
    internal_ext: input.internalExt,
    fetch_type: input.fetchType,
    routeParams: input.routeParams,
    heartbeat_duration: int64(input.heartbeatDuration),
    need_ack: input.needAck,
    push_server: input.pushServer,
    live_cursor: input.liveCursor,
    history_no_more: input.historyNoMore,
    proxy_server: input.proxyServer,
  };
  return encodeWith('Response', (w) => encodeRawResponse(fields, w, 0));
}

/** Fields of a `PushFrame` (as `decodePushFrame` returns them), plus `gzip`. */
export interface PushFrameInput {
  seqId?: Int64Input;
  logId?: Int64Input;
  service?: Int64Input;
  method?: Int64Input;
  /** Object or ordered list; with `gzip: true`, `compress_type: gzip` is added unless present. */
  headers?: Record<string, string> | readonly { key: string; value: string }[];
  /** @default "pb" when a payload is given (what the TikTok-style stacks send) */
  payloadEncoding?: string;
  /** @default "msg" */
  payloadType?: string;
  payload?: Uint8Array;
  /** Gzip the payload (as Douyin does for `msg` frames). @default false */
  gzip?: boolean;
  lodIdNew?: string;
}

/**
 * Encodes a server→client `PushFrame`, e.g. `encodePushFrame({logId, payload: encodeResponse(r), gzip: true})`.
 * @throws {InvalidInputError} mistyped fields.
 */
export function encodePushFrame(input: PushFrameInput): Uint8Array {
  const list = Array.isArray(input.headers)
    ? [...(input.headers as readonly { key: string; value: string }[])]
    : Object.entries(input.headers ?? {}).map(([key, value]) => ({ key, value }));
  let payload = input.payload;
  if (input.gzip) {
    payload = gzipSync(payload ?? new Uint8Array(0));
    if (!list.some((h) => h.key === 'compress_type')) list.unshift({ key: 'compress_type', value: 'gzip' });
  }
  return baseFrame({
    seqId: int64(input.seqId),
    logId: int64(input.logId),
    service: int64(input.service),
    method: int64(input.method),
    headersList: list,
    payloadEncoding: input.payloadEncoding ?? (payload !== undefined ? 'pb' : undefined),
    payloadType: input.payloadType ?? 'msg',
    payload,
    LodIDNew: input.lodIdNew,
  });
}
