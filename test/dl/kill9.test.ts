import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore, type DownloadJob } from '../../src/dl/index.js';
import { assetSha256, type MediaAsset, type MediaKind } from '../../src/emulator/media/index.js';
import { removeDir, sha256File, tempDir, walk } from './helpers/fs-helpers.js';
import { MediaServer, seeded } from './helpers/media-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');
const CHILD = path.join(here, 'children', 'bulk-download.ts');
const FILES = 100;
const KINDS: MediaKind[] = ['mp4', 'mp4', 'webp', 'jpeg', 'mp3'];

let server: MediaServer;
let dir: string;

beforeAll(async () => {
  server = await MediaServer.start();
  dir = tempDir('kill9');
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

function run(specFile: string): { child: ChildProcess; ready: Promise<void>; exit: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, specFile], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('READY')) markReady();
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      markReady();
      resolve({ code, signal, out: out + err });
    }),
  );
  return { child, ready, exit };
}

describe('kill -9 during a bulk download', () => {
  it('converges after repeated SIGKILLs: files byte-identical, never short, archive consistent', async () => {
    const root = path.join(dir, 'root');
    const db = path.join(dir, 'archive.db');
    const assets = new Map<string, MediaAsset>();
    const jobs: DownloadJob[] = [];
    for (let i = 0; i < FILES; i++) {
      const kind = KINDS[i % KINDS.length]!;
      const asset: MediaAsset = { id: `k${i}`, kind, size: 600_000 + Math.floor(seeded('kill9', i) * 2_400_000) };
      server.routes.set(`/k/${asset.id}`, { asset });
      assets.set(asset.id, asset);
      jobs.push({ key: asset.id, path: ['douyin', 'post', '用户 🌸', `${asset.id}.${kind}`], urls: [server.url(`/k/${asset.id}`)], expect: [kind] });
    }
    // Slow bodies, so that kills land mid-transfer as well as between files.
    server.intervene = () => ({ fault: { kind: 'drip', chunkBytes: 32_768, intervalMs: 4 } });
    const specFile = path.join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify({ root, db, jobs }));
    const finalOf = (a: MediaAsset) => path.join(root, 'douyin', 'post', '用户 🌸', `${a.id}.${a.kind}`);

    const checkConsistent = (): number => {
      for (const a of assets.values()) {
        if (existsSync(finalOf(a))) expect(sha256File(finalOf(a)), `final ${a.id}`).toBe(assetSha256(a));
      }
      const store = new SqliteStore(db);
      const done = store.listAssets({ state: 'done' });
      for (const row of done) {
        const a = assets.get(row.key)!;
        expect(existsSync(path.join(root, ...row.path!.split('/'))), `done ${row.key} exists`).toBe(true);
        expect(row.sha256).toBe(assetSha256(a));
        expect(row.bytes).toBe(a.size);
      }
      store.close();
      return done.length;
    };

    let killed = 0;
    const doneAfterKill: number[] = [];
    for (let round = 0; round < 4; round++) {
      const { child, ready, exit } = run(specFile);
      await ready;
      await new Promise((r) => setTimeout(r, 300 + Math.floor(seeded('kill9-delay', round) * 700)));
      child.kill('SIGKILL');
      const result = await exit;
      if (result.signal === 'SIGKILL') killed++;
      doneAfterKill.push(checkConsistent());
    }
    expect(killed).toBeGreaterThanOrEqual(3);
    // Kills landed mid-body: some .part files were left to resume.
    expect(server.log.some((r) => r.range !== undefined)).toBe(true);

    const last = run(specFile);
    const final = await last.exit;
    expect(final.code, final.out).toBe(0);
    expect(final.out).toMatch(/DONE \{"done":\d+,"skipped":\d+,"failed":0\}/);
    expect(checkConsistent()).toBe(FILES);
    expect(walk(root).filter((f) => f.endsWith('.part') || f.endsWith('.meta'))).toEqual([]);
    expect(doneAfterKill.at(-1)).toBeLessThan(FILES);
  }, 120_000);
});
