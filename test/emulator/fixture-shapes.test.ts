import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { parseJson } from '../../src/utils/json.js';
import { sharedDir } from '../helpers/shared.js';
import { call, LOGGED_IN } from './emulator-client.js';
import { evaluate, filterPathsByEndpoint, leafPaths, typesAt } from './json-paths.js';

/**
 * The shape contract: for every real capture, each JSONPath an F2 filter reads that resolves in
 * the capture (to a value or to null) resolves in the emulator's answer to the same endpoint,
 * with the same JSON type(s). Fixtures with no F2 filter are compared on every leaf path.
 */
const paths = filterPathsByEndpoint(sharedDir('docs', 'douyin-endpoints.md'));
const fixture = (name: string): unknown => parseJson(readFileSync(join(sharedDir('fixtures', 'douyin'), name), 'utf8'));

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'fixture-shapes' } });
});
afterAll(() => emu.stop());

/** Keeps only list items of one aweme_type, so a video capture is compared with video items. */
function onlyType(doc: unknown, type: number): unknown {
  const d = doc as { aweme_list: { aweme_type: number }[] };
  return { ...d, aweme_list: d.aweme_list.filter((a) => a.aweme_type === type) };
}

async function answer(name: string): Promise<unknown> {
  const w = emu.world;
  const main = w.roles.main;
  const video = w.postsOf(main).find((p) => p.awemeType === 0 && !p.isTop);
  switch (name) {
    case 'user_post__1.json':
    case 'user_post__2.json': {
      const a = await call(emu.baseUrl, '/aweme/v1/web/aweme/post/', { sec_user_id: main.secUid, max_cursor: 0, count: 40 }, { cookie: LOGGED_IN });
      return onlyType(a.json, name === 'user_post__1.json' ? 0 : 68);
    }
    case 'post_detail__1.json':
      return (await call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: video?.awemeId ?? '' })).json;
    case 'post_detail__2.json': {
      const victim = w.postsOf(w.roles.endedAnchor)[0];
      w.deletePost(victim?.awemeId ?? '');
      return (await call(emu.baseUrl, '/aweme/v1/web/aweme/detail/', { aweme_id: victim?.awemeId ?? '' })).json;
    }
    case 'user_profile__1.json':
      return (await call(emu.baseUrl, '/aweme/v1/web/user/profile/other/', { sec_user_id: main.secUid })).json;
    case 'comment_list__1.json': {
      const post = w.postsOf(main).find((p) => p.stats.comment >= 5);
      return (await call(emu.baseUrl, '/aweme/v1/web/comment/list/', { aweme_id: post?.awemeId ?? '', cursor: 0, count: 20 })).json;
    }
    case 'live_web_enter__1.json':
      return (await call(emu.baseUrl, '/webcast/room/web/enter/', { web_rid: w.roomOf(w.roles.liveAnchor)?.webRid ?? '' })).json;
    case 'live_reflow_info__1.json':
      return (await call(emu.baseUrl, '/webcast/room/reflow/info/', { room_id: w.roomOf(w.roles.endedAnchor)?.roomId ?? '' })).json;
    case 'live_reflow_info_error__1.json':
      return (await call(emu.baseUrl, '/webcast/room/reflow/info/', { room_id: '1' })).json;
    case 'im_user_info__1.json':
      return (await call(emu.baseUrl, '/aweme/v1/web/im/user/info/', { sec_user_ids: JSON.stringify([main.secUid]) }, { cookie: LOGGED_IN })).json;
    default:
      throw new Error(`no emulator answer defined for ${name}`);
  }
}

/** `leaves`: also compare every leaf path of the capture (small edge-case bodies). */
function compareShapes(real: unknown, ours: unknown, list: readonly string[]): { checked: number; problems: string[] } {
  let checked = 0;
  const problems: string[] = [];
  for (const path of new Set(list)) {
    if (evaluate(real, path).length === 0) continue;
    checked++;
    const want = [...typesAt(real, path)].sort().join('|');
    const got = [...typesAt(ours, path)].sort().join('|');
    if (want !== got) problems.push(`${path}: capture ${want}, emulator ${got || 'missing'}`);
  }
  return { checked, problems };
}

const CASES: { file: string; endpoint: string | null; kind?: number; leaves?: boolean }[] = [
  { file: 'user_post__1.json', endpoint: 'user_post', kind: 0 },
  { file: 'user_post__2.json', endpoint: 'user_post', kind: 68 },
  { file: 'post_detail__1.json', endpoint: 'post_detail' },
  { file: 'post_detail__2.json', endpoint: 'post_detail', leaves: true },
  { file: 'user_profile__1.json', endpoint: 'user_profile' },
  { file: 'comment_list__1.json', endpoint: 'comment_list' },
  { file: 'live_web_enter__1.json', endpoint: 'live_web_enter' },
  { file: 'live_reflow_info__1.json', endpoint: 'live_reflow_info' },
  { file: 'live_reflow_info_error__1.json', endpoint: 'live_reflow_info', leaves: true },
  { file: 'im_user_info__1.json', endpoint: null },
];

describe('emulator answers have the shapes of the real captures', () => {
  it('covers every JSON fixture in ../shared/fixtures/douyin', () => {
    const files = readFileSync(join(sharedDir('fixtures', 'douyin'), 'SOURCES.md'), 'utf8');
    const onDisk = new Set(CASES.map((c) => c.file));
    for (const m of files.matchAll(/`(\w+__\d+\.json)`/g)) {
      const name = m[1] as string;
      let exists = true;
      try {
        readFileSync(join(sharedDir('fixtures', 'douyin'), name));
      } catch {
        exists = false;
      }
      if (exists) expect(onDisk, `${name} has no shape case`).toContain(name);
    }
  });

  for (const c of CASES) {
    it(`${c.file}: every filter path present in the capture exists with the same JSON type`, async () => {
      const real = fixture(c.file);
      const ours = await answer(c.file);
      expect(ours, 'emulator answered JSON').toBeTypeOf('object');
      const list = c.endpoint ? (paths.get(c.endpoint) ?? []) : [];
      if (!c.endpoint || c.leaves) list.push(...leafPaths(real));
      expect(list.length, `paths for ${c.endpoint ?? c.file}`).toBeGreaterThan(0);
      const { checked, problems } = compareShapes(real, ours, list);
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    });
  }

  it('the comparison catches a missing or retyped field', () => {
    const real = fixture('user_post__1.json') as { aweme_list: Record<string, unknown>[] };
    const broken = structuredClone(real);
    delete broken.aweme_list[0]?.author;
    (broken.aweme_list[0] as Record<string, unknown>).aweme_type = '0';
    const { problems } = compareShapes(real, broken, paths.get('user_post') ?? []);
    expect(problems.some((p) => p.startsWith('$.aweme_list[*].author.uid'))).toBe(true);
    expect(problems.some((p) => p.startsWith('$.aweme_list[*].aweme_type'))).toBe(true);
  });

  it('sends 64-bit ids as exact JSON numbers beside their *_str twins', async () => {
    const reflow = (await answer('live_reflow_info__1.json')) as { data: { room: { id: unknown; id_str: string } } };
    expect(typeof reflow.data.room.id).toBe('bigint');
    expect(String(reflow.data.room.id)).toBe(reflow.data.room.id_str);
    const page = (await answer('user_post__1.json')) as { aweme_list: { music: { id: unknown; id_str: string } }[] };
    const music = page.aweme_list[0]?.music;
    expect(String(music?.id)).toBe(music?.id_str);
  });
});
