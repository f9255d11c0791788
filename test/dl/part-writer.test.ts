import { createHash, randomBytes } from 'node:crypto';
import { constants, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrityError } from '../../src/errors.js';
import { IO_ALIGN } from '../../src/dl/io-slots.js';
import { PartWriter } from '../../src/dl/part-writer.js';
import { Sha256Worker } from '../../src/dl/sha256-worker.js';
import { removeDir, tempDir } from './helpers/fs-helpers.js';
import { PartHandles } from './helpers/part-handles.js';

let hasher: Sha256Worker;
let handles: PartHandles;
let dir: string;
beforeEach(() => {
  dir = tempDir('part-writer');
  hasher = new Sha256Worker();
  handles = new PartHandles(dir);
});
afterEach(async () => {
  await handles.closeAll();
  hasher.close();
  removeDir(dir);
});

const handlesFor = (name: string, direct: boolean) => handles.open(name, direct);

/** Chunks of random sizes, as a socket delivers them. */
function chop(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < body.length; ) {
    const n = 1 + Math.floor(Math.random() * 100_000);
    out.push(body.subarray(at, at + n));
    at += n;
  }
  return out;
}

const directHere = constants.O_DIRECT !== undefined;

describe('PartWriter', () => {
  for (const mode of ['direct', 'buffered'] as const) {
    it(`streams a body to the file and the hash byte-exactly (${mode})`, async () => {
      const { file, fh, direct } = await handlesFor('body.bin', mode === 'direct');
      if (mode === 'direct' && directHere) expect(direct).not.toBeNull();
      const body = randomBytes(3_333_333);
      const hash = hasher.create();
      const writer = new PartWriter(fh, { position: 0, hash, direct });
      await pipeline(Readable.from(chop(body)), writer);
      await writer.settled();
      expect(writer.direct).toBe(direct !== null);
      expect(writer.written).toBe(body.length);
      expect(readFileSync(file).equals(body)).toBe(true);
      expect(await hash.digest()).toBe(createHash('sha256').update(body).digest('hex'));
      expect(hasher.pool.free).toBe(hasher.pool.allocated);
    });
  }

  it('keeps what a broken-off slow body delivered: whole blocks with direct I/O, every byte without', async () => {
    const body = randomBytes(15_000);
    for (const mode of ['direct', 'buffered'] as const) {
      const { file, fh, direct } = await handlesFor(`${mode}.bin`, mode === 'direct');
      const writer = new PartWriter(fh, { position: 0, hash: hasher.create(), direct });
      // 5,000 bytes every 250 ms: each arrival after the first finds the last write 200+ ms old.
      async function* slowly() {
        for (let at = 0; at < body.length; at += 5000) {
          yield body.subarray(at, at + 5000);
          await sleep(250);
        }
        throw new Error('connection reset');
      }
      await expect(pipeline(Readable.from(slowly()), writer)).rejects.toThrow('connection reset');
      await writer.settled();
      const kept = readFileSync(file);
      const expected = direct ? body.length - (body.length % IO_ALIGN) : body.length;
      expect(kept.length).toBe(expected);
      expect(kept.equals(body.subarray(0, expected))).toBe(true);
    }
    expect(hasher.pool.free).toBe(hasher.pool.allocated);
  });

  it('refuses a body of another type, an empty one included', async () => {
    for (const body of [Buffer.from('<html>not a video</html>'.repeat(20)), Buffer.alloc(0)]) {
      const { fh } = await handlesFor('typed.mp4', false);
      const writer = new PartWriter(fh, { position: 0, hash: hasher.create(), expect: ['mp4'] });
      await expect(pipeline(Readable.from([body]), writer)).rejects.toBeInstanceOf(IntegrityError);
      await writer.settled();
    }
  });

  it('continues a body from a block-aligned offset with direct writes, and from any other with plain ones', async () => {
    const body = randomBytes(2_500_000);
    for (const from of [IO_ALIGN * 100, 409_601]) {
      const { file, fh, direct } = await handlesFor(`from-${from}.bin`, true);
      await fh.write(body, 0, from, 0);
      const writer = new PartWriter(fh, { position: from, hash: hasher.create(), direct });
      await pipeline(Readable.from(chop(body.subarray(from))), writer);
      await writer.settled();
      expect(writer.direct).toBe(direct !== null && from % IO_ALIGN === 0);
      expect(readFileSync(file).equals(body)).toBe(true);
    }
  });
});
