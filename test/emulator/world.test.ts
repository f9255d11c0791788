import { describe, expect, it } from 'vitest';
import { World } from '../../src/emulator/index.js';
import { isDouyinKitError } from '../../src/errors.js';

describe('World', () => {
  it('is a pure function of its seed', () => {
    const a = new World({ seed: 7 });
    const b = new World({ seed: 7 });
    const c = new World({ seed: 8 });
    const sig = (w: World) => w.postsOf(w.roles.main).map((p) => `${p.awemeId}:${p.desc}:${p.musicId}`).join('|');
    expect(sig(a)).toBe(sig(b));
    expect(a.roles.me.secUid).toBe(b.roles.me.secUid);
    expect(a.comments(a.postsOf(a.roles.main)[0]?.awemeId ?? '').map((x) => x.cid)).toEqual(b.comments(b.postsOf(b.roles.main)[0]?.awemeId ?? '').map((x) => x.cid));
    expect(sig(a)).not.toBe(sig(c));
  });

  it('has every kind of content the endpoints need', () => {
    const w = new World();
    const { main, privateUser, liveAnchor, offlineAnchor, endedAnchor, me } = w.roles;
    const posts = w.postsOf(main);
    expect(posts.length).toBe(45);
    expect(posts.some((p) => p.awemeType === 68)).toBe(true);
    expect(posts.some((p) => p.awemeType === 0 && p.variants.length >= 3)).toBe(true);
    expect(posts.some((p) => p.variants.some((v) => v.codec === 'bytevc1'))).toBe(true);
    expect([...w.data.posts.values()].some((p) => p.images.some((i) => i.video !== null))).toBe(true);
    expect(posts.some((p) => p.animatedCoverSize !== null)).toBe(true);
    expect(posts.filter((p) => p.isTop).length).toBe(2);
    expect(main.mixIds.length).toBe(2);
    expect(w.mix(main.mixIds[0] ?? '')?.awemeIds.length).toBeGreaterThanOrEqual(2);
    expect(privateUser.secret).toBe(1);
    expect(w.roomOf(liveAnchor)?.status).toBe('live');
    expect(w.roomOf(offlineAnchor)?.status).toBe('offline');
    expect(w.roomOf(endedAnchor)?.status).toBe('ended');
    expect(me.likes.length).toBeGreaterThan(20);
    expect(me.collected.length).toBe(25);
    expect(me.folderIds.length).toBe(3);
    expect(me.musicCollection.map((id) => w.music(id)).some((m) => m?.lyrics && m.lyrics.length > 0)).toBe(true);
    expect(main.followers.size).toBeGreaterThan(10);
    expect(me.following.has(main.uid) && main.following.has(me.uid)).toBe(true);
    // distinct creation seconds keep max_cursor paging exact
    expect(new Set(posts.map((p) => p.createTime)).size).toBe(posts.length);
    // 19-digit ids carry their creation time in the high bits, as Douyin's do
    for (const p of posts.slice(0, 5)) expect(Number(BigInt(p.awemeId) >> 32n)).toBe(p.createTime);
  });

  it('generates comments and replies on demand, deterministically', () => {
    const w = new World({ seed: 'c' });
    const post = w.postsOf(w.roles.main).find((p) => p.stats.comment > 10);
    expect(post).toBeDefined();
    const comments = w.comments(post?.awemeId ?? '');
    expect(comments.length).toBe(post?.stats.comment);
    const parent = comments.find((c) => c.replyTotal > 0);
    expect(parent).toBeDefined();
    const replies = w.replies(post?.awemeId ?? '', parent?.cid ?? '');
    expect(replies.length).toBe(parent?.replyTotal);
    expect(replies.every((r) => r.replyId === parent?.cid)).toBe(true);
  });

  it('builds a 10,000-post world (size knob)', () => {
    const w = new World({ mainUserPosts: 10_000, postsPerUser: 3 });
    const posts = w.postsOf(w.roles.main);
    expect(posts.length).toBe(10_000);
    expect(new Set(posts.map((p) => p.createTime)).size).toBe(10_000);
    expect(w.postsOf(w.roles.liveAnchor).length).toBe(3);
  });

  it('renames users between runs with nicknameEpoch', () => {
    const a = new World({ seed: 3 });
    const b = new World({ seed: 3, nicknameEpoch: 1 });
    expect(b.roles.main.secUid).toBe(a.roles.main.secUid);
    expect(b.roles.main.nickname).not.toBe(a.roles.main.nickname);
    expect(b.roles.main.nickname.startsWith(a.roles.main.nickname)).toBe(true);
  });

  it('lets tests change the story and tells listeners', () => {
    const w = new World();
    const changes: string[] = [];
    w.onChange((c) => changes.push(c.kind));
    const main = w.roles.main;
    const before = w.postsOf(main).length;
    const [fresh] = w.addPosts(main, 2);
    expect(w.postsOf(main).length).toBe(before + 2);
    expect(w.postsOf(main)[0]?.awemeId).toBe(fresh?.awemeId);
    expect(fresh?.createTime).toBeGreaterThan(w.options.now);
    w.deletePost(fresh?.awemeId ?? '');
    expect(w.postsOf(main).length).toBe(before + 1);
    w.renameUser(main, '新名字');
    expect(w.user(main.secUid)?.nickname).toBe('新名字');
    w.setAccountPrivate(main);
    expect(main.secret).toBe(1);
    const room = w.endLive(w.roles.liveAnchor);
    expect(room.status).toBe('ended');
    expect(room.finishTime).toBe(w.now);
    const again = w.startLive(w.roles.liveAnchor);
    expect(again.roomId).not.toBe(room.roomId);
    expect(again.webRid).toBe(room.webRid);
    expect(changes).toEqual(expect.arrayContaining(['post', 'user', 'room']));
  });

  it('rejects unknown options and unknown references with typed errors', () => {
    expect(() => new World({ posts: 3 } as never)).toThrow(/Unexpected option/);
    expect(() => new World({ creators: 2 })).toThrow(/creators/);
    try {
      new World().requireUser('nobody');
      expect.unreachable();
    } catch (error) {
      expect(isDouyinKitError(error)).toBe(true);
      expect((error as { code: string }).code).toBe('ERR_NOT_FOUND');
    }
  });
});
