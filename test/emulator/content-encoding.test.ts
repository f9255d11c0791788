import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, LOGGED_IN, rawGet, signedUrl, type Answer } from './emulator-client.js';

/** What got sends with `decompress: true` on Node 20. */
const GOT = { 'accept-encoding': 'gzip, deflate, br' };
/** The per-request log id (`logid`, `impr_id`): yyyyMMddHHmmss + 20 hex digits. */
const LOG_ID = /\d{14}[0-9A-F]{20}/g;

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'content-encoding', mainUserPosts: 60 } });
});
afterAll(() => emu.stop());
afterEach(() => emu.faults.clear());

const signed = (path: string, query: Record<string, string>) => signedUrl(emu.baseUrl, path, query);

/** The same request without and with `Accept-Encoding`; both bodies as text (the gzip one inflated). */
async function both(path: string, query: Record<string, string>): Promise<{ plain: Answer; gzip: Answer; inflated: string }> {
  const plain = await call(emu.baseUrl, path, query, { cookie: LOGGED_IN });
  const gzip = await call(emu.baseUrl, path, query, { cookie: LOGGED_IN, headers: GOT });
  return { plain, gzip, inflated: gunzipSync(gzip.body).toString('utf8') };
}

describe('Content-Encoding: gzip for clients that accept it (as Douyin and got do)', () => {
  it('user_post pages inflate to the identity bytes (but for the per-request log id)', async () => {
    const sec = emu.world.roles.main.secUid;
    let cursor = '0';
    for (let page = 0; page < 3; page++) {
      const { plain, gzip, inflated } = await both('/aweme/v1/web/aweme/post/', { sec_user_id: sec, max_cursor: cursor, count: '20' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers.vary).toBe('Accept-Encoding');
      expect(gzip.headers['content-type']).toBe(plain.headers['content-type']);
      expect(Number(gzip.headers['content-length'])).toBe(gzip.body.length);
      expect(gzip.body.length).toBeLessThan(plain.body.length / 4);
      expect(inflated.replace(LOG_ID, 'ID')).toBe(plain.text.replace(LOG_ID, 'ID'));
      expect(inflated.match(LOG_ID)).toHaveLength(plain.text.match(LOG_ID)?.length ?? -1);
      cursor = String((plain.json as { max_cursor: bigint | number }).max_cursor);
    }
  });

  it('comment pages, post detail, profile and search inflate to the identity bytes', async () => {
    const post = emu.world.postsOf(emu.world.roles.main).find((p) => p.stats.comment >= 5);
    const cases: [string, Record<string, string>][] = [
      ['/aweme/v1/web/comment/list/', { aweme_id: post?.awemeId ?? '', cursor: '0', count: '10' }],
      ['/aweme/v1/web/aweme/detail/', { aweme_id: post?.awemeId ?? '' }],
      ['/aweme/v1/web/user/profile/other/', { sec_user_id: emu.world.roles.main.secUid }],
      ['/aweme/v1/web/general/search/single/', { keyword: '', offset: '0', count: '10' }],
    ];
    for (const [path, query] of cases) {
      const { plain, gzip, inflated } = await both(path, query);
      expect(plain.status).toBe(200);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(inflated.replace(LOG_ID, 'ID')).toBe(plain.text.replace(LOG_ID, 'ID'));
    }
  });

  it('identity without Accept-Encoding, with gzip;q=0 or without gzip; the silent refusal stays 0 bytes', async () => {
    const q = { sec_user_id: emu.world.roles.main.secUid };
    for (const ae of ['identity', 'gzip;q=0, br', 'deflate, br']) {
      const r = await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', q, { headers: { 'accept-encoding': ae } });
      expect(r.headers['content-encoding']).toBeUndefined();
      expect((r.json as { status_code: number }).status_code).toBe(0);
    }
    const unsigned = await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', q, { sign: false, headers: GOT });
    expect(unsigned.headers['content-length']).toBe('0');
    expect(unsigned.headers['content-encoding']).toBeUndefined();
  });

  it('behaviour.contentEncoding identity turns it off', async () => {
    const q = { sec_user_id: emu.world.roles.main.secUid };
    emu.configure({ contentEncoding: 'identity' });
    try {
      const r = await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', q, { headers: GOT });
      expect(r.headers['content-encoding']).toBeUndefined();
      expect((r.json as { status_code: number }).status_code).toBe(0);
    } finally {
      emu.configure({ contentEncoding: 'gzip' });
    }
    expect(() => emu.configure({ contentEncoding: 'br' as 'gzip' })).toThrow(/contentEncoding/);
  });

  it('a scripted body with its own Content-Encoding goes out as is', async () => {
    const raw = Buffer.from([0x1f, 0x8b, 0xde, 0xad]);
    emu.script('user_profile', [{ body: raw, headers: { 'Content-Encoding': 'gzip' } }]);
    const r = await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', { sec_user_id: emu.world.roles.main.secUid }, { headers: GOT });
    expect(r.body).toEqual(raw);
  });

  it('faults cut the compressed body: truncation with the full Content-Length, reset mid-body', async () => {
    const url = signed('/aweme/v1/web/aweme/post/', { sec_user_id: emu.world.roles.main.secUid, max_cursor: '0', count: '20' });
    emu.faults.set('user_post', { truncateRate: 1, atFraction: 0.25 });
    const cut = await rawGet(url, GOT);
    const announced = Number(cut.headers['content-length']);
    expect(cut.headers['content-encoding']).toBe('gzip');
    expect(announced).toBeGreaterThan(1000);
    expect(cut.received).toBe(Math.floor(announced * 0.25));
    expect(cut.error).toBe('aborted');

    emu.faults.set('user_post', { resetRate: 1, atFraction: 0.5 });
    const reset = await rawGet(url, GOT);
    expect(reset.headers['content-encoding']).toBe('gzip');
    expect(reset.error).not.toBeNull();
    expect(reset.received).toBeLessThan(Number(reset.headers['content-length']));
    expect(emu.log.last('user_post')?.outcome).toBe('ok+fault:reset');
  });
});
