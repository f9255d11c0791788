import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, LOGGED_IN } from './emulator-client.js';

type Obj = Record<string, unknown>;
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'lists', mainUserPosts: 57 } });
});
afterAll(() => emu.stop());

const get = async (path: string, query: Record<string, string | number>, cookie = LOGGED_IN) => {
  const a = await call(emu.baseUrl, path, query, { cookie });
  expect(a.status).toBe(200);
  return a.json as Obj;
};

/** Follows a list to its end; returns every item and the number of pages. */
async function walk(path: string, query: Record<string, string | number>, cursorIn: string, cursorOut: string, key: string) {
  const items: Obj[] = [];
  let cursor: string | number = 0;
  let pages = 0;
  for (;;) {
    const page = await get(path, { ...query, [cursorIn]: cursor });
    pages++;
    items.push(...((page[key] as Obj[] | null) ?? []));
    if (!page.has_more) return { items, pages };
    cursor = String(page[cursorOut]);
    if (pages > 100) throw new Error('runaway pagination');
  }
}

describe('list endpoints page like Douyin', () => {
  it('user_post: max_cursor pages give every post once, pinned ones first', async () => {
    const main = emu.world.roles.main;
    const { items, pages } = await walk('/aweme/v1/web/aweme/post/', { sec_user_id: main.secUid, count: 20 }, 'max_cursor', 'max_cursor', 'aweme_list');
    const ids = items.map((a) => a.aweme_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(emu.world.postsOf(main).map((p) => p.awemeId).sort());
    expect(pages).toBe(3);
    const first = await get('/aweme/v1/web/aweme/post/', { sec_user_id: main.secUid, count: 20, max_cursor: 0 });
    const list = first.aweme_list as Obj[];
    expect(list.slice(0, 2).every((a) => a.is_top === 1)).toBe(true);
    expect(list.length).toBe(20);
    expect(first.max_cursor).toBe((list[19]?.create_time as number) * 1000);
  });

  it('user_post: new posts lead the first page, deleted ones vanish, renames show', async () => {
    const w = emu.world;
    const [fresh] = w.addPosts(w.roles.main, 1);
    let page = await get('/aweme/v1/web/aweme/post/', { sec_user_id: w.roles.main.secUid, count: 10 });
    const nonPinned = (page.aweme_list as Obj[]).filter((a) => a.is_top === 0);
    expect(nonPinned[0]?.aweme_id).toBe(fresh?.awemeId);
    w.deletePost(fresh?.awemeId ?? '');
    w.renameUser(w.roles.main, '改了名字');
    page = await get('/aweme/v1/web/aweme/post/', { sec_user_id: w.roles.main.secUid, count: 10 });
    expect((page.aweme_list as Obj[]).map((a) => a.aweme_id)).not.toContain(fresh?.awemeId);
    expect(((page.aweme_list as Obj[])[0]?.author as Obj).nickname).toBe('改了名字');
  });

  it('user_like and user_collection page by time; folders, folder videos and music by offset', async () => {
    const me = emu.world.roles.me;
    const likes = await walk('/aweme/v1/web/aweme/favorite/', { sec_user_id: me.secUid, count: 10 }, 'max_cursor', 'max_cursor', 'aweme_list');
    expect(likes.items.length).toBe(me.likes.filter((l) => !emu.world.post(l.awemeId)?.deleted).length);
    const collected = await walk('/aweme/v1/web/aweme/listcollection/', { count: 10 }, 'cursor', 'cursor', 'aweme_list');
    expect(collected.items.length).toBe(25);
    const folders = await get('/aweme/v1/web/collects/list/', { cursor: 0, count: 10 });
    expect(folders.total_number).toBe(3);
    const folder = (folders.collects_list as Obj[])[2] as Obj;
    const videos = await walk('/aweme/v1/web/collects/video/list/', { collects_id: String(folder.collects_id_str), count: 5 }, 'cursor', 'cursor', 'aweme_list');
    expect(videos.items.length).toBe(folder.total_number);
    const music = await walk('/aweme/v1/web/music/listcollection/', { count: 5 }, 'cursor', 'cursor', 'mc_list');
    expect(music.items.length).toBe(12);
    const withLyrics = music.items.find((m) => typeof m.lyric_url === 'string') as Obj;
    const lyric = await call(emu.baseUrl, String(withLyrics.lyric_url), {}, { sign: false });
    const lines = lyric.json as { text: string; timeId: string }[];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]?.timeId).toMatch(/^\d+\.\d{3}$/);
  });

  it('mix_aweme pages a mix in episode order', async () => {
    const mixId = emu.world.roles.main.mixIds[0] ?? '';
    const { items } = await walk('/aweme/v1/web/mix/aweme/', { mix_id: mixId, count: 3 }, 'cursor', 'cursor', 'aweme_list');
    expect(items.map((a) => a.aweme_id)).toEqual(emu.world.mix(mixId)?.awemeIds);
    expect((items[0]?.mix_info as Obj).mix_id).toBe(mixId);
  });

  it('comment_list carries the first reply and comment_reply pages the rest', async () => {
    const post = emu.world.postsOf(emu.world.roles.main).find((p) => emu.world.comments(p.awemeId).some((c) => c.replyTotal > 3));
    const { items } = await walk('/aweme/v1/web/comment/list/', { aweme_id: post?.awemeId ?? '', count: 7 }, 'cursor', 'cursor', 'comments');
    expect(items.length).toBe(post?.stats.comment);
    const parent = items.find((c) => (c.reply_comment_total as number) > 3) as Obj;
    expect(((parent.reply_comment as Obj[])[0] as Obj).cid).toBeTypeOf('string');
    const replies = await walk('/aweme/v1/web/comment/list/reply/', { item_id: post?.awemeId ?? '', comment_id: String(parent.cid), count: 3 }, 'cursor', 'cursor', 'comments');
    expect(replies.items.length).toBe(parent.reply_comment_total);
    expect(replies.items.every((r) => r.reply_id === parent.cid)).toBe(true);
  });

  it('following/follower page by offset and by max_time; a private account answers 2096', async () => {
    const main = emu.world.roles.main;
    const byOffset = await walk('/aweme/v1/web/user/follower/list/', { sec_user_id: main.secUid, count: 15, source_type: 4 }, 'offset', 'offset', 'followers');
    expect(byOffset.items.length).toBe(main.followers.size);
    const byTime = await walk('/aweme/v1/web/user/follower/list/', { sec_user_id: main.secUid, count: 15, source_type: 1 }, 'max_time', 'min_time', 'followers');
    expect(new Set(byTime.items.map((u) => u.uid)).size).toBe(main.followers.size);
    const following = await get('/aweme/v1/web/user/following/list/', { sec_user_id: emu.world.roles.me.secUid, count: 50 });
    expect((following.followings as Obj[]).length).toBe(emu.world.roles.me.following.size);
    const priv = await get('/aweme/v1/web/user/following/list/', { sec_user_id: emu.world.roles.privateUser.secUid });
    expect(priv.status_code).toBe(2096);
  });

  it('feeds: follow feed and friend feed page by time, tab feed by refresh_index', async () => {
    const follow = await walk('/aweme/v1/web/follow/feed/', { count: 20 }, 'cursor', 'cursor', 'data');
    expect(follow.items.length).toBeGreaterThan(20);
    expect((follow.items[0]?.aweme as Obj).aweme_id).toBeTypeOf('string');
    const friend = await call(emu.baseUrl, '/aweme/v1/web/familiar/feed/', { cursor: 0, level: 1 }, { method: 'POST', cookie: LOGGED_IN, body: 'cursor=0&level=1' });
    const data = (friend.json as Obj).data as Obj[];
    expect(data.length).toBeGreaterThan(0);
    const friendIds = new Set([...emu.world.roles.me.following.keys()].filter((u) => emu.world.roles.me.followers.has(u)));
    expect(data.every((d) => friendIds.has(((d.aweme as Obj).author as Obj).uid as string))).toBe(true);
    expect(((data[0]?.aweme as Obj).fall_card_struct as Obj).recommend_reason).toBeTypeOf('string');
    const tab1 = await get('/aweme/v1/web/tab/feed/', { count: 10, refresh_index: 1 });
    const tab2 = await get('/aweme/v1/web/tab/feed/', { count: 10, refresh_index: 2 });
    expect((tab1.aweme_list as Obj[]).length).toBe(10);
    expect((tab1.aweme_list as Obj[])[0]?.aweme_id).not.toBe((tab2.aweme_list as Obj[])[0]?.aweme_id);
  });

  it('related skips filterGids; locate starts at the located item; search filters by keyword', async () => {
    const main = emu.world.roles.main;
    const post = emu.world.postsOf(main)[3];
    const first = await get('/aweme/v1/web/aweme/related/', { aweme_id: post?.awemeId ?? '', count: 10, filterGids: `${post?.awemeId},` });
    const ids = (first.aweme_list as Obj[]).map((a) => String(a.aweme_id));
    expect(ids).not.toContain(post?.awemeId);
    const second = await get('/aweme/v1/web/aweme/related/', { aweme_id: post?.awemeId ?? '', count: 10, filterGids: ids.join(',') });
    expect((second.aweme_list as Obj[]).some((a) => ids.includes(String(a.aweme_id)))).toBe(false);
    const target = emu.world.postsOf(main)[9];
    const located = await get('/aweme/v1/web/locate/post/', { sec_user_id: main.secUid, locate_item_id: target?.awemeId ?? '', count: 5 });
    expect((located.aweme_list as Obj[])[0]?.aweme_id).toBe(target?.awemeId);
    expect(located.locate_item_cursor).toBe((target?.createTime ?? 0) * 1000);
    const withTag = emu.world.postsOf(main).find((p) => p.hashtags.length > 0);
    const keyword = withTag?.hashtags[0]?.name ?? '';
    const search = await walk('/aweme/v1/web/home/search/item/', { from_user: main.secUid, keyword, count: 5 }, 'offset', 'cursor', 'aweme_list');
    const expected = emu.world.postsOf(main).filter((p) => p.desc.includes(keyword)).length;
    expect(search.items.length).toBe(expected);
    expect(((search.items[0]?.item as Obj).desc as string).includes(keyword)).toBe(true);
    const suggest = await get('/aweme/v1/web/api/suggest_words/', { query: keyword });
    const words = ((suggest.data as Obj[])[0] as Obj).words as Obj[];
    expect(words.length).toBe(8);
    expect(words[0]?.word).toBe(keyword);
  });
});
