/**
 * The paging loop of every list mode: each page's posts go to the sink, paging stops once it
 * reaches what the archive already has (the stored watermark, or `knownStreak` archived posts in
 * a row; pinned posts never count), and the next page is asked for only when the download queue
 * has room (backpressure: memory stays bounded however long the list).
 */
import type { AwemeRecord } from '../../filter/aweme-record.js';
import { getPath } from '../../handler/paginate.js';
import { stringifyJson } from '../../utils/json.js';
import type { PostPlan } from '../planned-asset.js';
import type { PostInput, SyncStateRow } from '../store/types.js';
import type { DownloadMode } from './bulk-types.js';
import type { PostSink } from './post-sink.js';

export interface WalkPage<I> {
  readonly raw: unknown;
  readonly items: readonly I[];
  readonly has_more?: boolean | null;
}

export interface WalkSpec<I> {
  mode: DownloadMode;
  /** The sync_state key (`post`, `mix:<id>`, `collects:<id>`…). */
  syncMode: string;
  sec_user_id: string | null;
  pages: AsyncIterable<WalkPage<I>>;
  base: readonly string[];
  plan(item: I): PostPlan;
  /** The post record to archive (null: not a post, e.g. music). */
  record(item: I): AwemeRecord | null;
  /** `create_time`: the list is newest first by publication (user posts); `aweme_id`: any other order. */
  watermark: 'create_time' | 'aweme_id' | 'none';
  knownStreak: number;
  /** Files waiting in the queue before the next page is asked for. */
  queueLimit: number;
  /** Items the walk may see in all (0 = no limit); used to tell `max-counts` apart. */
  maxCounts: number;
  /** A date window is set (tells `interval` apart). */
  interval: boolean;
  onPage(index: number, items: number): void;
}

export interface WalkResult {
  pages: number;
  stopReason: string | null;
  /** Newest unpinned post seen (the next watermark). */
  newest: { aweme_id: string; create_time: number | null } | null;
}

/** The raw JSON entries of a page, aligned with `items` (aweme_list, or friend feed `data[].aweme`). */
function rawEntries(raw: unknown): readonly unknown[] {
  const list = getPath(raw, 'aweme_list');
  if (Array.isArray(list)) return list;
  const data = getPath(raw, 'data');
  return Array.isArray(data) ? data.map((e) => (typeof e === 'object' && e !== null && 'aweme' in e ? (e as { aweme: unknown }).aweme : e)) : [];
}

function reached(spec: WalkSpec<unknown>, state: SyncStateRow | undefined, record: AwemeRecord): boolean {
  if (!state) return false;
  if (spec.watermark === 'create_time') {
    return state.watermark_create_time !== null && record.create_time !== null && record.create_time <= state.watermark_create_time;
  }
  if (spec.watermark === 'aweme_id') return state.watermark_aweme_id !== null && record.aweme_id === state.watermark_aweme_id;
  return false;
}

export async function walkPages<I>(sink: PostSink, spec: WalkSpec<I>): Promise<WalkResult> {
  const { store, downloader } = sink.ctx;
  const state = spec.sec_user_id !== null ? store.getSyncState(spec.sec_user_id, spec.syncMode) : undefined;
  let pages = 0;
  let seen = 0;
  let streak = 0;
  let stop: string | null = null;
  let lastHasMore = false;
  let newest: WalkResult['newest'] = null;

  for await (const page of spec.pages) {
    pages++;
    const items = page.items;
    spec.onPage(pages, items.length);
    lastHasMore = page.has_more === true;
    const raws = rawEntries(page.raw);
    items.forEach((item, i) => {
      seen++;
      const record = spec.record(item);
      const plan = spec.plan(item);
      let post: PostInput | null = null;
      if (record !== null && record.aweme_id !== null) {
        const raw = raws[i];
        post = raw !== undefined && typeof raw === 'object' && raw !== null ? { record, raw: stringifyJson(raw) } : { record };
      }
      const archived = sink.add(plan, spec.base, post);
      if (record?.is_top === true) return;
      if (record !== null && record.aweme_id !== null) {
        if (newest === null || (spec.watermark === 'create_time' && (record.create_time ?? 0) > (newest.create_time ?? 0))) {
          newest = { aweme_id: record.aweme_id, create_time: record.create_time };
        }
      }
      streak = archived ? streak + 1 : 0;
      if (stop !== null) return;
      if (archived && record !== null && reached(spec as WalkSpec<unknown>, state, record)) stop = 'watermark';
      else if (spec.knownStreak > 0 && streak >= spec.knownStreak) stop = 'archived-streak';
    });
    sink.check();
    if (stop !== null) break;
    await downloader.onSizeLessThan(spec.queueLimit);
    sink.check();
  }
  if (stop === null) {
    if (spec.maxCounts > 0 && seen >= spec.maxCounts) stop = 'max-counts';
    else if (spec.interval && lastHasMore) stop = 'interval';
  }
  return { pages, stopReason: stop, newest };
}

/** Takes the first page (to learn a list's owner) and gives back every page, that one included. */
export async function peekFirstPage<T>(pages: AsyncGenerator<T, void, undefined>): Promise<{ first: T | undefined; all: AsyncIterable<T> }> {
  const head = await pages.next();
  const first = head.done ? undefined : head.value;
  return {
    first,
    all: {
      async *[Symbol.asyncIterator]() {
        if (first === undefined) return;
        yield first;
        yield* { [Symbol.asyncIterator]: () => pages };
      },
    },
  };
}
