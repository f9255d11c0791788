import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { walkFlv } from './format-walkers.js';
import { request, sha256 } from './http-harness.js';
import { at, mediaTags, useLiveRigs } from './live-rig.js';

const rig = useLiveRigs();

describe('EmulatedLiveStream over HTTP-FLV', () => {
  it('sends the FLV preamble, then packets at bitrate × elapsed time', async () => {
    const r = await rig({ bitrateBps: 2_000_000 });
    const { emitted } = r.stream;
    const client = r.flv();
    await client.waitForBytes(emitted.preamble.length);
    expect(client.bytes.subarray(0, 13).equals(Buffer.from([0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0]))).toBe(true);
    expect(emitted.connections[0]!.firstPacket).toBe(1); // packet 0 was live before the client came

    at(r, 1000);
    // 2 Mbit/s for one second: 250 000 bytes, 25 packets of 40 ms.
    expect(emitted.packetBytes).toBe(10_000);
    await client.waitForBytes(emitted.preamble.length + 250_000);
    await sleep(30);
    r.stream.poll();
    expect(client.received).toBe(emitted.preamble.length + 250_000);

    const bytes = client.bytes;
    expect(bytes.subarray(emitted.preamble.length).equals(emitted.read(1 * 10_000, 26 * 10_000))).toBe(true);
    expect(emitted.connections[0]!.sha256()).toBe(sha256(bytes));
    const tags = walkFlv(bytes);
    expect(tags.slice(0, 3).map((t) => t.type)).toEqual([18, 9, 8]);
    const media = tags.slice(3);
    expect(media.length).toBe(50);
    expect(media.map((t) => t.type)).toEqual(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 9 : 8)));
    expect(media.filter((t) => t.type === 9).map((t) => t.timestampMs)).toEqual(Array.from({ length: 25 }, (_, i) => 40 + i * 40));
    expect(emitted.packet(25)).toEqual({ index: 25, offset: 250_000, bytes: 10_000, timestampMs: 1000 });
  });

  it('never runs ahead of real time (timer-driven, speed factor)', async () => {
    const r = await rig({ speed: 20, tickMs: 10 }, false);
    const client = r.flv();
    const { emitted } = r.stream;
    await client.waitForBytes(emitted.preamble.length + emitted.packetBytes);
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      await sleep(60);
      const due = Math.floor(r.stream.streamTimeMs / 40) + 1 - emitted.connections[0]!.firstPacket;
      const got = (client.received - emitted.preamble.length) / emitted.packetBytes;
      expect(got).toBeLessThanOrEqual(due);
      samples.push(got);
    }
    expect(samples.at(-1)!).toBeGreaterThan(samples[0]!);
  });

  it('a client that reconnects after a drop gets what is live now; the gap is recorded', async () => {
    const r = await rig();
    const { emitted } = r.stream;
    const first = r.flv();
    await first.waitForBytes(emitted.preamble.length);
    at(r, 1000);
    await first.waitForBytes(emitted.preamble.length + 25 * emitted.packetBytes);

    r.stream.dropConnections();
    expect(await first.outcome).toBe('aborted');
    expect(emitted.connections[0]!.closeReason).toBe('dropped');

    at(r, 3000);
    const second = r.flv();
    await second.waitForBytes(emitted.preamble.length);
    at(r, 4000);
    await second.waitForBytes(emitted.preamble.length + 25 * emitted.packetBytes);

    const record = emitted.connections[1]!;
    expect(record.firstPacket).toBe(76);
    expect(record.missedBefore).toEqual({
      connectionId: 1,
      fromPacket: 26,
      toPacket: 76,
      fromOffset: 260_000,
      toOffset: 760_000,
      fromTimestampMs: 1040,
      toTimestampMs: 3040,
    });
    expect(emitted.gaps).toEqual([record.missedBefore]);
    const bytes = second.bytes;
    expect(bytes.subarray(emitted.preamble.length).equals(emitted.read(76 * 10_000, 101 * 10_000))).toBe(true);
    expect(mediaTags(bytes)[0]!.timestampMs).toBe(3040);
  });

  it('anchorAway: no media flows, the connection stays open, timestamps jump on resume', async () => {
    const r = await rig();
    const { emitted } = r.stream;
    const client = r.flv();
    await client.waitForBytes(emitted.preamble.length);
    at(r, 1000);
    const before = emitted.preamble.length + 25 * emitted.packetBytes;
    await client.waitForBytes(before);

    r.stream.anchorAway(2000);
    at(r, 2500);
    expect(r.stream.anchorIsAway).toBe(true);
    await sleep(50);
    expect(client.received).toBe(before);

    at(r, 4000);
    expect(r.stream.anchorIsAway).toBe(false);
    await client.waitForBytes(before + 26 * emitted.packetBytes);
    expect(emitted.aways).toEqual([{ fromMs: 1000, untilMs: 3000, atPacket: 26, skippedMs: 1960 }]);
    const video = mediaTags(client.bytes).filter((t) => t.type === 9);
    expect(video[24]!.timestampMs).toBe(1000);
    expect(video[25]!.timestampMs).toBe(3000);
    expect(emitted.connections[0]!.closeReason).toBeNull();
    expect(client.bytes.subarray(emitted.preamble.length).equals(emitted.read(10_000, 52 * 10_000))).toBe(true);
  });

  it('stall: open connections go silent, then get the backlog without a gap; new ones flow', async () => {
    const r = await rig();
    const { emitted } = r.stream;
    const stalled = r.flv();
    await stalled.waitForBytes(emitted.preamble.length);
    at(r, 1000);
    const before = emitted.preamble.length + 25 * emitted.packetBytes;
    await stalled.waitForBytes(before);

    r.stream.stall(1000);
    at(r, 1500);
    const fresh = r.flv();
    await fresh.waitForBytes(emitted.preamble.length);
    at(r, 1900);
    await fresh.waitForBytes(emitted.preamble.length + 10 * emitted.packetBytes);
    expect(stalled.received).toBe(before);

    at(r, 2100);
    await stalled.waitForBytes(before + 27 * emitted.packetBytes);
    expect(stalled.bytes.subarray(emitted.preamble.length).equals(emitted.read(10_000, 53 * 10_000))).toBe(true);
    // The stalled connection caught up, so the second one (opened at packet 38) missed nothing.
    expect(emitted.connections[1]!.firstPacket).toBe(38);
    expect(emitted.gaps).toEqual([]);
  });

  it('end(): open FLV responses finish cleanly and new ones get 404', async () => {
    const r = await rig();
    const client = r.flv();
    await client.waitForBytes(r.stream.emitted.preamble.length);
    at(r, 500);
    r.stream.end();
    expect(await client.outcome).toBe('end');
    expect(r.stream.ended).toBe(true);
    walkFlv(client.bytes);
    expect(r.stream.emitted.connections[0]!.closeReason).toBe('ended');
    const late = await request(`${r.server.url}/live.flv`);
    expect(late.status).toBe(404);
  });
});
