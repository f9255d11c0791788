import { constants } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IO_ALIGN, SLOT_BYTES, SLOTS_PER_REGION, SlotPool, copyIntoSlot } from '../../src/dl/io-slots.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('SlotPool', () => {
  it('hands out distinct slots, and reuses a slot only once every reference is released', () => {
    const pool = new SlotPool();
    const a = pool.acquire();
    const b = pool.acquire();
    expect(a).not.toBe(b);
    expect(a.buffer.length).toBe(SLOT_BYTES);
    a.buffer.fill(1);
    b.buffer.fill(2);
    // Slots never overlap.
    expect(a.buffer.equals(Buffer.alloc(SLOT_BYTES, 1))).toBe(true);
    a.retain();
    a.release();
    expect(pool.acquire()).not.toBe(a);
    a.release();
    expect(pool.acquire()).toBe(a);
    expect(() => b.release()).not.toThrow();
    expect(() => b.release()).toThrow(/released/);
    expect(() => b.retain()).toThrow(/released/);
  });

  it('grows by whole regions as more slots are in use at once', () => {
    const pool = new SlotPool();
    const held = Array.from({ length: SLOTS_PER_REGION + 1 }, () => pool.acquire());
    expect(pool.regions.length).toBe(2);
    expect(new Set(held).size).toBe(SLOTS_PER_REGION + 1);
    for (const s of held) s.release();
    expect(pool.free).toBe(pool.allocated);
  });

  // What direct I/O needs of the memory: Linux refuses (EINVAL) a misaligned buffer.
  it.runIf(constants.O_DIRECT !== undefined)('gives memory that O_DIRECT accepts, at every slot of a region', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'douyin-kit-slots-'));
    dirs.push(dir);
    const file = path.join(dir, 'direct.bin');
    let fh;
    try {
      fh = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_DIRECT);
    } catch {
      return; // a file system without direct I/O (the writer falls back to plain writes there)
    }
    const pool = new SlotPool();
    const slots = Array.from({ length: SLOTS_PER_REGION }, () => pool.acquire());
    try {
      for (const [i, s] of slots.entries()) {
        s.buffer.fill(i + 1, 0, IO_ALIGN);
        await fh.write(s.buffer, 0, IO_ALIGN, i * IO_ALIGN);
      }
    } finally {
      await fh.close();
    }
    const bytes = await readFile(file);
    expect(bytes.length).toBe(SLOTS_PER_REGION * IO_ALIGN);
    for (let i = 0; i < SLOTS_PER_REGION; i++) expect(bytes.subarray(i * IO_ALIGN, (i + 1) * IO_ALIGN).every((x) => x === i + 1)).toBe(true);
  });
});

describe('copyIntoSlot', () => {
  it('copies every byte at any alignment of source and target, as many as fit, and touches nothing else', () => {
    const pool = new SlotPool();
    const slot = pool.acquire().buffer;
    const source = Buffer.from(Array.from({ length: 9000 }, (_, i) => (i * 7 + 3) & 0xff));
    for (const at of [0, 1, 3, 8, 4093]) {
      for (const from of [0, 1, 5, 8, 8999]) {
        slot.fill(0xee);
        const n = copyIntoSlot(slot, at, source, from);
        expect(n).toBe(source.length - from);
        expect(slot.subarray(at, at + n).equals(source.subarray(from))).toBe(true);
        expect(slot.subarray(0, at).every((b) => b === 0xee)).toBe(true);
        expect(slot[at + n]).toBe(0xee);
      }
    }
    // Near the end, only what fits; at the very end or past the source, nothing.
    slot.fill(0);
    expect(copyIntoSlot(slot, SLOT_BYTES - 10, source, 0)).toBe(10);
    expect(slot.subarray(SLOT_BYTES - 10).equals(source.subarray(0, 10))).toBe(true);
    expect(copyIntoSlot(slot, SLOT_BYTES, source, 0)).toBe(0);
    expect(copyIntoSlot(slot, 0, source, source.length)).toBe(0);
  });
});
