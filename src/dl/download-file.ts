/**
 * One job from start to finish: skip it if the archive or the disk already has it, else try
 * its mirrors in turn with bounded, backed-off retries, verify, promote, record.
 */
import { lstat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { AbortError, DownloadError, PathError, RateLimitError, isDouyinKitError, type DouyinKitError } from '../errors.js';
import { calculateRetryDelay } from '../utils/calculate-retry-delay.js';
import type { DownloaderEvents } from './download-events.js';
import type { DownloadJob, DownloadResult } from './download-job.js';
import { fetchAttempt } from './fetch-attempt.js';
import { fetchSmallBody } from './fetch-small.js';
import { hashFile, promotePart, writeWholeFile } from './finalize-file.js';
import { MAGIC_PROBE_BYTES, magicMatches } from './media-magic.js';
import { readHead, removePart } from './part-file.js';
import type { ProgressTracker } from './progress-tracker.js';
import type { Store } from './store/types.js';
import type { TargetResolver } from './target-path.js';
import { toKitError, type Transport } from './transport.js';
import type { Sha256Worker } from './sha256-worker.js';

export interface RetrySettings {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  random: () => number;
}

export interface FileContext {
  transport: Transport;
  targets: TargetResolver;
  store: Store | undefined;
  tracker: ProgressTracker;
  retry: RetrySettings;
  fsync: boolean;
  /** Whole blocks go to the disk with O_DIRECT where the file system allows. */
  directIo: boolean;
  /** Hashes bodies off the event loop. */
  hasher: Sha256Worker;
  redownloadMissing: boolean;
  progressIntervalMs: number;
  emit<K extends keyof DownloaderEvents>(event: K, ...args: DownloaderEvents[K]): void;
  /** Final paths being worked on: two jobs for one path run one after the other, never together. */
  busyPaths: Map<string, Promise<unknown>>;
}

async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isFile();
  } catch {
    return false;
  }
}

function message(error: DouyinKitError): string {
  return `${error.code}: ${error.message}`;
}

async function checkSkip(ctx: FileContext, job: DownloadJob, finalPath: string, rel: string): Promise<DownloadResult | null> {
  const row = ctx.store?.getAsset(job.key);
  if (row?.state === 'done' && row.path !== null) {
    let recorded: string | null = null;
    try {
      recorded = ctx.targets.absolute(row.path);
    } catch {
      recorded = null;
    }
    if (recorded !== null && (await isRegularFile(recorded))) {
      await removePart(recorded);
      return { key: job.key, status: 'skipped', path: recorded, reason: 'archived' };
    }
    if (!ctx.redownloadMissing) return { key: job.key, status: 'skipped', path: recorded ?? finalPath, reason: 'archived-missing' };
  }
  if (!(await isRegularFile(finalPath))) return null;
  // Only this engine writes final paths, and only verified; still, do not adopt a file of the wrong type.
  const expect = job.content !== undefined || job.transform ? [] : (job.expect ?? []);
  if (!magicMatches(await readHead(finalPath, MAGIC_PROBE_BYTES), expect)) return null;
  // A run stopped between the rename and the cleanup leaves the meta behind: the file wins.
  await removePart(finalPath);
  if (ctx.store) {
    const { bytes, sha256 } = await hashFile(finalPath);
    ctx.store.transaction(() => {
      ctx.store!.beginAsset(assetStart(job, rel));
      ctx.store!.markAssetDone(job.key, { path: rel, bytes, sha256, url: null });
    });
  }
  return { key: job.key, status: 'skipped', path: finalPath, reason: 'exists' };
}

function assetStart(job: DownloadJob, rel: string) {
  return {
    key: job.key,
    aweme_id: job.asset?.aweme_id ?? null,
    kind: job.asset?.kind ?? 'unknown',
    idx: job.asset?.index ?? 0,
    path: rel,
    quality: job.asset?.quality ?? null,
    reason: job.asset?.reason ?? null,
  };
}

/**
 * Runs `job` to an outcome. Resolves with `failed` for a file that could not be had (the queue
 * goes on); rejects only with `AbortError`.
 */
export async function downloadFile(ctx: FileContext, job: DownloadJob, signal: AbortSignal): Promise<DownloadResult> {
  let finalPath: string;
  try {
    finalPath = await ctx.targets.resolve(job.path);
  } catch (error) {
    const e = isDouyinKitError(error) ? error : new PathError(`Cannot prepare the folder for ${JSON.stringify(job.path)}`, { cause: error });
    return fail(ctx, job, null, e, 0);
  }
  while (ctx.busyPaths.has(finalPath)) await ctx.busyPaths.get(finalPath)!.catch(() => undefined);
  const work = runResolved(ctx, job, finalPath, signal);
  ctx.busyPaths.set(finalPath, work);
  try {
    return await work;
  } finally {
    ctx.busyPaths.delete(finalPath);
  }
}

async function runResolved(ctx: FileContext, job: DownloadJob, finalPath: string, signal: AbortSignal): Promise<DownloadResult> {
  const rel = ctx.targets.relative(finalPath);
  const skipped = await checkSkip(ctx, job, finalPath, rel);
  if (skipped !== null && skipped.status === 'skipped') {
    ctx.tracker.finished(job.key, 'skipped');
    ctx.emit('file-skipped', { key: job.key, path: skipped.path, reason: skipped.reason });
    return skipped;
  }
  ctx.store?.beginAsset(assetStart(job, rel));

  if (job.content !== undefined) {
    const written = await writeWholeFile(finalPath, job.content, { fsync: ctx.fsync });
    return succeed(ctx, job, finalPath, rel, { ...written, url: null, attempts: 1, resumedFrom: 0 });
  }
  const urls = (job.urls ?? []).filter((u) => typeof u === 'string' && u !== '');
  if (urls.length === 0) return fail(ctx, job, finalPath, new DownloadError(`No URL to download ${job.key} from`, false), 0);

  const dead = new Set<number>();
  let mirror = 0;
  // Each mirror gets one try for free; coming back to a mirror that failed is a retry (bounded,
  // backed off). A dead mirror (4xx) is never tried again.
  const tried = new Set<number>([0]);
  let retries = 0;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw toKitError(signal.reason, urls[mirror]!, signal);
    const url = urls[mirror]!;
    // A signal per attempt: whatever listens to it (got, file streams) goes away with the attempt.
    const attemptSignal = AbortSignal.any([signal]);
    try {
      const result = await attemptOnce(ctx, job, finalPath, url, attempt, attemptSignal);
      return succeed(ctx, job, finalPath, rel, { ...result, url, attempts: attempt });
    } catch (caught) {
      const error = toKitError(caught, url, signal);
      if (error instanceof AbortError) throw error;
      ctx.tracker.interrupted(job.key);
      ctx.store?.recordAttempt(job.key, message(error));
      if (error instanceof PathError) return fail(ctx, job, finalPath, error, attempt);
      if (!error.retryable) dead.add(mirror);
      const next = nextMirror(mirror, urls.length, dead);
      if (next === null) return fail(ctx, job, finalPath, error, attempt);
      if (!tried.has(next) && !(error instanceof RateLimitError)) {
        mirror = next;
        tried.add(next);
        ctx.emit('file-retry', { key: job.key, path: finalPath, attempt, delayMs: 0, error, nextUrl: urls[mirror]! });
        continue;
      }
      retries++;
      const delay = calculateRetryDelay({
        attemptCount: retries,
        retryLimit: ctx.retry.retries,
        retryable: true,
        retryAfterMs: error instanceof RateLimitError ? error.retryAfterMs : undefined,
        baseDelayMs: ctx.retry.baseDelayMs,
        maxDelayMs: ctx.retry.maxDelayMs,
        maxRetryAfterMs: ctx.retry.maxRetryAfterMs,
        random: ctx.retry.random(),
      });
      if (delay === 0) return fail(ctx, job, finalPath, error, attempt);
      mirror = next;
      tried.add(next);
      ctx.emit('file-retry', { key: job.key, path: finalPath, attempt, delayMs: delay, error, nextUrl: urls[mirror]! });
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        throw toKitError(signal.reason, url, signal);
      }
    }
  }
}

function nextMirror(current: number, count: number, dead: ReadonlySet<number>): number | null {
  for (let step = 1; step <= count; step++) {
    const candidate = (current + step) % count;
    if (!dead.has(candidate)) return candidate;
  }
  return null;
}

async function attemptOnce(
  ctx: FileContext,
  job: DownloadJob,
  finalPath: string,
  url: string,
  attempt: number,
  signal: AbortSignal,
): Promise<{ bytes: number; sha256: string; resumedFrom: number }> {
  if (job.transform) {
    ctx.emit('file-start', { key: job.key, path: finalPath, url, attempt, resumeFrom: 0, total: null });
    const body = await fetchSmallBody(ctx.transport.got, url, job.headers, signal);
    let content: string | Uint8Array;
    try {
      content = job.transform(body);
    } catch (error) {
      throw isDouyinKitError(error) ? error : new DownloadError(`Cannot convert the body of ${job.key}: ${(error as Error).message}`, false, { cause: error });
    }
    const written = await writeWholeFile(finalPath, content, { fsync: ctx.fsync });
    return { ...written, resumedFrom: 0 };
  }
  let onDisk = 0;
  let total: number | null = null;
  let lastEmit = 0;
  const result = await fetchAttempt({
    got: ctx.transport.got,
    url,
    finalPath,
    expect: job.expect ?? [],
    headers: job.headers,
    signal,
    fsync: ctx.fsync,
    directIo: ctx.directIo,
    hasher: ctx.hasher,
    onStart: (info) => {
      onDisk = info.resumeFrom;
      total = info.total;
      ctx.tracker.started(job.key, onDisk, total);
      ctx.emit('file-start', { key: job.key, path: finalPath, url, attempt, resumeFrom: info.resumeFrom, total });
    },
    onBytes: (n) => {
      onDisk += n;
      ctx.tracker.bytes(job.key, n);
      const now = performance.now();
      if (now - lastEmit >= ctx.progressIntervalMs) {
        lastEmit = now;
        ctx.emit('file-progress', { key: job.key, path: finalPath, transferred: onDisk, total });
      }
    },
  });
  ctx.emit('file-progress', { key: job.key, path: finalPath, transferred: result.bytes, total: result.total });
  await promotePart(finalPath, { fsync: ctx.fsync, synced: result.synced, meta: result.meta });
  return result;
}

function succeed(
  ctx: FileContext,
  job: DownloadJob,
  finalPath: string,
  rel: string,
  r: { bytes: number; sha256: string; url: string | null; attempts: number; resumedFrom: number },
): DownloadResult {
  ctx.store?.markAssetDone(job.key, { path: rel, bytes: r.bytes, sha256: r.sha256, url: r.url });
  ctx.tracker.finished(job.key, 'done', r.bytes);
  ctx.emit('file-done', { key: job.key, path: finalPath, ...r });
  return { key: job.key, status: 'done', path: finalPath, ...r };
}

function fail(ctx: FileContext, job: DownloadJob, finalPath: string | null, error: DouyinKitError, attempts: number): DownloadResult {
  if (finalPath !== null) ctx.store?.markAssetFailed(job.key, message(error));
  ctx.tracker.finished(job.key, 'failed');
  ctx.emit('file-failed', { key: job.key, path: finalPath, error, attempts });
  return { key: job.key, status: 'failed', path: finalPath, error, attempts };
}
