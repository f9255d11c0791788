import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LiveRecorder } from '../../../src/dl/live/index.js';
import { at, listFiles, sha256, useLiveRigs, waitFor } from './live-test-rig.js';

const { rig, tmpRoot } = useLiveRigs();

/** Asserts MPEG-TS framing: whole 188-byte packets, each starting with 0x47; returns the PIDs of the first two. */
function checkTs(bytes: Buffer): number[] {
  expect(bytes.length % 188).toBe(0);
  for (let at = 0; at < bytes.length; at += 188) if (bytes[at] !== 0x47) throw new Error(`no sync byte at ${at}`);
  return [0, 188].map((at) => ((bytes[at + 1]! & 0x1f) << 8) | bytes[at + 2]!);
}

describe('LiveRecorder over HLS', () => {
  it('fetches each segment once and in order, reports what rolled out of the window, cuts between segments', async () => {
    const r = await rig({ bitrateBps: 400_000, segmentMs: 1000, playlistSize: 3 });
    const root = await tmpRoot();
    const recorder = new LiveRecorder({
      source: { hls_pull_url_map: { HD1: r.hlsUrl } },
      protocol: 'hls',
      isLive: async () => !r.stream.ended,
      root,
      fileName: 'hls',
      stallTimeoutMs: 5000,
      hls: { playlistIntervalMs: 10 },
      segment: { maxDurationMs: 2000 },
    });
    const gaps: unknown[] = [];
    recorder.on('gap', (g) => void gaps.push(g));
    const done = recorder.start();
    const sizeOf = (from: number, to: number) => {
      let n = 0;
      for (let s = from; s < to; s++) n += r.stream.segment(s).length;
      return n;
    };

    at(r, 3000); // segments 0, 1, 2 complete
    await waitFor('segments 0-2', () => recorder.stats.mediaBytes === sizeOf(0, 3));
    at(r, 10_000); // window is now 7, 8, 9: 3-6 rolled out unseen
    await waitFor('segments 7-9', () => recorder.stats.mediaBytes === sizeOf(0, 3) + sizeOf(7, 10));
    at(r, 10_500);
    r.stream.end(); // the playlist gets EXT-X-ENDLIST with the partial segment 10
    const result = await done;

    expect(result.endedBy).toBe('ended');
    expect(result.protocol).toBe('hls');
    expect(result.gaps).toEqual([expect.objectContaining({ protocol: 'hls', reason: 'window', fromSequence: 3, toSequence: 7 })]);
    expect(gaps).toEqual(result.gaps);

    const segmentRequests = r.hits.filter((p) => p.endsWith('.ts'));
    expect(segmentRequests).toEqual(['/0.ts', '/1.ts', '/2.ts', '/7.ts', '/8.ts', '/9.ts', '/10.ts']);
    const expected = Buffer.concat([0, 1, 2, 7, 8, 9, 10].map((n) => r.stream.segment(n)));
    const files = await Promise.all(result.files.map((f) => readFile(f.path)));
    expect(sha256(Buffer.concat(files))).toBe(sha256(expected));
    expect(result.files.map((f) => f.path.endsWith('.ts'))).toEqual(result.files.map(() => true));
    // 2000 ms per file: two 1000 ms segments each (the last holds the 520 ms tail), every file opening with PAT and PMT.
    expect(result.files.map((f) => f.durationMs)).toEqual([2000, 2000, 2000, 520]);
    for (const bytes of files) expect(checkTs(bytes)).toEqual([0x0000, 0x1000]);
    expect((await listFiles(root)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('retries a failing segment, then records it as a gap and goes on with the next one', async () => {
    const r = await rig({ bitrateBps: 400_000, segmentMs: 1000, playlistSize: 5 });
    const root = await tmpRoot();
    r.failing.add('/1.ts');
    const recorder = new LiveRecorder({
      source: { m3u8_pull_url: { SD1: r.hlsUrl } },
      protocol: 'hls',
      isLive: async () => !r.stream.ended,
      root,
      stallTimeoutMs: 5000,
      hls: { playlistIntervalMs: 10, segmentRetries: 2 },
    });
    const done = recorder.start();
    at(r, 3000);
    await waitFor('segments 0 and 2', () => recorder.stats.mediaBytes === r.stream.segment(0).length + r.stream.segment(2).length);
    r.stream.end();
    const result = await done;
    expect(r.hits.filter((p) => p === '/1.ts')).toHaveLength(3);
    expect(result.gaps).toEqual([expect.objectContaining({ reason: 'segment-failed', fromSequence: 1, toSequence: 2 })]);
    const bytes = await readFile(result.files[0]!.path);
    // Segment 3 is the partial tail listed once the stream ended.
    expect(r.stream.hlsWindow()).toEqual({ first: 0, end: 4 });
    expect(bytes.equals(Buffer.concat([0, 2, 3].map((n) => r.stream.segment(n))))).toBe(true);
    checkTs(bytes);
  });

  it('refuses an FLV URL given as HLS', async () => {
    const r = await rig();
    const root = await tmpRoot();
    const recorder = new LiveRecorder({ source: { hls_pull_url: r.flvUrl }, protocol: 'hls', root, stallTimeoutMs: 1000 });
    await expect(recorder.start()).rejects.toMatchObject({ code: 'ERR_DECODE', what: 'hls-playlist' });
    expect(await listFiles(root)).toEqual([]);
  });
});
