/**
 * One post (or collected piece of music) into the archive and the download queue: upsert the
 * post, decide per planned asset whether the archive already has it, queue the rest, and count
 * the post's outcome once all its files settle. Nothing here waits for a download.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AbortError } from '../../errors.js';
import { safeJoin } from '../../utils/safe-filename.js';
import type { FileSkippedEvent } from '../download-events.js';
import { jobFromAsset, type DownloadJob, type DownloadResult, type SkipReason } from '../download-job.js';
import type { Downloader } from '../downloader.js';
import type { PlannedAsset, PostPlan } from '../planned-asset.js';
import type { PostInput, Store } from '../store/types.js';
import type { ArchivePolicy, BulkSummary, DownloadMode, PostState } from './bulk-types.js';

export interface PostSinkContext {
  mode: DownloadMode;
  /** The archive; a scratch one in a dry run. */
  store: Store;
  dryRun: boolean;
  policy: ArchivePolicy;
  downloader: Downloader;
  root: string;
  signal: AbortSignal | undefined;
  summary: BulkSummary;
  emitPost(e: { aweme_id: string; state: PostState }): void;
  emitSkipped(e: FileSkippedEvent): void;
}

/** Posts in flight: their settle promises, bounded by the downloader's backpressure. */
export class PostSink {
  readonly ctx: PostSinkContext;
  /** Post ids handled in this run (the repair pass leaves them alone). */
  readonly handled = new Set<string>();
  readonly #inflight = new Set<Promise<void>>();
  #abort: unknown = null;

  constructor(ctx: PostSinkContext) {
    this.ctx = ctx;
  }

  /** Relative (store) path of an asset below `base`. */
  relativePath(base: readonly string[], asset: PlannedAsset): string {
    const full = safeJoin(this.ctx.root, [...base, ...asset.folders, asset.fileName]);
    return path.relative(this.ctx.root, full).split(path.sep).join('/');
  }

  #absolute(rel: string): string | null {
    try {
      return safeJoin(this.ctx.root, rel.split('/'));
    } catch {
      return null;
    }
  }

  /** How the archive stands on one asset: already had (and why), or to download. */
  #decide(asset: PlannedAsset): { skip: SkipReason; path: string } | null {
    const row = this.ctx.store.getAsset(asset.key);
    if (row?.state !== 'done' || row.path === null) return null;
    const abs = this.#absolute(row.path);
    if (abs !== null && existsSync(abs)) return { skip: 'archived', path: abs };
    if (this.ctx.policy === 'skip-recorded') return { skip: 'archived-missing', path: abs ?? row.path };
    return null;
  }

  /**
   * Handles one planned post under `base` (`douyin/<mode>/<folder>`). Returns whether the archive
   * already had everything it yields (the incremental stop counts those).
   */
  add(plan: PostPlan, base: readonly string[], post: PostInput | null, recordedPaths?: ReadonlyMap<string, string>): boolean {
    const { store, summary, dryRun } = this.ctx;
    const id = plan.aweme_id;
    if (id === '') return false;
    summary.posts.seen++;
    this.handled.add(id);
    const known = post !== null ? store.hasPost(id) : false;
    const decisions = plan.assets.map((asset) => ({ asset, had: this.#decide(asset) }));
    const archived = plan.assets.length > 0 ? decisions.every((d) => d.had !== null) : known;
    if (!dryRun && post !== null) store.upsertPosts([post]);

    const todo = decisions.filter((d) => d.had === null).map((d) => d.asset);
    for (const d of decisions) {
      if (d.had === null) continue;
      summary.files.skipped++;
      this.ctx.emitSkipped({ key: d.asset.key, path: d.had.path, reason: d.had.skip });
    }
    if (todo.length === 0) {
      this.#settle(id, 'skipped');
      return archived;
    }
    if (dryRun) {
      summary.files.planned += todo.length;
      this.#settle(id, 'new');
      return archived;
    }
    store.queueAssets(todo.map((asset) => ({
      key: asset.key, aweme_id: asset.aweme_id, kind: asset.kind, idx: asset.index,
      path: recordedPaths?.get(asset.key) ?? this.relativePath(base, asset), quality: asset.quality, reason: asset.reason,
    })));
    const jobs = todo.map((asset) => {
      const job = jobFromAsset(asset, base);
      const recorded = recordedPaths?.get(asset.key);
      // A retried asset keeps the path the archive gave it (the naming may have changed since).
      return recorded !== undefined ? { ...job, path: recorded.split('/') } : job;
    });
    this.track(id, jobs, plan.assets.length);
    return archived;
  }

  /** Queues jobs of one post and counts the post when they settle. */
  track(id: string, jobs: readonly DownloadJob[], _planned: number): void {
    const { downloader, signal, summary } = this.ctx;
    const results = jobs.map((job) => downloader.add(job, { signal }));
    const done = Promise.allSettled(results).then((outcomes) => {
      const ok: DownloadResult[] = [];
      for (const o of outcomes) {
        if (o.status === 'fulfilled') ok.push(o.value);
        else this.#abort ??= o.reason;
      }
      if (ok.length < outcomes.length) return;
      let failed = false;
      let fresh = false;
      for (const r of ok) {
        if (r.status === 'done') {
          summary.files.downloaded++;
          summary.bytes += r.bytes;
          fresh = true;
        } else if (r.status === 'skipped') {
          summary.files.skipped++;
        } else {
          failed = true;
          summary.files.failed.push({ path: r.path ?? r.key, reason: `${r.error.code}: ${r.error.message}` });
        }
      }
      this.#settle(id, failed ? 'failed' : fresh ? 'new' : 'skipped');
    });
    this.#inflight.add(done);
    void done.finally(() => this.#inflight.delete(done));
  }

  /** Counts a post that yields nothing to do (e.g. a retry with no way to fetch it). */
  settle(id: string, state: PostState): void {
    this.#settle(id, state);
  }

  #settle(id: string, state: PostState): void {
    this.ctx.summary.posts[state]++;
    this.ctx.emitPost({ aweme_id: id, state });
  }

  /** Throws the abort that stopped a download, if one did. */
  check(): void {
    if (this.#abort !== null) throw this.#abort instanceof AbortError ? this.#abort : new AbortError('The run was aborted', { cause: this.#abort });
    if (this.ctx.signal?.aborted) throw new AbortError('The run was aborted', { cause: this.ctx.signal.reason });
  }

  /** Waits for every queued post to settle. */
  async drain(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.all([...this.#inflight]);
    this.check();
  }
}
