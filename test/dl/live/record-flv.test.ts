import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LiveRecorder, type LiveRecorderEvents } from '../../../src/dl/live/index.js';
import type { LiveConnectionRecord, LiveEmitted } from '../../../src/emulator/media/index.js';
import { at, flvMedia, listFiles, sha256, useLiveRigs, waitFor, walkFlv, type StreamRig } from './live-test-rig.js';

const { rig, tmpRoot } = useLiveRigs();

/** Media bytes each connection was sent (preamble excluded). */
function sentMedia(emitted: LiveEmitted): number {
  return emitted.connections.reduce((n, c) => n + (c.endPacket - c.firstPacket) * emitted.packetBytes, 0);
}

/** What the recording must hold: every connection's packets, in order. */
function expectedMedia(emitted: LiveEmitted): Buffer {
  const pb = emitted.packetBytes;
  return Buffer.concat(emitted.connections.map((c) => emitted.read(c.firstPacket * pb, c.endPacket * pb)));
}

/** Gaps between connections that delivered media (what the recorder can know of). */
function productiveGaps(emitted: LiveEmitted): { fromTimestampMs: number; toTimestampMs: number }[] {
  const productive = emitted.connections.filter((c) => c.endPacket > c.firstPacket);
  const gaps = [];
  for (let i = 1; i < productive.length; i++) {
    const [a, b] = [productive[i - 1]!, productive[i]!] as [LiveConnectionRecord, LiveConnectionRecord];
    if (a.endPacket < b.firstPacket) gaps.push({ fromTimestampMs: emitted.packet(a.endPacket).timestampMs, toTimestampMs: emitted.packet(b.firstPacket).timestampMs });
  }
  return gaps;
}

function collect(recorder: LiveRecorder): { name: keyof LiveRecorderEvents; args: unknown[] }[] {
  const log: { name: keyof LiveRecorderEvents; args: unknown[] }[] = [];
  for (const name of ['started', 'segmentOpened', 'segmentClosed', 'stalled', 'reconnecting', 'anchorAway', 'anchorBack', 'gap', 'ended', 'error'] as const) {
    recorder.on(name, (...args: unknown[]) => void log.push({ name, args }));
  }
  return log;
}

async function allReceived(r: StreamRig, recorder: LiveRecorder): Promise<void> {
  await waitFor('every sent byte recorded', () => recorder.stats.mediaBytes === sentMedia(r.stream.emitted));
}

describe('LiveRecorder over HTTP-FLV', () => {
  it('survives drops and a stall: the files hold exactly the emitted media minus the recorded gaps', async () => {
    const r = await rig({ bitrateBps: 800_000 });
    const root = await tmpRoot();
    const { emitted } = r.stream;
    const recorder = new LiveRecorder({
      source: { flv_pull_url: { FULL_HD1: r.flvUrl, SD1: `${r.flvUrl}&q=sd1` } },
      isLive: async () => !r.stream.ended,
      root,
      fileName: 'room',
      stallTimeoutMs: 300,
      reconnect: { minDelayMs: 10, maxDelayMs: 40 },
      segment: { maxBytes: 150_000 },
    });
    const log = collect(recorder);
    const done = recorder.start();

    await waitFor('first connection', () => emitted.connections.length === 1);
    at(r, 1000);
    await allReceived(r, recorder);
    r.stream.dropConnections();
    await waitFor('reconnect after the drop', () => emitted.connections.length === 2);
    at(r, 3000);
    await allReceived(r, recorder);

    r.stream.stall(2000); // the server stops writing until stream time 5000
    at(r, 4000);
    await waitFor('reconnect after the stall', () => emitted.connections.length === 3);
    at(r, 6000);
    await allReceived(r, recorder);

    r.stream.dropConnections();
    at(r, 7000); // produced while the recorder is away
    await waitFor('reconnect after the second drop', () => emitted.connections.length === 4);
    at(r, 9000);
    await allReceived(r, recorder);
    r.stream.end();
    const result = await done;

    expect(result.endedBy).toBe('ended');
    expect(result.protocol).toBe('flv');
    expect(result.quality).toBe('FULL_HD1');
    expect(result.reconnects).toBe(emitted.connections.length - 1);
    expect(log.some((e) => e.name === 'stalled')).toBe(true);
    expect(log.filter((e) => e.name === 'reconnecting').length).toBeGreaterThanOrEqual(3);

    // Every file: FLV header + the stream's codec config, then whole tags to the last byte.
    const files = result.files.map((f) => f.path);
    expect(files.length).toBeGreaterThan(2);
    expect(await listFiles(root)).toEqual(files.map((f) => f.slice(root.length + 1)).sort());
    const media: Buffer[] = [];
    for (const [i, file] of files.entries()) {
      const bytes = await readFile(file);
      expect(bytes.length).toBe(result.files[i]!.bytes);
      expect(bytes.subarray(0, emitted.preamble.length).equals(emitted.preamble)).toBe(true);
      const { media: m, config, media0 } = flvMedia(bytes);
      expect(config.map((t) => t.type)).toEqual([18, 9, 8]);
      if (i > 0) expect(media0?.head[0]).toBe(0x17); // cut before a key frame
      media.push(m);
    }
    // Byte-for-byte: the concatenated media tags are the emitted packets of every connection.
    const expected = expectedMedia(emitted);
    expect(Buffer.concat(media).length).toBe(expected.length);
    expect(sha256(Buffer.concat(media))).toBe(sha256(expected));

    // The gaps the recorder reports are the ones the emulator recorded, to the millisecond.
    const gaps = productiveGaps(emitted);
    expect(gaps.length).toBeGreaterThanOrEqual(2); // the stall and the second drop lost media
    expect(emitted.gaps.map((g) => g.toTimestampMs)).toEqual(expect.arrayContaining(gaps.map((g) => g.toTimestampMs)));
    expect(result.gaps.map((g) => ({ fromTimestampMs: g.fromTimestampMs, toTimestampMs: g.toTimestampMs }))).toEqual(gaps);
    expect(result.gaps.every((g) => g.reason === 'reconnect' && g.toWallMs >= g.fromWallMs)).toBe(true);
  });

  it('cuts by media time at key frames; every file plays on its own (real-time stream, speed 10)', async () => {
    const r = await rig({ bitrateBps: 400_000, speed: 10 }, false);
    const root = await tmpRoot();
    const recorder = new LiveRecorder({
      source: { flv_pull_url: { HD1: r.flvUrl } },
      root,
      fileName: 'timed',
      stallTimeoutMs: 2000,
      segment: { maxDurationMs: 1000 },
    });
    const closed: number[] = [];
    recorder.on('segmentClosed', (s) => void closed.push(s.durationMs));
    const done = recorder.start();
    await waitFor('four files closed', () => closed.length >= 4);
    const result = await recorder.stop();
    expect(await done).toBe(result);
    expect(result.endedBy).toBe('stopped');
    expect(result.reconnects).toBe(0);

    const { emitted } = r.stream;
    const first = emitted.connections[0]!;
    const media: Buffer[] = [];
    for (const file of result.files) {
      const bytes = await readFile(file.path);
      const { tags } = walkFlv(bytes); // throws on a half tag
      expect(tags.slice(0, 3).map((t) => t.type)).toEqual([18, 9, 8]);
      const m = flvMedia(bytes);
      if (file.index > 1) expect(m.media0?.head[0]).toBe(0x17);
      media.push(m.media);
    }
    // Key frames every 2000 ms of media: each closed file but the last spans 2000 ms.
    for (const f of result.files.slice(1, -1)) expect(f.durationMs).toBe(2000);
    const all = Buffer.concat(media);
    const start = first.firstPacket * emitted.packetBytes;
    expect(all.length).toBeGreaterThan(4 * 20 * emitted.packetBytes);
    expect(sha256(all)).toBe(sha256(emitted.read(start, start + all.length)));
    expect((await listFiles(root)).some((f) => f.endsWith('.part'))).toBe(false);
  });

  it('refuses an HLS URL given as FLV instead of writing it into a .flv', async () => {
    const r = await rig();
    const root = await tmpRoot();
    at(r, 5000);
    const recorder = new LiveRecorder({ source: { flv_pull_url: { HD1: r.hlsUrl } }, root, stallTimeoutMs: 1000, reconnect: { minDelayMs: 10 } });
    await expect(recorder.start()).rejects.toMatchObject({ code: 'ERR_DECODE', what: 'flv-header' });
    expect(await listFiles(root)).toEqual([]);
  });
});
