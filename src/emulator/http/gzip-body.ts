import { constants, deflateRawSync } from 'node:zlib';
import { cachedPartId } from '../shape/cached-part.js';
import { crc32, crc32Combine, crc32Shift } from './crc32.js';

/**
 * `Content-Encoding: gzip` for reply bodies without recompressing what is cached.
 *
 * The body is one gzip member whose deflate stream is a sequence of byte-aligned pieces: every
 * run of cached parts (see `cachedPart`) is deflated once, ended with a sync flush, and kept
 * under the parts' ids; per-request runs (a page's envelope) are deflated per request, or
 * stored when short. The CRC of the whole body is combined from the pieces' CRCs, so a page
 * costs a few small copies, not a compression of its 300 KB.
 */

/** Per-request runs shorter than this go out as stored (uncompressed) deflate blocks. */
const STORE_BELOW = 1024;
const MAX_STORED = 0xffff;
/** ID1 ID2, CM=8 (deflate), no flags, no mtime, XFL 0, OS 3 (Unix). */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

interface Run {
  /** The cached parts' ids, to tell runs with the same hash apart. */
  ids: number[];
  deflated: Buffer;
  crc: number;
  length: number;
  /** `crc32Shift(length)`. */
  shift: number;
}

/** Non-final deflate blocks ending byte-aligned, so any piece may follow. */
function deflatePiece(data: Buffer): Buffer {
  return deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
}

/** `data` as stored blocks (BTYPE 00, not final). */
function storedPiece(data: Buffer): Buffer {
  const blocks = Math.ceil(data.length / MAX_STORED);
  const out = Buffer.allocUnsafe(data.length + 5 * blocks);
  let o = 0;
  for (let at = 0; at < data.length; at += MAX_STORED) {
    const n = Math.min(MAX_STORED, data.length - at);
    out[o] = 0;
    out.writeUInt16LE(n, o + 1);
    out.writeUInt16LE(~n & 0xffff, o + 3);
    data.copy(out, o + 5, at, at + n);
    o += 5 + n;
  }
  return out;
}

/** An empty final stored block, then CRC-32 and ISIZE. */
function trailer(crc: number, size: number): Buffer {
  const out = Buffer.from([1, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0]);
  out.writeUInt32LE(crc >>> 0, 5);
  out.writeUInt32LE(size % 2 ** 32, 9);
  return out;
}

function sameIds(a: readonly number[], b: readonly (number | undefined)[], from: number): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[from + k]) return false;
  return true;
}

function join(pieces: readonly Buffer[]): Buffer {
  return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
}

/** Gzip encoder with a byte-bounded LRU of deflated cached runs, keyed by a hash of their ids. */
export class GzipEncoder {
  readonly #runs = new Map<number, Run>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes = 64 * 1024 * 1024) {
    this.#maxBytes = maxBytes;
  }

  /**
   * The gzip body for `parts` (written in order, they are the identity body): cached runs'
   * deflated bytes as they are, everything between them joined, so a page is three buffers.
   */
  encode(parts: readonly Buffer[]): Buffer[] {
    const ids = parts.map(cachedPartId);
    const out: Buffer[] = [];
    let between: Buffer[] = [HEADER];
    let crc = 0;
    let size = 0;
    for (let i = 0; i < parts.length; ) {
      const cached = ids[i] !== undefined;
      let j = i + 1;
      while (j < parts.length && (ids[j] !== undefined) === cached) j++;
      if (cached) {
        const run = this.#run(parts, ids, i, j);
        out.push(join(between), run.deflated);
        between = [];
        crc = crc32Combine(crc, run.crc, run.shift);
        size += run.length;
      } else {
        const data = j - i === 1 ? (parts[i] as Buffer) : Buffer.concat(parts.slice(i, j));
        if (data.length > 0) {
          between.push(data.length < STORE_BELOW ? storedPiece(data) : deflatePiece(data));
          crc = crc32(data, crc);
          size += data.length;
        }
      }
      i = j;
    }
    between.push(trailer(crc, size));
    out.push(join(between));
    return out;
  }

  #run(parts: readonly Buffer[], ids: readonly (number | undefined)[], from: number, to: number): Run {
    let key = to - from;
    for (let k = from; k < to; k++) key = Math.imul(key ^ (ids[k] as number), 0x01000193) >>> 0;
    let run = this.#runs.get(key);
    if (run && run.ids.length === to - from && sameIds(run.ids, ids, from)) {
      // Most recently used last, so eviction takes from the front.
      this.#runs.delete(key);
      this.#runs.set(key, run);
      return run;
    }
    if (run) this.#drop(key, run);
    const data = to - from === 1 ? (parts[from] as Buffer) : Buffer.concat(parts.slice(from, to));
    run = { ids: ids.slice(from, to) as number[], deflated: deflatePiece(data), crc: crc32(data), length: data.length, shift: crc32Shift(data.length) };
    this.#runs.set(key, run);
    this.#bytes += run.deflated.length;
    for (const [k, old] of this.#runs) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#drop(k, old);
    }
    return run;
  }

  #drop(key: number, run: Run): void {
    this.#runs.delete(key);
    this.#bytes -= run.deflated.length;
  }
}
