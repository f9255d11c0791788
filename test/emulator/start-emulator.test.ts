import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_VOLCENGINE_CREDENTIAL, startEmulator, World, type WebcastChatBackend } from '../../src/emulator/index.js';
import { isWellFormedMsToken } from '../../src/emulator/index.js';
import { call, LOGGED_IN, rawGet } from './emulator-client.js';

type Obj = Record<string, unknown>;

/** Handle kinds that a stopped emulator must not leave behind (stdio pipes and vitest's own are excluded). */
function handles(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) if (/TCP|Timeout|Immediate/.test(r)) out[r] = (out[r] ?? 0) + 1;
  return out;
}

const settle = () => new Promise((r) => setTimeout(r, 30));

function wsStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (e) => (String(e).includes('501') ? resolve(501) : reject(e)));
  });
}

describe('startEmulator', () => {
  it('listens on 127.0.0.1, port 0, with a 10,000-post world (start time: bench emulator_start)', async () => {
    const emu = await startEmulator({ world: { mainUserPosts: 10_000 } });
    try {
      expect(emu.world.postsOf(emu.world.roles.main).length).toBe(10_000);
      expect(emu.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emu.port).toBeGreaterThan(0);
      expect(emu.wsUrl).toBe(`ws://127.0.0.1:${emu.port}/webcast/im/push/v2/`);
      expect(Object.values(emu.hosts).filter((h) => typeof h === 'string').every((h) => (h as string).endsWith(`:${emu.port}`))).toBe(true);
      expect(emu.routes).toEqual(expect.arrayContaining(['user_post', 'post_detail', 'live_web_enter', 'media', 'live_flv', 'ms_token', 'short_link']));
    } finally {
      await emu.stop();
    }
  });

  it('stop() frees the port and leaves no sockets or timers behind', async () => {
    await settle();
    const before = handles();
    const emu = await startEmulator({ faults: { post_detail: { latencyMs: 5000 } } });
    const port = emu.port;
    await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', { sec_user_id: emu.world.roles.main.secUid });
    const hanging = call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: '1' }).catch((e: NodeJS.ErrnoException) => e.code);
    const flv = emu.world.roomOf(emu.world.roles.liveAnchor);
    const enter = (await call(emu.baseUrl, '/webcast/room/web/enter/', { web_rid: flv?.webRid ?? '' })).json as { data: { data: Obj[] } };
    const flvUrl = (((enter.data.data[0] as Obj).stream_url as Obj).flv_pull_url as Record<string, string>).SD1 as string;
    const streaming = rawGet(flvUrl);
    await settle();
    await emu.stop();
    await emu.stop();
    expect(await hanging).toBe('ECONNRESET');
    expect((await streaming).error).not.toBeNull();
    await settle();
    const after = handles();
    for (const [kind, n] of Object.entries(after)) expect(n, kind).toBeLessThanOrEqual(before[kind] ?? 0);
    const again = await startEmulator({ port });
    expect(again.port).toBe(port);
    await again.stop();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it('runs alone from src/emulator/cli.ts, printing its base URL on the first line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', '--seed', 'cli', '--main-posts', '30'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const lines = createInterface({ input: child.stdout });
      const [first] = (await once(lines, 'line')) as [string];
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const r = await call(first, '/aweme/v1/web/aweme/post/', { sec_user_id: new World({ seed: 'cli' }).roles.main.secUid, count: 40 }, { cookie: LOGGED_IN });
      expect(((r.json as Obj).aweme_list as unknown[]).length).toBe(30);
      lines.close();
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('rejects unknown and malformed options', async () => {
    await expect(startEmulator({ prot: 1 } as never)).rejects.toThrow(/Unexpected option `prot`/);
    await expect(startEmulator({ port: -1 })).rejects.toThrow(/port/);
    await expect(startEmulator({ behaviour: { deadMirrorRate: 1 } })).rejects.toThrow(/deadMirrorRate/);
  });

  it('live chat: the emulated chat server by default, and any backend plugs into both the im/fetch route and the websocket', async () => {
    const emu = await startEmulator();
    try {
      const room = emu.world.roomOf(emu.world.roles.liveAnchor)!;
      expect((await call(emu.baseUrl, '/webcast/im/fetch/', { room_id: room.roomId, user_unique_id: '7319483754668557238' })).status).toBe(200);
      // Without a signature Douyin does not upgrade; it answers the handshake with a plain HTTP response.
      expect(await wsStatus(emu.wsUrl)).not.toBe(101);
    } finally {
      await emu.stop();
    }
    const calls: string[] = [];
    const backend: WebcastChatBackend = {
      handleImFetch(_req: IncomingMessage, res: ServerResponse, url: URL) {
        calls.push(`fetch ${url.searchParams.get('room_id')}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status_code":0}');
      },
      handleUpgrade(_req: IncomingMessage, socket: Duplex) {
        calls.push('upgrade');
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      },
      close() {
        calls.push('close');
      },
    };
    let seen: { baseUrl: string; wsUrl: string; rooms: number } | null = null;
    const withChat = await startEmulator({
      chat: (env) => {
        seen = { baseUrl: env.baseUrl, wsUrl: env.wsUrl, rooms: env.world.rooms().length };
        return backend;
      },
    });
    expect(seen).toEqual({ baseUrl: withChat.baseUrl, wsUrl: withChat.wsUrl, rooms: 4 });
    const fetched = await call(withChat.baseUrl, '/webcast/im/fetch/', { room_id: '42' });
    expect(fetched.json).toEqual({ status_code: 0 });
    expect(await wsStatus(`${withChat.wsUrl}?room_id=42`)).toBe(403);
    const unsigned = await call(withChat.baseUrl, '/webcast/im/fetch/', { room_id: '43' }, { sign: false });
    expect(unsigned.body.length).toBe(0);
    await withChat.stop();
    expect(calls).toEqual(['fetch 42', 'upgrade', 'close']);
  });

  it('mounts the Volcengine emulator on /?Action=… (and leaves it out on request)', async () => {
    const emu = await startEmulator();
    try {
      const r = await call(emu.baseUrl, '/', { Action: 'ListPullToPushTask', Version: '2023-01-01' }, { sign: false });
      expect(((r.json as Obj).ResponseMetadata as Obj).Error).toBeDefined();
      expect(emu.log.last()?.route).toBe('volcengine');
      expect(emu.volcengine).not.toBeNull();
      expect(DEFAULT_VOLCENGINE_CREDENTIAL.accessKeyId).toMatch(/^AK/);
    } finally {
      await emu.stop();
    }
    const without = await startEmulator({ volcengine: false });
    try {
      expect((await call(without.baseUrl, '/', { Action: 'ListPullToPushTask' }, { sign: false })).status).toBe(404);
    } finally {
      await without.stop();
    }
  });

  it('token hosts, short links and small endpoints', async () => {
    const emu = await startEmulator({ world: { seed: 'small' } });
    try {
      const ms = await call(emu.baseUrl, '/web/r/token', { ms_appid: '6383' }, { method: 'POST', sign: false, body: '{"magic":538969122}' });
      const msCookie = String(ms.headers['set-cookie']?.[0]);
      expect(isWellFormedMsToken(/msToken=([^;]+)/.exec(msCookie)?.[1])).toBe(true);
      const tt = await call(emu.baseUrl, '/ttwid/union/register/', {}, { method: 'POST', sign: false, body: '{}' });
      expect(String(tt.headers['set-cookie']?.[0])).toMatch(/^ttwid=1%7C[\w-]{43}%7C\d+%7C[0-9a-f]{64};/);
      const wid = await call(emu.baseUrl, '/webid', { aid: '6383' }, { method: 'POST', sign: false, body: '{}' });
      expect(String((wid.json as Obj).web_id)).toMatch(/^\d{19}$/);

      const post = emu.world.postsOf(emu.world.roles.main).find((p) => p.awemeType === 68);
      const short = await rawGet(emu.shortUrl({ kind: 'post', id: post?.awemeId ?? '' }));
      expect(short.status).toBe(302);
      expect(String(short.headers.location)).toContain(`/share/note/${post?.awemeId}/`);
      expect((await rawGet(String(short.headers.location))).status).toBe(200);
      const user = await rawGet(emu.shortUrl({ kind: 'user', id: emu.world.roles.main.uid }));
      expect(String(user.headers.location)).toContain(`sec_uid=${emu.world.roles.main.secUid}`);
      const room = emu.world.roomOf(emu.world.roles.liveAnchor);
      expect(String((await rawGet(emu.shortUrl({ kind: 'live', id: room?.roomId ?? '' }))).headers.location)).toContain(`/reflow/${room?.roomId}`);
      expect((await rawGet(`${emu.baseUrl}/izzzzzzz/`)).status).toBe(404);
      expect((await rawGet(`${emu.baseUrl}/${room?.webRid}`)).status).toBe(200);

      const q = (await call(emu.baseUrl, '/aweme/v1/web/query/user/', {}, { cookie: LOGGED_IN })).json as Obj;
      expect(q).not.toHaveProperty('status_code');
      expect(q.user_uid).toBe(emu.world.roles.me.uid);
      const info = (await call(emu.baseUrl, '/aweme/v1/web/im/user/info/', { sec_user_ids: `${emu.world.roles.main.secUid},${emu.world.roles.me.secUid}` })).json as { data: Obj[] };
      expect(info.data.map((u) => u.uid)).toEqual([emu.world.roles.main.uid, emu.world.roles.me.uid]);
      const unknown = (await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', { sec_user_id: 'MS4wLjABAAAAnobody' })).json as Obj;
      expect(unknown.status_code).toBe(0);
      expect(unknown.user).toBeNull();
      expect((await call(emu.baseUrl, '/aweme/v1/web/no/such/', {})).status).toBe(404);
      expect((await call(emu.baseUrl, '/aweme/v1/web/aweme/post/', {}, { method: 'DELETE' })).status).toBe(405);
      expect(emu.errors).toEqual([]);
    } finally {
      await emu.stop();
    }
  });
});
