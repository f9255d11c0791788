import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostsFor } from '../../../src/config-file.js';
import { recordLive } from '../../../src/dl/live/index.js';
import { createLiveRecorder } from '../../../src/dl/live/record-live.js';
import { DouyinKit } from '../../../src/douyin-kit.js';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import type { LiveEmitted } from '../../../src/emulator/media/index.js';
import { flvMedia, listFiles, sha256, waitFor } from './live-test-rig.js';

let emu: Emulator;
let dk: DouyinKit;
let root: string;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'live-recorder' }, liveStream: { speed: 10, segmentMs: 1000 } });
  dk = new DouyinKit({ hosts: hostsFor(emu.baseUrl), maxRetries: 0 });
  root = await mkdtemp(path.join(os.tmpdir(), 'dk-live-e2e-'));
});
afterAll(async () => {
  dk.close();
  await emu.stop();
  await rm(root, { recursive: true, force: true });
});

describe('recording a room of the full emulator through DouyinKit', () => {
  it('finds the room, records FLV through a drop, and stops cleanly when the live ends', async () => {
    const anchor = emu.world.roles.liveAnchor;
    const room = emu.world.roomOf(anchor)!;
    const started: string[] = [];
    const done = recordLive({
      kit: dk,
      room: `https://live.douyin.com/${room.webRid}`,
      root,
      folder: ['flv'],
      stallTimeoutMs: 1000,
      reconnect: { minDelayMs: 20, maxDelayMs: 100 },
      segment: { maxDurationMs: 4000 },
      on: { started: (s) => void started.push(s.url) },
    });
    const streams = () => emu.live.streams(anchor);
    const stream = () => streams().find((s) => s.id.endsWith('_or4'))!;
    await waitFor('connected', () => (stream()?.emitted.connections.length ?? 0) === 1);
    await waitFor('some media', () => stream().emitted.packetCount > stream().emitted.connections[0]!.firstPacket + 50);
    emu.live.dropConnections(anchor);
    await waitFor('reconnected', () => stream().emitted.connections.length === 2);
    await waitFor('more media', () => stream().emitted.connections[1]!.endPacket > stream().emitted.connections[1]!.firstPacket + 50);
    emu.live.end(anchor);
    const result = await done;

    expect(result.endedBy).toBe('ended');
    expect(result.quality).toBe('ORIGIN'); // stream_data's origin: the best the room offers
    expect(result.reconnects).toBeGreaterThanOrEqual(1);
    const { emitted } = stream();
    const media = Buffer.concat(await Promise.all(result.files.map(async (f) => flvMedia(await readFile(f.path)).media)));
    expect(started).toHaveLength(1);
    expect(started[0]).toContain(`stream-${room.streamId}_or4.flv`);
    checkAgainstConnections(emitted, media);
    const files = await listFiles(root);
    expect(files.every((f) => f.startsWith(`flv${path.sep}${room.webRid}_`) && f.endsWith('.flv'))).toBe(true);
  });

  it('records the same kind of room over HLS and refuses a room that is not live', async () => {
    const anchor = emu.world.roles.liveAnchor;
    const room = emu.world.startLive(anchor);
    const recorder = createLiveRecorder({ kit: dk, room: room.roomId, root, folder: ['hls'], protocol: 'hls', quality: 'SD1', stallTimeoutMs: 3000, hls: { playlistIntervalMs: 30 } });
    const done = recorder.start();
    await waitFor('two segments', () => recorder.stats.mediaBytes > 0 && (emu.live.streams(anchor).find((s) => s.id.endsWith('_ld'))?.hlsWindow().end ?? 0) >= 3);
    await waitFor('recorded', () => recorder.stats.mediaBytes >= 2 * 188);
    emu.live.end(anchor);
    const result = await done;
    expect(result).toMatchObject({ endedBy: 'ended', protocol: 'hls', quality: 'SD1' });
    const bytes = await readFile(result.files[0]!.path);
    expect(bytes.length % 188).toBe(0);
    expect(bytes[0]).toBe(0x47);

    const offline = emu.world.roomOf(emu.world.roles.offlineAnchor) ?? emu.world.roomOf(emu.world.roles.endedAnchor)!;
    await expect(recordLive({ kit: dk, room: offline.webRid, root })).rejects.toMatchObject({ code: 'ERR_LIVE_OFFLINE' });
  });
});

/**
 * Checks the recorded media against the emulator's connections when drops may have cut bytes in
 * flight: the media is, connection by connection, a prefix of what each was sent (whole tags),
 * and each later connection's part starts exactly at its first packet.
 */
function checkAgainstConnections(emitted: LiveEmitted, media: Buffer): void {
  const pb = emitted.packetBytes;
  const productive = emitted.connections.filter((c) => c.endPacket > c.firstPacket);
  let at = 0;
  for (const [i, c] of productive.entries()) {
    const sent = emitted.read(c.firstPacket * pb, c.endPacket * pb);
    const next = productive[i + 1];
    const end = next ? media.indexOf(emitted.read(next.firstPacket * pb, (next.firstPacket + 1) * pb), at) : media.length;
    expect(end).toBeGreaterThan(at);
    expect(end - at).toBeLessThanOrEqual(sent.length);
    expect(sha256(media.subarray(at, end))).toBe(sha256(sent.subarray(0, end - at)));
    at = end;
  }
  expect(at).toBe(media.length);
}
