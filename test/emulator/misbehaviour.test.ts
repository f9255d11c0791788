import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BEHAVIOUR_DEFAULTS, isWellFormedABogus, isWellFormedMsToken, isWellFormedXBogus, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, GOOD_ABOGUS, GOOD_MSTOKEN, GOOD_XBOGUS, LOGGED_IN } from './emulator-client.js';

type Obj = Record<string, unknown>;
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'misbehave' } });
});
afterAll(() => emu.stop());
afterEach(() => emu.configure({ ...BEHAVIOUR_DEFAULTS }));

const POST = '/aweme/v1/web/aweme/post/';
const mainQuery = () => ({ sec_user_id: emu.world.roles.main.secUid, count: 10 });

describe('Douyin misbehaviours', () => {
  it('missing or malformed a_bogus / X-Bogus / msToken: 200 with an empty body', async () => {
    const unsigned = await call(emu.baseUrl, POST, { ...mainQuery(), msToken: GOOD_MSTOKEN }, { sign: false, cookie: LOGGED_IN });
    expect(unsigned.status).toBe(200);
    expect(unsigned.body.length).toBe(0);
    expect(unsigned.headers['content-length']).toBe('0');
    expect(emu.log.last('user_post')?.outcome).toBe('empty:no-signature');

    const badAb = await call(emu.baseUrl, POST, { ...mainQuery(), msToken: GOOD_MSTOKEN, a_bogus: 'not-a-signature' }, { sign: false });
    expect(badAb.body.length).toBe(0);
    expect(emu.log.last('user_post')?.outcome).toBe('empty:bad-signature');

    const xb = await call(emu.baseUrl, POST, { ...mainQuery(), msToken: GOOD_MSTOKEN, 'X-Bogus': GOOD_XBOGUS }, { sign: false });
    expect((xb.json as Obj).status_code).toBe(0);
    const badXb = await call(emu.baseUrl, POST, { ...mainQuery(), msToken: GOOD_MSTOKEN, 'X-Bogus': GOOD_XBOGUS.slice(1) }, { sign: false });
    expect(badXb.body.length).toBe(0);

    const noToken = await call(emu.baseUrl, POST, { ...mainQuery(), a_bogus: GOOD_ABOGUS }, { sign: false });
    expect(noToken.body.length).toBe(0);
    expect(emu.log.last('user_post')?.outcome).toBe('empty:no-mstoken');
    const cookieToken = await call(emu.baseUrl, POST, { ...mainQuery(), a_bogus: GOOD_ABOGUS }, { sign: false, cookie: `msToken=${GOOD_MSTOKEN}` });
    expect((cookieToken.json as Obj).status_code).toBe(0);
    const shortToken = await call(emu.baseUrl, POST, { ...mainQuery(), msToken: 'abc' });
    expect(shortToken.body.length).toBe(0);

    // reflow/info carries no msToken (F2 sends msToken="") but is signed
    const reflow = await call(emu.baseUrl, '/webcast/room/reflow/info/', { room_id: emu.world.roomOf(emu.world.roles.liveAnchor)?.roomId ?? '', msToken: '' });
    expect((reflow.json as Obj).status_code).toBe(0);

    emu.configure({ signature: 'ignore', msToken: 'ignore' });
    const lenient = await call(emu.baseUrl, POST, mainQuery(), { sign: false });
    expect((lenient.json as Obj).status_code).toBe(0);
  });

  it('a pluggable verifier sees the query, UA and body, and can reject', async () => {
    const seen: string[] = [];
    emu.configure({ verifySignature: (input) => (seen.push(`${input.kind}|${input.userAgent}|${input.query.includes('sec_user_id')}`), input.userAgent === 'good') });
    const bad = await call(emu.baseUrl, POST, mainQuery(), { headers: { 'user-agent': 'bad' } });
    expect(bad.body.length).toBe(0);
    const good = await call(emu.baseUrl, POST, mainQuery(), { headers: { 'user-agent': 'good' } });
    expect((good.json as Obj).status_code).toBe(0);
    expect(seen).toEqual(['a_bogus|bad|true', 'a_bogus|good|true']);
  });

  it('without sessionid only the first page of a paged list has items', async () => {
    const first = (await call(emu.baseUrl, POST, { ...mainQuery(), max_cursor: 0 })).json as Obj;
    expect((first.aweme_list as unknown[]).length).toBe(10);
    expect(first.has_more).toBe(1);
    const second = (await call(emu.baseUrl, POST, { ...mainQuery(), max_cursor: String(first.max_cursor) })).json as Obj;
    expect(second.aweme_list).toEqual([]);
    expect(second.has_more).toBe(0);
    expect(emu.log.last('user_post')?.outcome).toBe('login:guest-page-limit');
    const loggedIn = (await call(emu.baseUrl, POST, { ...mainQuery(), max_cursor: String(first.max_cursor) }, { cookie: LOGGED_IN })).json as Obj;
    expect((loggedIn.aweme_list as unknown[]).length).toBe(10);
    emu.configure({ guestPagedLists: 'all' });
    const open = (await call(emu.baseUrl, POST, { ...mainQuery(), max_cursor: String(first.max_cursor) })).json as Obj;
    expect((open.aweme_list as unknown[]).length).toBe(10);
  });

  it('personal lists: first page as `me` for guests, or status_code 8; expired sessions get 8', async () => {
    const guest = (await call(emu.baseUrl, '/aweme/v1/web/collects/list/', { cursor: 0 })).json as Obj;
    expect(guest.total_number).toBe(3);
    emu.configure({ guestPersonalLists: 'status-8' });
    const refused = (await call(emu.baseUrl, '/aweme/v1/web/collects/list/', { cursor: 0 })).json as Obj;
    expect(refused.status_code).toBe(8);
    emu.configure({ guestPersonalLists: 'first-page', expiredSessions: ['old'] });
    const expired = (await call(emu.baseUrl, '/aweme/v1/web/music/listcollection/', { cursor: 0 }, { cookie: 'sessionid=old' })).json as Obj;
    expect(expired.status_code).toBe(8);
  });

  it('deleted and private posts: aweme_detail null with filter_detail; private accounts hide their posts', async () => {
    const w = emu.world;
    const [a, b] = w.postsOf(w.roles.liveAnchor);
    w.deletePost(a?.awemeId ?? '');
    w.setPostPrivacy(b?.awemeId ?? '', 1);
    const gone = (await call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: a?.awemeId ?? '' })).json as Obj;
    expect(gone.aweme_detail).toBeNull();
    expect((gone.filter_detail as Obj).filter_reason).toBe('status_deleted');
    expect((gone.filter_detail as Obj).aweme_id).toBe(a?.awemeId);
    const selfSee = (await call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: b?.awemeId ?? '' })).json as Obj;
    expect((selfSee.filter_detail as Obj).filter_reason).toBe('status_self_see');

    const priv = w.roles.privateUser;
    const stranger = w.data.audience.find((u) => !u.following.has(priv.uid));
    emu.addSession('stranger', stranger ?? w.roles.main);
    const list = (await call(emu.baseUrl, POST, { sec_user_id: priv.secUid, count: 10 }, { cookie: 'sessionid=stranger' })).json as Obj;
    expect(list.aweme_list).toEqual([]);
    expect(list.has_more).toBe(0);
    const follower = (await call(emu.baseUrl, POST, { sec_user_id: priv.secUid, count: 10 }, { cookie: LOGGED_IN })).json as Obj;
    expect((follower.aweme_list as unknown[]).length).toBe(10); // `me` follows every creator
    const profile = (await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', { sec_user_id: priv.secUid })).json as Obj;
    expect((profile.user as Obj).secret).toBe(1);
    const detail = (await call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: w.postsOf(priv)[0]?.awemeId ?? '' }, { cookie: LOGGED_IN })).json as Obj;
    expect(detail.aweme_detail).not.toBeNull();
    const hidden = (await call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: w.postsOf(priv)[0]?.awemeId ?? '' }, { cookie: 'sessionid=stranger' })).json as Obj;
    expect((hidden.filter_detail as Obj).filter_reason).toBe('author_secret');
  });

  it('a hidden likes list answers zero bytes', async () => {
    const someone = emu.world.data.creators[6];
    expect(someone?.likesPublic).toBe(false);
    const a = await call(emu.baseUrl, '/aweme/v1/web/aweme/favorite/', { sec_user_id: someone?.secUid ?? '', max_cursor: 0 });
    expect(a.status).toBe(200);
    expect(a.body.length).toBe(0);
  });

  it('risk control: captcha JSON, verify page or a status code, after N requests, N times', async () => {
    emu.configure({ risk: { mode: 'captcha', afterRequests: 1, times: 2 } });
    const ok = (await call(emu.baseUrl, POST, mainQuery())).json as Obj;
    expect(ok.status_code).toBe(0);
    const verify = await call(emu.baseUrl, POST, mainQuery());
    expect(JSON.parse(String((verify.json as Obj).verify_center_decision_conf))).toMatchObject({ type: 'verify', subtype: 'slide' });
    expect(verify.headers['x-vc-bdturing-parameters']).toContain('verify');
    await call(emu.baseUrl, POST, mainQuery());
    expect(((await call(emu.baseUrl, POST, mainQuery())).json as Obj).status_code).toBe(0);

    emu.configure({ risk: { mode: 'status', statusCode: 2154, routes: ['post_detail'] } });
    expect(((await call(emu.baseUrl, POST, mainQuery())).json as Obj).status_code).toBe(0);
    expect(((await call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: '1' })).json as Obj).status_code).toBe(2154);

    emu.configure({ risk: { mode: 'html' } });
    const html = await call(emu.baseUrl, POST, mainQuery());
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('验证码');
  });

  it('rate limit: 429 with Retry-After above the configured rate', async () => {
    emu.configure({ rateLimit: { requestsPerSecond: 2, burst: 3, retryAfterSeconds: 7 } });
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 6; i++) {
      const a = await call(emu.baseUrl, POST, mainQuery());
      statuses.push(a.status);
      if (a.status === 429) retryAfter = a.headers['retry-after'] as string;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(retryAfter).toBe('7');
    // media is not counted by default
    const url = emu.assets.forPost(emu.world.postsOf(emu.world.roles.main)[0]?.awemeId ?? '')[0]?.url ?? '';
    expect((await call(emu.baseUrl, url, {}, { sign: false })).status).toBe(200);
  });

  it('judges signature and token shapes by length and alphabet', () => {
    expect(isWellFormedXBogus(GOOD_XBOGUS)).toBe(true);
    expect(isWellFormedXBogus(GOOD_XBOGUS.slice(1))).toBe(false);
    expect(isWellFormedXBogus(`${GOOD_XBOGUS.slice(1)}!`)).toBe(false);
    expect(isWellFormedABogus(GOOD_ABOGUS)).toBe(true);
    expect(isWellFormedABogus(GOOD_ABOGUS.slice(2))).toBe(false);
    expect(isWellFormedABogus(`${GOOD_ABOGUS.slice(4)}ä==`)).toBe(false);
    expect(isWellFormedABogus(null)).toBe(false);
    expect(isWellFormedMsToken(GOOD_MSTOKEN)).toBe(true);
    expect(isWellFormedMsToken('a'.repeat(164))).toBe(true);
    expect(isWellFormedMsToken('a'.repeat(183))).toBe(false);
    expect(isWellFormedMsToken(`${'a'.repeat(183)}~`)).toBe(false);
  });

  it('rejects unknown behaviour keys and values', () => {
    expect(() => emu.configure({ signatures: 'off' } as never)).toThrow(/Unexpected option/);
    expect(() => emu.configure({ signature: 'off' as never })).toThrow(/one of/);
  });
});
