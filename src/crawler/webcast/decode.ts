/**
 * Pure decoding of Douyin live-chat traffic: websocket binary message → `PushFrame` → (gunzip) →
 * `Response` → `Message` envelopes → typed payloads. A payload that fails to decode becomes a
 * `FailedMessage` carrying a `DecodeError`; the rest of the batch still decodes.
 */
import { gunzipSync } from 'node:zlib';
import { DecodeError, InvalidInputError } from '../../errors.js';
import { decodePushFrame as decodeRawPushFrame, decodeResponse as decodeRawResponseAt } from './generated/codec.js';
import { METHOD_CODECS, type KnownWebcastMethod, type MethodCodec } from './generated/methods.js';
import type * as T from './generated/types.js';
import { KnownStrings } from './known-strings.js';
import type { DecodedMessage, MessageOutcome, UnknownMessage, WebcastPushFrame, WebcastResponse } from './messages.js';
import { Reader, setKey, SharedText } from './wire.js';

/** Method → codec, built once. */
const CODECS: ReadonlyMap<string, MethodCodec<unknown>> = new Map(Object.entries(METHOD_CODECS));
/** A Response's method names come out as these strings (no decoding, and a fast `CODECS` key). */
const METHOD_NAMES = new KnownStrings(CODECS.keys());
const EMPTY = new Uint8Array(0);
/** A gunzipped payload larger than this is refused (a frame is tens of KB). */
const MAX_GUNZIP_BYTES = 64 * 1024 * 1024;
const HINT =
  'The bytes do not match the webcast schema: Douyin may have changed a message. Report it with the error\'s payloadBase64.';
const GZIP_HINT = 'The payload starts like gzip but does not inflate: the frame is truncated or corrupt.';

/** True when the method has a schema here (the 32 methods F2 handles plus WebcastControlMessage). */
export function isKnownWebcastMethod(method: string): method is KnownWebcastMethod {
  return CODECS.has(method);
}

function checkInput(bytes: unknown, what: string): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidInputError(`${what}: expected a Uint8Array, got ${bytes === null ? 'null' : typeof bytes}`);
  }
}

function decodeError(what: string, error: unknown, bytes: Uint8Array): DecodeError {
  const reason = error instanceof Error ? error.message : String(error);
  const hint = what === 'gzip' ? GZIP_HINT : HINT;
  return new DecodeError(what, `${what} does not decode: ${reason}`, bytes, { cause: error, hint });
}

/** True when the bytes start with the gzip magic `1f 8b` (a `Response` never can: 0x1f is wire type 7). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Gunzips `bytes` when they carry the gzip magic, else returns them unchanged. The magic decides,
 * not the frame's `compress_type` header (which F2 and saermart ignore, and which may be absent).
 * @throws {DecodeError} corrupt or oversized gzip data (`what` = "gzip").
 */
export function maybeGunzip(bytes: Uint8Array): Uint8Array {
  checkInput(bytes, 'gzip');
  if (!isGzip(bytes)) return bytes;
  // ISIZE (the trailer's uncompressed length) sizes the output so zlib fills one chunk, no concat.
  const n = bytes.length;
  const isize = n >= 18 ? (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0 : 0;
  try {
    return gunzipSync(bytes, {
      chunkSize: Math.min(Math.max(isize + 64, 1024), 4 * 1024 * 1024),
      maxOutputLength: MAX_GUNZIP_BYTES,
    });
  } catch (error) {
    throw decodeError('gzip', error, bytes);
  }
}

/**
 * Decodes one websocket binary message into its `PushFrame`. The payload is not touched.
 * @throws {DecodeError} bytes that are not a PushFrame (`what` = "PushFrame").
 * @throws {InvalidInputError} not a `Uint8Array`.
 */
export function decodePushFrame(bytes: Uint8Array): WebcastPushFrame {
  checkInput(bytes, 'PushFrame');
  const r = new Reader(bytes, false);
  let raw: T.PushFrame;
  try {
    raw = decodeRawPushFrame(r, r.len, 0);
  } catch (error) {
    throw decodeError('PushFrame', error, bytes);
  }
  const headers: Record<string, string> = {};
  const headersList = (raw.headersList ?? []).map((h) => ({ key: h.key ?? '', value: h.value ?? '' }));
  for (const h of headersList) setKey(headers, h.key, h.value);
  return {
    seqId: raw.seqId ?? '0',
    logId: raw.logId ?? '0',
    service: raw.service ?? '0',
    method: raw.method ?? '0',
    headers,
    headersList,
    payloadEncoding: raw.payloadEncoding ?? '',
    payloadType: raw.payloadType ?? '',
    payload: raw.payload ?? EMPTY,
    lodIdNew: raw.LodIDNew ?? '',
  };
}

/**
 * The `Response` with its `Message` envelopes undecoded (proto field names). Gunzips first when
 * the bytes are gzip.
 * @throws {DecodeError} not a Response (`what` = "Response") or bad gzip (`what` = "gzip").
 */
export function decodeRawResponse(bytes: Uint8Array): T.Response {
  checkInput(bytes, 'Response');
  return decodeResponseBytes(maybeGunzip(bytes));
}

function decodeResponseBytes(plain: Uint8Array): T.Response {
  const r = new Reader(plain, false);
  r.known = METHOD_NAMES;
  try {
    return decodeRawResponseAt(r, r.len, 0);
  } catch (error) {
    throw decodeError('Response', error, plain);
  }
}

/**
 * Decodes a `Response` (the payload of a `msg` frame, gzip or not) and every message in it. One
 * message failing yields a `{kind: 'error'}` entry; unknown methods yield `{kind: 'unknown'}`.
 * @throws {DecodeError} when the Response itself (or its gzip) is corrupt.
 */
export function decodeResponse(bytes: Uint8Array): WebcastResponse {
  checkInput(bytes, 'Response');
  const plain = maybeGunzip(bytes);
  const raw = decodeResponseBytes(plain);
  const envelopes = raw.messages ?? [];
  const messages: MessageOutcome[] = new Array(envelopes.length);
  const shared = envelopes.length > 0 ? new SharedText(plain) : undefined;
  for (let i = 0; i < envelopes.length; i++) messages[i] = decodeEnvelopeIn(envelopes[i]!, shared);
  return {
    messages,
    cursor: raw.cursor ?? '',
    fetchInterval: raw.fetch_interval ?? '0',
    now: raw.now ?? '0',
    internalExt: raw.internal_ext ?? '',
    fetchType: raw.fetch_type ?? 0,
    routeParams: raw.routeParams ?? {},
    heartbeatDuration: raw.heartbeat_duration ?? '0',
    needAck: raw.need_ack ?? false,
    pushServer: raw.push_server ?? '',
    liveCursor: raw.live_cursor ?? '',
    historyNoMore: raw.history_no_more ?? false,
    proxyServer: raw.proxy_server ?? '',
  };
}

/** One envelope → decoded, unknown, or failed. Never throws. */
export function decodeEnvelope(envelope: T.Message): MessageOutcome {
  return decodeEnvelopeIn(envelope, undefined);
}

/** `shared`: of the Response the envelope was decoded from (its payload is a view into it). */
function decodeEnvelopeIn(envelope: T.Message, shared: SharedText | undefined): MessageOutcome {
  const method = envelope.method ?? '';
  const payload = envelope.payload ?? EMPTY;
  const msgId = envelope.msg_id ?? '0';
  const codec = CODECS.get(method);
  if (codec === undefined) return { kind: 'unknown', method, msgId, payload };
  try {
    const r = new Reader(payload, true, payload.length > 0 ? shared : undefined);
    return { kind: 'decoded', method, msgId, data: codec.decode(r, r.len, 0) } as DecodedMessage;
  } catch (error) {
    return { kind: 'error', method, msgId, payload, error: decodeError(method, error, payload) };
  }
}

/**
 * Decodes one `Message.payload` by its method (`"WebcastChatMessage"` → `ChatMessage`).
 * @throws {DecodeError} the payload does not decode as the method's type (`what` = the method).
 */
export function decodeMessage<K extends KnownWebcastMethod>(method: K, payload: Uint8Array, msgId?: string): Extract<DecodedMessage, { method: K }>;
export function decodeMessage(method: string, payload: Uint8Array, msgId?: string): DecodedMessage | UnknownMessage;
export function decodeMessage(method: string, payload: Uint8Array, msgId?: string): DecodedMessage | UnknownMessage {
  checkInput(payload, method);
  const codec = CODECS.get(method);
  if (codec === undefined) return { kind: 'unknown', method, msgId: msgId ?? '0', payload };
  let data: unknown;
  try {
    const r = new Reader(payload);
    data = codec.decode(r, r.len, 0);
  } catch (error) {
    throw decodeError(method, error, payload);
  }
  const id = msgId ?? (data as { common?: T.Common }).common?.msg_id ?? '0';
  return { kind: 'decoded', method, msgId: id, data } as DecodedMessage;
}

/**
 * The whole receive path for one websocket binary message: the frame, and for `msg` frames its
 * decoded `Response` (other frame types — `hb`, `close`, … — have `response: undefined`).
 * @throws {DecodeError} a corrupt frame, gzip or Response (single messages fail inside `response.messages`).
 */
export function decodeFrame(bytes: Uint8Array): { frame: WebcastPushFrame; response: WebcastResponse | undefined } {
  const frame = decodePushFrame(bytes);
  return { frame, response: frame.payloadType === 'msg' ? decodeResponse(frame.payload) : undefined };
}
