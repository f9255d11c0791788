import { encodeResponse } from '../../crawler/webcast/index.js';
import { stringifyJson } from '../../utils/json.js';
import { idNum } from '../shape/values.js';
import type { RoomTimeline } from './room-timeline.js';

export interface ImFetchAnswer {
  status: number;
  contentType: string;
  body: Buffer;
  /** The internal_ext handed out (the backend remembers it). */
  internalExt: string | null;
}

/** How many earlier messages im/fetch returns (F2 asks for `need_persist_msg_count=15`). */
const HISTORY = 15;

export function paramsError(nowMs: number): ImFetchAnswer {
  const body = { data: { message: 'Request params error', prompts: 'Request params error\t' }, extra: { now: nowMs }, status_code: 10011 };
  return { status: 200, contentType: 'application/json; charset=utf-8', body: Buffer.from(stringifyJson(body)), internalExt: null };
}

/**
 * `GET /webcast/im/fetch/`: the preload a client makes before the websocket. It answers the
 * room's live edge as `cursor` + `internal_ext` (+ `push_server`), with the last messages before
 * it, as JSON (`resp_content_type=json`, F2) or as a plain `Response` protobuf (`protobuf`,
 * dycast/jwwsjlm).
 */
export function imFetchAnswer(timeline: RoomTimeline, query: URLSearchParams, nowMs: number, pushServer: string | null): ImFetchAnswer {
  const uid = query.get('user_unique_id') || '0';
  const edge = timeline.edge(nowMs);
  const cursor = timeline.cursorAt(edge, nowMs);
  const internalExt =
    `internal_src:dim|wss_push_room_id:${timeline.roomId}|wss_push_did:${uid}|first_req_ms:${nowMs}|fetch_time:${nowMs}` +
    `|seq:1|wss_info:0-${nowMs}-0-0|wrds_v:${timeline.msgId(Math.max(0, edge - 1))}`;
  const count = Math.min(HISTORY, Number(query.get('need_persist_msg_count') ?? HISTORY) || HISTORY, edge);
  const history = timeline.entries(edge - count, edge);
  if (query.get('resp_content_type') === 'protobuf') {
    const body = encodeResponse({
      messages: history.map((e) => {
        const m = timeline.message(e.index);
        return { method: m.method, payload: m.payload, msgId: m.msgId, offset: String(e.index) };
      }),
      cursor,
      fetchInterval: '1000',
      now: String(nowMs),
      internalExt,
      needAck: false,
      ...(pushServer ? { pushServer } : {}),
      liveCursor: cursor,
    });
    return { status: 200, contentType: 'application/x-protobuf', body: Buffer.from(body), internalExt };
  }
  const data = history.map((e) => ({
    common: {
      method: e.method,
      msg_id: idNum(e.msgId),
      msg_id_str: e.msgId,
      room_id: idNum(timeline.roomId),
      room_id_str: timeline.roomId,
      create_time: e.timeMs,
      is_show_msg: true,
    },
  }));
  const body = {
    data,
    extra: { cursor, fetch_interval: 1000, now: nowMs, ...(pushServer ? { push_server: pushServer } : {}), history_no_more: false },
    internal_ext: internalExt,
    status_code: 0,
  };
  return { status: 200, contentType: 'application/json; charset=utf-8', body: Buffer.from(stringifyJson(body)), internalExt };
}
