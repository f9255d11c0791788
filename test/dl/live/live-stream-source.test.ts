import { describe, expect, it } from 'vitest';
import { selectLiveStream, streamUrlTables } from '../../../src/dl/live/index.js';
import { UserLive2Filter, UserLiveFilter } from '../../../src/filter/live-room-filters.js';

const flv = (q: string) => `http://pull-flv.example.com/stage/stream-1_${q}.flv?expire=1`;
const hls = (q: string) => `http://pull-hls.example.com/stage/stream-1_${q}/index.m3u8?expire=1`;

/** web/enter's shape (`$.data.data[0]`), as the filters read it. */
const enter = {
  status_code: 0,
  data: {
    data: [
      {
        id_str: '7300000000000000001',
        status: 2,
        stream_url: {
          flv_pull_url: { FULL_HD1: flv('uhd'), HD1: flv('hd'), SD1: flv('ld'), SD2: flv('sd') },
          hls_pull_url_map: { FULL_HD1: hls('uhd'), HD1: hls('hd'), SD1: hls('ld'), SD2: hls('sd') },
          hls_pull_url: hls('hd'),
          default_resolution: 'HD1',
          live_core_sdk_data: {
            pull_data: {
              stream_data: JSON.stringify({
                data: {
                  origin: { main: { flv: flv('or4'), hls: hls('or4') } },
                  ao: { main: { flv: `${flv('ao')}&only_audio=1`, hls: '' } },
                },
              }),
            },
          },
        },
      },
    ],
  },
};

describe('selectLiveStream', () => {
  it('takes the best quality by default, from the filters as they are', () => {
    const filter = new UserLiveFilter(enter);
    expect(selectLiveStream(filter)).toEqual({ protocol: 'flv', quality: 'ORIGIN', url: flv('or4') }); // stream_data read from `raw`
    expect(selectLiveStream(filter.toDict())).toEqual({ protocol: 'flv', quality: 'FULL_HD1', url: flv('uhd') });
    expect(selectLiveStream(filter.toDict(), { protocol: 'hls' })).toEqual({ protocol: 'hls', quality: 'FULL_HD1', url: hls('uhd') });
    expect(selectLiveStream(filter, { quality: 'AUDIO' }).url).toBe(`${flv('ao')}&only_audio=1`);
  });

  it('honours an asked quality, falling to the nearest lower one, then higher (SD2 高清 above SD1 标清)', () => {
    const source = { flv_pull_url: { FULL_HD1: flv('uhd'), SD1: flv('ld'), SD2: flv('sd') } };
    expect(selectLiveStream(source, { quality: 'SD2' }).url).toBe(flv('sd'));
    expect(selectLiveStream(source, { quality: 'HD1' })).toMatchObject({ quality: 'SD2' });
    expect(selectLiveStream({ flv_pull_url: { FULL_HD1: flv('uhd') } }, { quality: 'SD1' })).toMatchObject({ quality: 'FULL_HD1' });
    expect(selectLiveStream(source, { quality: ['SD1', 'SD2'] })).toMatchObject({ quality: 'SD1' });
    expect(() => selectLiveStream(source, { quality: ['HD1'] })).toThrow(expect.objectContaining({ code: 'ERR_LIVE_OFFLINE' }));
    expect(() => selectLiveStream(source, { quality: 'BLUE' as never })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTION', key: 'quality' }));
    expect(() => selectLiveStream(source, { protocol: 'rtmp' as never })).toThrow(expect.objectContaining({ key: 'protocol' }));
  });

  it("reads reflow/info's names and the single default m3u8", () => {
    const reflow = new UserLive2Filter({ data: { room: { status: 2, stream_url: { flv_pull_url: { HD1: flv('hd') }, hls_pull_url_map: { SD1: hls('ld') } } } } });
    expect(selectLiveStream(reflow, { protocol: 'hls' })).toEqual({ protocol: 'hls', quality: 'SD1', url: hls('ld') });
    expect(streamUrlTables({ hls_pull_url: hls('hd'), default_resolution: 'HD1' }).hls).toEqual({ HD1: hls('hd') });
    expect(() => selectLiveStream({ flv_pull_url: null })).toThrow(expect.objectContaining({ code: 'ERR_LIVE_OFFLINE' }));
  });
});
