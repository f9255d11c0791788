import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { IntegrityError } from '../errors.js';
import { IO_ALIGN, SLOT_BYTES, copyIntoSlot, type IoSlot } from './io-slots.js';
import { OrderedRunWriter } from './run-writer.js';
import { MAGIC_PROBE_BYTES, describeHead, magicMatches, type MediaContainer } from './media-magic.js';
import type { StreamSha256 } from './sha256-worker.js';

/** Gathered bytes older than this are written even when the slot is not full. */
const FLUSH_AFTER_MS = 200;

export interface PartWriterOptions {
  /** File offset of the first byte written. */
  position: number;
  /** Fed each run of bytes as it goes to the file; its slots hold the bytes on their way. */
  hash: StreamSha256;
  /**
   * The same file opened with `O_DIRECT`. Whole aligned blocks then go straight to the disk
   * (a body that is fsynced anyway gains nothing from the page cache but a copy); the last
   * partial block goes through `fh`. A refused direct write switches the writer to `fh`.
   */
  direct?: FileHandle | null;
  /** When the body starts at offset 0: refuse it as soon as its first bytes are of another type. */
  expect?: readonly MediaContainer[];
  onBytes?: (bytes: number) => void;
  /** Bytes buffered before the stream pushes back. @default 1 MiB */
  highWaterMark?: number;
  /**
   * Without direct I/O: start an `fdatasync` in the background after this many bytes, so that a
   * large file's data reaches the disk while the rest arrives. `0`: never. @default 0
   */
  syncEveryBytes?: number;
}

/**
 * The one stream between the socket and the `.part` file: copies chunks into 1 MiB slots, hands
 * each full slot to the file (in order, batched, never leaving a hole: `OrderedRunWriter`) and to
 * the hash, which reads it on its own thread; counts bytes once written. The file handles stay
 * open for the caller (close them after `settled()`).
 */
export class PartWriter extends Writable {
  readonly #fh: FileHandle;
  readonly #runs: OrderedRunWriter;
  readonly #hash: StreamSha256;
  readonly #onBytes: ((bytes: number) => void) | undefined;
  readonly #expect: readonly MediaContainer[] | undefined;
  #head: Buffer | null;
  /** The slot filling now, how many bytes it holds, and the file offset of its first byte. */
  #slot: IoSlot | null = null;
  #fill = 0;
  #position: number;
  #written = 0;
  #lastFlush = performance.now();
  #destroying: Promise<void> = Promise.resolve();
  readonly #syncEvery: number;
  #unsynced = 0;
  #syncing: Promise<void> | null = null;

  constructor(fh: FileHandle, options: PartWriterOptions) {
    super({ highWaterMark: options.highWaterMark ?? 1 << 20, decodeStrings: true });
    this.#fh = fh;
    // Direct writes stay block-aligned only from an aligned start (the caller resumes from one).
    const direct = options.position % IO_ALIGN === 0 ? (options.direct ?? null) : null;
    this.#runs = new OrderedRunWriter(fh, direct, (bytes) => {
      this.#written += bytes;
      this.#onBytes?.(bytes);
      this.#maybeSync(bytes);
    });
    this.#syncEvery = options.syncEveryBytes ?? 0;
    this.#hash = options.hash;
    this.#onBytes = options.onBytes;
    this.#position = options.position;
    this.#expect = options.position === 0 && options.expect && options.expect.length > 0 ? options.expect : undefined;
    this.#head = this.#expect ? Buffer.alloc(0) : null;
  }

  /** Body bytes written by this writer (not counting what the file held before). */
  get written(): number {
    return this.#written;
  }

  /** Whether whole blocks still go to the disk directly (false once a direct write was refused). */
  get direct(): boolean {
    return this.#runs.direct;
  }

  #probe(chunks: readonly Buffer[]): Error | null {
    if (this.#head === null || this.#expect === undefined) return null;
    this.#head = Buffer.concat([this.#head, ...chunks]).subarray(0, MAGIC_PROBE_BYTES);
    if (this.#head.length < MAGIC_PROBE_BYTES) return null;
    const head = this.#head;
    this.#head = null;
    if (magicMatches(head, this.#expect)) return null;
    return new IntegrityError(`The body starts with ${describeHead(head)}, not ${this.#expect.join('/')}`, {
      hint: 'The server sent something else than the media (an error page, another format); another mirror may work.',
    });
  }

  #take(chunks: readonly Buffer[], callback: (error?: Error | null) => void): void {
    const bad = this.#probe(chunks);
    if (bad) {
      callback(bad);
      return;
    }
    // Most chunks only go into the slot: no promise, no microtask.
    const only = chunks.length === 1 ? chunks[0]! : null;
    if (only !== null && this.#fill + only.length < SLOT_BYTES && performance.now() - this.#lastFlush < FLUSH_AFTER_MS) {
      this.#slot ??= this.#hash.lease();
      this.#fill += copyIntoSlot(this.#slot.buffer, this.#fill, only, 0);
      callback();
      return;
    }
    this.#fillFrom(chunks).then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }

  async #fillFrom(chunks: readonly Buffer[]): Promise<void> {
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length; ) {
        // Destroyed while waiting on a write: what is left is not ours to write any more.
        if (this.destroyed) return;
        this.#slot ??= this.#hash.lease();
        const n = copyIntoSlot(this.#slot.buffer, this.#fill, chunk, at);
        this.#fill += n;
        at += n;
        if (this.#fill === SLOT_BYTES) await this.#flush(false);
      }
    }
    // Also write what a slow connection gathered for a while: a killed process loses at most that.
    if (!this.destroyed && this.#fill > 0 && performance.now() - this.#lastFlush >= FLUSH_AFTER_MS) await this.#flush(false);
  }

  /**
   * Hands the slot's bytes to the file and the hash. With direct I/O only whole blocks go now,
   * unless `last`: the rest moves to the start of a new slot, still block-aligned in the file.
   * Resolves once the write queue has room (one write runs while the next slots fill).
   */
  async #flush(last: boolean): Promise<void> {
    const slot = this.#slot;
    const fill = this.#fill;
    if (slot === null || fill === 0) return;
    const length = last || !this.#runs.direct ? fill : fill - (fill % IO_ALIGN);
    if (length === 0) return;
    this.#lastFlush = performance.now();
    const position = this.#position;
    this.#position += length;
    this.#slot = null;
    this.#fill = 0;
    if (length < fill) {
      this.#slot = this.#hash.lease();
      this.#fill = copyIntoSlot(this.#slot.buffer, 0, slot.buffer.subarray(0, fill), length);
    }
    this.#hash.update(slot, 0, length);
    this.#runs.push({ slot, length, position });
    await this.#runs.room();
    await this.#hash.drained();
  }

  #maybeSync(bytes: number): void {
    if (this.#syncEvery === 0 || this.#runs.direct) return;
    this.#unsynced += bytes;
    if (this.#unsynced < this.#syncEvery || this.#syncing !== null) return;
    this.#unsynced = 0;
    // Failure here is not fatal: the fsync before the rename decides.
    this.#syncing = this.#fh.datasync().then(
      () => void (this.#syncing = null),
      () => void (this.#syncing = null),
    );
  }

  /** Resolves when no write or background sync is running (call before closing the handles). */
  async settled(): Promise<void> {
    await this.#runs.idle().catch(() => undefined);
    await this.#destroying;
    await this.#syncing;
  }

  /**
   * When the body breaks off (reset, stall, abort), what was received is still good: write it
   * (whole blocks, with direct I/O), so the next attempt resumes from there. Never after a
   * failed write (that would leave a hole).
   */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const slot = this.#slot;
    const fill = this.#fill;
    this.#slot = null;
    this.#fill = 0;
    if (slot !== null) {
      const whole = this.#runs.direct ? fill - (fill % IO_ALIGN) : fill;
      // Queued after the runs before it, and written only if all of them were.
      if (whole > 0 && !(error instanceof IntegrityError)) this.#runs.push({ slot, length: whole, position: this.#position });
      else slot.release();
    }
    this.#destroying = this.#runs
      .idle()
      .catch(() => undefined)
      .finally(() => callback(error));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#take([chunk], callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.#take(
      chunks.map((c) => c.chunk),
      callback,
    );
  }

  override _final(callback: (error?: Error | null) => void): void {
    // A body shorter than the probe (or empty): judge it on what arrived.
    if (this.#head !== null && this.#expect !== undefined && !magicMatches(this.#head, this.#expect)) {
      callback(new IntegrityError(`The body starts with ${describeHead(this.#head)}, not ${this.#expect.join('/')}`));
      return;
    }
    this.#flush(true)
      .then(() => this.#runs.idle())
      .then(
        () => callback(),
        (error: Error) => callback(error),
      );
  }
}
