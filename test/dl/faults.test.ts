import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Downloader, SqliteStore, type DownloadJob, type FileRetryEvent } from '../../src/dl/index.js';
import { assetSha256, type MediaAsset, type MediaKind } from '../../src/emulator/media/index.js';
import { removeDir, sha256File, tempDir } from './helpers/fs-helpers.js';
import { MediaServer, seeded, type Intervention } from './helpers/media-server.js';

const SEED = 'faults-v1';
const FILES = 120;
const RETRIES = 10;
const KINDS: MediaKind[] = ['mp4', 'mp4', 'mp4', 'webp', 'jpeg', 'mp3'];

let server: MediaServer;
let root: string;

beforeAll(async () => {
  server = await MediaServer.start();
  root = tempDir('faults');
});
afterAll(async () => {
  await server.close();
  removeDir(root);
});

/** 20 % 5xx, 10 % resets mid-body, 5 % truncated bodies, 5 % 429: the same fate for the same request in every run. */
function fate(assets: Map<string, MediaAsset>, p: string, nth: number): Intervention | undefined {
  const u = seeded(SEED, p, nth);
  const size = assets.get(p)?.size ?? 1;
  const at = Math.floor(seeded(SEED, 'at', p, nth) * size * 0.9);
  if (u < 0.2) return { status: [500, 502, 503, 504][Math.floor(u * 20)] ?? 500 };
  if (u < 0.3) return { fault: { kind: 'reset', atByte: at } };
  if (u < 0.35) return { fault: { kind: 'truncate', atByte: at } };
  if (u < 0.4) return { status: 429, headers: { 'Retry-After': '1' } };
  return undefined;
}

describe('bulk download under injected faults', () => {
  it('ends with every file correct, nothing marked done wrongly, and bounded retries', async () => {
    const assets = new Map<string, MediaAsset>();
    const jobs: DownloadJob[] = [];
    for (let i = 0; i < FILES; i++) {
      const kind = KINDS[i % KINDS.length]!;
      const asset: MediaAsset = { id: `f${i}`, kind, size: 20_000 + Math.floor(seeded(SEED, 'size', i) * 1_500_000) };
      const p = `/media/${asset.id}`;
      assets.set(p, asset);
      server.routes.set(p, { asset });
      jobs.push({ key: asset.id, path: ['douyin', 'post', 'someone', `${asset.id}.${kind}`], urls: [server.url(p)], expect: [kind] });
    }
    server.intervene = (p, nth) => fate(assets, p, nth);

    const store = new SqliteStore(path.join(root, 'archive.db'));
    const retries: FileRetryEvent[] = [];
    const dl = new Downloader({ root, store, maxTasks: 8, maxConnections: 8, retries: RETRIES, retryBaseDelayMs: 5, retryMaxDelayMs: 50 });
    dl.on('file-retry', (e) => retries.push(e));
    const results = await dl.addAll(jobs);
    await dl.close();

    expect(results.filter((r) => r.status !== 'done')).toEqual([]);
    for (const [p, asset] of assets) {
      const file = path.join(root, 'douyin', 'post', 'someone', `${asset.id}.${asset.kind}`);
      expect(sha256File(file), p).toBe(assetSha256(asset));
      const row = store.getAsset(asset.id)!;
      expect(row.state).toBe('done');
      expect(row.sha256).toBe(assetSha256(asset));
      expect(row.bytes).toBe(asset.size);
      expect(row.attempts).toBe(server.requests(p).length - 1);
    }

    // Every request either finished its file or was followed by exactly one retry; none ran over the limit.
    const injected = server.log.filter((r) => r.intervention !== undefined).length;
    expect(injected).toBeGreaterThan(FILES * 0.3);
    expect(server.log.length).toBe(FILES + retries.length);
    for (const p of assets.keys()) expect(server.requests(p).length).toBeLessThanOrEqual(RETRIES + 1);
    for (const r of results) if (r.status === 'done') expect(r.attempts).toBe(server.requests(`/media/${r.key}`).length);

    // Resets and truncations were resumed, not restarted.
    const resumed = server.log.filter((r) => r.range !== undefined);
    expect(resumed.length).toBeGreaterThan(5);
    expect(resumed.every((r) => r.ifRange !== undefined)).toBe(true);
    // A 429 was waited out for as long as Retry-After said.
    const limited = server.log.filter((r) => r.intervention && 'status' in r.intervention && r.intervention.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const hit of limited) {
      const next = server.requests(hit.path).find((r) => r.nth === hit.nth + 1)!;
      expect(next.at - hit.at).toBeGreaterThanOrEqual(990);
    }
    store.close();
  }, 120_000);
});
