import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../../src/errors.js';
import { EmulatedLiveStream } from '../../../src/emulator/media/index.js';
import { request, sha256 } from './http-harness.js';
import { useLiveRigs } from './live-rig.js';

const rig = useLiveRigs();

describe('EmulatedLiveStream lifecycle', () => {
  it('close() stops timers and sockets: nothing is left behind', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((x) => x === 'Timeout').length;
    const sockets = (): number => process.getActiveResourcesInfo().filter((x) => x === 'TCPSocketWrap').length;
    const baseTimers = timers();
    const baseSockets = sockets();
    const r = await rig({ speed: 10 }, false);
    const a = r.flv();
    const b = r.flv();
    await a.waitForBytes(r.stream.emitted.preamble.length + 1);
    await b.waitForBytes(r.stream.emitted.preamble.length + 1);
    expect(timers()).toBeGreaterThan(baseTimers);

    r.stream.close();
    expect(await a.outcome).toBe('aborted');
    expect(await b.outcome).toBe('aborted');
    expect(r.stream.ended).toBe(true);
    expect((await request(`${r.server.url}/live.flv`)).status).toBe(404);
    expect((await request(`${r.server.url}/index.m3u8`)).status).toBe(404);

    const closing = performance.now();
    r.forget();
    await r.server.close();
    expect(performance.now() - closing).toBeLessThan(1000);
    for (let i = 0; i < 50 && (timers() > baseTimers || sockets() > baseSockets); i++) await sleep(10);
    expect(timers()).toBeLessThanOrEqual(baseTimers);
    expect(sockets()).toBeLessThanOrEqual(baseSockets);
  });

  it('holds no timer while no FLV client is connected', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((x) => x === 'Timeout').length;
    const base = timers();
    const stream = new EmulatedLiveStream({ id: 'idle', speed: 100 });
    await sleep(30);
    expect(timers()).toBeLessThanOrEqual(base);
    expect(stream.emitted.packetCount).toBe(0);
    stream.poll();
    expect(stream.emitted.packetCount).toBeGreaterThan(0);
    stream.close();
  });

  it('hashes any range of the canonical byte stream', async () => {
    const stream = new EmulatedLiveStream({ id: 'hash', elapsedMs: 10_000, now: () => 0 });
    stream.poll();
    const { emitted } = stream;
    expect(emitted.packetCount).toBe(251);
    expect(emitted.sha256(12_345, 1_234_567)).toBe(sha256(emitted.read(12_345, 1_234_567)));
    expect(emitted.sha256()).toBe(sha256(emitted.read(0, emitted.byteLength)));
    expect(() => emitted.read(0, emitted.byteLength + 1)).toThrow(InvalidInputError);
    stream.close();
  });

  it('rejects bad options and arguments with typed errors', () => {
    for (const bad of [{ bitrateBps: 0 }, { speed: -1 }, { playlistSize: 1.5 }, { segmentMs: Number.NaN }, { elapsedMs: -5 }]) {
      const error = (() => {
        try {
          new EmulatedLiveStream({ id: 'x', ...bad });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as InvalidOptionError).key).toBe(Object.keys(bad)[0]);
    }
    expect(() => new EmulatedLiveStream({ id: '' })).toThrow(InvalidOptionError);
    const stream = new EmulatedLiveStream({ id: 'x' });
    expect(() => stream.anchorAway(-1)).toThrow(InvalidInputError);
    expect(() => stream.stall(Number.POSITIVE_INFINITY)).toThrow(InvalidInputError);
    expect(() => stream.segment(3)).toThrow(InvalidInputError);
    stream.close();
  });
});
