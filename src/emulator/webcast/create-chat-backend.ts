import type { IncomingMessage, ServerResponse } from 'node:http';
import { tunneledSockets } from '../http/request-context.js';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { IM_PUSH_PATH, type WebcastChatBackend } from '../chat-backend.js';
import { parseCookies } from '../http/request-context.js';
import { Rng } from '../world/random.js';
import type { World } from '../world/world.js';
import { ChatClock } from './chat-clock.js';
import { resolveChatOptions, type ChatBackendOptions, type ResolvedChatOptions } from './chat-options.js';
import { summarize, type BadAck, type ChatConnectionRecord, type ChatStats } from './chat-stats.js';
import { imFetchAnswer, paramsError } from './im-fetch.js';
import type { Viewer } from './message-factory.js';
import { PushConnection } from './push-connection.js';
import { pushRequestProblem } from './push-request-check.js';
import { RoomTimeline } from './room-timeline.js';

/** The emulated live chat: im/fetch preload and the push websocket, plus controls and statistics for tests. */
export interface ChatBackend extends WebcastChatBackend {
  readonly options: Readonly<ResolvedChatOptions>;
  /** Emulated time: `clock.setSpeed(60)` runs ten minutes in ten seconds. */
  readonly clock: ChatClock;
  /** The room's timeline (created on first use): what was and will be sent, by position. */
  timeline(roomId: string): RoomTimeline;
  /** Ends a room's live now: its next message is the ControlMessage (`emulator.live.end` does this through the world). */
  endRoom(roomId: string): void;
  /** Drops the connections of a room (or all): TCP reset, like a network failure. Returns how many. */
  dropConnections(roomId?: string): number;
  /** Sends a `close` PushFrame to the connections of a room (or all). Returns how many. */
  requestClose(roomId?: string): number;
  /** Open connections right now. */
  readonly openConnections: number;
  /** A snapshot of everything counted so far. */
  stats(): ChatStats;
  /** Forgets the statistics (not the timelines or open connections' positions). */
  resetStats(): void;
}

const PROXY_HEADER = /^(proxy-|via$|forwarded$|x-forwarded-)/;
const MAX_ISSUED = 100_000;

function seededViewers(seed: string): Viewer[] {
  const rng = new Rng(`${seed}|viewers`);
  return Array.from({ length: 48 }, (_, i) => {
    const id = rng.digits(rng.chance(0.6) ? 16 : 11);
    return { id, shortId: rng.digits(9), nickname: `观众${rng.alnumLower(4)}${i}`, secUid: `MS4wLjABAAAA${rng.base64url(43)}`, displayId: `dy${rng.alnumLower(8)}` };
  });
}

function refuse(socket: Duplex, reason: string): void {
  const body = JSON.stringify({ status_code: 10011, status_msg: 'websocket handshake refused', reason });
  socket.on('error', () => socket.destroy());
  socket.end(
    `HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Creates the emulated Douyin live-chat backend; pass it as `startEmulator({ chat })`, or serve
 * it from any HTTP server (`handleImFetch` for requests, `handleUpgrade` for upgrades).
 * @throws {InvalidOptionError} for an unknown or out-of-range option.
 */
export function createChatBackend(options: ChatBackendOptions = {}): ChatBackend {
  const o = resolveChatOptions(options);
  const world: World | undefined = options.world;
  const seed = String(options.seed ?? world?.seed ?? 'chat');
  const clock = options.clock instanceof ChatClock
    ? options.clock
    : new ChatClock({ startMs: options.clock?.startMs ?? (world ? world.now * 1000 : undefined), speed: options.clock?.speed });
  const viewers: Viewer[] = world
    ? [...world.data.audience, ...world.data.creators].slice(0, 200).map((u) => ({ id: u.uid, shortId: u.shortId, nickname: u.nickname, secUid: u.secUid, displayId: u.uniqueId }))
    : seededViewers(seed);
  const timelines = new Map<string, RoomTimeline>();
  const connections = new Set<PushConnection>();
  const issued = new Set<string>();
  let records: ChatConnectionRecord[] = [];
  let badAcks: BadAck[] = [];
  let rejections: { reason: string; viaProxy: boolean }[] = [];
  let imFetches = 0;
  let nextId = 1;
  let closed = false;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1 << 20 });

  const remember = (ext: string) => {
    issued.add(ext);
    if (issued.size > MAX_ISSUED) issued.delete(issued.values().next().value!);
  };

  const timeline = (roomId: string): RoomTimeline => {
    let t = timelines.get(roomId);
    if (t) return t;
    const room = world?.data.rooms.get(roomId);
    const origin = room ? room.createTime * 1000 : clock.startMs - o.historyMs;
    t = new RoomTimeline(seed, roomId, origin, o.messageIntervalMs, viewers);
    if (room && room.status !== 'live') t.end(Math.max(origin, (room.finishTime || room.createTime) * 1000));
    timelines.set(roomId, t);
    return t;
  };

  const unsubscribe = world?.onChange((change) => {
    if (change.kind === 'room' && change.status !== 'live') timelines.get(change.roomId)?.end(clock.now());
  });

  const roomKnown = (roomId: string) => !world || world.data.rooms.has(roomId);

  const accept = (ws: WebSocket, req: IncomingMessage, url: URL, viaProxy: boolean) => {
    const q = url.searchParams;
    const roomId = q.get('room_id')!;
    const t = timeline(roomId);
    const now = clock.now();
    const edge = t.edge(now);
    const resumedAt = t.positionOf(q.get('cursor')!);
    // The overlap applies to resumes (an internal_ext from a push frame), not to a first connection after im/fetch.
    const overlap = q.get('internal_ext')!.startsWith('internal_src:pushserver') ? o.resumeOverlap : 0;
    let start = resumedAt === undefined ? edge : Math.max(0, Math.min(resumedAt, edge) - overlap);
    if (edge - start > o.maxBacklog) start = edge - o.maxBacklog;
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : null;
    };
    const record: ChatConnectionRecord = {
      id: nextId++, roomId, userUniqueId: q.get('user_unique_id')!, openedAtMs: now, closedAtMs: null, closeReason: null, closeCode: null,
      resumed: resumedAt !== undefined, knownInternalExt: issued.has(q.get('internal_ext')!), startPosition: start, position: start,
      framesSent: 0, plainFrames: 0, messagesSent: 0, needAckFrames: 0, acksOk: 0, acksBad: 0, acksOutstanding: 0,
      heartbeats: 0, heartbeatTimesMs: [], maxHeartbeatGapMs: 0, missedHeartbeatWindows: 0, pingsSent: 0, pongsReceived: 0,
      unexpectedFrames: 0, viaProxy,
      headers: { userAgent: header('user-agent'), origin: header('origin'), referer: header('referer'), cookieNames: Object.keys(parseCookies(header('cookie') ?? undefined)) },
      query: Object.fromEntries(q),
    };
    records.push(record);
    const conn = new PushConnection({
      ws, timeline: t, clock, options: o, seed, record, issued: remember,
      badAck: (b) => badAcks.push(b),
      closed: (c) => connections.delete(c),
    });
    connections.add(conn);
    conn.start();
  };

  return {
    options: o,
    clock,
    timeline,
    endRoom: (roomId) => timeline(roomId).end(clock.now()),
    dropConnections(roomId) {
      let n = 0;
      for (const c of connections) {
        if (roomId === undefined || c.record.roomId === roomId) {
          c.stop('drop');
          n++;
        }
      }
      return n;
    },
    requestClose(roomId) {
      let n = 0;
      for (const c of connections) {
        if (roomId === undefined || c.record.roomId === roomId) {
          c.sendCloseFrame();
          n++;
        }
      }
      return n;
    },
    get openConnections() {
      return connections.size;
    },
    stats: () => summarize(records, { imFetches, rejections, badAcks }),
    resetStats() {
      records = records.filter((r) => r.closedAtMs === null);
      badAcks = [];
      rejections = [];
      imFetches = 0;
    },

    handleImFetch(_req: IncomingMessage, res: ServerResponse, url: URL) {
      imFetches++;
      const roomId = url.searchParams.get('room_id') ?? '';
      const now = clock.now();
      const pushServer = o.pushServer === undefined ? `ws://${url.host}${IM_PUSH_PATH}` : o.pushServer;
      const answer = /^\d{1,20}$/.test(roomId) && roomKnown(roomId) ? imFetchAnswer(timeline(roomId), url.searchParams, now, pushServer) : paramsError(now);
      if (answer.internalExt) remember(answer.internalExt);
      res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': String(answer.body.length) });
      res.end(answer.body);
    },

    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      if (closed) {
        socket.destroy();
        return;
      }
      const target = req.url ?? '/';
      const absolute = /^[a-z]+:\/\//i.test(target);
      const url = new URL(absolute ? target.replace(/^ws/i, 'http') : `http://${req.headers.host ?? '127.0.0.1'}${target}`);
      const viaProxy = absolute || tunneledSockets.has(req.socket) || Object.keys(req.headers).some((h) => PROXY_HEADER.test(h));
      if (url.pathname !== IM_PUSH_PATH && url.pathname !== IM_PUSH_PATH.slice(0, -1)) {
        socket.destroy();
        return;
      }
      let problem = pushRequestProblem(url.searchParams, o.signatureCheck);
      if (!problem && !roomKnown(url.searchParams.get('room_id')!)) problem = 'unknown-room';
      if (problem) {
        rejections.push({ reason: problem, viaProxy });
        refuse(socket, problem);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req, url, viaProxy));
    },

    close() {
      if (closed) return;
      closed = true;
      unsubscribe?.();
      for (const c of connections) c.stop('server-stop');
      wss.close();
    },
  };
}
