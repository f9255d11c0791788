import { getEventListeners } from 'node:events';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveRecorder, recordLive, recordLives, type LiveRecorderEvents } from '../../../src/dl/live/index.js';
import { at, flvMedia, listFiles, sha256, useLiveRigs, waitFor, walkFlv } from './live-test-rig.js';

const { rig, tmpRoot } = useLiveRigs();

type Logged = { name: keyof LiveRecorderEvents; args: unknown[] };
function collect(recorder: LiveRecorder): Logged[] {
  const log: Logged[] = [];
  for (const name of ['started', 'stalled', 'reconnecting', 'anchorAway', 'anchorBack', 'gap', 'ended'] as const) {
    recorder.on(name, (...args: unknown[]) => void log.push({ name, args }));
  }
  return log;
}

describe('LiveRecorder lifecycle', () => {
  it('waits while the anchor is away (connection kept, status re-checked) and resumes without losing media', async () => {
    const r = await rig({ bitrateBps: 400_000 });
    const root = await tmpRoot();
    let statusChecks = 0;
    const recorder = new LiveRecorder({
      source: { flv_pull_url: { HD1: r.flvUrl } },
      isLive: async () => {
        statusChecks++;
        return !r.stream.ended;
      },
      root,
      stallTimeoutMs: 150,
      awayCheckIntervalMs: 50,
      reconnect: { minDelayMs: 10, maxDelayMs: 20 },
    });
    const log = collect(recorder);
    const done = recorder.start();
    const { emitted } = r.stream;
    await waitFor('connected', () => emitted.connections.length === 1);
    at(r, 1000);
    await waitFor('first second', () => recorder.stats.mediaBytes === 25 * emitted.packetBytes);

    r.stream.anchorAway(5000);
    at(r, 2000);
    await waitFor('anchor away', () => log.some((e) => e.name === 'anchorAway'));
    const connectionsWhileAway = emitted.connections.length;
    const checksBefore = statusChecks;
    await waitFor('status re-checked while away', () => statusChecks >= checksBefore + 2);
    expect(recorder.state).toBe('away');
    expect(emitted.connections.length).toBe(connectionsWhileAway); // the silent connection is kept

    at(r, 7000); // the anchor is back at 6000
    await waitFor('anchor back', () => log.some((e) => e.name === 'anchorBack'));
    await waitFor('media after the break', () => recorder.stats.mediaBytes === (25 + 26) * emitted.packetBytes);
    r.stream.end();
    const result = await done;

    expect(result.endedBy).toBe('ended');
    expect(emitted.aways).toHaveLength(1);
    expect(emitted.gaps).toEqual([]); // nothing was produced while away, nothing missed
    expect(result.gaps).toEqual([expect.objectContaining({ reason: 'anchor-away', fromTimestampMs: 1040, toTimestampMs: 6000 })]);
    const names = log.map((e) => e.name);
    expect(names.indexOf('stalled')).toBeLessThan(names.indexOf('anchorAway'));
    expect(names.indexOf('anchorAway')).toBeLessThan(names.indexOf('anchorBack'));
    expect(names.at(-1)).toBe('ended');
    expect(result.files).toHaveLength(1);
    const { media } = flvMedia(await readFile(result.files[0]!.path));
    const pb = emitted.packetBytes;
    const expected = Buffer.concat(emitted.connections.map((c) => emitted.read(c.firstPacket * pb, c.endPacket * pb)));
    expect(sha256(media)).toBe(sha256(expected));
  });

  it('a CDN 404 while the room is live is waited out, not a failure', async () => {
    const r = await rig({ bitrateBps: 400_000 });
    const root = await tmpRoot();
    r.offline.value = true;
    const recorder = new LiveRecorder({
      source: { flv_pull_url: { HD1: r.flvUrl } },
      isLive: async () => !r.stream.ended,
      root,
      stallTimeoutMs: 500,
      awayCheckIntervalMs: 20,
      reconnect: { minDelayMs: 10, retries: 2 },
    });
    const log = collect(recorder);
    const done = recorder.start();
    await waitFor('a few 404s', () => r.hits.length >= 4);
    expect(log.map((e) => e.name)).toContain('anchorAway');
    expect(log.map((e) => e.name)).not.toContain('reconnecting'); // waiting does not use up retries
    r.offline.value = false;
    await waitFor('connected', () => r.stream.emitted.connections.length === 1);
    at(r, 1000);
    await waitFor('media', () => recorder.stats.mediaBytes === 25 * r.stream.emitted.packetBytes);
    expect(log.map((e) => e.name)).toContain('anchorBack');
    r.stream.end();
    expect((await done).endedBy).toBe('ended');
  });

  it('without isLive, a clean end of the stream ends the recording; an offline room is refused at start', async () => {
    const r = await rig({ bitrateBps: 400_000 });
    const root = await tmpRoot();
    const done = recordLive({ source: { flv_pull_url: { SD2: r.flvUrl } }, root, stallTimeoutMs: 1000 });
    await waitFor('connected', () => r.stream.emitted.connections.length === 1);
    at(r, 500);
    await waitFor('bytes flushed', () => r.stream.emitted.connections[0]!.bytesFlushed === r.stream.emitted.connections[0]!.bytesWritten);
    r.stream.end();
    const result = await done;
    expect(result).toMatchObject({ endedBy: 'ended', quality: 'SD2', reconnects: 0 });
    walkFlv(await readFile(result.files[0]!.path));

    await expect(recordLive({ source: { flv_pull_url: { SD2: r.flvUrl } }, isLive: async () => false, root })).rejects.toMatchObject({ code: 'ERR_LIVE_OFFLINE' });
    await expect(recordLive({ source: {}, root })).rejects.toMatchObject({ code: 'ERR_LIVE_OFFLINE' });
  });

  it('abort leaves every file playable: whole tags, no .part, nothing outside the root, no listener left', async () => {
    const r = await rig({ bitrateBps: 800_000, speed: 10 }, false);
    const parent = await tmpRoot();
    const root = path.join(parent, 'root');
    await mkdir(root);
    const controller = new AbortController();
    const recorder = new LiveRecorder({
      source: { flv_pull_url: { HD1: r.flvUrl } },
      root,
      folder: ['../..', 'nested/..'],
      fileName: '../../escape/../me',
      stallTimeoutMs: 2000,
      segment: { maxDurationMs: 1000 },
    });
    const opened: string[] = [];
    recorder.on('segmentOpened', (s) => void opened.push(s.path));
    const done = recorder.start({ signal: controller.signal });
    await waitFor('three files', () => opened.length >= 3);
    // The stream is mid-flight (bytes arrive every 20 ms in arbitrary chunks): abort now.
    controller.abort();
    const result = await done;
    expect(result.endedBy).toBe('stopped');
    expect(recorder.state).toBe('ended');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    expect(await readdir(parent)).toEqual(['root']);
    const files = await listFiles(root);
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(files).toEqual(result.files.map((f) => path.relative(root, f.path)).sort());
    for (const f of result.files) {
      expect(f.path.startsWith(root + path.sep)).toBe(true);
      const bytes = await readFile(f.path);
      const { tags } = walkFlv(bytes); // throws on a half tag at the end
      expect(tags.slice(0, 3).map((t) => t.type)).toEqual([18, 9, 8]);
      expect(f.bytes).toBe(bytes.length);
    }
    // stop() after the end returns the same result; start() again is refused.
    expect(await recorder.stop()).toBe(result);
    await expect(recorder.start()).rejects.toMatchObject({ code: 'ERR_LIVE_STATE' });
  });

  it('an AbortSignal aborted before start rejects with AbortError and writes nothing', async () => {
    const r = await rig();
    const root = await tmpRoot();
    const recorder = new LiveRecorder({ source: { flv_pull_url: { HD1: r.flvUrl } }, root });
    const signal = AbortSignal.abort(new Error('no'));
    await expect(recorder.start({ signal })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(r.hits).toEqual([]);
    expect(await listFiles(root)).toEqual([]);
  });

  it('records several rooms at once; one is stopped alone while the other goes on', async () => {
    const a = await rig({ id: 'room-a', bitrateBps: 400_000, speed: 10 }, false);
    const b = await rig({ id: 'room-b', bitrateBps: 400_000, speed: 10 }, false);
    const root = await tmpRoot();
    const recordings = recordLives(
      [
        { key: 'a', source: { flv_pull_url: { HD1: a.flvUrl } }, fileName: 'a' },
        { key: 'b', source: { hls_pull_url_map: { HD1: b.hlsUrl } }, protocol: 'hls', fileName: 'b', hls: { playlistIntervalMs: 20 } },
      ],
      { root, stallTimeoutMs: 3000, segment: { maxDurationMs: 4000 } },
    );
    const [ra, rb] = [recordings.recorders.get('a')!, recordings.recorders.get('b')!];
    await waitFor('both recording', () => ra.stats.mediaBytes > 0 && rb.stats.mediaBytes > 0);
    const stoppedA = await recordings.stop('a');
    expect(stoppedA.endedBy).toBe('stopped');
    expect(ra.state).toBe('ended');
    const bAtStop = rb.stats.mediaBytes;
    await waitFor('b goes on', () => rb.stats.mediaBytes > bAtStop);
    expect(rb.state).toBe('recording');
    await expect(recordings.stop('nope')).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await recordings.stopAll();
    const outcomes = await recordings.done;
    expect(outcomes.map((o) => [o.key, o.result?.endedBy])).toEqual([
      ['a', 'stopped'],
      ['b', 'stopped'],
    ]);
    expect(outcomes[0]!.result!.endedAtMs).toBeLessThanOrEqual(outcomes[1]!.result!.endedAtMs);
    const files = await listFiles(root);
    expect(files.some((f) => f.startsWith('a_') && f.endsWith('.flv'))).toBe(true);
    expect(files.some((f) => f.startsWith('b_') && f.endsWith('.ts'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(() => recordLives([{ key: 'x', source: {}, root }, { key: 'x', source: {}, root }])).toThrow(/share the key/);
  });
});
