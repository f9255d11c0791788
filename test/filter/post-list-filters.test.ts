import { describe, expect, it } from 'vitest';
import {
  FollowFeedFilter,
  PostLocateFilter,
  PostRelatedFilter,
  UserCollectionFilter,
  UserCollectsVideosFilter,
  UserLikeFilter,
  UserMixFilter,
  UserPostFilter,
} from '../../src/filter/index.js';
import { at, loadFixture, loadFixturePlain } from './fixtures.js';

describe('UserPostFilter on user_post__1 (one video item)', () => {
  const raw = loadFixture('user_post__1');
  const page = new UserPostFilter(raw);

  it('reads the page fields', () => {
    expect(page.status_code).toBe(0);
    expect(page.has_more).toBe(true);
    expect(page.has_aweme).toBe(true);
    expect(page.max_cursor).toBe(1689909551000);
    expect(page.min_cursor).toBe(1689909551000);
    expect(page.locate_item_cursor).toBeNull();
    expect(page.page).toEqual({
      status_code: 0,
      has_aweme: true,
      has_more: true,
      max_cursor: 1689909551000,
      min_cursor: 1689909551000,
      locate_item_cursor: null,
    });
  });

  it('exposes F2 columns, one entry per post', () => {
    expect(page.aweme_id).toEqual(['7253290037918354691']);
    expect(page.aweme_type).toEqual([0]);
    expect(page.post_type).toEqual(['video']);
    expect(page.create_time).toEqual([1688788818]);
    expect(page.desc).toEqual(['飞行员跳伞进山寨，哪知道白捡了个寨主当 #电影冰雪狙击2  #冰雪狙击2老戏骨飙戏']);
    expect(page.nickname).toEqual(['燃剪Kevin']);
    expect(page.uid).toEqual(['96719499963']);
    expect(page.sec_user_id).toEqual(['MS4wLjABAAAAdBrGekUlNXGPsc8rNnv_jDhN8koyuWDyrU3CrcvzmcQ']);
    expect(page.video_duration).toEqual([64043]);
    expect(page.music_title).toEqual(['@燃剪Kevin创作的原声']);
    expect(page.music_status).toEqual([1]);
    expect(page.author_deleted).toEqual([false]);
    expect(page.images).toEqual([[]]);
  });

  it('gives the 1080p gear first, with all mirrors, and the other gears for quality choice', () => {
    const [addr] = page.video_play_addr;
    expect(addr).toHaveLength(3);
    expect(addr?.[0]).toBe(
      'http://v26-web.douyinvod.com/f09adc21743f08884ebfd18bee2c7757/64ba6b84/video/tos/cn/tos-cn-ve-15c001-alinc2/oMSoq9gqbAIgtxOKQn9keEBD4DACeAMhgNREnI/?a=6383&ch=10010&cr=0&dr=0&lr=all&cd=0%7C0%7C0%7C0&cv=1&br=2198&bt=2198&cs=0&ds=4&ft=bvTKJbQQqUWXf_40mo0OW_EklpPiXwUEiMVJEAmEA.CPD-I&mime_type=video_mp4&qs=0&rc=NzhnOmg5ODc7O2U5ZTVmZ0BpandkOjc6ZnRnbDMzNGkzM0AtX2NeXmJjNl4xLTRfL141YSMuMGY1cjRnbGhgLS1kLS9zcw%3D%3D&l=202307211825566527AF3C1671F5138610&btag=e00028000&dy_q=1689935156',
    );
    expect(addr?.[2]).toBe(
      'https://www.douyin.com/aweme/v1/play/?video_id=v0200fg10000cikdoqjc77u487ia3t1g&line=0&file_id=8dac22bb760b48a894f5e6aea7fdb504&sign=283df9ddd7ac9739e9bcfbd3f7c9ec59&is_play_url=1&source=PackSourceEnum_PUBLISH',
    );
    expect(page.video_bit_rate).toEqual([[2251713, 1444459, 1305609, 872751]]);
    const gears = page.items[0]?.bit_rate ?? [];
    expect(gears.map((gear) => [gear.gear_name, gear.quality_type, gear.codec, gear.width, gear.height, gear.data_size])).toEqual([
      ['normal_1080_0', 1, 'h264', 1728, 1080, 18025814],
      ['normal_720_0', 10, 'h264', 1152, 720, 11563436],
      ['normal_540_0', 20, 'h264', 922, 576, 10451893],
      ['lower_540_0', 24, 'h264', 922, 576, 6986705],
    ]);
    expect(gears[0]?.url_key).toBe('v0200fg10000cikdoqjc77u487ia3t1g_h264_1080p_2251713');
    expect(gears[0]?.fps).toBe(25);
  });

  it('reads covers and music URLs', () => {
    expect(page.cover[0]).toMatch(/^https:\/\/p3-pc-sign\.douyinpic\.com\/tos-cn-p-0015\/a3635a2cf1264a14af11d2ca2a9a62d2_1688788214~tplv-dy-360p\.jpeg\?/);
    expect(page.dynamic_cover[0]).toMatch(/^https:\/\/p9-pc-sign\.douyinpic\.com\/obj\/tos-cn-i-dy\/bc4a6c96faea452e983b1371561e853d\?/);
    expect(page.animated_cover).toEqual([null]);
    expect(page.music_play_url).toEqual(['https://sf86-cdn-tos.douyinstatic.com/obj/ies-music/7253290131958942522.mp3']);
    expect(page.music_id).toEqual(['7253290130763467557']);
    expect(at(raw, 'aweme_list', 0, 'music', 'id')).toBe(7253290130763467557n);
  });

  it('toList gives one record per post; toDict gives page fields and columns', () => {
    const list = page.toList();
    expect(list).toHaveLength(1);
    expect(list[0]?.aweme_id).toBe('7253290037918354691');
    expect(list[0]?.video_play_addr).toEqual(page.video_play_addr[0]);
    const dict = page.toDict();
    expect(dict.has_more).toBe(true);
    expect(dict.max_cursor).toBe(1689909551000);
    expect(dict.aweme_id).toEqual(['7253290037918354691']);
    expect(dict.nickname).toEqual(['燃剪Kevin']);
  });

  it('gives the same ids from JSON.parse input (music.id via id_str)', () => {
    const plain = new UserPostFilter(loadFixturePlain('user_post__1'));
    expect(plain.music_id).toEqual(['7253290130763467557']);
    expect(plain.aweme_id).toEqual(['7253290037918354691']);
  });
});

describe('UserPostFilter on user_post__2 (image post, aweme_type 68)', () => {
  const page = new UserPostFilter(loadFixture('user_post__2'));
  const post = page.items[0];

  it('detects the image post explicitly', () => {
    expect(page.aweme_id).toEqual(['7232626237586312485']);
    expect(page.aweme_type).toEqual([68]);
    expect(page.post_type).toEqual(['images']);
    expect(page.nickname).toEqual(['肥牛卷儿（我爱吴世勋']);
    expect(page.desc[0]).toBe('辣妹统治世界٩(˃̶͈̀௰˂̶͈́)و。#ootd穿搭  #氛围感 #女友穿搭#辣妹穿搭 #生活碎片');
  });

  it('gives all three images, watermark-free first, and their watermarked variants separately', () => {
    expect(page.images[0]).toHaveLength(3);
    expect(page.images[0]?.[0]).toBe(
      'https://p3-pc-sign.douyinpic.com/tos-cn-i-0813c001/6daa91f096d9487394e8345858769ba2~tplv-dy-aweme-images:q75.webp?x-expires=1693587600&x-signature=ggkrFgYjN6KC%2Bs%2FVZG4gMHyuXYY%3D&from=3213915784&s=PackSourceEnum_PUBLISH&se=false&sc=image&biz_tag=aweme_images&l=20230803010005712927738F4143360D62',
    );
    expect(page.images[0]?.[1]).toContain('/tos-cn-i-0813/45bb5491af38446e9b4671ec06a76a5a~tplv-dy-aweme-images:q75.webp');
    expect(post?.image_items).toHaveLength(3);
    for (const image of post?.image_items ?? []) {
      expect(image.url_list).toHaveLength(4);
      expect(image.url_list.every((url) => url.includes('tplv-dy-aweme-images'))).toBe(true);
      expect(image.download_url_list).toHaveLength(4);
      expect(image.download_url_list.every((url) => url.includes('tplv-dy-water-v2'))).toBe(true);
      expect(image.live_photo).toBeNull();
    }
    expect(post?.image_items.map((image) => [image.width, image.height])).toEqual([
      [1440, 1918],
      [1440, 1920],
      [1440, 1918],
    ]);
    expect(page.images_video).toEqual([[]]);
  });

  it('does not offer the background music as the video', () => {
    expect(page.video_play_addr).toEqual([[]]);
    expect(post?.bit_rate).toEqual([]);
    expect(post?.play_addr).toBeNull();
    expect(page.music_play_url).toEqual(['https://sf3-cdn-tos.douyinstatic.com/obj/tos-cn-ve-2774/oM6Jt8KtDYaQgWr6OsbuyqcCZefYknQ6BdZ6BT']);
    expect(page.music_title).toEqual(['BABYDOLL (新版)']);
    expect(page.music_id).toEqual(['7203284398119225346']);
  });

  it('reads mix info (real keys create_time / share_info.share_url) and hashtags', () => {
    expect(post?.mix_id).toBe('7238089454588528701');
    expect(post?.mix_name).toBe('穿搭图文(⁎⁍̴̛ᴗ⁍̴̛⁎)');
    expect(post?.mix_create_time).toBe(1685249026);
    expect(post?.mix_update_time).toBe(1685252084);
    expect(post?.mix_pic_type).toBe(2);
    expect(post?.mix_share_url).toMatch(/^https:\/\/www\.iesdouyin\.com\/share\/mix\/detail\/7238089454588528701\//);
    expect(post?.hashtag_names.slice(0, 3)).toEqual(['ootd穿搭', '氛围感', '女友穿搭']);
    expect(post?.hashtag_ids.slice(0, 3)).toEqual(['1645837370349579', '1640936621124619', '1621254417954830']);
    expect(post?.hashtag_ids).toHaveLength(post?.hashtag_names.length ?? -1);
    expect(post?.comment_gid).toBe('7232626237586312485');
  });
});

describe('legacy iesdouyin /web/api/v2/aweme/post/ shape', () => {
  // Shape of legacy_iesdouyin_aweme_post__1 (SOURCES.md): has_more boolean, bit_rate null, no
  // create_time, no music, download_addr watermarked, hashtag_id a number. Values trimmed.
  const page = new UserPostFilter({
    status_code: 0,
    has_more: true,
    max_cursor: 1581232111000,
    min_cursor: 1610107912000,
    aweme_list: [
      {
        aweme_id: '6915360674424163588',
        aweme_type: 4,
        desc: '#日落🌄 不再着急恋爱',
        images: null,
        text_extra: [{ type: 1, hashtag_name: '日落🌄', hashtag_id: 1589731412818957 }],
        author: { uid: '71774324045', nickname: 'Boyfriend', total_favorited: '0' },
        video: {
          bit_rate: null,
          duration: 6667,
          play_addr: {
            uri: 'v0200fe30000bvs4cqih9ni9cgd5avhg',
            url_list: [
              'http://v95.douyinvod.com/c55ac0fa/600ba088/video/tos/cn/tos-cn-ve-15/e71b5a/?a=1128',
              'https://aweme.snssdk.com/aweme/v1/playwm/?video_id=v0200fe30000bvs4cqih9ni9cgd5avhg&line=0',
            ],
          },
          download_addr: { url_list: ['https://aweme.snssdk.com/aweme/v1/play/?video_id=v0200fe30000bvs4cqih9ni9cgd5avhg&watermark=1'] },
        },
      },
    ],
  });

  it('falls back to video.play_addr without the watermark path and never to download_addr', () => {
    expect(page.has_more).toBe(true);
    expect(page.post_type).toEqual(['video']);
    expect(page.video_play_addr).toEqual([
      [
        'http://v95.douyinvod.com/c55ac0fa/600ba088/video/tos/cn/tos-cn-ve-15/e71b5a/?a=1128',
        'https://aweme.snssdk.com/aweme/v1/play/?video_id=v0200fe30000bvs4cqih9ni9cgd5avhg&line=0',
      ],
    ]);
    expect(page.video_bit_rate).toEqual([[]]);
    expect(page.create_time).toEqual([null]);
    expect(page.music_play_url).toEqual([null]);
    expect(page.hashtag_ids).toEqual([['1589731412818957']]);
    expect(page.hashtag_names).toEqual([['日落🌄']]);
  });
});

describe('filters sharing the post-list shape', () => {
  const raw = loadFixture('user_post__1');

  it('are F2 aliases of UserPostFilter (likes, related, locate, tab feed)', () => {
    expect(UserLikeFilter).toBe(UserPostFilter);
    expect(PostRelatedFilter).toBe(UserPostFilter);
    expect(PostLocateFilter).toBe(UserPostFilter);
    expect(new UserLikeFilter(raw).aweme_id).toEqual(['7253290037918354691']);
  });

  it('collection, collects-video and mix pages read max_cursor from $.cursor', () => {
    // No capture of these endpoints (SOURCES.md); built from the documented paths.
    const body = { status_code: 0, cursor: 42, has_more: 0, max_cursor: 7, aweme_list: at(raw, 'aweme_list') };
    for (const Filter of [UserCollectionFilter, UserCollectsVideosFilter, UserMixFilter]) {
      const page = new Filter(body);
      expect(page.max_cursor).toBe(42);
      expect(page.has_more).toBe(false);
      expect(page.aweme_id).toEqual(['7253290037918354691']);
    }
    expect(new UserPostFilter(body).max_cursor).toBe(7);
  });

  it('locate-post pages carry locate_item_cursor', () => {
    const page = new PostLocateFilter({ status_code: 0, has_more: 1, max_cursor: 9, locate_item_cursor: 3, aweme_list: at(raw, 'aweme_list') });
    expect(page.locate_item_cursor).toBe(3);
    expect(page.aweme_id).toEqual(['7253290037918354691']);
  });

  it('an empty page has no posts and empty columns', () => {
    const page = new UserPostFilter({ status_code: 0, has_more: 0, max_cursor: 0, aweme_list: [] });
    expect(page.has_aweme).toBe(false);
    expect(page.has_more).toBe(false);
    expect(page.aweme_id).toEqual([]);
    expect(page.toList()).toEqual([]);
  });
});

describe('FollowFeedFilter', () => {
  // No capture (SOURCES.md): the follow feed wraps posts like the friend feed, data[].aweme.
  const item = at(loadFixture('user_post__1'), 'aweme_list', 0);

  it('reads posts wrapped in data[].aweme', () => {
    const feed = new FollowFeedFilter({ status_code: 0, cursor: 1700000000000, has_more: 1, level: 1, data: [{ feed_type: 1, aweme: item }] });
    expect(feed.has_more).toBe(true);
    expect(feed.cursor).toBe(1700000000000);
    expect(feed.aweme_id).toEqual(['7253290037918354691']);
    expect(feed.nickname).toEqual(['燃剪Kevin']);
  });

  it('also accepts an aweme_list body', () => {
    const feed = new FollowFeedFilter({ status_code: 0, max_cursor: 5, has_more: 0, aweme_list: [item] });
    expect(feed.cursor).toBe(5);
    expect(feed.aweme_id).toEqual(['7253290037918354691']);
  });
});
