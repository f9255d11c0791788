/**
 * `crawl_posts`: 10,000 posts crawled → filtered (signing, paging, parsing, records) from the
 * emulator with uncompressed answers, so the figure is the library's own pipeline;
 * `crawl_posts_gzip`: the same with gzip answers, as Douyin sends them (got inflates each page).
 * Each has a baseline in the same run: the same signed page URLs fetched with got + `JSON.parse`.
 */
import got from 'got';
import { hostsFor } from '../src/config-file.js';
import { DouyinKit } from '../src/douyin-kit.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import type { BenchCase } from './harness.js';

const POSTS = 10_000;
const PAGE = 20;

interface Ctx {
  emu: Emulator;
  dk: DouyinKit;
  secUid: string;
  urls: string[];
}

async function setupWith(contentEncoding: 'gzip' | 'identity'): Promise<Ctx> {
  const emu = await startEmulator({ world: { seed: 'bench', mainUserPosts: POSTS }, behaviour: { guestPagedLists: 'all', contentEncoding } });
  const dk = new DouyinKit({ hosts: hostsFor(emu.baseUrl), cookie: 'sessionid=0123456789abcdef0123456789abcdef', maxConnections: 8 });
  const secUid = emu.world.roles.main.secUid;
  // The baseline replays exactly the signed page URLs the crawler sent.
  emu.log.clear();
  await crawl({ emu, dk, secUid, urls: [] });
  const urls = emu.log.entries.filter((e) => e.route === 'user_post').map((e) => `${emu.baseUrl}${e.target}`);
  return { emu, dk, secUid, urls };
}

async function crawl(ctx: Ctx): Promise<void> {
  let n = 0;
  for await (const page of ctx.dk.fetchUserPostVideos(ctx.secUid, { pageCounts: PAGE })) {
    for (const post of page.items) if (post.aweme_id) n++;
  }
  if (n < POSTS) throw new Error(`crawled ${n} posts, expected ${POSTS}`);
}

async function baseline(ctx: Ctx): Promise<void> {
  let n = 0;
  for (const url of ctx.urls) {
    const body = JSON.parse(await got(url, { headers: { cookie: 'sessionid=0123456789abcdef0123456789abcdef' } }).text()) as { aweme_list?: unknown[] };
    n += body.aweme_list?.length ?? 0;
  }
  if (n < POSTS) throw new Error(`baseline read ${n} posts`);
}

const teardown = async (ctx: Ctx) => {
  ctx.dk.close();
  await ctx.emu.stop();
};

function cases(suffix: string, contentEncoding: 'gzip' | 'identity'): BenchCase<Ctx>[] {
  const setup = () => setupWith(contentEncoding);
  const baseName = `baseline_fetch_parse_posts${suffix}`;
  return [
    { name: baseName, setup, fn: baseline, teardown, units: POSTS, unitLabel: 'posts_per_second', minMs: 3000 },
    {
      name: `crawl_posts${suffix}`,
      setup,
      fn: crawl,
      teardown,
      units: POSTS,
      unitLabel: 'posts_per_second',
      minMs: 3000,
      extra: (_ctx, rate, rates) => {
        const base = rates.get(baseName);
        return { content_encoding: contentEncoding, target: 5000, meets_target: rate >= 5000 ? 'yes' : 'no', ...(base ? { ratio_to_baseline: (rate / base).toFixed(2) } : {}) };
      },
    },
  ];
}

export const benchmarks: BenchCase<Ctx>[] = [...cases('', 'identity'), ...cases('_gzip', 'gzip')];
