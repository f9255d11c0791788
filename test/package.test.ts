import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let tmp: string;
let project: string;

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist', 'cli', 'main.js')) || !existsSync(path.join(root, 'dist', 'emulator', 'index.js'))) {
    await run(npm, ['run', 'build'], { cwd: root, timeout: 240_000 });
  }
  tmp = await mkdtemp(path.join(os.tmpdir(), 'dk-pack-'));
  await run(npm, ['pack', '--pack-destination', tmp, '--ignore-scripts'], { cwd: root, timeout: 120_000 });
  const tarball = (await readdir(tmp)).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  project = path.join(tmp, 'app');
  await run('mkdir', ['-p', project]);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
  // Dependencies come from the npm cache that `npm ci` filled; better-sqlite3's prebuilt binary too.
  await run(npm, ['install', path.join(tmp, tarball), '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, timeout: 240_000 });
}, 600_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('installs into an empty project and its bin runs', async () => {
    const bin = path.join(project, 'node_modules', '.bin', 'douyin-kit');
    const { stdout } = await run(bin, ['--help'], { cwd: project });
    expect(stdout).toContain('Usage: douyin-kit');
    for (const command of ['download', 'whoami', 'chat', 'record', 'relay', 'emulator']) expect(stdout).toContain(command);
    const version = await run(bin, ['--version'], { cwd: project });
    expect(version.stdout.trim()).toBe('0.1.0');
  });

  it('exports the library and the emulator entry points by name (ESM)', async () => {
    const script = `
      import * as dk from 'douyin-kit';
      import * as emu from 'douyin-kit/emulator';
      const names = ['DouyinKit', 'DouyinKitError', 'isDouyinKitError', 'resolveOptions', 'optionsFromEnv', 'loadConfigFile', 'hostsFor',
        'LiveChatClient', 'recordLive', 'relayLiveToVolcengine', 'VolcengineLiveClient', 'credentialsFromEnv', 'Downloader', 'SqliteStore', 'signABogus', 'signXBogus'];
      const missing = names.filter((n) => typeof dk[n] !== 'function');
      const emuMissing = ['startEmulator', 'World'].filter((n) => typeof emu[n] !== 'function');
      const e = await emu.startEmulator({ world: { seed: 'pack' } });
      const kit = new dk.DouyinKit({ hosts: dk.hostsFor(e.baseUrl) });
      const profile = await kit.fetchUserProfile(e.world.roles.main.secUid);
      kit.close();
      await e.stop();
      console.log(JSON.stringify({ missing, emuMissing, nickname: profile.nickname, expected: e.world.roles.main.nickname }));
    `;
    await writeFile(path.join(project, 'check.mjs'), script);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project, timeout: 60_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { missing: string[]; emuMissing: string[]; nickname: string; expected: string };
    expect(result.missing).toEqual([]);
    expect(result.emuMissing).toEqual([]);
    expect(result.nickname).toBe(result.expected);
  });

  it('ships dist, proto and README only (no sources or tests)', async () => {
    const files = await readdir(path.join(project, 'node_modules', 'douyin-kit'));
    expect(files.sort()).toEqual(expect.arrayContaining(['dist', 'package.json', 'README.md']));
    expect(files).not.toContain('src');
    expect(files).not.toContain('test');
  });
});
