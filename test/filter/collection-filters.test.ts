import { describe, expect, it } from 'vitest';
import { UserCollectsFilter, UserMusicCollectionFilter } from '../../src/filter/index.js';
import { parseJson } from '../../src/utils/json.js';

// Neither endpoint has a capture (SOURCES.md, login cookie needed); bodies follow the documented
// paths ($.collects_list[*] and $.mc_list[*]). collects_id is a 64-bit number with a *_str twin.
describe('UserCollectsFilter', () => {
  const collects = new UserCollectsFilter(
    parseJson(
      '{"status_code":0,"cursor":2,"has_more":false,"total_number":2,"collects_list":[' +
        '{"app_id":1128,"collects_id":7239750000000000001,"collects_id_str":"7239750000000000001","collects_name":"旅行 ✈️","create_time":1685000000,"last_collect_time":1686000000,"total_number":12,"is_normal_status":true,"item_type":2,"user_id":101881718376,"collects_cover":{"url_list":["https://p3-sign.douyinpic.com/obj/cover-a"]},"user_info":{"uid":"101881718376","nickname":"老司机摄影器材"}},' +
        '{"collects_id":7239750000000000002,"collects_name":"美食","total_number":0}]}',
    ),
  );

  it('reads page fields (max_cursor from $.cursor)', () => {
    expect(collects.status_code).toBe(0);
    expect(collects.max_cursor).toBe(2);
    expect(collects.has_more).toBe(false);
    expect(collects.collects_total_number).toBe(2);
  });

  it('reads folders with exact ids', () => {
    expect(collects.collects_id).toEqual(['7239750000000000001', '7239750000000000002']);
    expect(collects.collects_name).toEqual(['旅行 ✈️', '美食']);
    expect(collects.total_number).toEqual([12, 0]);
    expect(collects.user_id).toEqual(['101881718376', null]);
    expect(collects.nickname).toEqual(['老司机摄影器材', null]);
    expect(collects.collects_cover).toEqual(['https://p3-sign.douyinpic.com/obj/cover-a', null]);
    expect(collects.is_normal_status).toEqual([true, null]);
    expect(collects.last_collect_time).toEqual([1686000000, null]);
  });
});

describe('UserMusicCollectionFilter', () => {
  const music = new UserMusicCollectionFilter(
    parseJson(
      '{"status_code":0,"msg":"","cursor":20,"has_more":1,"mc_list":[{"id":7049808807056149285,"id_str":"7049808807056149285","mid":"7049808807056149285","title":"碑海北的浪漫bgm","author":"碑海北","album":"","duration":22,"audition_duration":22,"collect_stat":1,"music_status":1,"is_original_sound":true,"owner_id":"72609174662","owner_nickname":"碑海北","sec_uid":"MS4wLjABAAAArB7A1MV09AIHOoj2P42i1n-fC7WW4MCxoMZ6W2hlD_I","play_url":{"url_list":["https://sf86-cdn-tos.douyinstatic.com/obj/ies-music/7049808808016759589.mp3","https://sf6-cdn-tos.douyinstatic.com/obj/ies-music/7049808808016759589.mp3"]},"cover_hd":{"url_list":["https://p3.douyinpic.com/aweme/1080x1080/cover.jpeg"]},"lyric_url":"https://sf3-cdn-tos.douyinstatic.com/obj/lyric.lrc"}]}',
    ),
  );

  it('reads page fields', () => {
    expect(music.max_cursor).toBe(20);
    expect(music.has_more).toBe(true);
    expect(music.msg).toBe('');
  });

  it('reads each track with all play mirrors', () => {
    expect(music.music_id).toEqual(['7049808807056149285']);
    expect(music.title).toEqual(['碑海北的浪漫bgm']);
    expect(music.author).toEqual(['碑海北']);
    expect(music.duration).toEqual([22]);
    expect(music.collect_status).toEqual([1]);
    expect(music.play_url).toEqual(['https://sf86-cdn-tos.douyinstatic.com/obj/ies-music/7049808808016759589.mp3']);
    expect(music.play_url_list[0]).toHaveLength(2);
    expect(music.lyric_url).toEqual(['https://sf3-cdn-tos.douyinstatic.com/obj/lyric.lrc']);
    expect(music.cover_hd).toEqual(['https://p3.douyinpic.com/aweme/1080x1080/cover.jpeg']);
    expect(music.strong_beat_url).toEqual([null]);
  });
});
