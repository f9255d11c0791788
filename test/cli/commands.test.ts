import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config-file.js';
import { DEFAULT_VOLCENGINE_CREDENTIAL, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { listFiles, projectRoot, runCli } from './cli-helpers.js';

const SESSION = 'sessionid=0123456789abcdef0123456789abcdef';
let emu: Emulator;
let tmp: string;
let env: Record<string, string>;
let roomUrl: string;

beforeAll(async () => {
  emu = await startEmulator({ world: { seed: 'cli-commands' } });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'dk-cli-cmd-'));
  env = { DOUYIN_KIT_HOST: emu.baseUrl };
  roomUrl = `https://live.douyin.com/${emu.world.roomOf(emu.world.roles.liveAnchor)!.webRid}`;
});
afterAll(async () => {
  await emu.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe('whoami / check-cookie', () => {
  it('says logged in (exit 0) with a sessionid and not logged in (exit 3) without, never echoing the cookie', async () => {
    const yes = await runCli(['whoami', '-k', SESSION, '--user', emu.world.roles.main.secUid], env);
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('Logged in');
    expect(yes.stdout).toContain(emu.world.roles.main.nickname);
    const no = await runCli(['check-cookie', '--json'], env);
    expect(no.code).toBe(3);
    expect(JSON.parse(no.stdout).loggedIn).toBe(false);
    expect(no.stderr).toContain('Not logged in');
    expect(yes.stdout + yes.stderr).not.toContain('0123456789abcdef0123456789abcdef');
  });
});

describe('chat and record', () => {
  it('prints chat lines and saves JSONL for a few seconds', async () => {
    const jsonl = path.join(tmp, 'chat.jsonl');
    const r = await runCli(['chat', roomUrl, '--duration', '3', '--jsonl', jsonl], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Connected to room \d+/);
    const lines = (await readFile(jsonl, 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines[0]!)).toHaveProperty('method');
    expect(r.stdout).toMatch(/\[\S+.*\] .+/);
  });

  it('records FLV with chat sidecars, and refuses an offline room with exit 3', async () => {
    const dir = path.join(tmp, 'rec');
    const r = await runCli(['record', roomUrl, '--duration', '3', '-p', dir], env);
    expect(r.code).toBe(0);
    const files = await listFiles(dir);
    expect(files.some((f) => f.endsWith('.flv'))).toBe(true);
    expect(files.some((f) => f.endsWith('.chat.jsonl'))).toBe(true);
    expect(files.some((f) => f.endsWith('.ass'))).toBe(true);
    const flv = await readFile(path.join(dir, files.find((f) => f.endsWith('.flv'))!));
    expect(flv.subarray(0, 3).toString()).toBe('FLV');
    const offline = emu.world.roomOf(emu.world.roles.offlineAnchor) ?? emu.world.roomOf(emu.world.roles.endedAnchor)!;
    const off = await runCli(['record', `https://live.douyin.com/${offline.webRid}`, '--duration', '2', '-p', dir, '--no-chat'], env);
    expect(off.code).toBe(3);
    expect(off.stderr).toContain('ERR_LIVE_OFFLINE');
  });
});

describe('relay', () => {
  const volc = () => ({ ...env, VOLC_ACCESSKEY: DEFAULT_VOLCENGINE_CREDENTIAL.accessKeyId, VOLC_SECRETKEY: DEFAULT_VOLCENGINE_CREDENTIAL.secretAccessKey, VOLC_HOST: emu.baseUrl });

  it('creates, lists, stops and deletes a task; never prints the secret', async () => {
    const created = await runCli(['relay', roomUrl, '--domain', 'push.example.com', '--app', 'live', '--stream', 'cli1', '--json'], volc());
    expect(created.code).toBe(0);
    const { taskId } = JSON.parse(created.stdout) as { taskId: string };
    expect(taskId).toMatch(/\w+/);
    const list = await runCli(['relay', 'list', '--json'], volc());
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { TaskId: string }[]).map((t) => t.TaskId)).toContain(taskId);
    expect((await runCli(['relay', 'stop', taskId], volc())).code).toBe(0);
    expect((await runCli(['relay', 'delete', taskId], volc())).code).toBe(0);
    const after = await runCli(['relay', 'list', '--json'], volc());
    expect((JSON.parse(after.stdout) as { TaskId: string }[]).map((t) => t.TaskId)).not.toContain(taskId);
    for (const r of [created, list, after]) expect(r.stdout + r.stderr).not.toContain(DEFAULT_VOLCENGINE_CREDENTIAL.secretAccessKey);
  });

  it('exits 2 without credentials or target, 3 for a wrong secret', async () => {
    const noCreds = await runCli(['relay', 'list'], { ...env, VOLC_HOST: emu.baseUrl, VOLC_ACCESSKEY: '', VOLC_SECRETKEY: '', ACCESS_KEY_ID: '', ACCESS_KEY_SECRET: '' });
    expect(noCreds.code).toBe(2);
    expect(noCreds.stderr).toContain('VOLC_ACCESSKEY');
    const noTarget = await runCli(['relay', roomUrl], volc());
    expect(noTarget.code).toBe(2);
    const wrong = await runCli(['relay', 'list'], { ...volc(), VOLC_SECRETKEY: 'not-the-secret-at-all' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('ERR_VOLCENGINE');
    expect(wrong.stderr).not.toContain('not-the-secret-at-all');
  });
});

describe('config files', () => {
  it('--init-config writes a YAML the loader accepts; --update-config writes flags into it; -c feeds the run', async () => {
    const file = path.join(tmp, 'douyin.yaml');
    expect((await runCli(['download', '--init-config', file])).code).toBe(0);
    expect((await loadConfigFile(file)).cli.mode).toBe('post');
    expect((await runCli(['download', '--init-config', file])).code).toBe(2); // no overwrite
    const up = await runCli(['download', '-c', file, '--update-config', '-p', path.join(tmp, 'from-config'), '-t', '3', '-m', 'no', '-M', 'one']);
    expect(up.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('# douyin-kit config'); // comments kept
    const loaded = await loadConfigFile(file);
    expect(loaded.options).toMatchObject({ path: path.join(tmp, 'from-config'), maxTasks: 3, music: false });
    expect(loaded.cli.mode).toBe('one');
    const post = emu.world.postsOf(emu.world.roles.main).find((p) => p.awemeType === 0)!;
    const run = await runCli(['download', '-c', file, '-u', `https://www.douyin.com/video/${post.awemeId}`], { ...env, DOUYIN_KIT_COOKIE: SESSION });
    expect(run.code).toBe(0);
    expect((await listFiles(path.join(tmp, 'from-config'))).some((f) => f.endsWith('_video.mp4'))).toBe(true);
  });

  it('names the bad key of a broken config and exits 2', async () => {
    const file = path.join(tmp, 'bad.yaml');
    await writeFile(file, 'douyin:\n  max_tasks: lots\n');
    const r = await runCli(['download', '-c', file, '-M', 'post', '-u', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('maxTasks');
  });
});

describe('emulator command', () => {
  it('prints its base URL first and serves until SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'emulator'], { cwd: projectRoot });
    const firstLine = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (c: Buffer) => {
        buf += c;
        if (buf.includes('\n')) resolve(buf.split('\n')[0]!);
      });
      child.on('error', reject);
    });
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const who = await runCli(['whoami', '-k', SESSION], { DOUYIN_KIT_HOST: firstLine });
    expect(who.code).toBe(0);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
