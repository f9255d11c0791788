import { describe, expect, it } from 'vitest';
import { detectPostType, selectBitRate, toAwemeRecord, type VideoBitRate } from '../../src/filter/index.js';

function gear(overrides: Partial<VideoBitRate>): VideoBitRate {
  return {
    gear_name: null,
    quality_type: null,
    bit_rate: null,
    codec: 'h264',
    is_h265: false,
    is_bytevc1: false,
    format: null,
    fps: null,
    width: null,
    height: null,
    data_size: null,
    file_hash: null,
    url_key: null,
    uri: null,
    play_addr: ['https://v3-web.douyinvod.com/x'],
    ...overrides,
  };
}

describe('detectPostType', () => {
  it('uses aweme_type first (F2 dl.py lists), then media_type, then the media present', () => {
    for (const type of [0, 4, 55, 61, 109, 201]) expect(detectPostType({ aweme_type: type })).toBe('video');
    expect(detectPostType({ aweme_type: 68 })).toBe('images');
    expect(detectPostType({ aweme_type: 68, video: { play_addr: { url_list: ['https://sf3-cdn-tos.douyinstatic.com/obj/music'] } } })).toBe('images');
    expect(detectPostType({ aweme_type: 999, media_type: 2 })).toBe('images');
    expect(detectPostType({ aweme_type: 999, media_type: 4 })).toBe('video');
    expect(detectPostType({ images: [{ url_list: ['https://p3/x'] }] })).toBe('images');
    expect(detectPostType({ video: { bit_rate: [{}] } })).toBe('video');
    expect(detectPostType({})).toBe('unknown');
  });
});

describe('bit-rate variants', () => {
  it('reads codec from is_h265 / is_bytevc1, else from the url_key, and format when sent', () => {
    const record = toAwemeRecord({
      aweme_type: 0,
      video: {
        bit_rate: [
          { gear_name: 'adapt_2160_1', is_h265: 1, format: 'mp4', bit_rate: 9000000, play_addr: { width: 2160, height: 3840, url_list: ['https://a/1'] } },
          { gear_name: 'normal_1080_0', play_addr: { url_key: 'v0_h264_1080p_2000000', width: 1080, height: 1920, url_list: ['https://a/2'] } },
          { gear_name: 'dash_720', format: 'dash', play_addr: { url_key: 'v0_bytevc1_720p_800000', url_list: [] } },
        ],
      },
    });
    expect(record.bit_rate.map((g) => [g.gear_name, g.codec, g.format])).toEqual([
      ['adapt_2160_1', 'h265', 'mp4'],
      ['normal_1080_0', 'h264', null],
      ['dash_720', 'h265', 'dash'],
    ]);
    expect(record.video_play_addr).toEqual(['https://a/1']);
    expect(record.video_bit_rate).toEqual([9000000, 2000000, 800000]); // from the url_key when bit_rate is absent
  });
});

describe('selectBitRate', () => {
  const uhd = gear({ gear_name: 'adapt_2160', codec: 'h265', width: 2160, height: 3840, bit_rate: 9_000_000 });
  const fhd = gear({ gear_name: 'normal_1080', width: 1080, height: 1920, bit_rate: 2_000_000 });
  const fhdHevc = gear({ gear_name: 'adapt_1080', codec: 'h265', width: 1080, height: 1920, bit_rate: 2_000_000 });
  const hd = gear({ gear_name: 'normal_720', width: 720, height: 1280, bit_rate: 3_000_000 });
  const empty = gear({ gear_name: 'no_urls', width: 4320, height: 7680, play_addr: [] });

  it('prefers the largest frame, then the higher bit rate, then h264', () => {
    expect(selectBitRate([hd, fhd, uhd, empty])?.gear_name).toBe('adapt_2160');
    expect(selectBitRate([fhdHevc, fhd])?.gear_name).toBe('normal_1080');
    expect(selectBitRate([fhd, fhdHevc])?.gear_name).toBe('normal_1080');
  });

  it('honours codec and size limits, and gives null when nothing fits', () => {
    expect(selectBitRate([hd, fhd, uhd], { codec: 'h264' })?.gear_name).toBe('normal_1080');
    expect(selectBitRate([hd, fhd, uhd], { maxShortSide: 720 })?.gear_name).toBe('normal_720');
    expect(selectBitRate([uhd], { codec: 'h264' })).toBeNull();
    expect(selectBitRate([])).toBeNull();
  });
});
