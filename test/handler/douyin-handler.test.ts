import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hostsFor } from '../../src/config-file.js';
import { DouyinKit } from '../../src/douyin-kit.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { DouyinKitOptions } from '../../src/options.js';

const SESSION = 'sessionid=0123456789abcdef0123456789abcdef; ttwid=1%7Cabc';
let emu: Emulator;
let dk: DouyinKit;

function kit(options: DouyinKitOptions = {}): DouyinKit {
  return new DouyinKit({ hosts: hostsFor(emu.baseUrl), cookie: SESSION, retryBaseDelayMs: 1, retryMaxDelayMs: 20, ...options });
}

async function collect<T extends { items: readonly unknown[] }>(pages: AsyncIterable<T>) {
  const items: T['items'][number][] = [];
  let count = 0;
  for await (const page of pages) {
    count++;
    items.push(...page.items);
  }
  return { items, pages: count };
}

const pagesOf = (route: string) => emu.log.entries.filter((e) => e.route === route).length;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'handler', mainUserPosts: 57 } });
  dk = kit();
});
afterAll(async () => {
  dk.close();
  await emu.stop();
});
beforeEach(() => emu.log.clear());

describe('single-record handlers', () => {
  it('fetchUserProfile and fetchOneVideo read a URL, share text or bare id', async () => {
    const main = emu.world.roles.main;
    const profile = await dk.fetchUserProfile(`看看这个作者 https://www.douyin.com/user/${main.secUid}?from=share 复制打开`);
    expect(profile).toMatchObject({ sec_user_id: main.secUid, nickname: main.nickname, uid: main.uid });
    const post = emu.world.postsOf(main).find((p) => p.awemeType === 0)!;
    const detail = await dk.fetchOneVideo(`https://www.douyin.com/video/${post.awemeId}`);
    expect(detail).toMatchObject({ aweme_id: post.awemeId, desc: post.desc, post_type: 'video' });
    expect(detail.video_play_addr.length).toBeGreaterThan(0);
    expect((await dk.fetchOneVideo(post.awemeId)).aweme_id).toBe(post.awemeId);
  });

  it('resolves short links through the configured short-link host', async () => {
    const post = emu.world.postsOf(emu.world.roles.main)[3]!;
    const code = emu.world.shortLinkCode({ kind: 'post', id: post.awemeId });
    const detail = await dk.fetchOneVideo(`7.43 复制打开抖音 https://v.douyin.com/${code}/ 看看`);
    expect(detail.aweme_id).toBe(post.awemeId);
    expect(emu.log.entries.some((e) => e.path === `/${code}/`)).toBe(true);
  });

  it('live rooms by webcast id and by room id, live status, query user, stats, suggest words', async () => {
    const anchor = emu.world.roles.liveAnchor;
    const room = emu.world.roomOf(anchor)!;
    const live = await dk.fetchUserLiveVideos(`https://live.douyin.com/${room.webRid}`);
    expect(live).toMatchObject({ room_id: room.roomId, live_status: 2 });
    expect(live.flv_pull_url?.FULL_HD1).toMatch(/^http:\/\/127\.0\.0\.1/);
    const byRoom = await dk.fetchUserLiveVideosByRoomId(room.roomId);
    expect(byRoom).toMatchObject({ room_id: room.roomId, live_status: 2 });
    const status = await dk.fetchUserLiveStatus([anchor.uid, emu.world.roles.offlineAnchor.uid]);
    expect(status.user_live.map((u) => [u.user_id, u.live_status])).toEqual([[anchor.uid, 1], [emu.world.roles.offlineAnchor.uid, 0]]);
    const me = await dk.fetchQueryUser();
    expect(me.user_unique_id).toMatch(/^\d+$/);
    const post = emu.world.postsOf(emu.world.roles.main)[0]!;
    const stats = await dk.fetchPostStats(post.awemeId);
    expect(stats.status_code).toBe(0);
    const words = await dk.fetchSuggestWord('美食');
    expect(words.items.length).toBeGreaterThan(0);
    const im = await dk.fetchLiveIm(room.roomId, me.user_unique_id!);
    expect(im.status_code).toBe(0);
    expect(im.cursor).toMatch(/\S/);
    const following = await dk.fetchUserFollowingLives();
    expect(Array.isArray(following.items)).toBe(true);
  });
});

describe('paginating handlers', () => {
  it('fetchUserPostVideos pages to the end: every post once', async () => {
    const main = emu.world.roles.main;
    const { items, pages } = await collect(dk.fetchUserPostVideos(main.secUid, { pageCounts: 20 }));
    const ids = items.map((p) => p.aweme_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(emu.world.postsOf(main).map((p) => p.awemeId).sort());
    expect(pages).toBe(3);
    expect(pagesOf('user_post')).toBe(3);
  });

  it('maxCounts yields exactly that many and fetches no further page', async () => {
    const { items } = await collect(dk.fetchUserPostVideos(emu.world.roles.main.secUid, { pageCounts: 20, maxCounts: 25 }));
    expect(items).toHaveLength(25);
    expect(pagesOf('user_post')).toBe(2);
    const counts = emu.log.entries.filter((e) => e.route === 'user_post').map((e) => e.query.count);
    expect(counts).toEqual(['20', '5']);
  });

  it('a date interval stops paging as soon as it is passed', async () => {
    const posts = emu.world.postsOf(emu.world.roles.main).filter((p) => !p.isTop).sort((a, b) => b.createTime - a.createTime);
    const day = (t: number) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 10);
    const newest = day(posts[0]!.createTime);
    const start = day(posts[12]!.createTime);
    const { items } = await collect(dk.fetchUserPostVideos(emu.world.roles.main.secUid, { pageCounts: 10, interval: `${start}|${newest}` }));
    const expected = posts.filter((p) => day(p.createTime) >= start && day(p.createTime) <= newest).map((p) => p.awemeId);
    expect(items.map((p) => p.aweme_id).filter((id) => expected.includes(id!)).sort()).toEqual([...expected].sort());
    expect(items.every((p) => day(p.create_time!) >= start || emu.world.post(p.aweme_id!)!.isTop)).toBe(true);
    expect(pagesOf('user_post')).toBeLessThan(Math.ceil(posts.length / 10));
  });

  it('likes, collection, collects folders and their videos, music, mix', async () => {
    const w = emu.world;
    const main = w.roles.main;
    const me = w.roles.me;
    const likes = await collect(dk.fetchUserLikeVideos(main.secUid, { pageCounts: 7 }));
    expect(likes.items.map((p) => p.aweme_id)).toEqual(main.likes.map((l) => l.awemeId).filter((id) => !w.post(id)?.deleted));

    const collection = await collect(dk.fetchUserCollectionVideos({ pageCounts: 5 }));
    expect(collection.items.map((p) => p.aweme_id)).toEqual(me.collected.map((c) => c.awemeId).filter((id) => !w.post(id)?.deleted));

    const folders = await collect(dk.fetchUserCollects());
    expect(folders.items.map((f) => f.collects_id)).toEqual(me.folderIds);
    const folder = w.folder(me.folderIds[0]!)!;
    const inFolder = await collect(dk.fetchUserCollectsVideos(folder.collectsId, { pageCounts: 3 }));
    expect(inFolder.items.map((p) => p.aweme_id)).toEqual(folder.awemeIds.filter((id) => !w.post(id)?.deleted));

    const music = await collect(dk.fetchUserMusicCollection({ pageCounts: 4 }));
    expect(music.items.map((m) => m.music_id)).toEqual(me.musicCollection);

    const mix = w.mix(main.mixIds[0]!)!;
    const mixItems = await collect(dk.fetchUserMixVideos(`https://www.douyin.com/collection/${mix.mixId}`, { pageCounts: 4 }));
    expect(mixItems.items.map((p) => p.aweme_id)).toEqual(mix.awemeIds.filter((id) => !w.post(id)?.deleted));
  });

  it('comments and replies, followers and following, search, feeds, related', async () => {
    const w = emu.world;
    const post = w.postsOf(w.roles.main).find((p) => w.comments(p.awemeId).length > 25)!;
    const comments = await collect(dk.fetchPostComment(post.awemeId, { pageCounts: 10 }));
    expect(comments.items.map((c) => c.comment_id)).toEqual(w.comments(post.awemeId).map((c) => c.cid));
    const withReplies = w.comments(post.awemeId).find((c) => c.replyTotal > 0);
    if (withReplies) {
      const replies = await collect(dk.fetchPostCommentReply(post.awemeId, withReplies.cid, { pageCounts: 2 }));
      expect(replies.items.map((c) => c.comment_id)).toEqual(w.replies(post.awemeId, withReplies.cid).map((c) => c.cid));
    }

    const followers = await collect(dk.fetchUserFollower(w.roles.main.secUid, { pageCounts: 7 }));
    expect(new Set(followers.items.map((u) => u.sec_uid)).size).toBe(w.roles.main.followers.size);
    const following = await collect(dk.fetchUserFollowing(w.roles.main.secUid, { pageCounts: 3 }));
    expect(following.items.length).toBe(w.roles.main.following.size);

    const word = w.postsOf(w.roles.main)[5]!.desc.split(/\s|#/)[0]!.slice(0, 2);
    const found = await collect(dk.fetchHomePostSearch(word, w.roles.main.secUid, { maxCounts: 30 }));
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((p) => (p.desc ?? '').includes(word))).toBe(true);

    const feed = await collect(dk.fetchUserFeedVideos({ maxCounts: 25, pageCounts: 10 }));
    expect(feed.items).toHaveLength(25);
    const friends = await collect(dk.fetchFriendFeedVideos({ maxCounts: 15 }));
    expect(friends.items.length).toBeGreaterThan(0);

    const seed = w.postsOf(w.roles.main)[1]!;
    const related = await collect(dk.fetchRelatedVideos(seed.awemeId, { maxCounts: 30, pageCounts: 10 }));
    const relatedIds = related.items.map((p) => p.aweme_id);
    expect(new Set(relatedIds).size).toBe(relatedIds.length);
    expect(relatedIds).not.toContain(seed.awemeId);
    const filterGids = emu.log.entries.filter((e) => e.route === 'post_related').map((e) => e.query.filterGids!.split(',').filter(Boolean).length);
    expect(filterGids[0]).toBe(1);
    expect(filterGids.at(-1)).toBeGreaterThan(filterGids[0]!);
  });

  it('an AbortSignal stops paging', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const page of dk.fetchUserPostVideos(emu.world.roles.main.secUid, { pageCounts: 10, signal: controller.signal, pageDelayMs: 200 })) {
        seen.push(...page.aweme_id.map(String));
        controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(seen).toHaveLength(10);
    expect(pagesOf('user_post')).toBe(1);
  });
});

describe('transport', () => {
  it('sends every request through the proxy, tokens included', async () => {
    const proxied = kit({ proxy: emu.baseUrl, cookie: 'sessionid=0123456789abcdef0123456789abcdef' });
    try {
      await collect(proxied.fetchUserPostVideos(emu.world.roles.main.secUid, { maxCounts: 30 }));
      await proxied.fetchOneVideo(emu.world.postsOf(emu.world.roles.main)[2]!.awemeId);
    } finally {
      proxied.close();
    }
    const entries = emu.log.entries;
    expect(entries.map((e) => e.route)).toEqual(expect.arrayContaining(['ttwid', 'ms_token', 'user_post', 'post_detail']));
    expect(entries.every((e) => e.viaProxy && e.absoluteForm)).toBe(true);
  });

  it('signs every www request and sends msToken, never the cookie in the URL', async () => {
    await dk.fetchUserProfile(emu.world.roles.main.secUid);
    const entry = emu.log.entries.find((e) => e.route === 'user_profile')!;
    expect(entry.signature).toBe('a_bogus');
    expect(entry.msToken).toBe(true);
    expect(entry.target).not.toContain('sessionid');
    const xb = kit({ encryption: 'xb' });
    try {
      await xb.fetchUserProfile(emu.world.roles.main.secUid);
    } finally {
      xb.close();
    }
    expect(emu.log.entries.filter((e) => e.route === 'user_profile').at(-1)!.signature).toBe('X-Bogus');
  });

  it('retries through injected 5xx, resets, truncation and 429 bursts, with bounded attempts', async () => {
    emu.faults.set('user_post', { errorRate: 0.2, resetRate: 0.1, truncateRate: 0.05, burst429: { every: 10, length: 1, retryAfterSeconds: 0 } });
    try {
      const { items } = await collect(dk.fetchUserPostVideos(emu.world.roles.main.secUid, { pageCounts: 5 }));
      expect(new Set(items.map((p) => p.aweme_id)).size).toBe(emu.world.postsOf(emu.world.roles.main).length);
      const requests = pagesOf('user_post');
      expect(requests).toBeGreaterThan(12);
      expect(requests).toBeLessThan(12 * 6);
    } finally {
      emu.faults.clear();
    }
  });
});

describe('errors say what went wrong', () => {
  it('deleted and private posts', async () => {
    const w = emu.world;
    const [gone, hidden] = w.addPosts(w.roles.main, 2);
    w.deletePost(gone!.awemeId);
    w.setPostPrivacy(hidden!.awemeId, 1);
    await expect(dk.fetchOneVideo(gone!.awemeId)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND', name: 'NotFoundError' });
    await expect(dk.fetchOneVideo(hidden!.awemeId)).rejects.toMatchObject({ code: 'ERR_PRIVATE' });
    expect(pagesOf('post_detail')).toBe(2); // never retried
  });

  it('a rejected signature is an empty response with a hint, not an empty result', async () => {
    const bad = kit({ signer: { name: 'broken', version: '0', sign: (r) => ({ query: `${r.query}&a_bogus=nope`, param: 'a_bogus', value: 'nope' }) }, maxRetries: 3 });
    try {
      const error = await bad.fetchUserProfile(emu.world.roles.main.secUid).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_EMPTY_RESPONSE', endpoint: 'userProfile' });
      expect((error as Error).message).not.toMatch(/sessionid|msToken=/);
    } finally {
      bad.close();
    }
  });

  it('risk control, rate limits and login', async () => {
    emu.configure({ risk: { mode: 'status', statusCode: 2154, routes: ['user_profile'] } });
    const strict = kit({ maxRetries: 1 });
    try {
      await expect(strict.fetchUserProfile(emu.world.roles.main.secUid)).rejects.toMatchObject({ code: 'ERR_RISK_CONTROL' });
      expect(strict.crawler.executor.intervalFor('userProfile')).toBeGreaterThan(0);
      emu.configure({ risk: null, rateLimit: { requestsPerSecond: 0.001, burst: 1, retryAfterSeconds: 7 } });
      const impatient = kit({ maxRetries: 0 });
      try {
        await impatient.fetchUserProfile(emu.world.roles.main.secUid);
        await expect(impatient.fetchUserProfile(emu.world.roles.main.secUid)).rejects.toMatchObject({ code: 'ERR_RATE_LIMITED', retryAfterMs: 7000 });
      } finally {
        impatient.close();
      }
      emu.configure({ rateLimit: null, guestPersonalLists: 'status-8' });
      const guest = kit({ cookie: 'ttwid=1%7Cabc' });
      try {
        await expect(collect(guest.fetchUserCollectionVideos())).rejects.toMatchObject({ code: 'ERR_LOGIN_REQUIRED' });
      } finally {
        guest.close();
      }
    } finally {
      strict.close();
      emu.configure({ risk: null, rateLimit: null, guestPersonalLists: 'first-page' });
    }
  });

  it("keeps Douyin's own status message for other status codes", async () => {
    emu.script('user_profile', [{ body: { data: { message: 'Request params error', prompts: 'Request params error\t' }, extra: { now: 1 }, status_code: 10011 } }]);
    const error = await dk.fetchUserProfile(emu.world.roles.main.secUid).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_API_STATUS', statusCode: 10011, statusMsg: 'Request params error' });
  });

  it('times out slow answers and retries them', async () => {
    const impatient = kit({ timeoutMs: 100, maxRetries: 1 });
    try {
      emu.faults.set('user_profile', { latencyMs: 400 });
      await expect(impatient.fetchUserProfile(emu.world.roles.main.secUid)).rejects.toMatchObject({ code: 'ERR_TIMEOUT', retryable: true });
      expect(emu.log.count('user_profile')).toBe(2);
    } finally {
      emu.faults.clear();
      impatient.close();
    }
  });

  it('opens the circuit after repeated failures instead of hammering', async () => {
    const fragile = kit({ maxRetries: 0, circuitBreakerThreshold: 3, circuitBreakerCooldownMs: 60_000 });
    try {
      emu.faults.set('user_profile', { errorRate: 1, errorStatus: 503 });
      for (let i = 0; i < 3; i++) {
        await expect(fragile.fetchUserProfile(emu.world.roles.main.secUid)).rejects.toMatchObject({ code: 'ERR_HTTP', statusCode: 503 });
      }
      const sent = emu.log.count('user_profile');
      await expect(fragile.fetchUserProfile(emu.world.roles.main.secUid)).rejects.toMatchObject({ code: 'ERR_CIRCUIT_OPEN' });
      expect(emu.log.count('user_profile')).toBe(sent);
      expect(fragile.crawler.executor.breakerState('userProfile')).toBe('open');
    } finally {
      emu.faults.clear();
      fragile.close();
    }
  });

  it('HTTP errors, unreachable hosts and bad input', async () => {
    emu.script('user_profile', [{ status: 404 }]);
    await expect(dk.fetchUserProfile(emu.world.roles.main.secUid)).rejects.toMatchObject({ code: 'ERR_HTTP', statusCode: 404 });
    const down = new DouyinKit({ hosts: hostsFor('http://127.0.0.1:9'), maxRetries: 1, retryBaseDelayMs: 1 });
    try {
      await expect(down.fetchUserProfile(emu.world.roles.main.secUid)).rejects.toMatchObject({ code: 'ERR_NETWORK' });
    } finally {
      down.close();
    }
    await expect(dk.fetchOneVideo('not a douyin link')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    await expect(dk.fetchUserProfile('https://www.douyin.com/video/123')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });
});
