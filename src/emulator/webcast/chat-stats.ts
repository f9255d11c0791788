/** What the chat backend saw of one websocket connection (times in emulated ms). */
export interface ChatConnectionRecord {
  /** 1, 2, 3… in accept order. */
  id: number;
  roomId: string;
  userUniqueId: string;
  openedAtMs: number;
  closedAtMs: number | null;
  /** `drop` (scheduled), `client` (the client closed), `ended` (after the ControlMessage), `heartbeat-timeout`, `pong-timeout`, `server-stop`. */
  closeReason: string | null;
  /** The client's close code, when it sent one. */
  closeCode: number | null;
  /** The cursor in the URL named a position of this room's timeline (else the stream started at the live edge). */
  resumed: boolean;
  /** `internal_ext` in the URL was one this backend issued for the room (im/fetch or a frame). */
  knownInternalExt: boolean;
  /** Timeline position the connection started from and reached (messages sent = the difference). */
  startPosition: number;
  position: number;
  framesSent: number;
  /** Frames sent without gzip (no `compress_type` header). */
  plainFrames: number;
  messagesSent: number;
  needAckFrames: number;
  acksOk: number;
  acksBad: number;
  /** Frames that asked for an ACK and had none when the connection closed. */
  acksOutstanding: number;
  heartbeats: number;
  /** Emulated times of every `hb` frame. */
  heartbeatTimesMs: number[];
  /** Longest wait for a heartbeat: from open to the first one, and between two. */
  maxHeartbeatGapMs: number;
  /** Heartbeat gaps longer than `heartbeatWindowMs`. */
  missedHeartbeatWindows: number;
  pingsSent: number;
  pongsReceived: number;
  /** Frames the client sent that were neither `hb` nor a (good or bad) ACK, or did not decode. */
  unexpectedFrames: number;
  /** The upgrade came through a forward proxy (absolute-form target or proxy headers). */
  viaProxy: boolean;
  headers: { userAgent: string | null; origin: string | null; referer: string | null; cookieNames: string[] };
  query: Record<string, string>;
}

export interface BadAck {
  connection: number;
  /** `unknown-logId`, `payload-mismatch`, `duplicate`, `not-requested`, `f2-style` (internal_ext in payloadType). */
  reason: string;
  logId: string;
}

export interface ChatStats {
  imFetches: number;
  /** Accepted websocket connections. */
  connections: number;
  /** Upgrades refused (HTTP 200, as Douyin answers a bad handshake), with the reason. */
  rejected: number;
  rejections: { reason: string; viaProxy: boolean }[];
  framesSent: number;
  messagesSent: number;
  needAckFrames: number;
  acksOk: number;
  acksBad: number;
  badAcks: BadAck[];
  acksOutstanding: number;
  heartbeats: number;
  maxHeartbeatGapMs: number;
  missedHeartbeatWindows: number;
  heartbeatTimeouts: number;
  pingsSent: number;
  pongsReceived: number;
  pongTimeouts: number;
  drops: number;
  perConnection: ChatConnectionRecord[];
}

export function summarize(records: readonly ChatConnectionRecord[], extra: Pick<ChatStats, 'imFetches' | 'rejections' | 'badAcks'>): ChatStats {
  const sum = (f: (r: ChatConnectionRecord) => number) => records.reduce((n, r) => n + f(r), 0);
  const closed = (reason: string) => records.filter((r) => r.closeReason === reason).length;
  return {
    imFetches: extra.imFetches,
    connections: records.length,
    rejected: extra.rejections.length,
    rejections: extra.rejections.map((r) => ({ ...r })),
    framesSent: sum((r) => r.framesSent),
    messagesSent: sum((r) => r.messagesSent),
    needAckFrames: sum((r) => r.needAckFrames),
    acksOk: sum((r) => r.acksOk),
    acksBad: sum((r) => r.acksBad),
    badAcks: extra.badAcks.map((b) => ({ ...b })),
    acksOutstanding: sum((r) => r.acksOutstanding),
    heartbeats: sum((r) => r.heartbeats),
    maxHeartbeatGapMs: records.reduce((m, r) => Math.max(m, r.maxHeartbeatGapMs), 0),
    missedHeartbeatWindows: sum((r) => r.missedHeartbeatWindows),
    heartbeatTimeouts: closed('heartbeat-timeout'),
    pingsSent: sum((r) => r.pingsSent),
    pongsReceived: sum((r) => r.pongsReceived),
    pongTimeouts: closed('pong-timeout'),
    drops: closed('drop'),
    perConnection: records.map((r) => ({ ...r, heartbeatTimesMs: [...r.heartbeatTimesMs], headers: { ...r.headers, cookieNames: [...r.headers.cookieNames] }, query: { ...r.query } })),
  };
}
