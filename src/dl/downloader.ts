import { EventEmitter } from 'node:events';
import PQueue from 'p-queue';
import type { HttpClient } from '../crawler/http-client.js';
import { AbortError, DownloadError, InvalidOptionError, isDouyinKitError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import type { AggregateProgress, DownloaderEvents, FileFailedEvent } from './download-events.js';
import { downloadFile, type FileContext } from './download-file.js';
import { jobFromAsset, type DownloadJob, type DownloadResult } from './download-job.js';
import type { PostPlan } from './planned-asset.js';
import { ProgressTracker } from './progress-tracker.js';
import type { Store } from './store/types.js';
import { Sha256Worker } from './sha256-worker.js';
import { TargetResolver } from './target-path.js';
import { createTransport, type Transport } from './transport.js';

export interface DownloaderOptions {
  /** Download root; nothing is ever written outside it. */
  root: string;
  /** Files in flight at once. @default 10 */
  maxTasks?: number;
  /** Open connections at once (files beyond it wait for a socket). @default 5 */
  maxConnections?: number;
  /** Retries per file after a failed attempt (every attempt counts, resumed or not). @default 5 */
  retries?: number;
  /** @default 500 */
  retryBaseDelayMs?: number;
  /** @default 30_000 */
  retryMaxDelayMs?: number;
  /** Longest Retry-After (429) waited for; a longer one fails the file. @default 120_000 */
  maxRetryAfterMs?: number;
  /** No byte for this long (connect, headers or mid-body) fails the attempt. @default 30_000 */
  stallTimeoutMs?: number;
  /** fsync each file and its folder before it counts. @default true */
  fsync?: boolean;
  /**
   * Write bodies with `O_DIRECT` (Linux; other systems and file systems that refuse it get plain
   * writes). A body that is fsynced before it counts gains nothing from the page cache but a
   * second copy and a flush at the end; direct writes reach the disk while the body arrives, and
   * a bulk download no longer pushes everything else out of the cache. @default `fsync`
   */
  directIo?: boolean;
  /** Archive: skip what it says is done, record what is done. Never closed by the downloader. */
  store?: Store;
  /** When the archive says done but the file is gone: download it again (`false`: deleted stays deleted). @default true */
  redownloadMissing?: boolean;
  /** How often `progress` and per-file `file-progress` events come. @default 250 */
  progressIntervalMs?: number;
  /** Use the kit's HTTP client (its proxy, cookies, headers). Without it the downloader makes its own agents. */
  httpClient?: HttpClient;
  userAgent?: string;
  headers?: Record<string, string>;
  /** Jitter source for backoff, [0, 1). */
  random?: () => number;
}

function positiveInt(key: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) throw new InvalidOptionError(key, `Expected \`${key}\` to be an integer >= ${min}, got ${String(v)}`);
  return v;
}

/**
 * Downloads files: a p-queue with `maxTasks` files in flight over `maxConnections` sockets, each
 * body streamed to `<final>.part` and resumed after a failure or a restart, verified (length,
 * magic bytes), fsynced and renamed into place; mirrors tried in turn with bounded backoff.
 * One failed file never stops the others: failures are results (and `file-failed` events).
 */
export class Downloader extends EventEmitter<DownloaderEvents> {
  readonly root: string;
  readonly maxTasks: number;
  /** Every failure so far, in order. */
  readonly failures: FileFailedEvent[] = [];
  readonly #queue: PQueue;
  readonly #transport: Transport;
  readonly #hasher = new Sha256Worker();
  readonly #ctx: FileContext;
  readonly #tracker = new ProgressTracker();
  /** One controller per queued or running file, so `close()` can stop each. */
  readonly #controllers = new Set<AbortController>();
  readonly #progressIntervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: DownloaderOptions) {
    super();
    const targets = new TargetResolver(options.root);
    this.root = targets.root;
    this.maxTasks = positiveInt('maxTasks', options.maxTasks, 10, 1);
    const maxConnections = positiveInt('maxConnections', options.maxConnections, 5, 1);
    this.#progressIntervalMs = positiveInt('progressIntervalMs', options.progressIntervalMs, 250, 1);
    this.#transport = createTransport({
      httpClient: options.httpClient,
      maxConnections,
      stallTimeoutMs: positiveInt('stallTimeoutMs', options.stallTimeoutMs, 30_000, 1),
      userAgent: options.userAgent,
      headers: options.headers,
    });
    this.#queue = new PQueue({ concurrency: this.maxTasks });
    this.#queue.on('idle', () => this.#stopTicker());
    this.#ctx = {
      transport: this.#transport,
      targets,
      store: options.store,
      tracker: this.#tracker,
      retry: {
        retries: positiveInt('retries', options.retries, 5, 0),
        baseDelayMs: positiveInt('retryBaseDelayMs', options.retryBaseDelayMs, 500, 0),
        maxDelayMs: positiveInt('retryMaxDelayMs', options.retryMaxDelayMs, 30_000, 0),
        maxRetryAfterMs: positiveInt('maxRetryAfterMs', options.maxRetryAfterMs, 120_000, 0),
        random: options.random ?? Math.random,
      },
      fsync: options.fsync ?? true,
      directIo: options.directIo ?? options.fsync ?? true,
      hasher: this.#hasher,
      redownloadMissing: options.redownloadMissing ?? true,
      progressIntervalMs: this.#progressIntervalMs,
      busyPaths: new Map(),
      emit: (event, ...args) => {
        if (event === 'file-failed') this.failures.push(args[0] as FileFailedEvent);
        (this.emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
      },
    };
  }

  /** A downloader configured from the kit's options (`path`, `maxTasks`, `maxConnections`, `maxRetries`, backoff, `timeoutMs`). */
  static fromOptions(options: Readonly<ResolvedOptions>, extra: Partial<DownloaderOptions> = {}): Downloader {
    return new Downloader({
      root: options.path,
      maxTasks: options.maxTasks,
      maxConnections: options.maxConnections,
      retries: options.maxRetries,
      retryBaseDelayMs: options.retryBaseDelayMs,
      retryMaxDelayMs: options.retryMaxDelayMs,
      stallTimeoutMs: options.timeoutMs,
      userAgent: options.userAgent,
      ...extra,
    });
  }

  /** Files waiting for a slot. */
  get size(): number {
    return this.#queue.size;
  }

  /** Files in flight. */
  get pending(): number {
    return this.#queue.pending;
  }

  progress(): AggregateProgress {
    return this.#tracker.snapshot();
  }

  /**
   * Queues one file. Resolves with its outcome (`done`, `skipped` or `failed`); rejects only with
   * `AbortError` when `signal` (or `close()`) stops it.
   */
  add(job: DownloadJob, options: { signal?: AbortSignal } = {}): Promise<DownloadResult> {
    if (this.#closed) return Promise.reject(new AbortError('The downloader is closed'));
    if (options.signal?.aborted) return Promise.reject(new AbortError('The download was aborted', { cause: options.signal.reason }));
    const own = new AbortController();
    this.#controllers.add(own);
    const signal = options.signal ? AbortSignal.any([options.signal, own.signal]) : own.signal;
    this.#tracker.added();
    this.#startTicker();
    // p-queue races a running task against the signal it is given, and would settle add() (and
    // onIdle) while the file still writes its last blocks: it is given a signal that aborts only
    // while the file waits in the queue. A running file ends on `signal` itself, cleanup done.
    const whileQueued = new AbortController();
    let started = false;
    const dequeue = () => {
      if (!started) whileQueued.abort(signal.reason);
    };
    signal.addEventListener('abort', dequeue, { once: true });
    const run = async (): Promise<DownloadResult> => {
      started = true;
      if (signal.aborted) throw new AbortError('The download was aborted', { cause: signal.reason });
      try {
        return await downloadFile(this.#ctx, job, signal);
      } catch (error) {
        if (error instanceof AbortError || signal.aborted) {
          this.#tracker.removed(job.key);
          throw error instanceof AbortError ? error : new AbortError('The download was aborted', { cause: signal.reason });
        }
        // An unexpected failure (disk full, permissions) is this file's failure, not the queue's.
        const e = isDouyinKitError(error) ? error : new DownloadError(`${job.key}: ${(error as Error).message}`, false, { cause: error });
        this.#tracker.finished(job.key, 'failed');
        this.#ctx.emit('file-failed', { key: job.key, path: null, error: e, attempts: 0 });
        return { key: job.key, status: 'failed', path: null, error: e, attempts: 0 };
      }
    };
    const result = this.#queue
      .add(run, { signal: whileQueued.signal })
      .catch((error: unknown) => {
        if (error instanceof AbortError) throw error;
        // p-queue's own AbortError for a job dropped from the queue before it started.
        this.#tracker.removed(job.key);
        throw new AbortError('The download was aborted before it started', { cause: error });
      })
      .finally(() => {
        signal.removeEventListener('abort', dequeue);
        this.#controllers.delete(own);
      });
    // An AbortError nobody waits for (a file stopped by close() whose promise is awaited only
    // after it) must not count as an unhandled rejection; whoever awaits it still gets it.
    result.catch(() => undefined);
    return result;
  }

  /** Queues every job; resolves with their outcomes in the same order. */
  async addAll(jobs: Iterable<DownloadJob>, options: { signal?: AbortSignal } = {}): Promise<DownloadResult[]> {
    return Promise.all([...jobs].map((job) => this.add(job, options)));
  }

  /** Downloads a post's planned assets under `base` folders (e.g. `['douyin', 'post', userFolder]`). */
  downloadPlan(plan: PostPlan, base: readonly string[], options: { signal?: AbortSignal } = {}): Promise<DownloadResult[]> {
    return this.addAll(
      plan.assets.map((asset) => jobFromAsset(asset, base)),
      options,
    );
  }

  /** Resolves when nothing is queued or running. */
  async onIdle(): Promise<void> {
    await this.#queue.onIdle();
  }

  /** Resolves when fewer than `limit` files wait (backpressure for a producer). */
  async onSizeLessThan(limit: number): Promise<void> {
    await this.#queue.onSizeLessThan(limit);
  }

  #startTicker(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.emit('progress', this.#tracker.snapshot()), this.#progressIntervalMs);
    this.#timer.unref();
  }

  #stopTicker(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.emit('progress', this.#tracker.snapshot());
  }

  /** Stops everything in flight (the `.part` files stay for next time) and frees the sockets. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const controller of this.#controllers) controller.abort(new AbortError('The downloader was closed'));
    await this.#queue.onIdle();
    this.#stopTicker();
    this.#transport.close();
    this.#hasher.close();
  }
}
