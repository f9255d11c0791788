import { describe, expect, it } from 'vitest';
import { hostsFor } from '../../../src/config-file.js';
import { DouyinKit } from '../../../src/douyin-kit.js';
import { LiveChatClient } from '../../../src/crawler/webcast/live-chat-client.js';
import { startChatHarness, until } from '../../emulator/webcast/chat-harness.js';
import { startForwardProxy } from '../../emulator/webcast/forward-proxy.js';

const FAST = { heartbeatIntervalMs: 100, reconnect: { baseDelayMs: 5, maxDelayMs: 20 } };

describe('LiveChatClient through the `proxy` option', () => {
  it('sends HTTP and the websocket through a forward proxy (proxy-agent tunnels websockets with CONNECT)', async () => {
    const proxy = await startForwardProxy();
    const h = await startChatHarness({ clock: { speed: 100 }, dropEveryMs: 20_000 }, { proxy: proxy.url }, 'proxy');
    const { dk } = h;
    try {
      const c = new LiveChatClient(dk, h.room.webRid, FAST);
      await c.connect();
      await until(() => c.stats.reconnects >= 1 && c.stats.messagesDelivered > 50, 10_000, 'a reconnect through the proxy');
      await c.close();
      const host = new URL(h.emu.baseUrl).host;
      const tunnels = proxy.seen.filter((s) => s === `CONNECT ${host}`);
      expect(tunnels).toHaveLength(c.stats.connections);
      const forwarded = proxy.seen.filter((s) => s.startsWith('GET http://'));
      expect(forwarded.some((s) => s.includes('/webcast/room/web/enter/'))).toBe(true);
      expect(forwarded.some((s) => s.includes('/webcast/im/fetch/'))).toBe(true);
      expect(forwarded.some((s) => s.includes('/aweme/v1/web/query/user/'))).toBe(true);
      const http = h.emu.log.entries.filter((e) => e.route !== null);
      expect(http.length).toBeGreaterThan(0);
      expect(http.every((e) => e.viaProxy)).toBe(true);
      expect(h.chat.stats().perConnection.every((r) => r.resumed && r.headers.cookieNames.includes('ttwid'))).toBe(true);
    } finally {
      dk.close();
      await h.emu.stop();
      await proxy.close();
    }
  });

  it('with the emulator itself as the proxy, HTTP and the websocket (tunnelled with CONNECT) go through it', async () => {
    const h = await startChatHarness({ clock: { speed: 100 } }, {}, 'proxy-self');
    h.dk.close();
    const dk = new DouyinKit({ hosts: hostsFor(h.emu.baseUrl), maxRetries: 0, proxy: h.emu.baseUrl });
    try {
      const c = new LiveChatClient(dk, h.room.webRid, FAST);
      await c.connect();
      await until(() => c.stats.messagesDelivered > 20, 10_000, 'messages through the tunnel');
      await c.close();
      const http = h.emu.log.entries.filter((e) => e.route !== null);
      expect(http.map((e) => e.route)).toEqual(expect.arrayContaining(['live_web_enter', 'query_user', 'live_im_fetch']));
      expect(http.every((e) => e.viaProxy && e.absoluteForm)).toBe(true);
      const connections = h.chat.stats().perConnection;
      expect(connections.length).toBeGreaterThan(0);
      expect(connections.every((r) => r.viaProxy)).toBe(true);
    } finally {
      dk.close();
      await h.emu.stop();
    }
  });
});
