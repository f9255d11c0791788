import { describe, expect, it } from 'vitest';
import { walkTs } from './format-walkers.js';
import { headerValue, rawGet, request } from './http-harness.js';
import { at, useLiveRigs } from './live-rig.js';

const rig = useLiveRigs();

function playlistLines(text: string): string[] {
  return text.trim().split('\n');
}

describe('EmulatedLiveStream over HLS', () => {
  it('rolls the playlist window and 404s segments that left it', async () => {
    const r = await rig({ segmentMs: 1000, playlistSize: 3 });
    let res = await request(`${r.server.url}/index.m3u8`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(playlistLines(res.body.toString())).toEqual(['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:1', '#EXT-X-MEDIA-SEQUENCE:0']);

    at(r, 2500);
    res = await request(`${r.server.url}/index.m3u8`);
    expect(playlistLines(res.body.toString()).slice(3)).toEqual(['#EXT-X-MEDIA-SEQUENCE:0', '#EXTINF:1.000,', '0.ts', '#EXTINF:1.000,', '1.ts']);

    at(r, 5000);
    res = await request(`${r.server.url}/index.m3u8`);
    expect(playlistLines(res.body.toString()).slice(3)).toEqual([
      '#EXT-X-MEDIA-SEQUENCE:2',
      '#EXTINF:1.000,',
      '2.ts',
      '#EXTINF:1.000,',
      '3.ts',
      '#EXTINF:1.000,',
      '4.ts',
    ]);
    expect((await request(`${r.server.url}/1.ts`)).status).toBe(404);
    expect((await request(`${r.server.url}/5.ts`)).status).toBe(404);

    const segment = await request(`${r.server.url}/2.ts`);
    expect(segment.status).toBe(200);
    expect(segment.headers['content-type']).toBe('video/mp2t');
    expect(segment.body.equals(r.stream.segment(2))).toBe(true);
    expect(segment.body.length % 188).toBe(0);
    const counts = walkTs(segment.body);
    expect(counts.get(0)).toBe(1);
    expect(counts.get(0x1000)).toBe(1);
    expect(counts.get(0x100)).toBe(25 * Math.ceil(10_000 / 184));
    // The first PES starts at 2 s: PTS 180 000 on the 90 kHz clock.
    const pes = segment.body.subarray(376 + 4);
    expect([...pes.subarray(0, 4)]).toEqual([0, 0, 1, 0xe0]);
    const p = pes.subarray(9, 14);
    expect(((p[0]! >> 1) & 7) * 2 ** 30 + ((p[1]! << 22) | ((p[2]! >> 1) << 15) | (p[3]! << 7) | (p[4]! >> 1))).toBe(180_000);

    at(r, 6000);
    expect((await request(`${r.server.url}/2.ts`)).status).toBe(404);
  });

  it('end(): the playlist gets the last partial segment and EXT-X-ENDLIST', async () => {
    const r = await rig({ segmentMs: 1000, playlistSize: 5 });
    at(r, 1500);
    r.stream.end();
    at(r, 9000);
    const text = (await request(`${r.server.url}/index.m3u8`)).body.toString();
    expect(playlistLines(text).slice(4)).toEqual(['#EXTINF:1.000,', '0.ts', '#EXTINF:0.520,', '1.ts', '#EXT-X-ENDLIST']);
    expect((await request(`${r.server.url}/1.ts`)).status).toBe(200);
  });

  it('serves segments and playlists with body faults, for the core to script', async () => {
    const r = await rig({ segmentMs: 1000 });
    at(r, 1000);
    const full = r.stream.segment(0);
    const cut = await rawGet(r.server.port, '/0.ts?truncate=1000');
    expect(headerValue(cut.head, 'content-length')).toBe(String(full.length));
    expect(cut.ending).toBe('end');
    expect(cut.body.equals(full.subarray(0, 1000))).toBe(true);
    const head = await request(`${r.server.url}/index.m3u8`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });
});
