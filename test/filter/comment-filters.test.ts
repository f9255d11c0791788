import { describe, expect, it } from 'vitest';
import { PostCommentFilter, PostCommentReplyFilter } from '../../src/filter/index.js';
import { loadFixture } from './fixtures.js';

describe('PostCommentFilter on comment_list__1 (20 comments)', () => {
  const page = new PostCommentFilter(loadFixture('comment_list__1'));

  it('reads the page fields', () => {
    expect(page.api_status_code).toBe(0);
    expect(page.has_more).toBe(true);
    expect(page.cursor).toBe(20);
    expect(page.total).toBe(3296);
  });

  it('gives one record per comment with exact ids and text', () => {
    expect(page.items).toHaveLength(20);
    expect(page.comment_id).toHaveLength(20);
    expect(page.comment_id[0]).toBe('7603286382429717282');
    expect(page.comment_id[19]).toBe('7602996963248800512');
    expect(new Set(page.aweme_id)).toEqual(new Set(['7565738211130035491']));
    expect(page.comment_text[2]?.startsWith('[流泪][流泪][哭哭]')).toBe(true);
    expect(page.nickname[17]).toBe('萱妈妈🎤（首播筹备中）');
    expect(page.nickname_raw[17]).toBe('萱妈妈🎤（首播筹备中）');
    expect(page.user_id[0]).toBe('1789644184760174');
    expect(page.reply_id.every((value) => value === '0')).toBe(true);
    expect(page.reply_comment_total.slice(0, 4)).toEqual([0, 0, 2, 24]);
    expect(page.item_comment_total[0]).toBe(3296);
  });

  it('reads one comment completely', () => {
    const comment = page.toList()[3];
    expect(comment).toMatchObject({
      comment_id: '7594442679767089957',
      create_time: 1768218979,
      digg_count: 3,
      is_hot: true,
      can_share: true,
      ip_label: '陕西',
      nickname: '@RR@',
      sec_uid: 'MS4wLjABAAAAAKHHEFg8W7oS0DS_sowW3XlIx0LNbibQCkc0_RM1HLc',
      user_unique_id: '',
      reply_comment_total: 24,
      reply_comment_id: null,
      reply_comment_text: null,
    });
    expect(comment?.comment_images).toHaveLength(1);
  });

  it('gives the original-size picture of image comments', () => {
    expect(page.comment_images.filter((images) => images.length > 0)).toHaveLength(2);
    expect(page.comment_images[1]).toEqual([
      'https://p3-sign.douyinpic.com/tos-cn-i-p14lwwcsbr/c12f8605ad2e482fb71a3736991e50d4~tplv-p14lwwcsbr-7.image?lk3s=7b078dd2&x-expires=1770307200&x-signature=xa%2FUyyP3IeS4l7jNd%2Fc44cUMvuQ%3D&from=2064092626&se=false&sc=image&biz_tag=aweme_comment&l=20260205182046764A47D1A6E72859AFF1',
    ]);
    expect(page.comment_text[1]).toBe('');
  });
});

describe('PostCommentReplyFilter', () => {
  it('reads replies and the embedded reply_comment[0]', () => {
    // No capture of /comment/list/reply/ (SOURCES.md); built from the documented paths.
    const page = new PostCommentReplyFilter({
      status_code: 0,
      cursor: 3,
      has_more: 0,
      total: 3,
      comments: [
        {
          cid: '7603300000000000001',
          text: '同感 😂',
          create_time: 1770280000,
          digg_count: 5,
          reply_id: '7594442679767089957',
          reply_to_reply_id: '7603300000000000000',
          reply_comment: [{ cid: '7603300000000000000', text: '上一条 🙏' }],
          user: { uid: '42', nickname: '路人甲', sec_uid: 'MS4wLjABAAAAx' },
        },
      ],
    });
    expect(page.has_more).toBe(false);
    expect(page.cursor).toBe(3);
    expect(page.comment_id).toEqual(['7603300000000000001']);
    expect(page.comment_text).toEqual(['同感 😂']);
    expect(page.reply_id).toEqual(['7594442679767089957']);
    expect(page.reply_to_reply_id).toEqual(['7603300000000000000']);
    expect(page.reply_comment_id).toEqual(['7603300000000000000']);
    expect(page.reply_comment_text).toEqual(['上一条 🙏']);
    expect(page.comment_images).toEqual([[]]);
  });
});
