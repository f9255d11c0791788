import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { listFiles, runCli } from './cli-helpers.js';

const SESSION = 'sessionid=0123456789abcdef0123456789abcdef';
let emu: Emulator;
let tmp: string;
let env: Record<string, string>;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'cli-e2e' }, liveStream: { speed: 4 } });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'dk-cli-'));
  env = { DOUYIN_KIT_HOST: emu.baseUrl, DOUYIN_KIT_COOKIE: SESSION };
});
afterAll(async () => {
  await emu.stop();
  await rm(tmp, { recursive: true, force: true });
});

function summaryOf(stdout: string): Record<string, any> {
  return JSON.parse(stdout) as Record<string, any>;
}

describe('douyin-kit download against the emulator', () => {
  it('downloads an account in post mode with music, covers and descriptions, then reruns incrementally', async () => {
    const dir = path.join(tmp, 'post');
    const main = emu.world.roles.main;
    const url = `https://www.douyin.com/user/${main.secUid}`;
    emu.clearLog();
    const first = await runCli(['download', '-M', 'post', '-u', url, '-m', '-v', '-d', '-p', dir, '--json'], env);
    expect(first.stderr).not.toContain('Error');
    expect(first.code).toBe(0);
    const s = summaryOf(first.stdout);
    expect(s.posts.seen).toBe(emu.world.postsOf(main).length);
    expect(s.files.failed).toEqual([]);
    const files = await listFiles(dir);
    expect(files).toContain('douyin-kit.sqlite');
    for (const suffix of ['_video.mp4', '_music.mp3', '_cover.webp', '_desc.txt', '_image_1.webp']) {
      expect(files.some((f) => f.endsWith(suffix))).toBe(true);
    }
    const firstPages = emu.log.count('user_post');
    emu.clearLog();
    const again = await runCli(['download', '-M', 'post', '-u', url, '-m', '-v', '-d', '-p', dir, '--json'], env);
    expect(again.code).toBe(0);
    expect(summaryOf(again.stdout).files.downloaded).toBe(0);
    expect(emu.log.count('user_post')).toBeLessThan(firstPages);
  });

  it('runs every other mode once', async () => {
    const main = emu.world.roles.main;
    const post = emu.world.postsOf(main).find((p) => p.awemeType === 0)!;
    const mixId = main.mixIds[0]!;
    const room = emu.world.roomOf(emu.world.roles.liveAnchor)!;
    const cases: [string, string[]][] = [
      ['one', ['-u', `https://www.douyin.com/video/${post.awemeId}`]],
      ['like', ['-u', `https://www.douyin.com/user/${emu.world.roles.me.secUid}`, '-o', '3']],
      ['collection', ['-o', '3']],
      ['collects', ['-o', '3']],
      ['music', ['-o', '2']],
      ['mix', ['-u', `https://www.douyin.com/collection/${mixId}`, '-o', '3']],
      ['related', ['-u', `https://www.douyin.com/video/${post.awemeId}`, '-o', '3']],
      ['friend', ['-o', '3']],
      ['feed', ['-o', '3']],
      ['live', ['-u', `https://live.douyin.com/${room.webRid}`, '--duration', '2']],
    ];
    for (const [mode, args] of cases) {
      const dir = path.join(tmp, `mode-${mode}`);
      const r = await runCli(['download', '-M', mode, ...args, '-p', dir, '--json'], env);
      expect({ mode, code: r.code, stderr: r.stderr.includes('Error (') ? r.stderr : '' }).toEqual({ mode, code: 0, stderr: '' });
      const s = summaryOf(r.stdout);
      expect(s.mode).toBe(mode);
      const files = (await listFiles(dir)).filter((f) => f !== 'douyin-kit.sqlite' && !f.startsWith('douyin-kit.sqlite'));
      if (mode !== 'collects' && mode !== 'friend' && mode !== 'feed') expect({ mode, n: files.length > 0 }).toEqual({ mode, n: true });
      if (mode === 'one') expect(files.some((f) => f.includes(post.awemeId) || f.endsWith('_video.mp4'))).toBe(true);
      if (mode === 'live') expect(files.some((f) => f.endsWith('.flv'))).toBe(true);
    }
  }, 180_000);

  it('writes nothing on --dry-run', async () => {
    const dir = path.join(tmp, 'dry');
    const r = await runCli(['download', '-M', 'post', '-u', `https://www.douyin.com/user/${emu.world.roles.main.secUid}`, '-p', dir, '--dry-run', '--json'], env);
    expect(r.code).toBe(0);
    expect(summaryOf(r.stdout).dryRun).toBe(true);
    expect(await listFiles(dir)).toEqual([]);
  });

  it('keeps hostile nicknames and descriptions inside the download root', async () => {
    const dir = path.join(tmp, 'hostile');
    const user = emu.world.roles.main;
    emu.world.renameUser(user, '../../../etc/passwd<>:"|?*\u0000');
    const r = await runCli(['download', '-M', 'post', '-u', `https://www.douyin.com/user/${user.secUid}`, '-o', '3', '-d', '-p', dir, '--json'], env);
    expect(r.code).toBe(0);
    const files = await listFiles(dir);
    expect(files.length).toBeGreaterThan(1);
    expect(files.every((f) => !f.startsWith('..') && !path.isAbsolute(f))).toBe(true);
    expect(files.some((f) => /[<>:"|?*\u0000]/.test(f))).toBe(false);
  });
});

describe('douyin-kit download: bad input', () => {
  it('exits 2 with one sentence for a URL without an id, an unknown mode, a bad flag value', async () => {
    const bad = await runCli(['download', '-M', 'post', '-u', 'https://example.com/nothing-here'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error \(ERR_INVALID_INPUT\): .+/m);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const mode = await runCli(['download', '-M', 'everything', '-u', 'x'], env);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain('--mode must be one of');
    const num = await runCli(['download', '-M', 'post', '-u', 'x', '-t', 'many'], env);
    expect(num.code).toBe(2);
    expect(num.stderr).toContain('--max-tasks');
    const unknown = await runCli(['download', '--frobnicate'], env);
    expect(unknown.code).toBe(2);
  });

  it('exits 3 for an unreachable host, 2 for a login-only list without a cookie, never printing the cookie', async () => {
    const down = await runCli(['download', '-M', 'post', '-u', 'https://www.douyin.com/user/MS4wLjABAAAAunreachable', '-r', '0', '-e', '2', '-p', path.join(tmp, 'x')], {
      DOUYIN_KIT_HOST: 'http://127.0.0.1:9',
      DOUYIN_KIT_COOKIE: 'sessionid=feedfacefeedfacefeedface',
    });
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/Error \(ERR_(NETWORK|TOKEN|TIMEOUT)\)/);
    expect(down.stderr).toContain('Hint:');
    expect(down.stdout + down.stderr).not.toContain('feedfacefeedfacefeedface');
    const login = await runCli(['download', '-M', 'collects', '-p', path.join(tmp, 'nologin'), '-r', '0'], { DOUYIN_KIT_HOST: emu.baseUrl });
    expect(login.code).toBe(2); // refused before any request: the run cannot name whose list it is
    expect(login.stderr).toContain('logged-in cookie');
  });

  it('prints a stack trace only with --debug', async () => {
    const plain = await runCli(['download', '-M', 'post', '-u', 'https://example.com/x'], env);
    const debug = await runCli(['download', '-M', 'post', '-u', 'https://example.com/x', '--debug'], env);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
