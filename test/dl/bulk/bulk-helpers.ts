import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { hostsFor } from '../../../src/config-file.js';
import { BulkDownloader } from '../../../src/dl/bulk/index.js';
import { SqliteStore, type Store } from '../../../src/dl/index.js';
import { DouyinKit } from '../../../src/douyin-kit.js';
import type { Emulator } from '../../../src/emulator/index.js';
import type { DouyinKitOptions } from '../../../src/options.js';
import { sha256File } from '../helpers/fs-helpers.js';

export const SESSION = 'sessionid=0123456789abcdef0123456789abcdef; ttwid=1%7Cabc';

export function makeKit(emu: Emulator, root: string, options: DouyinKitOptions = {}): DouyinKit {
  return new DouyinKit({
    hosts: hostsFor(emu.baseUrl), cookie: SESSION, path: root, retryBaseDelayMs: 1, retryMaxDelayMs: 20, maxRetries: 2, ...options,
  });
}

export function makeBulk(kit: DouyinKit, store?: Store | string | false): BulkDownloader {
  return new BulkDownloader(kit, { ...(store !== undefined ? { store } : {}), downloader: { fsync: false, retryBaseDelayMs: 1, retryMaxDelayMs: 5, retries: 1 } });
}

export const userPostPages = (emu: Emulator) => emu.log.count('user_post');

/** Opens the archive file a run wrote (separately, as another process would). */
export function openArchive(root: string): SqliteStore {
  return new SqliteStore(path.join(root, 'douyin-kit.sqlite'));
}

/** Every done asset's file exists and (for downloaded media) hashes as the emulator says. */
export function checkDoneAssets(emu: Emulator, root: string, store: Store, prefix: string): number {
  const rows = store.listAssets({ pathPrefix: prefix });
  let checked = 0;
  for (const row of rows) {
    expect(row.state, row.key).toBe('done');
    const file = path.join(root, ...row.path!.split('/'));
    expect(existsSync(file), file).toBe(true);
    expect(sha256File(file)).toBe(row.sha256);
    if (row.url !== null && row.kind !== 'lyric') {
      expect(row.sha256, row.key).toBe(emu.expectedSha256(row.url));
      checked++;
    }
    if (row.kind === 'desc') expect(readFileSync(file, 'utf8').length).toBeGreaterThanOrEqual(0);
  }
  return checked;
}
