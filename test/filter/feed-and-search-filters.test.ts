import { describe, expect, it } from 'vitest';
import {
  FriendFeedFilter,
  HomePostSearchFilter,
  PostStatsFilter,
  SuggestWordFilter,
} from '../../src/filter/index.js';
import { parseJson } from '../../src/utils/json.js';
import { at, loadFixture } from './fixtures.js';

// None of these endpoints has a capture (SOURCES.md). Bodies follow the documented paths and
// wrap the real post items of user_post__1 (video) and user_post__2 (images).
const videoItem = at(loadFixture('user_post__1'), 'aweme_list', 0) as Record<string, unknown>;
const imageItem = at(loadFixture('user_post__2'), 'aweme_list', 0) as Record<string, unknown>;

describe('FriendFeedFilter', () => {
  const feed = new FriendFeedFilter({
    status_code: 0,
    status_msg: '',
    toast: '',
    has_more: 1,
    cursor: 1689909551,
    level: 2,
    friend_update_count: 3,
    data: [
      { feed_type: 1, source: 0, aweme: { ...videoItem, is_24_story: 0, fall_card_struct: { recommend_reason: '好友推荐' }, statistics: { digg_count: 7, play_count: 9, exposure_count: 11, live_watch_count: 0 } } },
      { feed_type: 2, source: 1, aweme: imageItem },
    ],
  });

  it('reads page fields', () => {
    expect(feed.has_more).toBe(true);
    expect(feed.has_aweme).toBe(true);
    expect(feed.cursor).toBe(1689909551);
    expect(feed.level).toBe(2);
    expect(feed.friend_update_count).toBe(3);
  });

  it('reads the wrapped posts under F2\'s friend-feed names', () => {
    expect(feed.aweme_id).toEqual(['7253290037918354691', '7232626237586312485']);
    expect(feed.friend_feed_type).toEqual([1, 2]);
    expect(feed.friend_feed_source).toEqual([0, 1]);
    expect(feed.post_type).toEqual(['video', 'images']);
    expect(feed.caption).toEqual(feed.desc); // F2 reads desc for caption here
    expect(feed.sec_uid).toEqual(feed.sec_user_id);
    expect(feed.recommend_reason).toEqual(['好友推荐', null]);
    expect(feed.is_24_story).toEqual([false, null]);
    expect(feed.play_count).toEqual([9, 0]);
    expect(feed.exposure_count).toEqual([11, null]);
    expect(feed.digg_count).toEqual([7, 20629]);
    expect(feed.allow_share).toEqual([true, true]); // status.allow_share
    // cover is video.cover here (UserPostFilter reads origin_cover)
    expect(feed.cover[0]).toMatch(/~tplv-dy-cropcenter:323:430\.jpeg\?/);
    expect(feed.images[1]).toHaveLength(3);
    expect(feed.video_play_addr[0]?.[0]).toMatch(/^http:\/\/v26-web\.douyinvod\.com\/f09adc21743f08884ebfd18bee2c7757\//);
    expect(feed.video_play_addr[1]).toEqual([]);
  });

  it('a login-expired body (status_code 8) has no posts', () => {
    const expired = new FriendFeedFilter({ status_code: 8, status_msg: 'login expired' });
    expect(expired.status_code).toBe(8);
    expect(expired.has_aweme).toBe(false);
    expect(expired.items).toEqual([]);
  });
});

describe('HomePostSearchFilter', () => {
  const search = new HomePostSearchFilter({
    status_code: 0,
    has_more: 1,
    cursor: 10,
    global_doodle_config: { home_text: '搜索TA的作品', keyword: '冰雪狙击' },
    log_pb: { impr_id: '20240101000000ABCDEF' },
    aweme_list: [{ item: { ...videoItem, city: '440300', author: { ...(videoItem.author as object), signature: '剪辑 🎬' } } }, { item: imageItem }],
  });

  it('reads page fields', () => {
    expect(search.has_more).toBe(true);
    expect(search.has_aweme).toBe(true);
    expect(search.cursor).toBe(10);
    expect(search.home_text).toBe('搜索TA的作品');
    expect(search.search_keyword).toBe('冰雪狙击');
    expect(search.search_id).toBe('20240101000000ABCDEF');
  });

  it('unwraps $.aweme_list[*].item', () => {
    expect(search.aweme_id).toEqual(['7253290037918354691', '7232626237586312485']);
    expect(search.user_id).toEqual(['96719499963', '64115698134']);
    expect(search.signature).toEqual(['剪辑 🎬', null]);
    expect(search.city).toEqual(['440300', null]);
    expect(search.music_id).toEqual(['7253290130763467557', '7203284398119225346']);
    expect(search.music_id_str).toEqual(search.music_id);
    expect(search.dynamic_cover[0]).toMatch(/\/obj\/tos-cn-i-dy\/bc4a6c96faea452e983b1371561e853d\?/);
    expect(search.cover[1]).toMatch(/6daa91f096d9487394e8345858769ba2~noop\.jpeg\?/);
    expect(search.images[1]).toHaveLength(3);
  });
});

describe('SuggestWordFilter', () => {
  it('reads $.data[0].words[*] with exact ids', () => {
    const words = new SuggestWordFilter(
      parseJson('{"status_code":0,"msg":"","data":[{"words":[{"id":"6580341104468563207","word":"蛇姐"},{"id":7255870910253667638,"word":"百里tufu 🎉"}]}]}'),
    );
    expect(words.status_msg).toBe('');
    expect(words.suggest_word).toEqual(['蛇姐', '百里tufu 🎉']);
    expect(words.suggest_word_id).toEqual(['6580341104468563207', '7255870910253667638']);
  });
});

describe('PostStatsFilter', () => {
  it('reads the status', () => {
    const stats = new PostStatsFilter({ status_code: 0, status_msg: '' });
    expect(stats.status_code).toBe(0);
    expect(stats.status_msg).toBe('');
    expect(stats.toDict()).toEqual({ status_code: 0, status_msg: '' });
  });
});
