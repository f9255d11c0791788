import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { SlotPool, type IoSlot } from './io-slots.js';

/** A SHA-256 over a body that arrives in pieces, each a run of bytes in a pooled slot. */
export interface StreamSha256 {
  /** An empty slot (one reference: the caller's) to fill and pass to `update`. */
  lease(): IoSlot;
  /**
   * Adds `length` bytes of `slot` from `start`. The hash keeps its own reference until it has
   * read them: the caller may release its reference at once, but must not refill the slot.
   */
  update(slot: IoSlot, start: number, length: number): void;
  /** Resolves once earlier updates are no longer holding much memory. */
  drained(): Promise<void>;
  digest(): Promise<string>;
  /** Frees the hash without a digest (the body was abandoned). */
  discard(): void;
}

// The worker's whole program: CommonJS, evaluated, so it runs the same from src/ and dist/.
// It reads slots in place in the shared regions it was sent.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
const regions = [];
parentPort.on('message', (m) => {
  const id = m[0], op = m[1];
  if (op === 'u') {
    let h = hashes.get(id);
    if (!h) hashes.set(id, (h = createHash('sha256')));
    h.update(new Uint8Array(regions[m[2]], m[3], m[4]));
    parentPort.postMessage([id, 'a', m[4]]);
  } else if (op === 'r') regions[m[2]] = m[3];
  else if (op === 'd') {
    const h = hashes.get(id) ?? createHash('sha256');
    hashes.delete(id);
    parentPort.postMessage([id, 'd', h.digest('hex')]);
  } else hashes.delete(id);
});
`;

/** Bytes handed over but not yet hashed, past which `drained()` waits. */
const QUEUE_LIMIT_BYTES = 8 * 1024 * 1024;

type Reply = [id: number, op: 'a', length: number] | [id: number, op: 'd', hex: string];

/** One hashing thread and what is waiting on it (a stopped thread fails only its own hashes). */
interface HashThread {
  worker: Worker;
  digests: Map<number, { resolve: (hex: string) => void; reject: (error: Error) => void }>;
  /** Slots handed over, in order: the thread answers each in turn, and a stopped thread frees them all. */
  reading: { slot: IoSlot; length: number }[];
  /** How many of the pool's regions the thread has been sent. */
  regionsSent: number;
  broken: Error | null;
}

/**
 * Hashes bodies on one worker thread, so that the event loop that receives and writes them is
 * not also the one hashing them (on a gigabyte, the hash alone is ~0.6 s of a core). The thread
 * reads the bytes where they are, in the pool's shared slots. It holds the process open only
 * while a digest is awaited.
 */
export class Sha256Worker {
  readonly pool: SlotPool;
  #thread: HashThread | null = null;
  #nextId = 1;
  /** Bytes handed over, on any thread, not yet hashed. */
  #queued = 0;
  #waiters: (() => void)[] = [];

  constructor(pool: SlotPool = new SlotPool()) {
    this.pool = pool;
  }

  create(): StreamSha256 {
    const thread = this.#start();
    if (!thread) return inThreadSha256(this.pool);
    const { worker } = thread;
    const id = this.#nextId++;
    let ended = false;
    return {
      lease: () => this.pool.acquire(),
      update: (slot, start, length) => {
        if (ended) throw new Error('update after digest');
        if (thread.broken) return;
        while (thread.regionsSent < this.pool.regions.length) {
          const r = thread.regionsSent++;
          worker.postMessage([0, 'r', r, this.pool.regions[r]]);
        }
        slot.retain();
        thread.reading.push({ slot, length });
        this.#queued += length;
        worker.postMessage([id, 'u', slot.region, slot.offset + start, length]);
      },
      drained: () => (this.#queued <= QUEUE_LIMIT_BYTES ? Promise.resolve() : new Promise((resolve) => this.#waiters.push(resolve))),
      digest: () => {
        ended = true;
        if (thread.broken) return Promise.reject(thread.broken);
        return new Promise<string>((resolve, reject) => {
          thread.digests.set(id, { resolve, reject });
          if (thread.digests.size === 1) worker.ref();
          worker.postMessage([id, 'd']);
        });
      },
      discard: () => {
        if (ended) return;
        ended = true;
        if (!thread.broken) worker.postMessage([id, 'x']);
      },
    };
  }

  /** Stops the thread (its pending digests reject); the next `create()` starts a new one. */
  close(): void {
    const thread = this.#thread;
    if (!thread) return;
    // At once, not on the thread's exit: a digest it posts before it stops is not delivered.
    this.#fail(thread, new Error('the hashing thread exited: closed'));
    void thread.worker.terminate();
  }

  #start(): HashThread | null {
    if (this.#thread) return this.#thread;
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true });
    } catch {
      return null;
    }
    const thread: HashThread = { worker, digests: new Map(), reading: [], regionsSent: 0, broken: null };
    worker.unref();
    worker.on('message', (reply: Reply) => this.#onReply(thread, reply));
    const fail = (error: Error) => this.#fail(thread, error);
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the hashing thread exited (${code})`)));
    this.#thread = thread;
    return thread;
  }

  /** Fails the thread's pending digests and frees the slots it held; later replies are ignored. */
  #fail(thread: HashThread, error: Error): void {
    if (thread.broken) return;
    if (this.#thread === thread) this.#thread = null;
    thread.broken = error;
    for (const { reject } of thread.digests.values()) reject(error);
    thread.digests.clear();
    for (const { slot, length } of thread.reading.splice(0)) {
      this.#queued -= length;
      slot.release();
    }
    this.#release();
  }

  #onReply(thread: HashThread, reply: Reply): void {
    if (thread.broken) return;
    if (reply[1] === 'a') {
      this.#queued -= reply[2];
      thread.reading.shift()?.slot.release();
      if (this.#queued <= QUEUE_LIMIT_BYTES) this.#release();
      return;
    }
    const waiting = thread.digests.get(reply[0]);
    thread.digests.delete(reply[0]);
    if (thread.digests.size === 0) thread.worker.unref();
    waiting?.resolve(reply[2]);
  }

  #release(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

/** The same interface on the calling thread (when no worker can be started). */
export function inThreadSha256(pool: SlotPool = new SlotPool()): StreamSha256 {
  const hash = createHash('sha256');
  return {
    lease: () => pool.acquire(),
    update: (slot, start, length) => void hash.update(slot.buffer.subarray(start, start + length)),
    drained: () => Promise.resolve(),
    digest: () => Promise.resolve(hash.digest('hex')),
    discard: () => undefined,
  };
}
