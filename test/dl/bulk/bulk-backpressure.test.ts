import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { removeDir, tempDir } from '../helpers/fs-helpers.js';
import { makeBulk, makeKit } from './bulk-helpers.js';

let emu: Emulator;
let root: string;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'bulk-bp', mainUserPosts: 240, imagePostRate: 0, assetScale: 0.05 }, behaviour: { deadMirrorRate: 0 } });
  root = tempDir('bulk-bp');
});
afterAll(async () => {
  await emu.stop();
  removeDir(root);
});

it('asks for the next page only when the download queue has room', async () => {
  const kit = makeKit(emu, root, { pageCounts: 20, maxTasks: 2, maxConnections: 2 });
  const bulk = makeBulk(kit);
  emu.faults.set('media', { latencyMs: 2 });
  const waiting: number[] = [];
  bulk.on('page', () => waiting.push(bulk.downloader.size));
  try {
    const s = await bulk.run({ mode: 'post', url: emu.world.roles.main.secUid });
    expect(s.posts.seen).toBe(240);
    expect(s.files.downloaded).toBe(240);
    // When a page arrives, fewer than maxTasks * 2 files wait from the pages before it.
    expect(waiting.length).toBe(s.pagesFetched);
    expect(Math.max(...waiting)).toBeLessThan(4);
  } finally {
    emu.faults.set('media', null);
    await bulk.close();
    kit.close();
  }
});
