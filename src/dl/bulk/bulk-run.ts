import { InvalidOptionError } from '../../errors.js';
import type { ResolvedOptions } from '../../options.js';
import type { Downloader } from '../downloader.js';
import type { PlanOptions } from '../plan-assets.js';
import type { Store } from '../store/types.js';
import type { ArchivePolicy, BulkEvents, BulkHandleOptions, BulkSummary, DownloadMode } from './bulk-types.js';
import { PostSink } from './post-sink.js';

/** Everything one bulk run shares. */
export interface Run {
  mode: DownloadMode;
  o: BulkHandleOptions;
  policy: ArchivePolicy;
  dryRun: boolean;
  store: Store;
  summary: BulkSummary;
  sink: PostSink;
  plan: PlanOptions;
}

export interface RunSetup {
  root: string;
  kitOptions: ResolvedOptions;
  /** The archive and engine to use (a dry run gets ones that write nothing). */
  store(dryRun: boolean): Store;
  downloader(dryRun: boolean): Downloader;
  emit: { post(e: BulkEvents['post'][0]): void; skipped(e: BulkEvents['file-skipped'][0]): void };
}

/** Checks a run's options and sets up its summary, planning and post sink. */
export function startRun(setup: RunSetup, mode: DownloadMode, o: BulkHandleOptions): Run {
  const policy = o.archivePolicy ?? 'skip-recorded';
  if (policy !== 'skip-recorded' && policy !== 'refetch-missing') throw new InvalidOptionError('archivePolicy', `Expected \`archivePolicy\` to be skip-recorded or refetch-missing, got ${String(policy)}`);
  if (o.knownStreak !== undefined && (!Number.isInteger(o.knownStreak) || o.knownStreak < 0)) throw new InvalidOptionError('knownStreak', 'Expected `knownStreak` to be an integer >= 0');
  const dryRun = o.dryRun === true;
  const store = setup.store(dryRun);
  const summary: BulkSummary = {
    mode, user: null, pagesFetched: 0, stoppedEarly: false, stopReason: null,
    posts: { seen: 0, new: 0, skipped: 0, failed: 0 },
    files: { downloaded: 0, skipped: 0, failed: [], planned: 0 },
    bytes: 0, root: setup.root, dryRun, retried: 0,
  };
  const k = setup.kitOptions;
  const plan: PlanOptions = { naming: k.naming, folderize: k.folderize, music: k.music, cover: k.cover, desc: k.desc, lyric: k.lyric, ...(o.quality ? { quality: o.quality } : {}) };
  const sink = new PostSink({
    mode, store, dryRun, policy, downloader: setup.downloader(dryRun), root: setup.root, signal: o.signal, summary,
    emitPost: setup.emit.post,
    emitSkipped: setup.emit.skipped,
  });
  return { mode, o, policy, dryRun, store, summary, sink, plan };
}
