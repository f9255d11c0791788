import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ackFrame, decodeResponse, isGzip } from '../../../src/crawler/webcast/index.js';
import { startEmulator, World, type Emulator } from '../../../src/emulator/index.js';
import { ChatClock, CHAT_METHODS, createChatBackend, PUSH_URL_PARAMS, type ChatBackend, type ChatBackendOptions } from '../../../src/emulator/webcast/index.js';
import { imFetch, pushUrl, RawPushClient, UA, UID, upgradeStatus, withParam } from './push-client.js';

const TWO_POW_63 = 2n ** 63n;

let running: { emu: Emulator; chat: ChatBackend; clients: RawPushClient[] } | null = null;

async function start(options: Omit<ChatBackendOptions, 'world'> = {}, seed = 'chat-backend') {
  let chat!: ChatBackend;
  const emu = await startEmulator({ world: { seed }, chat: (env) => (chat = createChatBackend({ world: env.world, clock: { speed: 50 }, ...options })) });
  const room = emu.world.roomOf(emu.world.roles.liveAnchor)!;
  running = { emu, chat, clients: [] };
  return { emu, chat, room, roomId: room.roomId };
}

/** im/fetch (JSON) then a raw websocket client on the cursor it gave. */
async function connect(hbEveryMs = 20) {
  const { emu, roomId } = running ? { emu: running.emu, roomId: running.emu.world.roomOf(running.emu.world.roles.liveAnchor)!.roomId } : (() => { throw new Error('start first'); })();
  const pre = (await (await imFetch(emu.baseUrl, roomId, 'json')).json()) as { internal_ext: string; extra: { cursor: string } };
  const client = await RawPushClient.connect(pushUrl(emu.wsUrl, { roomId, cursor: pre.extra.cursor, internalExt: pre.internal_ext }), hbEveryMs);
  running!.clients.push(client);
  return { client, cursor: pre.extra.cursor, internalExt: pre.internal_ext };
}

afterEach(async () => {
  if (!running) return;
  for (const c of running.clients) await c.close();
  await running.emu.stop();
  running = null;
});

describe('chat backend: im/fetch preload', () => {
  it('answers JSON the way F2 reads it: cursor and internal_ext at the live edge, push_server, the last 15 messages', async () => {
    const { emu, chat, roomId } = await start();
    const res = await imFetch(emu.baseUrl, roomId, 'json');
    expect(res.headers.get('content-type')).toMatch(/json/);
    const text = await res.text();
    const body = JSON.parse(text) as { status_code: number; internal_ext: string; extra: { cursor: string; now: number; push_server: string }; data: { common: { msg_id_str: string; method: string } }[] };
    expect(body.status_code).toBe(0);
    expect(body.internal_ext).toMatch(new RegExp(`^internal_src:dim\\|wss_push_room_id:${roomId}\\|wss_push_did:${UID}\\|`));
    expect(body.extra.push_server).toBe(emu.wsUrl);
    const t = chat.timeline(roomId);
    const position = t.positionOf(body.extra.cursor)!;
    expect(position).toBeGreaterThan(1000);
    expect(body.data.map((d) => d.common.msg_id_str)).toEqual(t.entries(position - 15, position).map((e) => e.msgId));
    // 64-bit ids are bare JSON numbers beside their *_str twins, as Douyin writes them.
    expect(text).toContain(`"msg_id":${body.data[0]!.common.msg_id_str},`);
    expect(chat.stats().imFetches).toBe(1);
  });

  it('answers a plain Response protobuf for resp_content_type=protobuf', async () => {
    const { emu, chat, roomId } = await start();
    const bytes = new Uint8Array(await (await imFetch(emu.baseUrl, roomId, 'protobuf')).arrayBuffer());
    expect(isGzip(bytes)).toBe(false);
    const r = decodeResponse(bytes);
    expect(r).toMatchObject({ fetchInterval: '1000', pushServer: emu.wsUrl, needAck: false });
    expect(r.internalExt).toMatch(/^internal_src:dim\|/);
    const position = chat.timeline(roomId).positionOf(r.cursor)!;
    expect(r.messages.map((m) => [m.kind, m.msgId])).toEqual(chat.timeline(roomId).entries(position - 15, position).map((e) => ['decoded', e.msgId]));
  });

  it('answers status_code 10011 for a room that does not exist', async () => {
    const { emu } = await start();
    const body = (await (await imFetch(emu.baseUrl, '7000000000000000000', 'json')).json()) as { status_code: number };
    expect(body.status_code).toBe(10011);
  });
});

describe('chat backend: the push handshake', () => {
  it('upgrades a complete, signed URL and refuses (HTTP 200, as Douyin does) any URL missing a documented parameter', async () => {
    const { emu, chat, roomId } = await start();
    const good = pushUrl(emu.wsUrl, { roomId, cursor: 't-1_r-1_d-1_u-1', internalExt: 'internal_src:dim' });
    expect((await upgradeStatus(good)).status).toBe(101);
    expect(PUSH_URL_PARAMS).toHaveLength(32);
    for (const name of PUSH_URL_PARAMS) {
      const refused = await upgradeStatus(withParam(good, name, undefined));
      expect(refused.status, name).toBe(200);
      expect(JSON.parse(refused.body), name).toMatchObject({ reason: `missing:${name}` });
    }
    for (const name of ['signature', 'room_id', 'cursor', 'internal_ext', 'user_unique_id']) {
      expect((await upgradeStatus(withParam(good, name, ''))).status, name).toBe(200);
    }
    const stats = chat.stats();
    expect(stats.rejected).toBe(32 + 5);
    expect(stats.rejections.filter((r) => r.reason === 'missing:signature')).toHaveLength(2);
  });

  it('verifies that the signature signs this room and user, and refuses other known-bad values', async () => {
    const { emu, roomId } = await start();
    const base = { roomId, cursor: 'c', internalExt: 'e' };
    const reason = async (url: string) => JSON.parse((await upgradeStatus(url)).body).reason as string;
    expect(await reason(pushUrl(emu.wsUrl, { ...base, signature: 'A'.repeat(16) }))).toBe('bad:signature');
    const otherRoomSig = pushUrl(emu.wsUrl, { ...base, roomId: '7000000000000000001' }).match(/signature=([^&]+)/)![1]!;
    expect(await reason(withParam(pushUrl(emu.wsUrl, base), 'signature', otherRoomSig))).toBe('bad:signature');
    expect(await reason(withParam(pushUrl(emu.wsUrl, base), 'webcast_sdk_version', '1.0.15'))).toBe('bad:signature');
    expect(await reason(withParam(pushUrl(emu.wsUrl, base), 'browser_version', '92.0.4515.159'))).toBe('bad:browser_version');
    expect(await reason(withParam(pushUrl(emu.wsUrl, base), 'compress', 'none'))).toBe('bad:compress');
    expect(await reason(pushUrl(emu.wsUrl, { ...base, roomId: '7000000000000000001' }))).toBe('unknown-room');
  });

  it("accepts any non-empty signature with signatureCheck 'presence'", async () => {
    const { emu, roomId } = await start({ signatureCheck: 'presence' });
    expect((await upgradeStatus(pushUrl(emu.wsUrl, { roomId, cursor: 'c', internalExt: 'e', signature: 'x' }))).status).toBe(101);
  });
});

describe('chat backend: frames', () => {
  it('streams the timeline from the preload cursor in gzip and plain frames, some asking for an ACK; logIds use all 64 bits', async () => {
    const { chat, roomId } = await start({ pingIntervalMs: 2_000 });
    const { client, cursor } = await connect();
    await client.waitFor(() => client.frames.length >= 16);
    const from = chat.timeline(roomId).positionOf(cursor)!;
    const ids = client.messages.map((m) => m.msgId);
    expect(ids).toEqual(chat.timeline(roomId).entries(from, from + ids.length).map((e) => e.msgId));
    const gz = client.frames.filter((f) => f.frame.headers.compress_type === 'gzip');
    const plain = client.frames.filter((f) => f.frame.headers.compress_type === undefined);
    expect(gz.length).toBeGreaterThan(0);
    expect(plain.length).toBeGreaterThan(0);
    for (const f of gz) expect(isGzip(f.frame.payload)).toBe(true);
    for (const f of plain) expect(isGzip(f.frame.payload)).toBe(false);
    for (const f of client.frames) {
      expect(f.frame.payloadType).toBe('msg');
      expect(f.frame.headers['im-cursor']).toBe(f.response!.cursor);
      expect(f.frame.headers['im-internal_ext']).toBe(f.response!.internalExt);
    }
    const asked = client.frames.filter((f) => f.response!.needAck).length;
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThan(client.frames.length);
    expect(client.frames.some((f) => BigInt(f.frame.logId) >= TWO_POW_63)).toBe(true);
    await client.waitFor(() => chat.stats().acksOk === chat.stats().needAckFrames && chat.stats().pongsReceived > 0);
    await client.close();
    await client.waitFor(() => chat.openConnections === 0);
    const s = chat.stats();
    expect(s).toMatchObject({ connections: 1, acksBad: 0, acksOutstanding: 0, framesSent: client.frames.length, messagesSent: ids.length });
    expect(s.heartbeats).toBeGreaterThan(2);
    expect(s.pingsSent).toBeGreaterThan(0);
    expect(s.perConnection[0]).toMatchObject({ resumed: true, knownInternalExt: true, closeReason: 'client', closeCode: null, plainFrames: plain.length });
    expect(s.perConnection[0]!.headers.userAgent).toBe(UA);
  });

  it('records wrong ACKs: F2-style, wrong payload, unknown logId, duplicate', async () => {
    const { chat } = await start({ needAckRate: 1 });
    const { client } = await connect();
    client.ack = 'f2';
    await client.waitFor(() => chat.stats().badAcks.length >= 1);
    client.ack = 'wrong-payload';
    await client.waitFor(() => chat.stats().badAcks.some((b) => b.reason === 'payload-mismatch'));
    client.ack = 'none';
    client.ws.send(ackFrame('12345', 'x'));
    const last = client.frames.at(-1)!;
    client.ws.send(ackFrame(last.frame.logId, last.response!.internalExt));
    client.ws.send(ackFrame(last.frame.logId, last.response!.internalExt));
    await client.waitFor(() => chat.stats().badAcks.some((b) => b.reason === 'duplicate'));
    const reasons = new Set(chat.stats().badAcks.map((b) => b.reason));
    expect(reasons).toEqual(new Set(['f2-style', 'payload-mismatch', 'unknown-logId', 'duplicate']));
  });

  it('resumes from a cursor without losing or repeating a message (and repeats `resumeOverlap` on purpose)', async () => {
    for (const overlap of [0, 3]) {
      const { emu, chat, roomId } = await start({ resumeOverlap: overlap });
      const first = await connect();
      await first.client.waitFor(() => first.client.frames.length >= 5);
      await first.client.close();
      const last = first.client.frames.at(-1)!.response!;
      const before = first.client.messages.map((m) => m.msgId);
      const second = await RawPushClient.connect(pushUrl(emu.wsUrl, { roomId, cursor: last.cursor, internalExt: last.internalExt }), 20);
      running!.clients.push(second);
      await second.waitFor(() => second.messages.length >= 5);
      const after = second.messages.map((m) => m.msgId);
      const t = chat.timeline(roomId);
      const startPos = t.positionOf(first.cursor)!;
      expect([...before, ...after.slice(overlap)]).toEqual(t.entries(startPos, startPos + before.length + after.length - overlap).map((e) => e.msgId));
      expect(after.slice(0, overlap)).toEqual(before.slice(before.length - overlap));
      expect(chat.stats().perConnection[1]).toMatchObject({ resumed: true, knownInternalExt: true });
      await second.close();
      await emu.stop();
      running = null;
    }
  });

  it('drops a connection on schedule (terminate: the client sees 1006; close: 1001) and counts it', async () => {
    for (const [dropMode, expected] of [['terminate', 1006], ['close', 1001]] as const) {
      const { emu, chat } = await start({ dropEveryMs: 3_000, dropMode });
      const { client } = await connect();
      const [code] = (await once(client.ws, 'close')) as [number];
      expect(code).toBe(expected);
      expect(chat.stats()).toMatchObject({ drops: 1, connections: 1 });
      await emu.stop();
      running = null;
    }
  });

  it('closes a connection that sends no heartbeat, and one that does not answer pings', async () => {
    const { emu, chat, roomId } = await start({ heartbeatTimeoutMs: 3_000, pingIntervalMs: 1_000 });
    const silent = await connect(0);
    await once(silent.client.ws, 'close');
    const deaf = new WebSocket(pushUrl(emu.wsUrl, { roomId, cursor: 'c', internalExt: 'e' }), { autoPong: false });
    await once(deaf, 'open');
    const hb = setInterval(() => deaf.send(Buffer.from([0x3a, 0x02, 0x68, 0x62])), 10);
    await once(deaf, 'close');
    clearInterval(hb);
    expect(chat.stats().perConnection.map((c) => c.closeReason)).toEqual(['heartbeat-timeout', 'pong-timeout']);
    expect(chat.stats()).toMatchObject({ heartbeatTimeouts: 1, pongTimeouts: 1 });
  });

  it('ends a live with a ControlMessage (action 3) as the last message, then closes 1000; later connections get the end too', async () => {
    const { emu, chat, roomId } = await start();
    const { client, cursor } = await connect();
    await client.waitFor(() => client.frames.length >= 2);
    emu.live.end(emu.world.roles.liveAnchor);
    const [code] = (await once(client.ws, 'close')) as [number];
    expect(code).toBe(1000);
    const last = client.messages.at(-1)!;
    expect(last).toMatchObject({ kind: 'decoded', method: 'WebcastControlMessage', data: { action: '3' } });
    const t = chat.timeline(roomId);
    expect(last.msgId).toBe(t.msgId(t.endIndex!));
    expect(client.messages.filter((m) => m.method === 'WebcastControlMessage')).toHaveLength(1);
    const late = await RawPushClient.connect(pushUrl(emu.wsUrl, { roomId, cursor, internalExt: 'e' }), 20);
    running!.clients.push(late);
    await once(late.ws, 'close');
    expect(late.messages.map((m) => m.msgId)).toEqual(client.messages.map((m) => m.msgId));
  });
});

describe('chat backend: timelines and clock', () => {
  it('are deterministic per seed and room, carry all 32 methods in every 128 messages, and 19-digit ids', async () => {
    const a = createChatBackend({ seed: 'same', clock: { startMs: 1e12 } });
    const b = createChatBackend({ seed: 'same', clock: { startMs: 1e12, speed: 30 } });
    const other = createChatBackend({ seed: 'other' });
    const room = '7400000000000000042';
    expect(a.timeline(room).entries(500, 700).map((e) => e.msgId)).toEqual(b.timeline(room).entries(500, 700).map((e) => e.msgId));
    expect(Buffer.from(a.timeline(room).message(777).payload)).toEqual(Buffer.from(b.timeline(room).message(777).payload));
    expect(other.timeline(room).message(777).payload).not.toEqual(a.timeline(room).message(777).payload);
    const window = a.timeline(room).entries(1000, 1128);
    expect(new Set(window.map((e) => e.method))).toEqual(new Set(CHAT_METHODS));
    for (const e of window) expect(e.msgId).toMatch(/^7\d{18}$/);
    const times = window.map((e) => e.timeMs);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    const t = a.timeline(room);
    expect(t.positionOf(t.cursorAt(1234, 0))).toBe(1234);
    expect(t.positionOf(t.cursorAt(0, 0))).toBe(0);
    expect(t.positionOf('d-1_u-1_fh-7_t-1_r-1')).toBeUndefined();
    expect(other.timeline(room).positionOf(t.cursorAt(5, 0))).toBeUndefined();
    for (const x of [a, b, other]) x.close();
  });

  it('runs its clock at the configured speed; advance() jumps, setSpeed() keeps time continuous', async () => {
    const clock = new ChatClock({ startMs: 1_000_000, speed: 100 });
    const t0 = clock.now();
    await new Promise((r) => setTimeout(r, 50));
    expect(clock.now() - t0).toBeGreaterThanOrEqual(4_000);
    clock.advance(60_000);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(64_000);
    const t1 = clock.now();
    clock.setSpeed(1);
    expect(clock.now() - t1).toBeLessThan(100);
    expect(clock.toReal(1000)).toBe(1000);
  });

  it('rejects unknown or out-of-range options', () => {
    expect(() => createChatBackend({ dropEvery: 1 } as never)).toThrow(/Unexpected chat backend option `dropEvery`/);
    expect(() => createChatBackend({ needAckRate: 2 })).toThrow(/needAckRate/);
    expect(() => createChatBackend({ clock: { speed: 0 } })).toThrow(/speed/);
    expect(() => new World({ seed: 'x' }) && createChatBackend({ messageIntervalMs: 0 })).toThrow(/messageIntervalMs/);
  });
});
