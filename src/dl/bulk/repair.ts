/**
 * Posts of earlier runs that are not complete: an asset that failed or never finished, or (with
 * `refetch-missing`) a recorded file that was deleted. The incremental stop never pages down to
 * them, so they are looked up here — by the post's detail (fresh URLs; Douyin's expire), else by
 * the URL the archive kept — and downloaded to the path the archive gave them.
 */
import { existsSync } from 'node:fs';
import type { DouyinKit } from '../../douyin-kit.js';
import { safeJoin } from '../../utils/safe-filename.js';
import { stringifyJson } from '../../utils/json.js';
import { lyricJsonToLrc, type DownloadJob } from '../download-job.js';
import type { PlanOptions } from '../plan-assets.js';
import { planPostAssets } from '../plan-assets.js';
import type { AssetRow } from '../store/types.js';
import type { PostSink } from './post-sink.js';

function needsWork(sink: PostSink, row: AssetRow): boolean {
  if (row.state !== 'done') return true;
  if (sink.ctx.policy !== 'refetch-missing' || row.path === null) return false;
  try {
    return !existsSync(safeJoin(sink.ctx.root, row.path.split('/')));
  } catch {
    return false;
  }
}

function jobFromRow(row: AssetRow): DownloadJob | null {
  if (row.path === null || row.url === null) return null;
  const job: DownloadJob = { key: row.key, path: row.path.split('/'), urls: [row.url] };
  if (row.kind === 'lyric') job.transform = lyricJsonToLrc;
  return job;
}

/**
 * Retries what is unfinished under `prefix` (`douyin/<mode>/<folder>/`), leaving alone the posts
 * this run already handled. Returns how many posts it took up.
 */
export async function repairUnfinished(
  sink: PostSink,
  kit: DouyinKit,
  prefix: string,
  plan: PlanOptions,
  options: { byDetail: boolean },
): Promise<number> {
  const byPost = new Map<string, AssetRow[]>();
  for (const row of sink.ctx.store.listAssets({ pathPrefix: prefix })) {
    const id = row.aweme_id ?? row.key.split(':')[0]!;
    if (sink.handled.has(id) || !needsWork(sink, row)) continue;
    const rows = byPost.get(id) ?? [];
    rows.push(row);
    byPost.set(id, rows);
  }
  let count = 0;
  for (const [id, rows] of byPost) {
    sink.check();
    count++;
    const paths = new Map(rows.filter((r) => r.path !== null).map((r) => [r.key, r.path!]));
    if (options.byDetail) {
      try {
        const detail = await kit.fetchOneVideo(id, { signal: sink.ctx.signal });
        if (detail.exists) {
          const record = detail.record;
          const planned = planPostAssets(record, plan);
          // Only the unfinished assets: the others stay as they are.
          const wanted = { ...planned, assets: planned.assets.filter((a) => paths.has(a.key)) };
          if (wanted.assets.length > 0) {
            const raw = (detail.raw as { aweme_detail?: unknown } | null)?.aweme_detail;
            sink.add(wanted, [], { record, ...(raw !== undefined && raw !== null ? { raw: stringifyJson(raw) } : {}) }, paths);
            continue;
          }
        }
      } catch (error) {
        sink.check();
        void error; // fall back to the recorded URL below
      }
    }
    sink.handled.add(id);
    const jobs = rows.map(jobFromRow).filter((j): j is DownloadJob => j !== null);
    for (const row of rows) {
      if (jobFromRow(row) === null) sink.ctx.summary.files.failed.push({ path: row.path ?? row.key, reason: 'no URL left to retry it from' });
    }
    if (sink.ctx.dryRun) {
      sink.ctx.summary.files.planned += jobs.length;
      sink.settle(id, 'new');
    } else if (jobs.length > 0) sink.track(id, jobs, rows.length);
    else sink.settle(id, 'failed');
    await sink.ctx.downloader.onSizeLessThan(sink.ctx.downloader.maxTasks * 2);
  }
  return count;
}
