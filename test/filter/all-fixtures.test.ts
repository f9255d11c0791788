import { describe, expect, it } from 'vitest';
import * as filters from '../../src/filter/index.js';
import { fixtureNames, loadFixture, loadFixturePlain } from './fixtures.js';

type AnyFilterClass = new (raw: unknown) => { raw: unknown; toDict(): object; toList?: () => object[] };

const ALL_FILTERS: Record<string, AnyFilterClass> = Object.fromEntries(
  Object.entries(filters).filter(([name, value]) => /^[A-Z]\w*Filter$/.test(name) && typeof value === 'function'),
) as Record<string, AnyFilterClass>;

/** Fixture name prefix -> the filters F2 applies to that endpoint (SOURCES.md / endpoints.md). */
const FILTERS_BY_PREFIX: [string, string[]][] = [
  ['post_detail__', ['PostDetailFilter']],
  ['user_post__', ['UserPostFilter', 'UserCollectionFilter', 'UserMixFilter', 'PostLocateFilter', 'FollowFeedFilter']],
  ['legacy_iesdouyin_aweme_post__', ['UserPostFilter']],
  ['user_profile__', ['UserProfileFilter']],
  ['im_user_info__', ['UserShortInfoFilter']],
  ['comment_list__', ['PostCommentFilter', 'PostCommentReplyFilter']],
  ['comment_reply__', ['PostCommentReplyFilter']],
  ['live_web_enter__', ['UserLiveFilter']],
  ['live_room_render_fragment__', ['UserLiveFilter']],
  ['live_reflow_info', ['UserLive2Filter']],
];

function filtersFor(fixture: string): string[] {
  const match = FILTERS_BY_PREFIX.find(([prefix]) => fixture.startsWith(prefix));
  return match ? match[1] : Object.keys(ALL_FILTERS); // unknown endpoint: everything must still survive it
}

const ID_KEYS = new Set([
  'aweme_id', 'uid', 'user_id', 'room_id', 'room_id_str', 'user_id_str', 'music_id', 'music_id_str', 'music_mid', 'mid',
  'comment_id', 'comment_gid', 'reply_id', 'reply_to_reply_id', 'reply_comment_id', 'mix_id', 'stream_id', 'collects_id',
  'short_id', 'music_owner_id', 'owner_id', 'myself_user_id', 'msg_id', 'partition_id', 'sub_partition_id',
  'suggest_word_id', 'web_rid',
]);
/** Fields copied through untouched because their shape is not documented. */
const PASSTHROUGH = new Set(['position', 'relation_label']);

/**
 * Output must be plain data: no bigint, no undefined. `strict` (unmodified real data): ids are
 * decimal strings and play URLs are http(s). Problems are collected (calling `expect` per value
 * would dominate the run time) and asserted once per filter run.
 */
function checkValue(key: string, value: unknown, where: string, strict: boolean, problems: string[]): void {
  if (value === undefined) problems.push(`${where}.${key} is undefined`);
  if (PASSTHROUGH.has(key)) return;
  if (typeof value === 'bigint') problems.push(`${where}.${key} is a bigint`);
  if (Array.isArray(value)) {
    value.forEach((entry, i) => checkValue(ID_KEYS.has(key) ? key : `${key}[${i}]`, entry, where, strict, problems));
  } else if (typeof value === 'object' && value !== null) {
    for (const [inner, entry] of Object.entries(value)) checkValue(inner, entry, `${where}.${key}`, strict, problems);
  } else if (strict && ID_KEYS.has(key) && value !== null && !(typeof value === 'string' && /^-?\d+$/.test(value))) {
    problems.push(`${where}.${key} = ${String(value)} is not a decimal id`);
  }
}

function checkPost(post: Record<string, unknown>, where: string, strict: boolean, problems: string[]): void {
  if (!['video', 'images', 'unknown'].includes(post.post_type as string)) problems.push(`${where}: post_type ${String(post.post_type)}`);
  const playAddr = post.video_play_addr as string[];
  if (post.post_type === 'images') {
    if (playAddr.length > 0) problems.push(`${where}: image post with video_play_addr`);
    if ((post.images as string[]).length > (post.image_items as unknown[]).length) problems.push(`${where}: more images than image_items`);
  }
  const gears = post.bit_rate as { play_addr: string[] }[];
  if (post.post_type === 'video' && gears[0] && gears[0].play_addr.length > 0 && gears[0].play_addr.join() !== playAddr.join()) {
    problems.push(`${where}: video_play_addr is not bit_rate[0].play_addr`);
  }
  if (strict && playAddr.some((url) => !/^https?:\/\//.test(url))) problems.push(`${where}: play URL not http(s)`);
}

function runFilter(name: string, raw: unknown, where: string, strict = true): void {
  const Filter = ALL_FILTERS[name];
  if (Filter === undefined) throw new Error(`no filter ${name}`);
  const filter = new Filter(raw);
  expect(filter.raw).toBe(raw);
  const dict = filter.toDict() as Record<string, unknown>;
  const emptyKeys = Object.keys(new Filter({}).toDict());
  expect(Object.keys(dict).sort(), `${where}: every property present`).toEqual(emptyKeys.sort());
  const problems: string[] = [];
  for (const [key, value] of Object.entries(dict)) checkValue(key, value, `${where} ${name}`, strict, problems);
  if (filter.toList) {
    for (const [i, item] of filter.toList().entries()) {
      const record = item as Record<string, unknown>;
      if ('post_type' in record) checkPost(record, `${where} ${name}[${i}]`, strict, problems);
      for (const [key, value] of Object.entries(record)) checkValue(key, value, `${where} ${name}[${i}]`, strict, problems);
    }
  } else if ('post_type' in dict) {
    checkPost(dict, `${where} ${name}`, strict, problems);
  }
  expect(problems).toEqual([]);
}

describe('every filter over every real fixture that matches it', () => {
  const names = fixtureNames();

  it('finds the fixtures', () => {
    expect(names.length).toBeGreaterThan(0);
    expect(names).toContain('post_detail__1');
  });

  it.each(names)('%s (lossless and JSON.parse input)', (fixture) => {
    for (const name of filtersFor(fixture)) {
      runFilter(name, loadFixture(fixture), `${fixture}[parseJson]`);
      runFilter(name, loadFixturePlain(fixture), `${fixture}[JSON.parse]`);
    }
  });
});

describe('odd input never throws', () => {
  const inputs: unknown[] = [
    null, undefined, 0, 'x', [], {}, true,
    { aweme_list: [null, 1, 'x', [], {}] },
    { aweme_list: {} },
    { aweme_detail: [] },
    { aweme_detail: { video: { bit_rate: [null, 3, { play_addr: 'x' }], play_addr: [] }, images: [null, { video: 'x' }, { url_list: 'x' }], music: 5, author: [] } },
    { data: 'x' }, { data: { data: 'x', room: [] } }, { data: [null, { user_live: 'x', words: [1] }] },
    { user: null }, { comments: {} }, { comments: [{ reply_comment: {}, user: 'x', image_list: [null, {}] }] },
    { followings: [null], followers: 'x', collects_list: [1], mc_list: [{ play_url: null }] },
    { has_more: 'yes', max_cursor: '12', cursor: {} },
  ];

  it.each(Object.keys(ALL_FILTERS))('%s', (name) => {
    for (const input of inputs) runFilter(name, input, String(JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))), false);
  });
});

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function containers(value: unknown, out: [Record<string | number, unknown>, string | number][] = []): typeof out {
  if (Array.isArray(value)) value.forEach((entry, i) => (out.push([value as never, i]), containers(entry, out)));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, entry] of Object.entries(value)) (out.push([value as never, key]), containers(entry, out));
  }
  return out;
}

describe('real fixtures with branches replaced by odd values never throw', () => {
  const replacements: unknown[] = [null, 0, '', 'x', [], {}, true, 12345678901234567890n, [null], -1];

  it.each(fixtureNames())('%s', (fixture) => {
    const next = random(fixture.length * 7919);
    const original = loadFixture(fixture);
    for (let round = 0; round < 40; round++) {
      const raw = structuredClone(original);
      const slots = containers(raw);
      for (let i = 0; i < 25 && slots.length > 0; i++) {
        const slot = slots[Math.floor(next() * slots.length)];
        if (slot) slot[0][slot[1]] = replacements[Math.floor(next() * replacements.length)];
      }
      for (const name of filtersFor(fixture)) runFilter(name, raw, `${fixture} round ${round}`, false);
    }
  });
});
