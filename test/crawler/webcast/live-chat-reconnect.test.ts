import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { hostsFor } from '../../../src/config-file.js';
import { LiveChatClient } from '../../../src/crawler/webcast/live-chat-client.js';
import { DouyinKit } from '../../../src/douyin-kit.js';
import type { LiveChatClientOptions } from '../../../src/crawler/webcast/live-chat-options.js';
import type { ChatBackendOptions } from '../../../src/emulator/webcast/index.js';
import { startChatHarness, until, type ChatHarness } from '../../emulator/webcast/chat-harness.js';

const SPEED = 100;
const FAST: LiveChatClientOptions = { heartbeatIntervalMs: 10_000 / SPEED, silenceTimeoutMs: 3_000, reconnect: { baseDelayMs: 5, maxDelayMs: 20 } };

async function withHarness(seed: string, options: Omit<ChatBackendOptions, 'world' | 'clock'>, run: (h: ChatHarness) => Promise<void>): Promise<void> {
  const h = await startChatHarness({ clock: { speed: SPEED }, ...options }, {}, seed);
  try {
    await run(h);
  } finally {
    await h.stop();
  }
}

describe('LiveChatClient: reconnecting', () => {
  it('reconnects when the server goes silent (watchdog), resuming from the last cursor', () =>
    withHarness('silent', { pingIntervalMs: 0, heartbeatTimeoutMs: 0 }, async (h) => {
      const c = new LiveChatClient(h.dk, h.room.webRid, { ...FAST, silenceTimeoutMs: 150 });
      await c.connect();
      await until(() => c.stats.messagesDelivered > 0, 10_000, 'first messages');
      h.chat.clock.setSpeed(0.001);
      const [info] = await once(c, 'disconnected');
      expect(info).toMatchObject({ code: 1006, willReconnect: true });
      expect(info.reason).toMatch(/no frame for 150 ms/);
      h.chat.clock.setSpeed(SPEED);
      await once(c, 'connected');
      expect(h.chat.stats().perConnection[1]).toMatchObject({ resumed: true, knownInternalExt: true });
      await c.close();
    }));

  it('obeys a `close` frame from the server: closes 1000 and reconnects from the last cursor', () =>
    withHarness('close-frame', {}, async (h) => {
      const c = new LiveChatClient(h.dk, h.room.webRid, FAST);
      await c.connect();
      await until(() => c.stats.messagesDelivered > 0, 10_000, 'first messages');
      expect(h.chat.requestClose(h.room.roomId)).toBe(1);
      const [info] = await once(c, 'disconnected');
      expect(info).toMatchObject({ code: 1000, willReconnect: true });
      const [connected] = await once(c, 'connected');
      expect(connected).toMatchObject({ connection: 2, resumed: true });
      expect(h.chat.stats().perConnection.map((r) => [r.closeReason, r.closeCode])[0]).toEqual(['client', 1000]);
      await c.close();
    }));

  it('stops with `ended` (offline) when the room is no longer live at reconnect time', () =>
    withHarness('offline-on-reconnect', {}, async (h) => {
      const c = new LiveChatClient(h.dk, h.room.webRid, FAST);
      const states: string[] = [];
      c.on('state', (s) => states.push(s));
      await c.connect();
      await until(() => c.stats.messagesDelivered > 0, 10_000, 'first messages');
      const ended = once(c, 'ended');
      h.chat.dropConnections();
      h.emu.live.end(h.emu.world.roles.liveAnchor);
      const [info] = await ended;
      expect(info).toEqual({ reason: 'offline' });
      await c.untilClosed();
      expect(states).toEqual(['connecting', 'open', 'reconnecting', 'closing', 'closed']);
      expect(h.chat.stats().connections).toBe(1);
    }));

  it('gives up after `retries` failed attempts: `error` (NetworkError) and closed', async () => {
    const h = await startChatHarness({ clock: { speed: SPEED } }, {}, 'give-up');
    try {
      const c = new LiveChatClient(h.dk, h.room.webRid, { ...FAST, reconnect: { retries: 2, baseDelayMs: 5, maxDelayMs: 10 } });
      const errors: Error[] = [];
      const attempts: number[] = [];
      c.on('error', (e) => errors.push(e));
      c.on('reconnecting', (r) => attempts.push(r.attempt));
      await c.connect();
      await h.emu.stop();
      await c.untilClosed();
      expect(attempts).toEqual([1, 2]);
      expect(errors.at(-1)).toMatchObject({ name: 'NetworkError', code: 'ERR_NETWORK' });
      expect(errors.at(-1)!.message).toMatch(/gave up after 2 reconnect attempts/);
      expect(c.state).toBe('closed');
    } finally {
      h.dk.close();
    }
  });

  it('does not reconnect with `reconnect: false`', () =>
    withHarness('no-reconnect', {}, async (h) => {
      const c = new LiveChatClient(h.dk, h.room.webRid, { ...FAST, reconnect: false });
      await c.connect();
      const disconnected = once(c, 'disconnected');
      h.chat.dropConnections();
      expect((await disconnected)[0]).toMatchObject({ willReconnect: false });
      await c.untilClosed();
      expect(h.chat.stats().connections).toBe(1);
    }));
});

describe('LiveChatClient: push hosts', () => {
  it('tries push_server, then hosts.webcastWs, then `fallbackPushHosts`, moving on when one does not answer', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const deadPort = (dead.address() as AddressInfo).port;
    await new Promise((resolve) => dead.close(resolve));
    const h = await startChatHarness({ clock: { speed: SPEED } }, {}, 'fallback-hosts');
    const dk = new DouyinKit({ hosts: { ...hostsFor(h.emu.baseUrl), webcastWs: `ws://127.0.0.1:${deadPort}` }, maxRetries: 0 });
    try {
      const c = new LiveChatClient(dk, h.room.webRid, { ...FAST, usePushServer: false, fallbackPushHosts: [h.emu.wsUrl] });
      await c.connect();
      expect(c.stats.connections).toBe(1);
      await until(() => c.stats.messagesDelivered > 0, 10_000, 'messages');
      await c.close();
      const viaPushServer = new LiveChatClient(dk, h.room.webRid, FAST);
      await viaPushServer.connect();
      expect(h.chat.stats().connections).toBe(2);
      await viaPushServer.close();
    } finally {
      dk.close();
      await h.stop();
    }
  });
});
