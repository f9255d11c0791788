import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { inThreadSha256, Sha256Worker, type StreamSha256 } from '../../src/dl/sha256-worker.js';

const workers: Sha256Worker[] = [];
afterEach(() => {
  for (const w of workers.splice(0)) w.close();
});

function feed(hash: StreamSha256, bytes: Buffer): void {
  const leased = hash.lease(bytes.length);
  bytes.copy(leased);
  hash.update(leased);
}

describe('Sha256Worker', () => {
  it('hashes interleaved bodies on its thread exactly as node:crypto does', async () => {
    const pool = new Sha256Worker();
    workers.push(pool);
    const bodies = [0, 1, 2].map(() => Array.from({ length: 12 }, (_, i) => randomBytes(1000 + i * 150_000)));
    const hashes = bodies.map(() => pool.create());
    for (let piece = 0; piece < 12; piece++) {
      for (const [b, body] of bodies.entries()) {
        feed(hashes[b]!, body[piece]!);
        await hashes[b]!.drained();
      }
    }
    const digests = await Promise.all(hashes.map((h) => h.digest()));
    expect(digests).toEqual(bodies.map((body) => createHash('sha256').update(Buffer.concat(body)).digest('hex')));
  });

  it('gives the empty body its hash, and a discarded hash disturbs no other', async () => {
    const pool = new Sha256Worker();
    workers.push(pool);
    const dropped = pool.create();
    const kept = pool.create();
    feed(dropped, Buffer.from('abandoned'));
    feed(kept, Buffer.from('kept'));
    dropped.discard();
    expect(await kept.digest()).toBe(createHash('sha256').update('kept').digest('hex'));
    expect(await pool.create().digest()).toBe(createHash('sha256').digest('hex'));
  });

  it('moves a leased buffer to the thread (it is detached here) and refuses a view into a larger buffer', async () => {
    const pool = new Sha256Worker();
    workers.push(pool);
    const hash = pool.create();
    const leased = hash.lease(64);
    leased.fill(7);
    hash.update(leased);
    expect(leased.buffer.byteLength).toBe(0);
    const view = Buffer.from(new ArrayBuffer(128), 16, 32);
    expect(() => hash.update(view)).toThrow(TypeError);
    expect(await hash.digest()).toBe(createHash('sha256').update(Buffer.alloc(64, 7)).digest('hex'));
    expect(() => hash.update(hash.lease(1))).toThrow(/after digest/);
  });

  it('rejects the digests of a stopped thread and starts a new one for the next body', async () => {
    const pool = new Sha256Worker();
    workers.push(pool);
    const cut = pool.create();
    // Enough bytes that the thread is still hashing when it is stopped.
    for (let i = 0; i < 16; i++) feed(cut, Buffer.alloc(4 << 20, i));
    const pending = cut.digest();
    pool.close();
    // A body started right away on the next thread is not failed by the old one's exit.
    const next = pool.create();
    feed(next, Buffer.from('again'));
    const nextDigest = next.digest();
    await expect(pending).rejects.toThrow(/exited/);
    expect(await nextDigest).toBe(createHash('sha256').update('again').digest('hex'));
    await next.drained();
  });

  it('has an in-thread twin with the same answers', async () => {
    const hash = inThreadSha256();
    const body = randomBytes(300_000);
    feed(hash, body.subarray(0, 100_000));
    feed(hash, body.subarray(100_000));
    expect(await hash.digest()).toBe(createHash('sha256').update(body).digest('hex'));
  });
});
