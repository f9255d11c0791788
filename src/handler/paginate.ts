import { setTimeout as sleep } from 'node:timers/promises';
import { AbortError } from '../errors.js';
import type { DouyinCrawler } from '../crawler/douyin-crawler.js';
import type { EndpointParams } from '../crawler/endpoint-params.js';
import { ENDPOINTS, type EndpointId, type PageSpec } from '../crawler/endpoints.js';
import type { DateWindow } from './date-window.js';

export type PagedEndpointId = {
  [K in EndpointId]: (typeof ENDPOINTS)[K] extends { page: PageSpec } ? K : never;
}[EndpointId];

export interface PageOptions {
  /** Items asked for per page. */
  pageCounts?: number;
  /** Stop after this many items in all; 0 or undefined = all. */
  maxCounts?: number;
  /** Start from this cursor instead of the first page. */
  cursor?: number | string;
  /** Only items whose `create_time` falls in this window; paging stops once items are older. */
  interval?: DateWindow | null;
  /** Pause between pages, ms. */
  pageDelayMs?: number;
  signal?: AbortSignal;
}

export interface PaginateSpec<Id extends PagedEndpointId, F> {
  endpoint: Id;
  params: EndpointParams[Id];
  /** Builds the page object (an F2 filter) from a raw page. */
  toPage: (raw: Record<string, unknown>) => F;
  /** Extra params for the next request, from the page just read (e.g. related posts' filterGids). */
  nextParams?: (raw: Record<string, unknown>, items: readonly unknown[]) => Partial<EndpointParams[Id]>;
  /** Reads the next cursor when the table's `nextCursor` key is not enough (e.g. follower `max_time`). */
  nextCursor?: (raw: Record<string, unknown>) => unknown;
}

export function getPath(root: unknown, path: string): unknown {
  let cur = root;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function withPath(root: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...root, [head]: value };
  const child = root[head];
  return { ...root, [head]: withPath(typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {}, rest.join('.'), value) };
}

const truthy = (v: unknown) => v === true || (typeof v === 'number' && v !== 0) || v === '1' || v === 'true';

function createTime(item: unknown): number | undefined {
  const v = (item as { create_time?: unknown } | null)?.create_time;
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

const isPinned = (item: unknown) => truthy((item as { is_top?: unknown } | null)?.is_top);

/**
 * Pages through a list endpoint, yielding one F2 filter per page, with `maxCounts` (the last
 * page is trimmed so exactly that many items come out, and no further page is fetched), a date
 * window (items outside are dropped; paging stops at the first page whose unpinned items are all
 * older than the window, since Douyin lists are newest first), and abort.
 */
export async function* paginate<Id extends PagedEndpointId, F>(
  crawler: DouyinCrawler,
  spec: PaginateSpec<Id, F>,
  options: PageOptions = {},
): AsyncGenerator<F, void, undefined> {
  const page: PageSpec = ENDPOINTS[spec.endpoint].page;
  const countParam = page.countParam ?? 'count';
  const hasMoreKey = page.hasMore ?? 'has_more';
  const max = options.maxCounts && options.maxCounts > 0 ? options.maxCounts : Number.POSITIVE_INFINITY;
  const pageCounts = options.pageCounts ?? crawler.options.pageCounts;
  const { signal, interval } = options;
  let params: Record<string, unknown> = { ...spec.params };
  if (options.cursor !== undefined) params[page.cursorParam] = options.cursor;
  let collected = 0;
  const seenCursors = new Set<string>();

  for (let n = 0; collected < max; n++) {
    if (signal?.aborted) throw new AbortError('Paging was aborted', { endpoint: spec.endpoint, cause: signal.reason });
    if (n > 0 && options.pageDelayMs) {
      try {
        await sleep(options.pageDelayMs, undefined, { signal });
      } catch {
        throw new AbortError('Paging was aborted', { endpoint: spec.endpoint, cause: signal?.reason });
      }
    }
    const request = { ...params, [countParam]: Math.min(pageCounts, max - collected) } as EndpointParams[Id];
    const raw = await crawler.request(spec.endpoint, request, { signal });
    const listValue = getPath(raw, page.items);
    let items: unknown[] = Array.isArray(listValue) ? listValue : [];
    const allItems = items;

    let windowPassed = false;
    if (interval) {
      const dated = items.filter((it) => !isPinned(it) && createTime(it) !== undefined);
      windowPassed = dated.length > 0 && dated.every((it) => createTime(it)! < interval.startSeconds);
      items = items.filter((it) => {
        const t = createTime(it);
        return t === undefined || (t >= interval.startSeconds && t <= interval.endSeconds);
      });
    }
    const reachedMax = collected + items.length >= max;
    if (reachedMax) items = items.slice(0, max - collected);
    collected += items.length;

    const shaped = items === listValue ? raw : withPath(raw, page.items, items);
    if (items.length > 0 || n === 0) yield spec.toPage(shaped);

    const hasMore = truthy(raw[hasMoreKey]);
    const next = spec.nextCursor ? spec.nextCursor(raw) : raw[page.nextCursor];
    if (reachedMax || windowPassed || !hasMore || next === undefined || next === null) return;
    const key = String(next);
    if (seenCursors.has(key)) return; // a cursor that does not move would loop forever
    seenCursors.add(key);
    params = { ...params, [page.cursorParam]: typeof next === 'bigint' ? next.toString() : next, ...spec.nextParams?.(raw, allItems) };
  }
}
