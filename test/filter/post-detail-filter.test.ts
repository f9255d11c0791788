import { describe, expect, it } from 'vitest';
import { PostDetailFilter, selectBitRate } from '../../src/filter/index.js';
import { at, loadFixture, loadFixturePlain } from './fixtures.js';

describe('PostDetailFilter on post_detail__1 (video post)', () => {
  const raw = loadFixture('post_detail__1');
  const post = new PostDetailFilter(raw);

  it('reads identity, author and text with emoji intact', () => {
    expect(post.exists).toBe(true);
    expect(post.api_status_code).toBe(0);
    expect(post.aweme_id).toBe('7071967230287744267');
    expect(post.aweme_type).toBe(0);
    expect(post.media_type).toBe(4);
    expect(post.post_type).toBe('video');
    expect(post.create_time).toBe(1646570683);
    expect(post.desc).toBe('其实早就和你表白过了 在看你的每个眼神里');
    expect(post.desc_raw).toBe(post.desc);
    expect(post.caption).toBeNull(); // absent in the 2023 capture
    expect(post.nickname).toBe('百里TUFU');
    expect(post.uid).toBe('3689586767443357');
    expect(post.sec_user_id).toBe('MS4wLjABAAAAERbHksh_jtLRYjO8hOx9clHF9tJDBsZmhcL0VoPLItYXWg8H0jwYJd3mJOxiIGsU');
    expect(post.short_id).toBe('2830954084');
    expect(post.unique_id).toBe('bailitufu8');
    expect(post.duration).toBe(9611);
    expect(post.region).toBe('CN');
  });

  it('reads controls, status and statistics as typed values', () => {
    expect(post.can_comment).toBe(true);
    expect(post.can_show_comment).toBe(true);
    expect(post.is_story).toBe(false);
    expect(post.is_top).toBe(false);
    expect(post.is_ads).toBe(false);
    expect(post.private_status).toBe(0);
    expect(post.is_delete).toBe(false);
    expect(post.digg_count).toBe(165539);
    expect(post.comment_count).toBe(7343);
    expect(post.collect_count).toBe(3799);
    expect(post.share_count).toBe(23537);
    // no video_control in this capture
    expect(post.allow_douplus).toBeNull();
    expect(post.download_setting).toBeNull();
  });

  it('keeps 64-bit ids exact (comment_gid and music.id are bare JSON numbers above 2^53)', () => {
    expect(at(raw, 'aweme_detail', 'comment_gid')).toBe(7071967230287744267n);
    expect(post.comment_gid).toBe('7071967230287744267');
    expect(at(raw, 'aweme_detail', 'music', 'id')).toBe(7049808807056149285n);
    expect(post.music_id).toBe('7049808807056149285');
    expect(post.music_id).toBe(at(raw, 'aweme_detail', 'music', 'id_str'));
  });

  it('never rounds ids from JSON.parse input: uses the *_str twin, or gives null', () => {
    const plain = new PostDetailFilter(loadFixturePlain('post_detail__1'));
    expect(plain.music_id).toBe('7049808807056149285');
    expect(plain.comment_gid).toBeNull(); // no twin; the rounded number is refused
    expect(plain.aweme_id).toBe('7071967230287744267');
  });

  it('gives the watermark-free play URLs of the first gear and every gear with its quality', () => {
    expect(post.video_play_addr).toHaveLength(4);
    expect(post.video_play_addr[0]).toBe(
      'https://v5-coldi.douyinvod.com/fb233b897397b568a466a9aebe834d76/64ba6dea/video/tos/cn/tos-cn-ve-15-alinc2/765ec3b0e54f4da7ab73889be9103fee/?a=1128&ch=26&cr=3&dr=0&lr=all&cd=0%7C0%7C0%7C3&cv=1&br=486&bt=486&cs=2&ds=3&ft=bvjWJkQQqUWXf_40mo0OW_EklpPiXYhEiMVJEAmEA.CPD-I&mime_type=video_mp4&qs=15&rc=OTY0M2U6Nmg8OzM2NThmOUBpMzdkODk6ZmhkOzMzNGkzM0A0MzYvXzE2NTQxLzY2NDQ0YSNucWIwcjRvbGZgLS1kLTBzcw%3D%3D&l=20230721183704115C8631EBB6BF156092&btag=e00088000&dy_q=1689935825',
    );
    expect(post.video_play_addr[2]).toBe(
      'https://api-play-hl.amemv.com/aweme/v1/play/?video_id=v0300fg10000c8iaoerc77u635eat4q0&line=0&file_id=767c7592932048798e9347bb20916376&sign=0bbfd6701150a78f9255971284413697&is_play_url=1&source=PackSourceEnum_AWEME_DETAIL',
    );
    expect(post.video_bit_rate).toEqual([498449, 448582]);
    expect(post.bit_rate.map((gear) => [gear.gear_name, gear.quality_type, gear.codec, gear.width, gear.height, gear.data_size])).toEqual([
      ['adapt_lowest_720_1', 15, 'h265', 720, 1280, 598825],
      ['adapt_540_1', 28, 'h265', 576, 1024, 538916],
    ]);
    expect(post.bit_rate[1]?.play_addr).toHaveLength(4);
    expect(post.bit_rate[0]?.fps).toBe(30);
    expect(post.bit_rate[0]?.is_bytevc1).toBe(true);
  });

  it('describes video.play_addr (an h264 file not listed in bit_rate) from its url_key', () => {
    expect(post.play_addr).toMatchObject({
      codec: 'h264',
      bit_rate: 822668,
      width: 576,
      height: 1024,
      data_size: 976507,
      url_key: 'v0300fg10000c8iaoerc77u635eat4q0_h264_540p_822668',
    });
    expect(post.play_addr?.play_addr[0]).toMatch(/^https:\/\/v11-coldf\.douyinvod\.com\//);
    const best = selectBitRate([...post.bit_rate, ...(post.play_addr ? [post.play_addr] : [])]);
    expect(best?.gear_name).toBe('adapt_lowest_720_1');
    expect(selectBitRate(post.bit_rate, { codec: 'h264' })).toBeNull();
  });

  it('reads covers and music', () => {
    expect(post.cover).toMatch(/^https:\/\/p6-sign\.douyinpic\.com\/tos-cn-p-0015\/e66ef5f61b074c189520944e8d1f1b1a_1646570719~tplv-dy-360p\.webp\?/);
    expect(post.dynamic_cover).toMatch(/^https:\/\/p3-sign\.douyinpic\.com\/obj\/tos-cn-p-0015\/15eb938bb2ed458aa976844714ba245b_1646570722\?/);
    expect(post.animated_cover).toBeNull();
    expect(post.music_title).toBe('碑海北的浪漫bgm');
    expect(post.music_author).toBe('碑海北');
    expect(post.music_duration).toBe(22);
    expect(post.music_status).toBe(1);
    expect(post.music_play_url).toBe('https://sf86-cdn-tos.douyinstatic.com/obj/ies-music/7049808808016759589.mp3');
    expect(post.music_play_url_list).toEqual([
      'https://sf86-cdn-tos.douyinstatic.com/obj/ies-music/7049808808016759589.mp3',
      'https://sf6-cdn-tos.douyinstatic.com/obj/ies-music/7049808808016759589.mp3',
    ]);
    expect(post.music_owner_id).toBe('72609174662');
    expect(post.music_owner_handle).toBe('z810807031');
    expect(post.is_original_sound).toBe(true);
    expect(post.pgc_author).toBe('五月天'); // matched_pgc_sound.author (F2's pgc_author key is absent)
    expect(post.pgc_music_type).toBe(2);
  });

  it('has no images and no mix on this video', () => {
    expect(post.images).toEqual([]);
    expect(post.images_video).toEqual([]);
    expect(post.image_items).toEqual([]);
    expect(post.mix_id).toBeNull();
    expect(post.hashtag_names).toEqual([]);
  });

  it('toDict returns every property, equal to the getters', () => {
    const dict = post.toDict();
    expect(dict.aweme_id).toBe(post.aweme_id);
    expect(dict.bit_rate).toBe(post.bit_rate);
    expect(Object.keys(dict)).toContain('video_play_addr');
    expect(Object.keys(dict)).toHaveLength(Object.keys(post.record).length);
    expect(post.raw).toBe(raw);
  });
});

describe('PostDetailFilter on post_detail__2 (aweme_detail null + filter_detail)', () => {
  const post = new PostDetailFilter(loadFixture('post_detail__2'));

  it('does not throw and reports why the post is missing', () => {
    expect(post.exists).toBe(false);
    expect(post.api_status_code).toBe(0);
    expect(post.filter_reason).toBe('status_self_see');
    expect(post.filter_detail_msg).toBe('因作品权限或已被删除，无法观看，去看看其他作品吧');
    expect(post.filter_notice).toBe('抱歉，作品不见了');
    expect(post.aweme_id).toBe('7223326284024139065'); // named by filter_detail
  });

  it('leaves every post field empty', () => {
    expect(post.post_type).toBe('unknown');
    expect(post.nickname).toBeNull();
    expect(post.create_time).toBeNull();
    expect(post.video_play_addr).toEqual([]);
    expect(post.bit_rate).toEqual([]);
    expect(post.play_addr).toBeNull();
    expect(post.images).toEqual([]);
    expect(post.music_play_url).toBeNull();
  });
});

describe('PostDetailFilter on an image post with live photos', () => {
  // No real image-post *detail* capture exists (SOURCES.md). Built from the documented shape:
  // $.aweme_detail.images[*].url_list / download_url_list / video.play_addr.url_list (douyin-media.md §3).
  const image = (key: string, withVideo: boolean) => ({
    uri: `tos-cn-i-0813/${key}`,
    width: 1080,
    height: 1440,
    url_list: [`https://p3-pc-sign.douyinpic.com/tos-cn-i-0813/${key}~tplv-dy-aweme-images:q75.webp`, `https://p9-pc-sign.douyinpic.com/tos-cn-i-0813/${key}~tplv-dy-aweme-images:q75.jpeg`],
    download_url_list: [`https://p3-pc-sign.douyinpic.com/tos-cn-i-0813/${key}~tplv-dy-water-v2:x:1080:1440.webp`],
    ...(withVideo
      ? {
          video: {
            duration: 2966,
            width: 1080,
            height: 1440,
            play_addr: { uri: `v0d00fg10000${key}`, url_list: [`https://v26-web.douyinvod.com/${key}/live.mp4`, `https://v3-web.douyinvod.com/${key}/live.mp4`] },
            bit_rate: [{ gear_name: 'normal_1080_0', quality_type: 1, bit_rate: 1500000, is_h265: 0, play_addr: { width: 1080, height: 1440, url_list: [`https://v26-web.douyinvod.com/${key}/gear.mp4`] } }],
          },
        }
      : { video: null }),
  });
  const post = new PostDetailFilter({
    status_code: 0,
    aweme_detail: {
      aweme_id: '7400000000000000001',
      aweme_type: 68,
      media_type: 2,
      desc: '实况 🌅',
      images: [image('a1', true), image('b2', false), image('c3', true)],
      video: { play_addr: { uri: 'https://sf3-cdn-tos.douyinstatic.com/obj/tos-cn-ve-2774/m', url_list: ['https://sf3-cdn-tos.douyinstatic.com/obj/tos-cn-ve-2774/m'] } },
      music: { id: 7400000000000000002n, title: 'bgm', play_url: { url_list: ['https://sf3-cdn-tos.douyinstatic.com/obj/tos-cn-ve-2774/m'] } },
    },
  });

  it('detects the image post and gives every image and every live-photo video', () => {
    expect(post.post_type).toBe('images');
    expect(post.images).toEqual([
      'https://p3-pc-sign.douyinpic.com/tos-cn-i-0813/a1~tplv-dy-aweme-images:q75.webp',
      'https://p3-pc-sign.douyinpic.com/tos-cn-i-0813/b2~tplv-dy-aweme-images:q75.webp',
      'https://p3-pc-sign.douyinpic.com/tos-cn-i-0813/c3~tplv-dy-aweme-images:q75.webp',
    ]);
    expect(post.images_video).toEqual(['https://v26-web.douyinvod.com/a1/live.mp4', 'https://v26-web.douyinvod.com/c3/live.mp4']);
    expect(post.image_items.map((item) => item.live_photo?.play_addr.length ?? 0)).toEqual([2, 0, 2]);
    expect(post.image_items[0]?.live_photo?.bit_rate[0]?.gear_name).toBe('normal_1080_0');
    expect(post.image_items[0]?.live_photo?.duration).toBe(2966);
    expect(post.image_items[2]?.url_list).toHaveLength(2);
    expect(post.image_items[2]?.download_url_list[0]).toContain('tplv-dy-water-v2');
  });

  it('does not mistake the background music for a video', () => {
    expect(post.video_play_addr).toEqual([]);
    expect(post.play_addr).toBeNull();
    expect(post.music_id).toBe('7400000000000000002');
    expect(post.music_play_url).toBe('https://sf3-cdn-tos.douyinstatic.com/obj/tos-cn-ve-2774/m');
  });
});
