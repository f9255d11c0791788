import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** A SHA-256 over a body that arrives in pieces. */
export interface StreamSha256 {
  /**
   * Adds `bytes`, which must be a buffer from `lease()`: the hash takes it over (it moves to the
   * hashing thread without a copy, and comes back to the pool), so the caller must not touch it
   * afterwards.
   */
  update(bytes: Buffer): void;
  /** A buffer of `size` bytes to fill and then pass to `update`. */
  lease(size: number): Buffer;
  /** Resolves once earlier updates are no longer holding much memory. */
  drained(): Promise<void>;
  digest(): Promise<string>;
  /** Frees the hash without a digest (the body was abandoned). */
  discard(): void;
}

// The worker's whole program: CommonJS, evaluated, so it runs the same from src/ and dist/.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', ([id, op, buffer, length]) => {
  if (op === 'u') {
    let h = hashes.get(id);
    if (!h) hashes.set(id, (h = createHash('sha256')));
    h.update(new Uint8Array(buffer, 0, length));
    parentPort.postMessage([id, 'a', buffer, length], [buffer]);
  } else if (op === 'd') {
    const h = hashes.get(id) ?? createHash('sha256');
    hashes.delete(id);
    parentPort.postMessage([id, 'd', h.digest('hex')]);
  } else hashes.delete(id);
});
`;

/** Bytes handed over but not yet hashed, past which `drained()` waits. */
const QUEUE_LIMIT_BYTES = 8 * 1024 * 1024;
/** Pooled buffers are this large (a writer's run is about 1 MiB); larger requests are not pooled. */
const POOLED_BYTES = 1280 * 1024;
const POOL_MAX = 12;

type Reply = [id: number, op: 'a', buffer: ArrayBuffer, length: number] | [id: number, op: 'd', hex: string];

/**
 * Hashes bodies on one worker thread, so that the event loop that receives and writes them is
 * not also the one hashing them (on a gigabyte, the hash alone is ~0.6 s of a core). The worker
 * holds the process open only while a digest is awaited.
 */
/** One hashing thread and what is waiting on it (a stopped thread fails only its own hashes). */
interface HashThread {
  worker: Worker;
  digests: Map<number, { resolve: (hex: string) => void; reject: (error: Error) => void }>;
  /** Bytes handed to this thread not yet hashed (they never come back if it stops). */
  queued: number;
  broken: Error | null;
}

export class Sha256Worker {
  #thread: HashThread | null = null;
  #nextId = 1;
  /** Bytes handed over, on any thread, not yet hashed. */
  #queued = 0;
  #waiters: (() => void)[] = [];
  /** Buffers back from the worker, reused so that a long body allocates nothing per MiB. */
  readonly #pool: ArrayBuffer[] = [];

  #lease(size: number): Buffer {
    const pooled = size <= POOLED_BYTES ? this.#pool.pop() : undefined;
    return pooled ? Buffer.from(pooled, 0, size) : Buffer.from(new ArrayBuffer(Math.max(size, POOLED_BYTES)), 0, size);
  }

  create(): StreamSha256 {
    const thread = this.#start();
    if (!thread) return inThreadSha256();
    const { worker } = thread;
    const id = this.#nextId++;
    let ended = false;
    return {
      lease: (size) => this.#lease(size),
      update: (bytes) => {
        if (ended) throw new Error('update after digest');
        if (bytes.byteOffset !== 0 || !(bytes.buffer instanceof ArrayBuffer)) throw new TypeError('update() takes a leased buffer');
        if (thread.broken) return;
        const buffer = bytes.buffer;
        this.#queued += bytes.byteLength;
        thread.queued += bytes.byteLength;
        worker.postMessage([id, 'u', buffer, bytes.byteLength], [buffer]);
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
    this.#thread = null;
    void thread?.worker.terminate();
  }

  #start(): HashThread | null {
    if (this.#thread) return this.#thread;
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true });
    } catch {
      return null;
    }
    const thread: HashThread = { worker, digests: new Map(), queued: 0, broken: null };
    worker.unref();
    worker.on('message', (reply: Reply) => this.#onReply(thread, reply));
    const fail = (error: Error) => {
      if (thread.broken) return;
      if (this.#thread === thread) this.#thread = null;
      thread.broken = error;
      for (const { reject } of thread.digests.values()) reject(error);
      thread.digests.clear();
      this.#queued -= thread.queued;
      thread.queued = 0;
      this.#release();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the hashing thread exited (${code})`)));
    this.#thread = thread;
    return thread;
  }

  #onReply(thread: HashThread, reply: Reply): void {
    if (reply[1] === 'a') {
      this.#queued -= reply[3];
      thread.queued -= reply[3];
      if (reply[2].byteLength === POOLED_BYTES && this.#pool.length < POOL_MAX) this.#pool.push(reply[2]);
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
export function inThreadSha256(): StreamSha256 {
  const hash = createHash('sha256');
  return {
    lease: (size) => Buffer.allocUnsafeSlow(size),
    update: (bytes) => void hash.update(bytes),
    drained: () => Promise.resolve(),
    digest: () => Promise.resolve(hash.digest('hex')),
    discard: () => undefined,
  };
}
