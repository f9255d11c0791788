import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IO_ALIGN, SLOT_BYTES, SlotPool } from '../../src/dl/io-slots.js';
import { OrderedRunWriter } from '../../src/dl/run-writer.js';
import { removeDir, tempDir } from './helpers/fs-helpers.js';
import { PartHandles } from './helpers/part-handles.js';

let dir: string;
let pool: SlotPool;
let handles: PartHandles;
beforeEach(() => {
  dir = tempDir('runs');
  pool = new SlotPool();
  handles = new PartHandles(dir);
});
afterEach(async () => {
  await handles.closeAll();
  removeDir(dir);
});

const openPair = (name: string, wantDirect: boolean) => handles.open(name, wantDirect);

/** Pushes `body` in runs of the given lengths, as the part writer does. */
function pushRuns(w: OrderedRunWriter, body: Buffer, lengths: number[], start = 0): number {
  let at = start;
  for (const length of lengths) {
    const slot = pool.acquire();
    body.copy(slot.buffer, 0, at, at + length);
    w.push({ slot, length, position: at });
    at += length;
  }
  return at;
}

describe('OrderedRunWriter', () => {
  for (const mode of ['direct', 'buffered'] as const) {
    it(`writes runs in order, the last one with its partial block (${mode})`, async () => {
      const { file, fh, direct } = await openPair(`${mode}.bin`, mode === 'direct');
      let counted = 0;
      const w = new OrderedRunWriter(fh, direct, (n) => (counted += n));
      expect(w.direct).toBe(direct !== null);
      // Whole-block runs of varied lengths (a timer flush writes less than a slot), then a tail.
      const lengths = [SLOT_BYTES, IO_ALIGN * 3, SLOT_BYTES, IO_ALIGN, SLOT_BYTES - IO_ALIGN, 12_345];
      const body = randomBytes(lengths.reduce((a, b) => a + b, 0));
      pushRuns(w, body, lengths);
      await w.idle();
      expect(readFileSync(file).equals(body)).toBe(true);
      expect(counted).toBe(body.length);
      expect(pool.free).toBe(pool.allocated);
    });
  }

  it('writes nothing after a failed write: the file ends at the last good byte, never with a hole', async () => {
    const { file, fh } = await openPair('fail.bin', false);
    const w = new OrderedRunWriter(fh, null, () => undefined);
    const body = randomBytes(3 * SLOT_BYTES);
    pushRuns(w, body, [SLOT_BYTES]);
    await w.idle();
    await fh.close();
    pushRuns(w, body, [SLOT_BYTES, SLOT_BYTES], SLOT_BYTES);
    await expect(w.idle()).rejects.toThrow();
    await expect(w.room()).rejects.toBe(w.failure);
    // Pushed after the failure: given back at once, not written.
    pushRuns(w, body, [IO_ALIGN], 3 * SLOT_BYTES);
    const onDisk = readFileSync(file);
    expect(onDisk.length).toBe(SLOT_BYTES);
    expect(onDisk.equals(body.subarray(0, SLOT_BYTES))).toBe(true);
    expect(pool.free).toBe(pool.allocated);
  });

  it('falls back to plain writes when the direct handle refuses one (EINVAL), losing nothing', async (ctx) => {
    const { file, fh, direct } = await openPair('einval.bin', true);
    if (direct === null) ctx.skip(); // no direct I/O here: nothing to refuse
    const w = new OrderedRunWriter(fh, direct, () => undefined);
    const body = randomBytes(IO_ALIGN * 4);
    // Offset 100 is not block-aligned: Linux refuses the direct write with EINVAL.
    pushRuns(w, body, [IO_ALIGN * 2, IO_ALIGN * 2], 0);
    await w.idle();
    const slot = pool.acquire();
    body.copy(slot.buffer, 0, 0, IO_ALIGN);
    w.push({ slot, length: IO_ALIGN, position: 100 });
    await w.idle();
    expect(w.direct).toBe(false);
    const onDisk = readFileSync(file);
    expect(onDisk.subarray(0, 100).equals(body.subarray(0, 100))).toBe(true);
    expect(onDisk.subarray(100, 100 + IO_ALIGN).equals(body.subarray(0, IO_ALIGN))).toBe(true);
  });
});
