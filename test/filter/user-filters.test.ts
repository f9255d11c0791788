import { describe, expect, it } from 'vitest';
import {
  QueryUserFilter,
  UserFollowerFilter,
  UserFollowingFilter,
  UserProfileFilter,
  UserShortInfoFilter,
} from '../../src/filter/index.js';
import { parseJson, stringifyJson } from '../../src/utils/json.js';
import { loadFixture } from './fixtures.js';

describe('UserProfileFilter on user_profile__1', () => {
  const user = new UserProfileFilter(loadFixture('user_profile__1'));

  it('reads identity, counts and text with emoji', () => {
    expect(user.status_code).toBe(0);
    expect(user.nickname).toBe('老司机摄影器材');
    expect(user.nickname_raw).toBe('老司机摄影器材');
    expect(user.signature).toBe(
      '📷【老司机摄影器材】老司机，不翻车\n📷  深圳二手相机、镜头\n📷 danfanlaosiji03\n📷  二手相机销售、回收、置换、估价\n📷  保修两年\n\n💰支持实体店自提，平台下单',
    );
    expect(user.sec_user_id).toBe('MS4wLjABAAAA85mPkf3FPVNmf_XTn4xpYrqB7kwPf7N7haPEJrRW8CQ');
    expect(user.uid).toBe('101881718376');
    expect(user.unique_id).toBe('danfanlaosiji');
    expect(user.short_id).toBe('0');
    expect(user.aweme_count).toBe(509);
    expect(user.follower_count).toBe(298468);
    expect(user.following_count).toBe(45);
    expect(user.total_favorited).toBe(2305265);
    expect(user.mix_count).toBe(5);
    expect(user.mplatform_followers_count).toBe(304548);
    expect(user.ip_location).toBe('IP属地：广东');
    expect(user.gender).toBe(1);
    expect(user.user_age).toBe(-1);
    expect(user.is_ban).toBe(false);
    expect(user.live_status).toBe(0);
    expect(user.room_id).toBe('0');
    expect(user.secret).toBe(0);
    expect(user.city).toBe('');
    expect(user.avatar_url).toBe(
      'https://p3-pc.douyinpic.com/aweme/1080x1080/aweme-avatar/tos-cn-i-0813_d1dc48cd00f54143999a07a9ef5b83d6.jpeg?from=2956013662',
    );
  });

  it('prefers room_id_str and keeps a live room id exact', () => {
    const live = new UserProfileFilter(parseJson('{"user":{"room_id":7318296342189919011,"room_id_str":"7318296342189919011"}}'));
    expect(live.room_id).toBe('7318296342189919011');
    const bigOnly = new UserProfileFilter(parseJson('{"user":{"room_id":7318296342189919011}}'));
    expect(bigOnly.room_id).toBe('7318296342189919011');
    const rounded = new UserProfileFilter(JSON.parse('{"user":{"room_id":7318296342189919011}}'));
    expect(rounded.room_id).toBeNull();
  });
});

describe('UserShortInfoFilter on im_user_info__1', () => {
  const info = new UserShortInfoFilter(loadFixture('im_user_info__1'));

  it('reads the short user records', () => {
    expect(info.status_code).toBe(0);
    expect(info.uid).toEqual(['89964046416']);
    expect(info.nickname).toEqual(['蔓越莓烦恼']);
    expect(info.signature).toEqual(['风格多变的小🦁️\n🧣：yoki小蔓\n🍠：同名']);
    expect(info.sec_uid).toEqual(['MS4wLjABAAAADgOltsr_SYTX6VurKA1H3n61xlFvYD1y_FrrY1UhI-o']);
    expect(info.short_id).toEqual(['629064951']);
    expect(info.unique_id).toEqual(['777_23']);
    expect(info.follow_status).toEqual([1]);
    expect(info.gender).toEqual([2]);
    expect(info.avatar_thumb[0]).toBe(
      'https://p3.douyinpic.com/aweme/100x100/aweme-avatar/tos-cn-avt-0015_9c8aea4ba21f591774723a3820a07aef.jpeg?from=3782654143',
    );
  });
});

// No capture of the following / follower lists (SOURCES.md): bodies built from the documented
// paths ($.followings[*] / $.followers[*], page fields at the root).
function followUser(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uid: '1000001',
    sec_uid: `MS4wLjABAAAA${name}`,
    short_id: '12345',
    unique_id: name,
    nickname: `${name} 🐱`,
    signature: 'bio ✨',
    aweme_count: 12,
    create_time: 1600000000,
    is_verified: true,
    is_star: false,
    secret: 0,
    room_id: 0,
    avatar_larger: { url_list: [`https://p3.douyinpic.com/aweme/1080x1080/${name}.jpeg`] },
    cover_url: [{ url_list: [`https://p3.douyinpic.com/obj/${name}-cover`] }],
    aweme_control: { can_comment: true, can_forward: true, can_share: false, can_show_comment: true },
    ...extra,
  };
}

describe('UserFollowingFilter', () => {
  const list = new UserFollowingFilter(
    parseJson(
      stringifyJson({
        status_code: 0,
        has_more: true,
        total: 2,
        offset: 0,
        myself_user_id: '0',
        max_time: 1700000100,
        min_time: 1700000000,
        followings: [
          followUser('alice', {
            following_list_secondary_information_struct: { secondary_information_priority: 1, secondary_information_text: '直播中' },
          }),
          followUser('bob', { room_id: 7318296342189919011n }),
        ],
      }),
    ),
  );

  it('reads page fields and per-user columns', () => {
    expect(list.has_more).toBe(true);
    expect(list.total).toBe(2);
    expect(list.max_time).toBe(1700000100);
    expect(list.min_time).toBe(1700000000);
    expect(list.myself_user_id).toBe('0');
    expect(list.nickname).toEqual(['alice 🐱', 'bob 🐱']);
    expect(list.sec_uid).toEqual(['MS4wLjABAAAAalice', 'MS4wLjABAAAAbob']);
    expect(list.can_share).toEqual([false, false]);
    expect(list.back_cover).toEqual(['https://p3.douyinpic.com/obj/alice-cover', 'https://p3.douyinpic.com/obj/bob-cover']);
    expect(list.register_time).toEqual([1600000000, 1600000000]);
    expect(list.secondary_priority).toEqual([1, null]);
    expect(list.secondary_text).toEqual(['直播中', null]);
    expect(list.room_id).toEqual(['0', '7318296342189919011']);
    expect(list.toList()[1]?.unique_id).toBe('bob');
  });
});

describe('UserFollowerFilter', () => {
  it('reads followers[] (can_share and the secondary text from each follower, not F2\'s typo paths)', () => {
    const list = new UserFollowerFilter({
      status_code: 0,
      has_more: 0,
      total: 1,
      followers: [
        followUser('carol', {
          follower_list_secondary_information_struct: { secondary_information_priority: 6, secondary_information_text: '3 个作品未看' },
        }),
      ],
    });
    expect(list.has_more).toBe(false);
    expect(list.uid).toEqual(['1000001']);
    expect(list.can_share).toEqual([false]);
    expect(list.can_comment).toEqual([true]);
    expect(list.secondary_priority).toEqual([6]);
    expect(list.secondary_text).toEqual(['3 个作品未看']);
  });

  it('privacy-hidden list (status_code 2096) gives no users', () => {
    const list = new UserFollowerFilter({ status_code: 2096, status_msg: '由于该用户隐私设置，粉丝列表不可见' });
    expect(list.status_code).toBe(2096);
    expect(list.status_msg).toBe('由于该用户隐私设置，粉丝列表不可见');
    expect(list.items).toEqual([]);
    expect(list.nickname).toEqual([]);
  });
});

describe('QueryUserFilter', () => {
  it('reads the documented fields and keeps $.id exact', () => {
    // No capture (SOURCES.md); documented paths at the root.
    const user = new QueryUserFilter(
      parseJson(
        '{"status_code":0,"browser_name":"Edge","create_time":1700000000,"firebase_instance_id":"","id":7318296342189919011,"last_time":1700000500,"user_agent":"Mozilla/5.0","user_uid":"0","user_uid_type":0}',
      ),
    );
    expect(user.status_code).toBe(0);
    expect(user.browser_name).toBe('Edge');
    expect(user.user_unique_id).toBe('7318296342189919011');
    expect(user.create_time).toBe(1700000000);
    expect(user.last_time).toBe(1700000500);
    expect(user.user_uid).toBe('0');
    expect(user.user_uid_type).toBe(0);
  });
});
