import { describe, expect, it } from 'vitest';
import {
  FollowingUserLiveFilter,
  LiveImFetchFilter,
  UserLive2Filter,
  UserLiveFilter,
  UserLiveStatusFilter,
} from '../../src/filter/index.js';
import { parseJson } from '../../src/utils/json.js';
import { at, loadFixture, loadFixturePlain } from './fixtures.js';

describe('UserLiveFilter on live_web_enter__1 (live room)', () => {
  const raw = loadFixture('live_web_enter__1');
  const live = new UserLiveFilter(raw);

  it('reads room, status and counters', () => {
    expect(live.api_status_code).toBe(0);
    expect(live.room_id).toBe('7630361251285076745');
    expect(live.live_status).toBe(2);
    expect(live.room_status).toBe(0);
    expect(live.live_title).toBe('内格夫强势打法，把把虐');
    expect(live.user_count).toBe('91');
    expect(live.total_user_count).toBe('1310');
    expect(live.like_count).toBe('0'); // like_count_str is absent; stats.like_count
    expect(live.cover).toMatch(/^https:\/\/p3-webcast-sign\.douyinpic\.com\/image-cut-tos-priv\/b08ed04e5db7f4eeec0fc861d63f6034~/);
  });

  it('reads the owner', () => {
    expect(live.user_id).toBe('3789344204128560');
    expect(live.sec_user_id).toBe('MS4wLjABAAAAOMC6z5OYdk5GziCLRHbsYCyNKkCZ9ajxuk1QT3bFUV87v48FP5VWQNP8N6gPK5kN');
    expect(live.nickname).toBe('内格夫教主Duck');
    expect(live.follow_status).toBe(0);
    expect(live.avatar_thumb).toBe(
      'https://p3.douyinpic.com/aweme/100x100/aweme-avatar/tos-cn-i-0813c000-ce_o0ygKw1NATbBtQ8R7noEJ0jNsIgeQALeANAveG.jpeg?from=3067671334',
    );
  });

  it('gives the pull URLs per quality', () => {
    expect(Object.keys(live.flv_pull_url ?? {})).toEqual(['FULL_HD1', 'HD1', 'SD1', 'SD2']);
    expect(live.flv_pull_url?.FULL_HD1).toBe(
      'http://pull-flv-q26.douyincdn.com/thirdgame/stream-119224395198890814_uhd.flv?arch_hrchy=h1&exp_hrchy=h1&expire=69edc03f&major_anchor_level=common&sign=21c1ab2c0b4e799d00a3a1fbc1ed52a4&t_id=037-20260419153527545910E99B8C71D16399-pfvJ3K&unique_id=stream-119224395198890814_830_flv_uhd',
    );
    expect(live.m3u8_pull_url?.HD1).toBe(
      'http://pull-hls-q26.douyincdn.com/thirdgame/stream-119224395198890814_hd.m3u8?arch_hrchy=h1&exp_hrchy=h1&expire=69edc03f&major_anchor_level=common&sign=c0d7cf2fb5be066e090ebfd4bfd0a905&t_id=037-20260419153527545910E99B8C71D16399-pfvJ3K',
    );
    expect(live.hls_pull_url).toMatch(/stream-119224395198890814_or4\.m3u8\?/);
    expect(live.default_resolution).toBe('HD1');
  });

  it('finds the partition beside the room list (where live captures put it)', () => {
    expect(live.partition_id).toBe('1');
    expect(live.partition_title).toBe('射击游戏');
    expect(live.sub_partition_id).toBe('1010003');
    expect(live.sub_partition_title).toBe('CSGO');
  });

  it('reads room_auth flags', () => {
    expect(live.ChatAuth).toBe(true);
    expect(live.GiftAuth).toBe(true);
    expect(live.DiggAuth).toBe(true);
    expect(live.ShareAuth).toBe(true); // sent as 1
  });

  it('reads a bare room object (page render data, like live_room_render_fragment__1)', () => {
    const fragment = new UserLiveFilter(at(raw, 'data', 'data', 0));
    expect(fragment.room_id).toBe('7630361251285076745');
    expect(fragment.live_status).toBe(2);
    expect(fragment.nickname).toBe('内格夫教主Duck');
    expect(fragment.flv_pull_url?.SD2).toMatch(/stream-119224395198890814_sd\.flv\?/);
    expect(fragment.api_status_code).toBeNull();
  });

  it('an offline room (empty data.data) gives the owner from data.user and no room', () => {
    const offline = new UserLiveFilter({ status_code: 0, data: { data: [], room_status: 2, user: at(raw, 'data', 'user') } });
    expect(offline.room_id).toBeNull();
    expect(offline.live_status).toBeNull();
    expect(offline.room_status).toBe(2);
    expect(offline.nickname).toBe('内格夫教主Duck');
    expect(offline.flv_pull_url).toBeNull();
  });
});

describe('UserLive2Filter on live_reflow_info__1 (ended room)', () => {
  const raw = loadFixture('live_reflow_info__1');
  const live = new UserLive2Filter(raw);

  it('keeps the 64-bit room and stream ids exact', () => {
    expect(at(raw, 'data', 'room', 'id')).toBe(7318296342189919011n);
    expect(live.room_id).toBe('7318296342189919011');
    expect(live.stream_id).toBe('690809134746435666');
    const plain = new UserLive2Filter(loadFixturePlain('live_reflow_info__1'));
    expect(plain.room_id).toBe('7318296342189919011');
    expect(plain.stream_id).toBe('690809134746435666');
  });

  it('reads status, times and owner', () => {
    expect(live.api_status_code).toBe(0);
    expect(live.error_msg).toBeNull();
    expect(live.live_status).toBe(4);
    expect(live.live_title).toBe('分析头像');
    expect(live.user_count).toBe(0);
    expect(live.create_time).toBe(1703923686);
    expect(live.finish_time).toBe(1703931645);
    expect(live.web_rid).toBe('775841227732');
    expect(live.user_id).toBe('3644207898042206');
    expect(live.nickname).toBe('醒子8ke');
    expect(live.gender).toBe(2);
    expect(live.signature).toBe('养成系\n健康平安快乐');
    expect(live.verified).toBe(true);
    expect(live.city).toBe('成都');
    expect(live.following_count).toBe(29);
    expect(live.follower_count).toBe(5595);
    expect(live.sec_uid).toBe('MS4wLjABAAAAl-SZMIqczSzXFfF9k6RKscsIeER-m6EM3nwKG1wt0LvghK5OgTN1NwIxcHJbFOjO');
    expect(live.avatar_large).toBe(
      'https://p26.douyinpic.com/aweme/1080x1080/aweme-avatar/tos-cn-avt-0015_f4576ea69efd181ab6500156dd1ef763.jpeg?from=3067671334',
    );
  });

  it('reads the (stale) stream maps and quality names', () => {
    expect(live.resolution_name).toEqual({ FULL_HD1: '蓝光', HD1: '超清', ORIGION: '原画', SD1: '标清', SD2: '高清' });
    expect(live.flv_pull_url?.FULL_HD1).toBe(
      'http://pull-l3.douyincdn.com/stage/stream-690809134746435666_or4.flv?auth_key=1704538854-0-0-a459243b3f2beb14dcf802373d17d899',
    );
    expect(live.hls_pull_url?.HD1).toBe(
      'http://pull-l3.douyincdn.com/stage/stream-690809134746435666_hd.m3u8?auth_key=1704538854-0-0-3fc503a18aa76840da2b74fd26602381',
    );
    expect(Object.keys(live.hls_pull_url ?? {})).toEqual(['FULL_HD1', 'HD1', 'SD1', 'SD2']);
  });
});

describe('UserLive2Filter on live_reflow_info_error__1 (status_code 10011)', () => {
  const live = new UserLive2Filter(loadFixture('live_reflow_info_error__1'));

  it('gives the status and message, everything else null', () => {
    expect(live.api_status_code).toBe(10011);
    expect(live.error_msg).toBe('Request params error\t');
    expect(live.room_id).toBeNull();
    expect(live.live_status).toBeNull();
    expect(live.flv_pull_url).toBeNull();
    expect(live.nickname).toBeNull();
  });
});

describe('FollowingUserLiveFilter', () => {
  it('reads live rooms of followed users from data.data[]', () => {
    // No capture (SOURCES.md): entries wrap a room shaped like web/enter's, so reuse that real room.
    const room = at(loadFixture('live_web_enter__1'), 'data', 'data', 0);
    const feed = new FollowingUserLiveFilter({
      status_code: 0,
      data: { message: 'success', data: [{ web_rid: '80017709309', uniq_id: '7630361251285076745', tag_name: '直播中', cover_type: 1, title_type: 0, is_recommend: 0, room }] },
    });
    expect(feed.status_code).toBe(0);
    expect(feed.status_msg).toBe('success');
    expect(feed.web_rid).toEqual(['80017709309']);
    expect(feed.room_id).toEqual(['7630361251285076745']);
    expect(feed.live_status).toEqual([2]);
    expect(feed.live_title).toEqual(['内格夫强势打法，把把虐']);
    expect(feed.user_count).toEqual(['91']);
    expect(feed.total_count).toEqual(['1310']);
    expect(feed.like_count).toEqual([0]);
    expect(feed.user_id).toEqual(['3789344204128560']);
    expect(feed.nickname).toEqual(['内格夫教主Duck']);
    expect(feed.is_recommend).toEqual([false]);
    expect(feed.stream_orientation).toEqual([2]);
    expect(feed.flv_pull_url[0]?.HD1).toMatch(/stream-119224395198890814_hd\.flv\?/);
  });
});

describe('UserLiveStatusFilter', () => {
  // No capture (SOURCES.md); documented paths $.data[0].user_live[*].
  it('reads every asked user, the first as F2 properties, ids exact', () => {
    const status = new UserLiveStatusFilter(
      parseJson(
        '{"status_code":0,"data":[{"scene_id":254,"user_live":[{"user_id":3789344204128560,"user_id_str":"3789344204128560","room_id":7630361251285076745,"room_id_str":"7630361251285076745","live_status":1},{"user_id":101881718376,"room_id":0,"live_status":0}]}]}',
      ),
    );
    expect(status.api_status_code).toBe(0);
    expect(status.scene_id).toBe(254);
    expect(status.live_status).toBe(1);
    expect(status.room_id).toBe('7630361251285076745');
    expect(status.room_id_str).toBe('7630361251285076745');
    expect(status.user_id).toBe('3789344204128560');
    expect(status.user_live).toEqual([
      { user_id: '3789344204128560', user_id_str: '3789344204128560', room_id: '7630361251285076745', room_id_str: '7630361251285076745', live_status: 1 },
      { user_id: '101881718376', user_id_str: '101881718376', room_id: '0', room_id_str: '0', live_status: 0 },
    ]);
    expect(status.error_msg).toBeNull();
  });

  it('reads the prompt of an error body', () => {
    const status = new UserLiveStatusFilter({ status_code: 20003, data: { prompts: '请先登录' } });
    expect(status.api_status_code).toBe(20003);
    expect(status.error_msg).toBe('请先登录');
    expect(status.user_live).toEqual([]);
    expect(status.room_id).toBeNull();
  });
});

describe('LiveImFetchFilter', () => {
  it('reads cursor, internal_ext and the first message header', () => {
    // No JSON capture of /webcast/im/fetch/ (SOURCES.md); documented paths.
    const fetch = new LiveImFetchFilter(
      parseJson(
        '{"status_code":0,"data":[{"common":{"method":"WebcastRoomUserSeqMessage","msg_id":7630400000000000001,"room_id":7630361251285076745,"is_show_msg":true}}],"internal_ext":"internal_src:dim|wss_push_room_id:7630361251285076745","extra":{"cursor":"t-1776584127911_r-1_d-1_u-1","now":1776584127911}}',
      ),
    );
    expect(fetch.status_code).toBe(0);
    expect(fetch.msg_id).toBe('7630400000000000001');
    expect(fetch.room_id).toBe('7630361251285076745');
    expect(fetch.is_show_msg).toBe(true);
    expect(fetch.internal_ext).toBe('internal_src:dim|wss_push_room_id:7630361251285076745');
    expect(fetch.cursor).toBe('t-1776584127911_r-1_d-1_u-1');
    expect(fetch.now).toBe(1776584127911);
  });
});
