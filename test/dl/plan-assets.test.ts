import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_BYTES, planMusicAssets, planPostAssets } from '../../src/dl/index.js';
import { toAwemeRecord, type AwemeRecord } from '../../src/filter/aweme-record.js';
import type { MusicCollectionItem } from '../../src/filter/collection-filters.js';
import { utf8Length } from '../../src/utils/safe-filename.js';
import { at, loadFixture } from '../filter/fixtures.js';

const fixturePost = (name: string, ...path: (string | number)[]): AwemeRecord => toAwemeRecord(at(loadFixture(name), ...path) as never);
const videoPost = () => fixturePost('user_post__1', 'aweme_list', 0);
const imagePost = () => fixturePost('user_post__2', 'aweme_list', 0);
const h265Post = () => fixturePost('post_detail__1', 'aweme_detail');

const url = (host: string, name: string) => ({ url_list: [`https://${host}/${name}?x-expires=1`], uri: name });

function livePhotoPost(): AwemeRecord {
  const image = (i: number, live: boolean) => ({
    uri: `img${i}`,
    width: 1080,
    height: 1440,
    url_list: [`https://p3.example/img${i}~tplv-dy-aweme-images:q75.webp?s=1`, `https://p9.example/img${i}~tplv-dy-aweme-images:q75.webp?s=1`, `https://p3.example/img${i}~tplv-dy-aweme-images:q75.jpeg?s=1`],
    ...(live
      ? {
          video: {
            play_addr: { ...url('v3.example', `live${i}.mp4`), width: 720, height: 960 },
            bit_rate: [{ gear_name: 'adapt_1080_0', bit_rate: 3_000_000, is_h265: 0, play_addr: { ...url('v5.example', `live${i}-1080`), width: 1080, height: 1440, data_size: 900_000 } }],
          },
        }
      : {}),
  });
  return toAwemeRecord({
    aweme_id: '7300000000000000001',
    aweme_type: 68,
    create_time: 1_700_000_000,
    desc: '实况 🌸',
    author: { sec_uid: 'sec', nickname: '作者', uid: '1' },
    images: [image(1, true), image(2, false), image(3, true)],
    music: { status: 0, play_url: url('sf.example', 'm.mp3') },
    video: { animated_cover: url('p.example', 'anim.webp'), cover: url('p.example', 'cover.jpeg') },
  });
}

describe('planPostAssets', () => {
  it("plans a video post with F2's names and the largest encoding, saying why", () => {
    const plan = planPostAssets(videoPost());
    expect(plan.assets).toHaveLength(1);
    const [video] = plan.assets;
    expect(video).toMatchObject({
      key: '7253290037918354691:video',
      kind: 'video',
      expect: ['mp4'],
      folders: [],
      fileName: '2023-07-08 12-00-18_飞行员跳伞进山寨，哪知道白捡了个寨主当 #电影冰雪狙击2 #冰雪狙击2老戏骨飙戏_video.mp4',
      quality: { source: 'normal_1080_0', width: 1728, height: 1080, codec: 'h264' },
    });
    expect(video!.urls).toEqual(videoPost().bit_rate[0]!.play_addr);
    expect(video!.reason).toContain('largest frame');
  });

  it('applies max height, max size and codec preference', () => {
    const capped = planPostAssets(videoPost(), { quality: { maxHeight: 720 } }).assets[0]!;
    expect(capped.quality).toMatchObject({ source: 'normal_720_0', height: 720 });
    expect(capped.reason).toContain('above 720p');

    const small = planPostAssets(videoPost(), { quality: { maxBytes: 10_000_000 } }).assets[0]!;
    expect(small.quality!.source).toBe('lower_540_0');

    const noH265 = planPostAssets(videoPost(), { quality: { codec: 'h265' } }).assets[0]!;
    expect(noH265.quality!.codec).toBe('h264');
    expect(noH265.reason).toContain('no h265 encoding');

    // post_detail__1: the gears are h265; play_addr is an h264 540p file.
    expect(planPostAssets(h265Post()).assets[0]!.quality).toMatchObject({ source: 'adapt_lowest_720_1', codec: 'h265' });
    const h264 = planPostAssets(h265Post(), { quality: { codec: 'h264' } }).assets[0]!;
    expect(h264.quality).toMatchObject({ source: 'play_addr', codec: 'h264', height: 1024 });
    expect(h264.reason).toContain('best h264');

    const impossible = planPostAssets(videoPost(), { quality: { maxHeight: 100 } }).assets[0]!;
    expect(impossible.quality!.source).toBe('lower_540_0');
    expect(impossible.reason).toContain('no encoding meets the limits');
  });

  it('gives every image of an image post, plus music, cover and description when asked', () => {
    const plan = planPostAssets(imagePost(), { music: true, cover: true, desc: true, folderize: true });
    expect(plan.assets.map((a) => `${a.kind}:${a.index}`)).toEqual(['image:1', 'image:2', 'image:3', 'music:0', 'cover:0', 'desc:0']);
    const stem = '2023-05-13 19-23-49_辣妹统治世界٩(˃̶͈̀௰˂̶͈́)و。#ootd穿搭 #氛围感 #女友穿搭#辣妹穿搭 #生活碎片';
    for (const a of plan.assets) expect(a.folders).toEqual([stem]);
    expect(plan.assets.map((a) => a.fileName.slice(stem.length))).toEqual(['_image_1.webp', '_image_2.webp', '_image_3.webp', '_music.mp3', '_cover.jpeg', '_desc.txt']);
    expect(plan.assets[0]!.urls.every((u) => u.includes('.webp'))).toBe(true);
    expect(plan.assets[5]!.content).toBe(imagePost().desc_raw);
    expect(plan.notes).toContain('no animated cover; static cover instead');
  });

  it('pairs live-photo videos with their image by index and prefers the animated cover', () => {
    const plan = planPostAssets(livePhotoPost(), { cover: true, music: true });
    expect(plan.assets.map((a) => a.key.split(':').slice(1).join(':'))).toEqual(['image:1', 'live_photo:1', 'image:2', 'image:3', 'live_photo:3', 'cover']);
    const live = plan.assets[1]!;
    expect(live.fileName).toBe('2023-11-15 06-13-20_实况 🌸_live_1.mp4');
    expect(live.quality).toMatchObject({ source: 'adapt_1080_0', width: 1080 });
    expect(live.urls).toEqual(['https://v5.example/live1-1080?x-expires=1']);
    expect(plan.assets[0]!.urls).toHaveLength(2);
    expect(plan.assets[5]).toMatchObject({ fileName: '2023-11-15 06-13-20_实况 🌸_cover.webp', expect: ['webp'], reason: 'animated_cover (animated WebP, 1 mirror)' });
    expect(plan.notes).toContain('music unusable (music_status 0)');
  });

  it('skips what F2 would not download', () => {
    const prohibited = toAwemeRecord({ aweme_id: '1', status: { is_prohibited: true }, video: { play_addr: url('v', 'x') } });
    expect(planPostAssets(prohibited)).toMatchObject({ assets: [], skipped: expect.stringContaining('prohibited') });
    const hidden = toAwemeRecord({ aweme_id: '2', status: { private_status: 3 }, video: { play_addr: url('v', 'x') } });
    expect(planPostAssets(hidden).skipped).toContain('private_status=3');
    expect(planPostAssets(toAwemeRecord({ aweme_id: '3', aweme_type: 0 })).skipped).toContain('no video URL');
  });

  it('keeps hostile text inside one safe component with its suffix, and honours template folders', () => {
    const record = toAwemeRecord({
      aweme_id: '9',
      aweme_type: 0,
      create_time: 1_700_000_000,
      desc: `../../etc/passwd\u0000 CON ${'长'.repeat(300)} 😀`,
      author: { nickname: '../..', uid: '7' },
      video: { play_addr: url('v', 'x') },
    });
    const plan = planPostAssets(record, { naming: '{nickname}/{create}_{desc}', desc: true });
    for (const a of plan.assets) {
      expect(utf8Length(a.fileName)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(a.fileName).not.toMatch(/[/\\\u0000]/);
      for (const f of a.folders) expect(f).not.toMatch(/^\.\.?$|[/\\]/);
    }
    expect(plan.assets[0]!.fileName.endsWith('_video.mp4')).toBe(true);
    expect(plan.assets[1]!.fileName.endsWith('_desc.txt')).toBe(true);
    expect(plan.assets[0]!.fileName).toContain('长长长');
  });
});

describe('planMusicAssets', () => {
  it('plans the music and its lyrics as LRC, named by title', () => {
    const item = { music_id: '6999', title: '夜曲 🎵', title_raw: '夜曲 🎵', play_url_list: ['https://sf.example/a.mp3', 'https://sf2.example/a.mp3'], lyric_url: 'https://sf.example/lyric.json', lyric_type: 10 } as MusicCollectionItem;
    const plan = planMusicAssets(item, { folderize: true });
    expect(plan.assets.map((a) => [a.key, a.fileName, a.folders, a.expect])).toEqual([
      ['6999:music', '夜曲 🎵_music.mp3', ['夜曲 🎵'], ['mp3']],
      ['6999:lyric', '夜曲 🎵_lyric.lrc', ['夜曲 🎵'], ['lrc']],
    ]);
    expect(plan.assets[1]!.transform).toBe('lrc');
    expect(planMusicAssets(item, { lyric: false }).assets).toHaveLength(1);
  });
});
