import type { FileHandle } from 'node:fs/promises';
import { IO_ALIGN, type IoSlot } from './io-slots.js';

/** `length` bytes at the start of `slot`, for file offset `position`. */
export interface SlotRun {
  slot: IoSlot;
  length: number;
  position: number;
}

/** Runs queued behind the running write before `room()` waits. */
const MAX_QUEUED_RUNS = 3;

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string }).code;
}

/** Writes `buffers` back to back from `position`, continuing after a short write. */
async function writevAll(fh: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let rest = buffers;
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await fh.writev(rest, at);
    if (bytesWritten === 0) throw new Error(`short write at offset ${at}`);
    at += bytesWritten;
    let skip = bytesWritten;
    while (rest.length > 0 && skip >= rest[0]!.length) skip -= rest.shift()!.length;
    if (skip > 0) rest = [rest[0]!.subarray(skip), ...rest.slice(1)];
  }
}

/**
 * Writes runs of slot bytes to one file, in order, one write at a time: the runs that queued up
 * while a write ran go out together in the next `writev`. A write starts only after the one before
 * it succeeded, so a failure ends the file's good bytes and never leaves a hole; after it nothing
 * more is written. Each slot is released once its run is written (or given up).
 *
 * With a direct handle (`O_DIRECT`), whole blocks go through it; a run's last partial block (only
 * a body's last run has one) goes through `fh`. A refused direct write (EINVAL) switches to `fh`.
 */
export class OrderedRunWriter {
  readonly #fh: FileHandle;
  #direct: FileHandle | null;
  readonly #onWritten: (bytes: number) => void;
  #queue: SlotRun[] = [];
  #running: Promise<void> | null = null;
  #failure: Error | null = null;
  #waiters: (() => void)[] = [];

  constructor(fh: FileHandle, direct: FileHandle | null, onWritten: (bytes: number) => void) {
    this.#fh = fh;
    this.#direct = direct;
    this.#onWritten = onWritten;
  }

  /** Whether whole blocks still go through the direct handle. */
  get direct(): boolean {
    return this.#direct !== null;
  }

  get failure(): Error | null {
    return this.#failure;
  }

  /** Queues a run (the writer takes over the caller's slot reference). */
  push(run: SlotRun): void {
    if (this.#failure) {
      run.slot.release();
      return;
    }
    this.#queue.push(run);
    this.#running ??= this.#drain().finally(() => {
      this.#running = null;
      this.#wake();
    });
  }

  /** Resolves when the queue has room for another run; rejects once a write failed. */
  async room(): Promise<void> {
    while (this.#failure === null && this.#queue.length >= MAX_QUEUED_RUNS) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    if (this.#failure) throw this.#failure;
  }

  /** Resolves when every queued run is written; rejects with the failure if one was not. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
    if (this.#failure) throw this.#failure;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      this.#wake();
      try {
        if (this.#failure === null) {
          await this.#write(batch);
          for (const run of batch) this.#onWritten(run.length);
        }
      } catch (error) {
        this.#failure = error as Error;
      } finally {
        for (const run of batch) run.slot.release();
      }
    }
  }

  /** The batch's runs are contiguous in the file. */
  async #write(batch: SlotRun[]): Promise<void> {
    let group: Buffer[] = [];
    let groupAt = batch[0]!.position;
    for (const run of batch) {
      const whole = this.#direct ? run.length - (run.length % IO_ALIGN) : run.length;
      if (whole > 0) group.push(run.slot.buffer.subarray(0, whole));
      if (whole === run.length) continue;
      await this.#writeGroup(group, groupAt);
      await writevAll(this.#fh, [run.slot.buffer.subarray(whole, run.length)], run.position + whole);
      group = [];
      groupAt = run.position + run.length;
    }
    await this.#writeGroup(group, groupAt);
  }

  async #writeGroup(buffers: Buffer[], position: number): Promise<void> {
    if (buffers.length === 0) return;
    const direct = this.#direct;
    if (direct !== null) {
      try {
        await writevAll(direct, buffers, position);
        return;
      } catch (error) {
        // Refused (a file system or memory that does not align as expected): plain writes from now on.
        if (errorCode(error) !== 'EINVAL') throw error;
        this.#direct = null;
      }
    }
    await writevAll(this.#fh, buffers, position);
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
