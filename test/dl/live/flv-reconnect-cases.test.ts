import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LiveRecorder } from '../../../src/dl/live/index.js';
import { flvFileHeader, flvTag, onMetaData } from '../../../src/emulator/media/formats/flv-tags.js';
import { startServer, useLiveRigs, walkFlv } from './live-test-rig.js';

const { tmpRoot } = useLiveRigs();

function avcConfig(profile: number): Buffer {
  return Buffer.from([0x17, 0x00, 0, 0, 0, 0x01, profile, 0x00, 0x1f, 0xff, 0xe1, 0x00, 0x04, 0x67, profile, 0x00, 0x1f, 0x01, 0x00, 0x02, 0x68, 0xeb]);
}

function preamble(profile: number): Buffer {
  return Buffer.concat([
    flvFileHeader(),
    flvTag(18, 0, onMetaData({ width: 720, height: 1280, videocodecid: 7, audiocodecid: 10 })),
    flvTag(9, 0, avcConfig(profile)),
    flvTag(8, 0, Buffer.from([0xaf, 0x00, 0x12, 0x10])),
  ]);
}

/** Video + audio tags at 40 ms steps over [fromMs, toMs], a key frame every 1000 ms. */
function media(fromMs: number, toMs: number, mark: number): Buffer {
  const tags: Buffer[] = [];
  for (let t = fromMs; t <= toMs; t += 40) {
    tags.push(flvTag(9, t, Buffer.from([t % 1000 === 0 ? 0x17 : 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, mark, t & 0xff])));
    tags.push(flvTag(8, t, Buffer.from([0xaf, 0x01, mark, t & 0xff])));
  }
  return Buffer.concat(tags);
}

describe('LiveRecorder FLV reconnect cases', () => {
  it('skips media a new connection repeats, starts a new file on a codec change or a timestamp restart', async () => {
    const script = [
      Buffer.concat([preamble(0x64), media(0, 1000, 1)]),
      Buffer.concat([preamble(0x64), media(600, 1000, 1), media(1040, 2000, 2)]), // repeats 600..1000 (the CDN's GOP cache)
      Buffer.concat([preamble(0x4d), media(2040, 3000, 3)]), // the encoder restarted with another profile
      Buffer.concat([preamble(0x4d), media(0, 1000, 4)]), // timestamps start again at 0
    ];
    let served = 0;
    const server = await startServer((_req, res) => {
      const body = script[served++];
      if (!body) return void res.writeHead(404, { 'Content-Length': '0' }).end();
      res.writeHead(200, { 'Content-Type': 'video/x-flv' });
      res.end(body);
    });
    const root = await tmpRoot();
    try {
      const recorder = new LiveRecorder({
        source: { flv_pull_url: { HD1: `${server.url}/live.flv` } },
        isLive: async () => served < script.length,
        root,
        stallTimeoutMs: 2000,
        reconnect: { minDelayMs: 5, maxDelayMs: 10 },
      });
      const result = await recorder.start();
      expect(result.endedBy).toBe('ended');
      expect(result.files).toHaveLength(3);
      const files = await Promise.all(result.files.map((f) => readFile(f.path)));
      const tags = files.map((b) => walkFlv(b).tags);

      // File 1: connection 1, then connection 2 from 1040 on (600..1000 skipped), one config.
      expect(files[0]!.subarray(0, preamble(0x64).length).equals(preamble(0x64))).toBe(true);
      const first = tags[0]!.slice(3);
      expect(first.map((t) => t.timestampMs)).toEqual(Array.from({ length: 51 * 2 }, (_, i) => Math.floor(i / 2) * 40));
      expect(first.filter((t) => t.type === 9).map((t) => files[0]![t.offset + 11 + 10])).toEqual([...Array(26).fill(1), ...Array(25).fill(2)]);
      // File 2: the new codec config, then connection 3's media.
      expect(files[1]!.subarray(0, preamble(0x4d).length).equals(preamble(0x4d))).toBe(true);
      expect(tags[1]!.slice(3)[0]!.timestampMs).toBe(2040);
      // File 3: timestamps from 0 again, in a file of their own.
      expect(files[2]!.subarray(0, preamble(0x4d).length).equals(preamble(0x4d))).toBe(true);
      expect(tags[2]!.slice(3).map((t) => t.timestampMs).slice(0, 4)).toEqual([0, 0, 40, 40]);

      // No media missing between 1 and 2 or 2 and 3; the restart is reported without timestamps.
      expect(result.gaps).toHaveLength(1);
      expect(result.gaps[0]).toMatchObject({ reason: 'reconnect', segmentIndex: 3 });
      expect(result.gaps[0]!.fromTimestampMs).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
