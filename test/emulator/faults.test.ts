import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, rawGet, signedUrl } from './emulator-client.js';

type Obj = Record<string, unknown>;
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'faults' } });
});
afterAll(() => emu.stop());
afterEach(() => emu.faults.clear());

const signed = (path: string, query: Record<string, string>) => signedUrl(emu.baseUrl, path, query);
const detailUrl = () => signed('/aweme/v1/web/aweme/detail/', { aweme_id: emu.world.postsOf(emu.world.roles.main)[1]?.awemeId ?? '' });

async function statuses(e: Emulator, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(e.baseUrl, '/aweme/v1/web/user/profile/other/', { sec_user_id: e.world.roles.main.secUid })).status);
  return out;
}

describe('fault injection (per route, seeded, reproducible)', () => {
  it('5xx at a rate, the same sequence for the same seed', async () => {
    const spec = { user_profile: { errorRate: 0.5, errorStatus: 502 } };
    const a = await startEmulator({ world: { seed: 's1' }, faults: spec });
    const b = await startEmulator({ world: { seed: 's1' }, faults: spec });
    const c = await startEmulator({ world: { seed: 's2' }, faults: spec });
    try {
      const [sa, sb, sc] = [await statuses(a, 24), await statuses(b, 24), await statuses(c, 24)];
      expect(sa).toEqual(sb);
      expect(sa).not.toEqual(sc);
      expect(new Set(sa)).toEqual(new Set([200, 502]));
      expect(a.log.counters.byOutcome['fault:502']).toBe(sa.filter((s) => s === 502).length);
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it('connection reset mid-body', async () => {
    emu.faults.set('post_detail', { resetRate: 1, atFraction: 0.5 });
    const r = await rawGet(detailUrl());
    expect(r.status).toBe(200);
    expect(r.error).not.toBeNull();
    expect(r.received).toBeLessThan(Number(r.headers['content-length']));
    expect(emu.log.last('post_detail')?.outcome).toBe('ok+fault:reset');
  });

  it('truncated body with a full Content-Length', async () => {
    emu.faults.set('post_detail', { truncateRate: 1, atFraction: 0.25 });
    const r = await rawGet(detailUrl());
    const announced = Number(r.headers['content-length']);
    expect(announced).toBeGreaterThan(1000);
    expect(r.received).toBe(Math.floor(announced * 0.25));
    expect(r.error).toBe('aborted');
  });

  it('latency and slow drip', async () => {
    emu.faults.set('post_detail', { latencyMs: 150 });
    const slow = await rawGet(detailUrl());
    expect(slow.error).toBeNull();
    expect(slow.ms).toBeGreaterThanOrEqual(140);
    emu.faults.set('post_detail', { drip: { chunkBytes: 4096, intervalMs: 25 } });
    const drip = await rawGet(detailUrl());
    expect(drip.error).toBeNull();
    expect(drip.received).toBe(Number(drip.headers['content-length']));
    const chunks = Math.ceil(drip.received / 4096);
    expect(drip.ms).toBeGreaterThanOrEqual((chunks - 1) * 25 - 10);
  });

  it('429 bursts with Retry-After', async () => {
    emu.faults.set('api', { burst429: { every: 4, length: 2, retryAfterSeconds: 3 } });
    const seen = await statuses(emu, 8);
    expect(seen).toEqual([200, 200, 429, 429, 200, 200, 429, 429]);
    const next = [];
    for (let i = 0; i < 3; i++) next.push(await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', {}));
    expect(next.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(next[2]?.headers['retry-after']).toBe('3');
  });

  it('media routes get the fault through serveAsset', async () => {
    const post = emu.world.postsOf(emu.world.roles.main).find((p) => p.awemeType === 0);
    const url = emu.assets.forPost(post?.awemeId ?? '')[0]?.url ?? '';
    emu.faults.set('media', { truncateRate: 1, atFraction: 0.5 });
    const cut = await rawGet(url);
    expect(cut.received).toBe(Math.floor(Number(cut.headers['content-length']) * 0.5));
    emu.faults.set('media', { errorRate: 1, errorStatus: 503 });
    expect((await rawGet(url)).status).toBe(503);
    emu.faults.clear();
    const whole = await rawGet(url);
    expect(whole.error).toBeNull();
    expect(whole.received).toBe(Number(whole.headers['content-length']));
  });

  it('scripted answers per route, consumed in order', async () => {
    const q = { sec_user_id: emu.world.roles.main.secUid };
    emu.script('user_profile', [
      { status: 500, body: 'boom' },
      { empty: true },
      { body: { status_code: 2154, status_msg: 'slow down' } },
      { pass: true, fault: { kind: 'truncate', atByte: 10 } },
    ]);
    expect((await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', q)).status).toBe(500);
    expect((await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', q)).body.length).toBe(0);
    expect(((await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', q)).json as Obj).status_code).toBe(2154);
    const cut = await rawGet(signed('/aweme/v1/web/user/profile/other/', q));
    expect(cut.received).toBe(10);
    expect(((await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', q)).json as Obj).status_code).toBe(0);
  });

  it('rejects malformed fault specs', () => {
    expect(() => emu.faults.set('api', { errorRate: 2 })).toThrow(/errorRate/);
    expect(() => emu.faults.set('api', { burst429: { every: 2, length: 3 } })).toThrow(/burst429/);
  });
});
