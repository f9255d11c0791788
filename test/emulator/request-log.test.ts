import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, GOOD_ABOGUS, GOOD_MSTOKEN, LOGGED_IN } from './emulator-client.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'log' } });
});
afterAll(() => emu.stop());

/** Sends a request line in absolute form, as a client configured with an HTTP proxy does. */
function viaProxy(target: string, headers: Record<string, string> = {}): Promise<number> {
  const port = new URL(emu.baseUrl).port;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target, agent: false, headers: { host: new URL(target).host, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('request log', () => {
  it('records what the client sent, by route, with counters; clearLog empties it', async () => {
    emu.clearLog();
    await call(emu.baseUrl, '/aweme/v1/web/aweme/post/', { sec_user_id: emu.world.roles.main.secUid, max_cursor: 0 }, { cookie: LOGGED_IN, headers: { 'user-agent': 'test-agent/1.0', referer: 'https://www.douyin.com/' } });
    await call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: '1' }, { sign: false });
    const [post, detail] = emu.log.entries;
    expect(post).toMatchObject({
      method: 'GET',
      path: '/aweme/v1/web/aweme/post/',
      route: 'user_post',
      signature: 'a_bogus',
      msToken: true,
      sessionid: true,
      viaProxy: false,
      status: 200,
      outcome: 'ok',
    });
    expect(post?.query.sec_user_id).toBe(emu.world.roles.main.secUid);
    expect(post?.query.a_bogus).toBe(GOOD_ABOGUS);
    expect(post?.headers['user-agent']).toBe('test-agent/1.0');
    expect(post?.headers.referer).toBe('https://www.douyin.com/');
    expect(post?.cookies.sessionid).toBe('0123456789abcdef0123456789abcdef');
    expect(detail).toMatchObject({ route: 'post_detail', signature: null, msToken: false, outcome: 'empty:no-signature' });
    expect(emu.log.counters).toMatchObject({ total: 2, signed: 1, unsigned: 1, withMsToken: 1, withSession: 1, viaProxy: 0 });
    expect(emu.log.counters.byRoute).toEqual({ user_post: 1, post_detail: 1 });
    expect(emu.log.count('user_post')).toBe(1);
    emu.clearLog();
    expect(emu.log.entries).toEqual([]);
    expect(emu.log.counters.total).toBe(0);
  });

  it('logs POST bodies', async () => {
    const id = emu.world.postsOf(emu.world.roles.main)[0]?.awemeId ?? '';
    const before = emu.world.post(id)?.stats.play ?? 0;
    await call(emu.baseUrl, '/aweme/v2/web/aweme/stats/', {}, { method: 'POST', body: `aweme_type=0&item_id=${id}&play_delta=1`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(emu.log.last('post_stats')?.body).toBe(`aweme_type=0&item_id=${id}&play_delta=1`);
    expect(emu.world.post(id)?.stats.play).toBe(before + 1);
  });

  it('works as a forward-proxy target and tells proxied requests apart', async () => {
    emu.clearLog();
    const target = `http://www.douyin.com/aweme/v1/web/user/profile/other/?sec_user_id=${emu.world.roles.main.secUid}&msToken=${GOOD_MSTOKEN}&a_bogus=${encodeURIComponent(GOOD_ABOGUS)}`;
    expect(await viaProxy(target, { 'proxy-authorization': 'Basic dXNlcjpwYXNz' })).toBe(200);
    const e = emu.log.last();
    expect(e).toMatchObject({ route: 'user_profile', absoluteForm: true, viaProxy: true, host: 'www.douyin.com', status: 200 });
    expect(e?.proxyHeaders).toEqual(['proxy-authorization']);
    await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', {}, { headers: { via: '1.1 squid' } });
    expect(emu.log.last()).toMatchObject({ absoluteForm: false, viaProxy: true, proxyHeaders: ['via'] });
    expect(emu.log.counters.viaProxy).toBe(2);
  });

  it('answers CONNECT with 405 (no tunnelling)', async () => {
    const port = Number(new URL(emu.baseUrl).port);
    const reply = await new Promise<string>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => s.write('CONNECT www.douyin.com:443 HTTP/1.1\r\nHost: www.douyin.com:443\r\n\r\n'));
      let text = '';
      s.on('data', (c) => (text += c.toString()));
      s.on('end', () => resolve(text));
      s.on('error', reject);
    });
    expect(reply.startsWith('HTTP/1.1 405')).toBe(true);
  });

  it('lets tests see which requests carried secrets (e.g. cookies sent to the CDN)', async () => {
    emu.clearLog();
    const url = emu.assets.forPost(emu.world.postsOf(emu.world.roles.main)[0]?.awemeId ?? '')[0]?.url ?? '';
    await call(emu.baseUrl, url, {}, { sign: false, cookie: 'sessionid=leak' });
    await call(emu.baseUrl, url, {}, { sign: false });
    const media = emu.log.find('media');
    expect(media.length).toBe(2);
    expect(media.filter((e) => e.sessionid).length).toBe(1);
    expect(emu.log.find((e) => e.route === 'media' && 'cookie' in e.headers).length).toBe(1);
  });
});
