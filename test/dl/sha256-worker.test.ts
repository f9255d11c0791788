import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { inThreadSha256, Sha256Worker, type StreamSha256 } from '../../src/dl/sha256-worker.js';

const workers: Sha256Worker[] = [];
afterEach(() => {
  for (const w of workers.splice(0)) w.close();
});

/** Feeds `bytes` a slot at a time, releasing each slot at once (the hash keeps its own reference). */
function feed(hash: StreamSha256, bytes: Buffer): void {
  for (let at = 0; at < bytes.length || at === 0; ) {
    const slot = hash.lease();
    const n = bytes.copy(slot.buffer, 0, at);
    hash.update(slot, 0, n);
    slot.release();
    at += n;
    if (n === 0) break;
  }
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

  it('reads slots in place in shared memory, and gives each back to the pool once hashed', async () => {
    const pool = new Sha256Worker();
    workers.push(pool);
    const hash = pool.create();
    const slot = hash.lease();
    expect(slot.buffer.buffer).toBeInstanceOf(SharedArrayBuffer);
    slot.buffer.fill(7, 0, 64);
    // From an offset: only the bytes named are hashed.
    slot.buffer.fill(9, 64, 96);
    hash.update(slot, 64, 32);
    slot.release();
    expect(await hash.digest()).toBe(createHash('sha256').update(Buffer.alloc(32, 9)).digest('hex'));
    // The thread's reference is gone too: the same slot comes back, not a new allocation.
    expect(pool.pool.free).toBe(pool.pool.allocated);
    expect(pool.create().lease()).toBe(slot);
    expect(() => hash.update(slot, 0, 1)).toThrow(/after digest/);
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
    // The stopped thread's slots were given back, not lost.
    expect(pool.pool.free).toBe(pool.pool.allocated);
  });

  it('has an in-thread twin with the same answers', async () => {
    const hash = inThreadSha256();
    const body = randomBytes(300_000);
    feed(hash, body.subarray(0, 100_000));
    feed(hash, body.subarray(100_000));
    expect(await hash.digest()).toBe(createHash('sha256').update(body).digest('hex'));
  });
});
