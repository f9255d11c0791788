import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { IntegrityError } from '../errors.js';
import { MAGIC_PROBE_BYTES, describeHead, magicMatches, type MediaContainer } from './media-magic.js';
import type { StreamSha256 } from './sha256-worker.js';

/** Gathered bytes older than this are written even when fewer than `flushBytes`. */
const FLUSH_AFTER_MS = 200;

export interface PartWriterOptions {
  /** File offset of the first byte written. */
  position: number;
  /** Fed each gathered run of bytes once it is written. */
  hash: StreamSha256;
  /** When the body starts at offset 0: refuse it as soon as its first bytes are of another type. */
  expect?: readonly MediaContainer[];
  onBytes?: (bytes: number) => void;
  /** Bytes buffered before the stream pushes back. @default 1 MiB */
  highWaterMark?: number;
  /** Bytes gathered before one write to the file. @default 1 MiB */
  flushBytes?: number;
  /**
   * Start an `fdatasync` in the background after this many bytes, so that a large file's data
   * reaches the disk while the rest arrives and the fsync before the rename has little left.
   * `0`: never. @default 0
   */
  syncEveryBytes?: number;
}

/**
 * The one stream between the socket and the `.part` file: gathers chunks into one buffer per MiB
 * and writes it at an explicit offset (a write per socket chunk costs more CPU than the copy
 * itself), then hands that buffer to the hash (on its own thread), counts bytes. The file handle
 * stays open for the caller.
 */
export class PartWriter extends Writable {
  readonly #fh: FileHandle;
  readonly #hash: StreamSha256;
  readonly #onBytes: ((bytes: number) => void) | undefined;
  readonly #expect: readonly MediaContainer[] | undefined;
  #position: number;
  #head: Buffer | null;
  #written = 0;
  #pending: Buffer[] = [];
  #inFlight: Promise<void> = Promise.resolve();
  #lastFlush = performance.now();
  readonly #syncEvery: number;
  #unsynced = 0;
  #syncing: Promise<void> | null = null;
  #broken = false;
  #pendingBytes = 0;
  readonly #flushBytes: number;

  constructor(fh: FileHandle, options: PartWriterOptions) {
    super({ highWaterMark: options.highWaterMark ?? 1 << 20, decodeStrings: true });
    this.#flushBytes = options.flushBytes ?? 1 << 20;
    this.#syncEvery = options.syncEveryBytes ?? 0;
    this.#fh = fh;
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

  #take(chunks: Buffer[], callback: (error?: Error | null) => void): void {
    const bad = this.#probe(chunks);
    if (bad) {
      callback(bad);
      return;
    }
    for (const chunk of chunks) {
      this.#pending.push(chunk);
      this.#pendingBytes += chunk.length;
    }
    // Also flush what a slow connection gathered for a while: a killed process loses at most that.
    if (this.#pendingBytes >= this.#flushBytes || performance.now() - this.#lastFlush >= FLUSH_AFTER_MS) this.#flush(callback);
    else callback();
  }

  /** One positioned write for everything gathered (socket chunks are 16–64 KiB; calls are not free). */
  #flush(callback: (error?: Error | null) => void): void {
    const chunks = this.#pending;
    const total = this.#pendingBytes;
    this.#pending = [];
    this.#pendingBytes = 0;
    const position = this.#position;
    this.#position += total;
    this.#lastFlush = performance.now();
    // One buffer that owns its memory: written in one call, then moved to the hashing thread.
    const run = this.#hash.lease(total);
    let at = 0;
    for (const chunk of chunks) at += chunk.copy(run, at);
    const done = async (): Promise<void> => {
      this.#written += total;
      this.#onBytes?.(total);
      this.#maybeSync(total);
      this.#hash.update(run);
      await this.#hash.drained();
      callback();
    };
    this.#inFlight = this.#writeAll(run, position)
      .then(done, (error: Error) => {
        this.#broken = true;
        callback(error);
      })
      .catch((error: Error) => callback(error));
  }

  /** Writes `run` at `position` completely (a short write, rare, is continued) or rejects. */
  async #writeAll(run: Buffer, position: number): Promise<void> {
    let offset = 0;
    while (offset < run.length) {
      const { bytesWritten } = await this.#fh.write(run, offset, run.length - offset, position + offset);
      if (bytesWritten === 0) throw new Error(`short write: ${offset} of ${run.length} bytes`);
      offset += bytesWritten;
    }
  }

  #maybeSync(bytes: number): void {
    if (this.#syncEvery === 0) return;
    this.#unsynced += bytes;
    if (this.#unsynced < this.#syncEvery || this.#syncing !== null) return;
    this.#unsynced = 0;
    // Failure here is not fatal: the fsync before the rename decides.
    this.#syncing = this.#fh.datasync().then(
      () => void (this.#syncing = null),
      () => void (this.#syncing = null),
    );
  }

  /** Resolves when no background sync is running (call before closing the handle). */
  async settled(): Promise<void> {
    await this.#syncing;
  }

  /**
   * When the body breaks off (reset, stall, abort), what was received is still good: write it,
   * so the next attempt resumes from there. Never after a failed write (that would leave a hole).
   */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const chunks = this.#pending;
    const position = this.#position;
    this.#pending = [];
    this.#pendingBytes = 0;
    if (chunks.length === 0 || error instanceof IntegrityError) {
      callback(error);
      return;
    }
    this.#inFlight
      .then(() => (this.#broken ? undefined : this.#fh.writev(chunks, position)))
      .then(
        () => callback(error),
        () => callback(error),
      );
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
    // A body shorter than the probe: judge it on what arrived.
    if (this.#head !== null && this.#expect !== undefined && this.#head.length > 0 && !magicMatches(this.#head, this.#expect)) {
      callback(new IntegrityError(`The body starts with ${describeHead(this.#head)}, not ${this.#expect.join('/')}`));
      return;
    }
    if (this.#pendingBytes > 0) this.#flush(callback);
    else callback();
  }
}
