import { getEventListeners, once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DecodedMessage } from '../../../src/crawler/webcast/index.js';
import { LiveChatClient } from '../../../src/crawler/webcast/live-chat-client.js';
import { LIVE_CHAT_EVENT_OF, type LiveChatState } from '../../../src/crawler/webcast/live-chat-events.js';
import type { LiveChatClientOptions } from '../../../src/crawler/webcast/live-chat-options.js';
import { isDouyinKitError } from '../../../src/errors.js';
import { webcastXMsStub } from '../../../src/utils/webcast-signature.js';
import { handles, startChatHarness, until, type ChatHarness } from '../../emulator/webcast/chat-harness.js';

const SPEED = 100;
/** Client timings in real ms for an emulated clock running SPEED times faster. */
const FAST: LiveChatClientOptions = { heartbeatIntervalMs: 10_000 / SPEED, silenceTimeoutMs: 3_000, reconnect: { baseDelayMs: 5, maxDelayMs: 20 } };

let h: ChatHarness;
const clients: LiveChatClient[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'douyin-kit-live-chat-'));

beforeAll(async () => {
  h = await startChatHarness({ clock: { speed: SPEED } });
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
});
afterAll(async () => {
  await h.stop();
  rmSync(tmp, { recursive: true, force: true });
});

function client(room: string = h.room.webRid, options: LiveChatClientOptions = {}, harness = h): LiveChatClient {
  const c = new LiveChatClient(harness.dk, room, { ...FAST, ...options });
  clients.push(c);
  return c;
}

describe('LiveChatClient: messages', () => {
  it('delivers every one of the 32 message types as its typed event, with the values the server sent (64-bit ids as strings)', async () => {
    const harness = await startChatHarness({ clock: { speed: SPEED } }, {}, 'every-type');
    try {
      const c = client(`https://live.douyin.com/${harness.room.webRid}`, {}, harness);
      const typed: { event: string; data: unknown; message: DecodedMessage }[] = [];
      for (const [method, event] of Object.entries(LIVE_CHAT_EVENT_OF)) {
        c.on(event as 'chat', (data, message) => {
          expect(message.method).toBe(method);
          typed.push({ event, data, message });
        });
      }
      const all: DecodedMessage[] = [];
      c.on('message', (m) => all.push(m));
      const ended = once(c, 'ended');
      await c.connect();
      expect(c.roomId).toBe(harness.room.roomId);
      await until(() => new Set(typed.map((t) => t.event)).size >= 32, 15_000, 'all 32 types');
      harness.emu.live.end(harness.emu.world.roles.liveAnchor);
      const [info] = await ended;
      await c.untilClosed();

      expect(new Set(typed.map((t) => t.event))).toEqual(new Set(Object.values(LIVE_CHAT_EVENT_OF)));
      expect(typed.map((t) => t.message)).toEqual(all);
      const timeline = harness.chat.timeline(harness.room.roomId);
      for (const t of typed) {
        const sent = timeline.message(harness.indexOf(t.message.msgId));
        expect(t.message.msgId).toBe(sent.msgId);
        expect(t.data, t.event).toEqual(sent.data);
      }
      // Spot checks: ids stay exact decimal strings, also above 2^53.
      const chats = typed.filter((t) => t.event === 'chat').map((t) => t.data as { common: { msg_id: string; room_id: string }; user: { id: string; id_str: string }; content: string });
      expect(chats.length).toBeGreaterThan(0);
      for (const m of chats) {
        expect(m.common.msg_id).toMatch(/^7\d{18}$/);
        expect(m.common.room_id).toBe(harness.room.roomId);
        expect(typeof m.user.id).toBe('string');
        expect(m.user.id).toBe(m.user.id_str);
        expect(m.content.length).toBeGreaterThan(0);
      }
      const ids = typed.flatMap((t) => ((t.data as { user?: { id?: string } }).user?.id ? [BigInt((t.data as { user: { id: string } }).user.id)] : []));
      expect(ids.some((id) => id > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
      expect(BigInt(harness.room.roomId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
      expect(info).toMatchObject({ reason: 'control', message: { action: '3' } });
      expect(typed.at(-1)).toMatchObject({ event: 'control', data: { action: '3' } });
      expect(c.state).toBe('closed');
    } finally {
      await harness.stop();
    }
  });

  it('calls an F2-style callback dictionary by method name, and yields messages to `for await`', async () => {
    const seen: string[] = [];
    const gifts: string[] = [];
    const c = client(h.room.webRid, {
      callbacks: {
        WebcastChatMessage: (data) => void seen.push(data.content ?? ''),
        WebcastGiftMessage: async (data) => void gifts.push(data.gift_id ?? ''),
      },
    });
    const got: DecodedMessage[] = [];
    const reading = (async () => {
      for await (const m of c.messages()) {
        got.push(m);
        if (got.length === 60) break;
      }
    })();
    await c.connect();
    await reading;
    expect(got).toHaveLength(60);
    await until(() => seen.length > 0 && gifts.length > 0, 10_000, 'callbacks');
    expect(seen.every((s) => s.length > 0)).toBe(true);
    expect(gifts.every((g) => /^\d+$/.test(g))).toBe(true);
    const ended = (async () => {
      let n = 0;
      for await (const _ of c.messages()) n++;
      return n;
    })();
    await c.close();
    expect(await ended).toBeGreaterThanOrEqual(0);
  });

  it('reports a listener that throws on `error` and keeps going; without an error listener nothing breaks', async () => {
    const c = client();
    const errors: Error[] = [];
    c.on('error', (e) => errors.push(e));
    let n = 0;
    c.on('chat', () => {
      n++;
      throw new Error('listener bug');
    });
    const read: string[] = [];
    const reading = (async () => {
      for await (const m of c.messages()) if (read.push(m.msgId) >= 80) break;
    })();
    await c.connect();
    await until(() => n >= 3, 10_000, 'chats');
    await reading;
    expect(read).toHaveLength(80);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors[0]!.message).toBe('listener bug');
    c.removeAllListeners('error');
    const before = c.stats.messagesDelivered;
    await until(() => c.stats.messagesDelivered > before + 20, 10_000, 'more messages');
    expect(c.state).toBe('open');
  });
});

describe('LiveChatClient: connection', () => {
  it('connects the way the spec says: cookies, headers, query/user id, im/fetch values, push_server; pings are answered', async () => {
    h.chat.resetStats();
    const c = client();
    await c.connect();
    await until(() => h.chat.stats().pongsReceived >= 2 && c.stats.acksSent >= 3, 10_000, 'pongs and acks');
    const rec = h.chat.stats().perConnection.at(-1)!;
    expect(rec.headers).toEqual({
      userAgent: h.dk.options.userAgent,
      origin: 'https://live.douyin.com',
      referer: `https://live.douyin.com/${h.room.webRid}`,
      cookieNames: expect.arrayContaining(['ttwid']),
    });
    expect(rec.query.user_unique_id).toBe(c.userUniqueId);
    expect((await h.dk.fetchQueryUser()).user_unique_id).toBe(c.userUniqueId);
    expect(rec).toMatchObject({ resumed: true, knownInternalExt: true, roomId: h.room.roomId, viaProxy: false });
    expect(h.chat.stats().imFetches).toBe(1);
    expect(c.stats.pingsReceived).toBeGreaterThanOrEqual(2);
    await c.close();
    const s = h.chat.stats();
    expect(s.acksBad).toBe(0);
    expect(s.acksOk).toBe(c.stats.acksSent);
  });

  it('resolves a 19-digit room id through reflow/info', async () => {
    const c = client(h.room.roomId);
    await c.connect();
    expect(c.roomId).toBe(h.room.roomId);
    expect(h.chat.stats().perConnection.at(-1)!.headers.referer).toBe(`https://live.douyin.com/${h.room.webRid}`);
  });

  it('falls back to a generated user_unique_id and made-up cursor/internal_ext when query/user and im/fetch fail', async () => {
    h.chat.resetStats();
    h.emu.script('query_user', [{ body: { status_code: 8, status_msg: 'nope' } }]);
    h.emu.script('live_im_fetch', [{ empty: true }]);
    const c = client();
    await c.connect();
    expect(c.userUniqueId).toMatch(/^7\d{18}$/);
    const rec = h.chat.stats().perConnection.at(-1)!;
    expect(rec).toMatchObject({ resumed: false, knownInternalExt: false, userUniqueId: c.userUniqueId });
    expect(rec.query.cursor).toMatch(/^d-1_u-1_fh-\d{19}_t-\d+_r-1$/);
    await until(() => c.stats.messagesDelivered > 0, 10_000, 'messages');
  });

  it('walks idle → connecting → open → closing → closed; connect() while not idle/closed throws LiveStateError; close() is idempotent', async () => {
    const c = client();
    const states: LiveChatState[] = [];
    c.on('state', (s) => states.push(s));
    expect(c.state).toBe('idle');
    await c.close();
    const first = c.connect();
    await expect(c.connect()).rejects.toMatchObject({ name: 'LiveStateError', code: 'ERR_LIVE_STATE' });
    await first;
    await expect(c.connect()).rejects.toMatchObject({ code: 'ERR_LIVE_STATE' });
    const a = c.close();
    const b = c.close();
    await Promise.all([a, b]);
    await c.close();
    expect(states).toEqual(['connecting', 'open', 'closing', 'closed']);
    await c.connect();
    expect(c.state).toBe('open');
    await c.close();
  });

  it('throws LiveOfflineError for an offline or ended room and NotFoundError for no room, without opening a websocket', async () => {
    h.chat.resetStats();
    const offline = h.emu.world.roomOf(h.emu.world.roles.offlineAnchor) ?? h.emu.world.roomOf(h.emu.world.roles.endedAnchor)!;
    const ended = h.emu.world.roomOf(h.emu.world.roles.endedAnchor)!;
    for (const room of [offline.webRid, ended.webRid, ended.roomId]) {
      const c = client(room);
      await expect(c.connect()).rejects.toMatchObject({ name: 'LiveOfflineError', code: 'ERR_LIVE_OFFLINE' });
      expect(c.state).toBe('closed');
    }
    await expect(client('999999999999').connect()).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    expect(h.chat.stats().connections).toBe(0);
    expect(h.chat.stats().imFetches).toBe(0);
  });

  it('is refused (HTTP 200, as Douyin does) with a missing or wrong signature; a custom signer gets the X-MS-STUB', async () => {
    h.chat.resetStats();
    const missing = client(h.room.webRid, { sign: () => '' });
    const error = await missing.connect().then(() => null, (e: unknown) => e);
    expect(isDouyinKitError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ERR_HTTP', statusCode: 200, endpoint: 'live_chat_ws' });
    expect((error as Error).message).not.toMatch(/signature=[A-Za-z0-9]/);
    const stubs: string[] = [];
    const wrong = client(h.room.webRid, { sign: ({ xMsStub }) => (stubs.push(xMsStub), 'DFSzswVOxbhANG-8') });
    await expect(wrong.connect()).rejects.toMatchObject({ statusCode: 200 });
    expect(stubs).toEqual([webcastXMsStub(h.room.roomId, wrong.userUniqueId!)]);
    expect(h.chat.stats().rejections.map((r) => r.reason)).toEqual(['missing:signature', 'bad:signature']);
    const failing = client(h.room.webRid, { sign: () => Promise.reject(new Error('sign server down')) });
    await expect(failing.connect()).rejects.toMatchObject({ name: 'SignatureError', code: 'ERR_SIGNATURE', cause: { message: 'sign server down' } });
  });

  it('aborts: before the call, while connecting, and after open (which closes); no listener stays on the signal', async () => {
    const pre = new AbortController();
    pre.abort();
    await expect(client().connect({ signal: pre.signal })).rejects.toMatchObject({ name: 'AbortError', code: 'ERR_ABORTED' });

    const mid = new AbortController();
    const c = client();
    c.on('state', (s) => s === 'connecting' && mid.abort(new Error('user')));
    await expect(c.connect({ signal: mid.signal })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(c.state).toBe('closed');
    expect(getEventListeners(mid.signal, 'abort')).toHaveLength(0);

    const later = new AbortController();
    const d = client();
    await d.connect({ signal: later.signal });
    expect(getEventListeners(later.signal, 'abort')).toHaveLength(1);
    const closed = once(d, 'closed');
    later.abort();
    await closed;
    expect(d.state).toBe('closed');
    expect(getEventListeners(later.signal, 'abort')).toHaveLength(0);

    const reading = new AbortController();
    const iter = d.messages({ signal: reading.signal });
    reading.abort();
    await expect(iter.next()).rejects.toMatchObject({ code: 'ERR_ABORTED' });
  });

  it('closes everything: no socket, server or timer is left after close()', async () => {
    const harness = await startChatHarness({ clock: { speed: SPEED } }, {}, 'handles');
    const before = handles();
    const c = new LiveChatClient(harness.dk, harness.room.webRid, { ...FAST, relay: { port: 0 }, jsonl: { dir: tmp } });
    await c.connect();
    const relay = new WebSocket(c.relayUrl!);
    await once(relay, 'open');
    await until(() => c.stats.messagesDelivered > 10, 10_000, 'messages');
    const relayClosed = once(relay, 'close');
    await c.close();
    await relayClosed;
    harness.dk.close();
    await until(() => Object.entries(handles()).every(([k, n]) => n <= (before[k] ?? 0)), 5_000, 'handles to close');
    expect(c.listenerCount('message')).toBe(0);
    await harness.emu.stop();
  });
});

describe('LiveChatClient: relay and JSONL', () => {
  it('re-broadcasts every message as JSON on a local websocket and appends the same lines to a safe JSONL file', async () => {
    const dir = join(tmp, 'jsonl', '..', 'jsonl');
    const c = client(h.room.webRid, { relay: { port: 0 }, jsonl: { dir } });
    const delivered: DecodedMessage[] = [];
    c.on('message', (m) => delivered.push(m));
    const relayed: { method: string; msgId: string; receivedAtMs: number; data: unknown }[] = [];
    c.on('connected', () => {
      const ws = new WebSocket(c.relayUrl!);
      ws.on('message', (text) => relayed.push(JSON.parse(String(text))));
    });
    await c.connect();
    expect(c.relayUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    await until(() => relayed.length >= 40, 10_000, 'relayed messages');
    const file = c.jsonlPath!;
    await c.close();
    expect(readdirSync(join(tmp, 'jsonl'))).toEqual([file.slice(file.lastIndexOf('/') + 1)]);
    expect(file).toMatch(new RegExp(`/jsonl/${h.room.roomId}_\\d{8}-\\d{6}\\.jsonl$`));
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { receivedAtMs: number; method: string; msgId: string; data: { common?: { msg_id?: string } } });
    expect(lines.map((l) => l.msgId)).toEqual(delivered.map((m) => m.msgId));
    for (const l of lines) {
      expect(typeof l.receivedAtMs).toBe('number');
      expect(l.data.common?.msg_id).toBe(l.msgId);
    }
    expect(relayed.map((r) => r.msgId)).toEqual(lines.map((l) => l.msgId).slice(lines.length - relayed.length));
    const methods = new Set(lines.map((l) => l.method));
    expect([...methods].every((m) => m in LIVE_CHAT_EVENT_OF)).toBe(true);
    expect(methods.size).toBeGreaterThan(5);
  });
});
