import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, LOGGED_IN, rawGet } from './emulator-client.js';

type Obj = Record<string, unknown>;
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'media' }, behaviour: { deadMirrorRate: 0.4 }, liveStream: { segmentMs: 100 } });
});
afterAll(() => emu.stop());

/** Every string in a JSON value that looks like an absolute URL. */
function urlsIn(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') {
    if (/^(https?|wss?):\/\//.test(v)) out.push(v);
    else if (v.startsWith('{') && v.includes('://')) {
      try {
        urlsIn(JSON.parse(v), out);
      } catch {
        // not JSON-in-JSON
      }
    }
  } else if (Array.isArray(v)) v.forEach((x) => urlsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => urlsIn(x, out));
  return out;
}

async function download(url: string): Promise<{ status: number; sha: string; location?: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      const h = createHash('sha256');
      res.on('data', (c: Buffer) => h.update(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, sha: h.digest('hex'), location: res.headers.location }));
      res.on('error', reject);
    }).on('error', reject).end();
  });
}

const page = async () =>
  (await call(emu.baseUrl, '/aweme/v1/web/aweme/post/', { sec_user_id: emu.world.roles.main.secUid, count: 30 }, { cookie: LOGGED_IN })).json as { aweme_list: Obj[] };

describe('media', () => {
  it('every URL in the JSON points at the emulator', async () => {
    const w = emu.world;
    const bodies = [
      await page(),
      (await call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: w.postsOf(w.roles.main)[0]?.awemeId ?? '' })).json,
      (await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', { sec_user_id: w.roles.main.secUid })).json,
      (await call(emu.baseUrl, '/aweme/v1/web/music/listcollection/', { cursor: 0 }, { cookie: LOGGED_IN })).json,
      (await call(emu.baseUrl, '/webcast/room/web/enter/', { web_rid: w.roomOf(w.roles.liveAnchor)?.webRid ?? '' })).json,
      (await call(emu.baseUrl, '/webcast/room/reflow/info/', { room_id: w.roomOf(w.roles.endedAnchor)?.roomId ?? '' })).json,
    ];
    const urls = bodies.flatMap((b) => urlsIn(b));
    expect(urls.length).toBeGreaterThan(500);
    expect(urls.filter((u) => !u.startsWith(emu.baseUrl))).toEqual([]);
  });

  it('url_lists hold several mirrors, dead ones (404 / reset) among them, and at least one good', async () => {
    const lists: string[][] = [];
    for (const a of (await page()).aweme_list) {
      const v = a.video as Obj;
      lists.push(((v.cover as Obj).url_list as string[]), ((v.play_addr as Obj).url_list as string[]));
      for (const img of (a.images as Obj[] | null) ?? []) lists.push(img.url_list as string[]);
    }
    let gone = 0;
    let reset = 0;
    for (const list of lists) {
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.some((u) => !/\/cdn\/(gone|reset)\//.test(u))).toBe(true);
      gone += list.filter((u) => u.includes('/cdn/gone/')).length;
      reset += list.filter((u) => u.includes('/cdn/reset/')).length;
    }
    expect(gone).toBeGreaterThan(0);
    expect(reset).toBeGreaterThan(0);
    const all = lists.flat();
    expect((await rawGet(all.find((u) => u.includes('/cdn/gone/')) ?? '')).status).toBe(404);
    expect((await rawGet(all.find((u) => u.includes('/cdn/reset/')) ?? '')).error).toBe('ECONNRESET');
  });

  it('videos come in several gears (resolutions, H.264 and ByteVC1); play URLs 302 to the CDN; hashes are known', async () => {
    const video = (await page()).aweme_list.find((a) => a.aweme_type === 0 && ((a.video as Obj).bit_rate as Obj[]).length >= 4) as Obj;
    const gears = (video.video as Obj).bit_rate as Obj[];
    expect(new Set(gears.map((g) => (g.play_addr as Obj).height)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(gears.map((g) => g.is_bytevc1))).toEqual(new Set([0, 1]));
    for (const g of gears.slice(0, 2)) {
      const list = (g.play_addr as Obj).url_list as string[];
      const play = list.find((u) => u.includes('/aweme/v1/play/')) as string;
      const hop = await download(play);
      expect(hop.status).toBe(302);
      expect(hop.location).toMatch(new RegExp(`^${emu.baseUrl}/cdn/m1/`));
      const bytes = await download(hop.location as string);
      expect(bytes.status).toBe(200);
      expect(bytes.sha).toBe(emu.expectedSha256(play));
      for (const u of list) expect(emu.expectedSha256(u)).toBe(bytes.sha);
      expect(Number((g.play_addr as Obj).data_size)).toBeGreaterThan(0);
    }
    const wm = await download(((gears[0]?.play_addr as Obj).url_list as string[])[2]?.replace('/play/', '/playwm/') ?? '');
    expect(wm.status).toBe(302);
    expect((await download(wm.location as string)).sha).not.toBe(emu.expectedSha256(((gears[0]?.play_addr as Obj).url_list as string[])[2] ?? ''));
  });

  it('images: clean url_list (webp, jpeg), watermarked download_url_list, live-photo videos, music', async () => {
    const all = [...emu.world.data.posts.values()];
    const note = all.find((p) => p.awemeType === 68 && p.images.some((i) => i.video));
    const detail = (await call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: note?.awemeId ?? '' })).json as { aweme_detail: Obj };
    const images = detail.aweme_detail.images as Obj[];
    const first = images[0] as Obj;
    const clean = (first.url_list as string[]).find((u) => u.includes('/cdn/m')) as string;
    const marked = (first.download_url_list as string[]).find((u) => u.includes('/cdn/m')) as string;
    expect((first.url_list as string[]).some((u) => u.endsWith('.webp')) && (first.url_list as string[]).some((u) => u.endsWith('.jpeg'))).toBe(true);
    expect((await download(clean)).sha).toBe(emu.expectedSha256(clean));
    expect(emu.expectedSha256(clean)).not.toBe(emu.expectedSha256(marked));
    const live = images.find((i) => i.video) as Obj;
    const liveUrl = ((((live.video as Obj).play_addr as Obj).url_list as string[]).find((u) => u.includes('/cdn/m'))) as string;
    expect((await download(liveUrl)).sha).toBe(emu.expectedSha256(liveUrl));
    const music = ((detail.aweme_detail.music as Obj).play_url as Obj).url_list as string[];
    const good = music.find((u) => u.includes('/cdn/m')) as string;
    expect(good.endsWith('.mp3')).toBe(true);
    expect((await download(good)).sha).toBe(emu.expectedSha256(good));
    expect(emu.assets.forPost(note?.awemeId ?? '').map((e) => e.role)).toEqual(expect.arrayContaining(['cover:webp', 'image:0:webp', 'live_photo:0', 'music']));
  });

  it('serves ranges from the CDN (206)', async () => {
    const url = emu.assets.forPost(emu.world.postsOf(emu.world.roles.main)[0]?.awemeId ?? '')[0]?.url ?? '';
    const r = await rawGet(url, { range: 'bytes=0-99' });
    expect(r.status).toBe(206);
    expect(r.received).toBe(100);
  });
});

describe('live', () => {
  it('web/enter and reflow/info carry FLV and HLS URLs of emulated streams', async () => {
    const room = emu.world.roomOf(emu.world.roles.liveAnchor);
    const enter = (await call(emu.baseUrl, '/webcast/room/web/enter/', { web_rid: room?.webRid ?? '' })).json as { data: { data: Obj[]; room_status: number } };
    const r = enter.data.data[0] as Obj;
    expect(r.status).toBe(2);
    expect(enter.data.room_status).toBe(0);
    const su = r.stream_url as Obj;
    expect(Object.keys(su.flv_pull_url as Obj).sort()).toEqual(['FULL_HD1', 'HD1', 'SD1', 'SD2']);
    expect(Object.keys(su.hls_pull_url_map as Obj).sort()).toEqual(['FULL_HD1', 'HD1', 'SD1', 'SD2']);
    const sdk = JSON.parse(((su.live_core_sdk_data as Obj).pull_data as Obj).stream_data as string) as { data: Record<string, { main: { flv: string } }> };
    expect(sdk.data.origin?.main.flv).toBe((su.flv_pull_url as Record<string, string>).FULL_HD1);
    expect(Object.keys(sdk.data)).toEqual(expect.arrayContaining(['origin', 'hd', 'sd', 'ld', 'ao']));

    const flv = await new Promise<Buffer>((resolve, reject) => {
      const req = request((su.flv_pull_url as Record<string, string>).HD1 as string, { agent: false }, (res) => {
        expect(res.headers['content-type']).toBe('video/x-flv');
        res.once('data', (c: Buffer) => {
          resolve(c);
          req.destroy();
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
    expect(flv.subarray(0, 3).toString('latin1')).toBe('FLV');

    const m3u8Url = (su.hls_pull_url_map as Record<string, string>).SD1 as string;
    const playlist = await call(emu.baseUrl, m3u8Url, {}, { sign: false });
    expect(playlist.text.startsWith('#EXTM3U')).toBe(true);
    const seg = playlist.text.split('\n').find((l) => l.endsWith('.ts')) as string;
    const ts = await rawGet(new URL(seg, m3u8Url).href);
    expect(ts.status).toBe(200);
    expect(ts.headers['content-type']).toBe('video/mp2t');
  });

  it('offline rooms say status 4 with no streams; ending a live ends its streams', async () => {
    const offline = emu.world.roomOf(emu.world.roles.offlineAnchor);
    const off = (await call(emu.baseUrl, '/webcast/room/web/enter/', { web_rid: offline?.webRid ?? '' })).json as { data: { data: Obj[]; room_status: number } };
    expect(off.data.data[0]?.status).toBe(4);
    expect(off.data.room_status).toBe(2);
    expect(off.data.data[0]?.stream_url).toBeUndefined();

    const anchor = emu.world.roles.liveAnchor;
    const room = emu.world.roomOf(anchor);
    const streams = emu.live.streams(anchor);
    expect(streams.length).toBe(5);
    emu.live.anchorAway(anchor, 5_000);
    expect(streams.every((s) => s.anchorIsAway)).toBe(true);
    const status = (await call(emu.baseUrl, '/webcast/distribution/check_user_live_status/', { user_ids: anchor.uid })).json as { data: { user_live: Obj[] }[] };
    expect(status.data[0]?.user_live[0]?.live_status).toBe(1);
    const following = (await call(emu.baseUrl, '/webcast/web/feed/follow/', { scene: 'aweme_pc_follow_top' }, { cookie: LOGGED_IN })).json as { data: { data: Obj[] } };
    expect(following.data.data.map((d) => d.web_rid)).toContain(room?.webRid);

    emu.live.end(anchor);
    expect(streams.every((s) => s.ended)).toBe(true);
    const reflow = (await call(emu.baseUrl, '/webcast/room/reflow/info/', { room_id: room?.roomId ?? '' })).json as { data: { room: Obj } };
    expect(reflow.data.room.status).toBe(4);
    expect(reflow.data.room.finish_time).toBe(emu.world.now);
    const staleFlv = ((reflow.data.room.stream_url as Obj).flv_pull_url as Record<string, string>).HD1 as string;
    expect((await rawGet(staleFlv)).status).toBe(404);
    const after = (await call(emu.baseUrl, '/webcast/distribution/check_user_live_status/', { user_ids: anchor.uid })).json as { data: { user_live: Obj[] }[] };
    expect(after.data[0]?.user_live[0]?.live_status).toBe(0);
  });
});
