import type { WebSocket } from 'ws';
import { decodePushFrame, encodePushFrame, encodeResponse } from '../../crawler/webcast/index.js';
import { hash32, unitHash } from '../world/random.js';
import type { ChatClock } from './chat-clock.js';
import type { ResolvedChatOptions } from './chat-options.js';
import type { BadAck, ChatConnectionRecord } from './chat-stats.js';
import type { RoomTimeline } from './room-timeline.js';

export interface PushConnectionDeps {
  ws: WebSocket;
  timeline: RoomTimeline;
  clock: ChatClock;
  options: ResolvedChatOptions;
  seed: string;
  record: ChatConnectionRecord;
  /** Remembers an internal_ext this backend handed out (for `knownInternalExt`). */
  issued(internalExt: string): void;
  badAck(bad: BadAck): void;
  closed(connection: PushConnection): void;
}

const MAX_FRAMES_PER_TICK = 50;
const MAX_RECORDED_HEARTBEATS = 10_000;
const MAX_REMEMBERED_LOG_IDS = 4_096;
const TWO_POW_63 = 9_223_372_036_854_775_808n;

/**
 * One emulated push connection: every push interval it sends what the room's timeline has beyond
 * the connection's position, as `PushFrame{payloadType: "msg"}` carrying a `Response` (gzip'd
 * with `compress_type: gzip`, every Nth plain), some with `need_ack`. It checks each ACK
 * (`logId` echoed, payload = that Response's internal_ext), records `hb` frames, pings, and drops
 * or closes on schedule. Every decision is in emulated time and seeded, so a run repeats.
 */
export class PushConnection {
  readonly record: ChatConnectionRecord;
  readonly #d: PushConnectionDeps;
  readonly #pendingAcks = new Map<string, string>();
  /** logId → whether that frame asked for an ACK, or 'acked'. */
  readonly #sent = new Map<string, boolean | 'acked'>();
  #frameSeq = 0;
  #lastPushAt = Number.NEGATIVE_INFINITY;
  #lastPingAt: number;
  #awaitingPong = false;
  #lastHeartbeatAt: number;
  #endReachedAt: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #done = false;

  constructor(deps: PushConnectionDeps) {
    this.#d = deps;
    this.record = deps.record;
    this.#lastPingAt = deps.record.openedAtMs;
    this.#lastHeartbeatAt = deps.record.openedAtMs;
  }

  start(): void {
    const ws = this.#d.ws;
    ws.on('message', (data, isBinary) => this.#onMessage(data as Buffer, isBinary));
    ws.on('pong', () => {
      this.#awaitingPong = false;
      this.record.pongsReceived++;
    });
    ws.on('error', () => {});
    ws.on('close', (code) => this.#onClose(code));
    this.#tick();
  }

  /** Sends `PushFrame{payloadType: "close"}`: the server asking the client to close (dycast and Douyin's JS obey). */
  sendCloseFrame(): void {
    if (!this.#done) this.#d.ws.send(encodePushFrame({ seqId: String(++this.#frameSeq), payloadType: 'close' }), { binary: true });
  }

  /** Ends the connection now (`terminate`: no close frame, the client sees 1006). */
  stop(reason: string, mode: 'terminate' | 'close' = 'terminate', code = 1001): void {
    if (this.#done) return;
    this.record.closeReason ??= reason;
    if (mode === 'close') this.#d.ws.close(code, reason.slice(0, 100));
    else this.#d.ws.terminate();
  }

  #tick(): void {
    this.#timer = null;
    if (this.#done) return;
    const { options: o, clock, timeline } = this.#d;
    const now = clock.now();
    const r = this.record;
    if (o.dropEveryMs > 0 && now - r.openedAtMs >= o.dropEveryMs) return this.stop('drop', o.dropMode);
    if (o.heartbeatTimeoutMs > 0 && now - this.#lastHeartbeatAt > o.heartbeatTimeoutMs) return this.stop('heartbeat-timeout');
    if (o.pingIntervalMs > 0 && now - this.#lastPingAt >= o.pingIntervalMs) {
      if (this.#awaitingPong && o.requirePong) return this.stop('pong-timeout');
      this.#d.ws.ping();
      r.pingsSent++;
      this.#awaitingPong = true;
      this.#lastPingAt = now;
    }
    if (now - this.#lastPushAt >= o.pushIntervalMs) {
      this.#lastPushAt = now;
      this.#push(now);
    }
    if (timeline.ended && r.position > timeline.endIndex!) {
      this.#endReachedAt ??= now;
      if (now - this.#endReachedAt >= o.endCloseDelayMs) return this.stop('ended', 'close', 1000);
    }
    this.#timer = setTimeout(() => this.#tick(), clock.toReal(Math.min(o.pushIntervalMs, 1000)));
  }

  #push(now: number): void {
    const edge = this.#d.timeline.edge(now);
    for (let frames = 0; this.record.position < edge && frames < MAX_FRAMES_PER_TICK; frames++) {
      const from = this.record.position;
      const to = Math.min(edge, from + this.#d.options.maxMessagesPerFrame);
      this.#sendFrame(from, to, now);
      this.record.position = to;
    }
  }

  #logId(seq: number): string {
    const h = BigInt(hash32(`${this.#d.seed}|log|${this.record.id}|${seq}`));
    // Most like real traffic (~7.39e18); every 8th above 2^63, which only an unsigned echo gets right.
    return (seq % 8 === 0 ? TWO_POW_63 + h * 1_000_000n + BigInt(seq) : 7_390_000_000_000_000_000n + h * 1_000_000n + BigInt(seq)).toString();
  }

  #sendFrame(from: number, to: number, now: number): void {
    const { timeline, options: o, seed } = this.#d;
    const r = this.record;
    const seq = ++this.#frameSeq;
    const messages = [];
    for (let i = from; i < to; i++) {
      const m = timeline.message(i);
      messages.push({ method: m.method, payload: m.payload, msgId: m.msgId, msgType: 0, offset: String(i) });
    }
    const cursor = timeline.cursorAt(to, now);
    const internalExt =
      `internal_src:pushserver|wss_push_room_id:${r.roomId}|wss_push_did:${r.userUniqueId}|first_req_ms:${r.openedAtMs}` +
      `|fetch_time:${now}|seq:${seq}|wss_info:0-${now}-0-0|wrds_v:${timeline.msgId(Math.max(0, to - 1))}`;
    const needAck = unitHash(`${seed}|ack|${r.id}|${seq}`) < o.needAckRate;
    const gzip = !(o.uncompressedEvery > 0 && seq % o.uncompressedEvery === 0);
    const logId = this.#logId(seq);
    const payload = encodeResponse({ messages, cursor, now: String(now), internalExt, heartbeatDuration: '15', needAck });
    const headers = [
      { key: 'im-cursor', value: cursor },
      { key: 'im-internal_ext', value: internalExt },
      { key: 'im-now', value: String(now) },
    ];
    const frame = encodePushFrame({ seqId: String(seq), logId, service: '88', method: '8', headers, payloadType: 'msg', payload, gzip });
    this.#d.issued(internalExt);
    if (needAck) {
      this.#pendingAcks.set(logId, internalExt);
      r.needAckFrames++;
    }
    this.#remember(logId, needAck);
    r.framesSent++;
    if (!gzip) r.plainFrames++;
    r.messagesSent += to - from;
    this.#d.ws.send(frame, { binary: true });
  }

  #remember(logId: string, value: boolean | 'acked'): void {
    this.#sent.set(logId, value);
    if (this.#sent.size > MAX_REMEMBERED_LOG_IDS) this.#sent.delete(this.#sent.keys().next().value!);
  }

  #onMessage(data: Buffer, isBinary: boolean): void {
    const r = this.record;
    let frame;
    try {
      if (!isBinary) throw new Error('text frame');
      frame = decodePushFrame(data);
    } catch {
      r.unexpectedFrames++;
      return;
    }
    const now = this.#d.clock.now();
    if (frame.payloadType === 'hb') {
      const gap = now - this.#lastHeartbeatAt;
      r.maxHeartbeatGapMs = Math.max(r.maxHeartbeatGapMs, gap);
      if (gap > this.#d.options.heartbeatWindowMs) r.missedHeartbeatWindows++;
      this.#lastHeartbeatAt = now;
      r.heartbeats++;
      if (r.heartbeatTimesMs.length < MAX_RECORDED_HEARTBEATS) r.heartbeatTimesMs.push(now);
      return;
    }
    const expected = this.#pendingAcks.get(frame.logId);
    if (frame.payloadType === 'ack') {
      if (expected === undefined) {
        const seen = this.#sent.get(frame.logId);
        return this.#bad(seen === 'acked' ? 'duplicate' : seen === false ? 'not-requested' : 'unknown-logId', frame.logId);
      }
      this.#pendingAcks.delete(frame.logId);
      this.#remember(frame.logId, 'acked');
      if (Buffer.from(frame.payload).toString('utf8') !== expected) return this.#bad('payload-mismatch', frame.logId);
      r.acksOk++;
      return;
    }
    if (expected !== undefined && frame.payloadType === expected) {
      this.#pendingAcks.delete(frame.logId);
      return this.#bad('f2-style', frame.logId);
    }
    r.unexpectedFrames++;
  }

  #bad(reason: string, logId: string): void {
    this.record.acksBad++;
    this.#d.badAck({ connection: this.record.id, reason, logId });
  }

  #onClose(code: number): void {
    if (this.#done) return;
    this.#done = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const r = this.record;
    r.closedAtMs = this.#d.clock.now();
    r.closeReason ??= 'client';
    r.closeCode = code === 1005 || code === 1006 ? null : code;
    r.acksOutstanding = this.#pendingAcks.size;
    this.#d.closed(this);
  }
}
