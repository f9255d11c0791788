/**
 * `npm run demo`: the main job end to end, offline. Starts the emulator, then drives the real
 * `douyin-kit` CLI against it: check the cookie, download an account (videos, image posts with
 * live photos, music, covers, descriptions), rerun incrementally, download the viewer's music
 * collection with lyrics, record a live room with its chat, relay it to the emulated Volcengine.
 * Everything lands in ./demo-output/ (cleared at start).
 */
import { spawn } from 'node:child_process';
import { readdir, rm, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../src/dl/store/sqlite-store.js';
import { DEFAULT_VOLCENGINE_CREDENTIAL, startEmulator } from '../src/emulator/index.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(projectRoot, 'demo-output');
const downloads = path.join(out, 'Download');
const started = Date.now();

function step(title: string): void {
  console.log(`\n=== ${title}  (t=${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Runs the real CLI (`node --import tsx src/cli/main.ts …`), streaming its output; resolves with the exit code and stdout. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string }> {
  console.log(`$ douyin-kit ${args.map((a) => (/[\s|]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

async function tally(dir: string): Promise<Map<string, { files: number; bytes: number }>> {
  const byFolder = new Map<string, { files: number; bytes: number }>();
  async function walk(d: string): Promise<void> {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else {
        const folder = path.relative(projectRoot, d);
        const ext = path.extname(entry.name) || entry.name;
        const key = `${folder}  *${ext}`;
        const t = byFolder.get(key) ?? { files: 0, bytes: 0 };
        t.files++;
        t.bytes += (await stat(p)).size;
        byFolder.set(key, t);
      }
    }
  }
  await walk(dir);
  return byFolder;
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

step('Starting the emulator (a local Douyin + Volcengine on 127.0.0.1)');
// The emulator's default world: a quarter of the media mirrors are dead, as on Douyin's CDNs.
const emu = await startEmulator({ world: { seed: 'demo' } });
const { main, liveAnchor } = emu.world.roles;
const room = emu.world.roomOf(liveAnchor)!;
console.log(`emulator at ${emu.baseUrl}; creator ${main.nickname}; live room ${room.webRid}`);
const env = {
  DOUYIN_KIT_HOST: emu.baseUrl,
  DOUYIN_KIT_COOKIE: 'sessionid=0123456789abcdef0123456789abcdef',
  DOUYIN_KIT_PATH: downloads,
};
const profile = `https://www.douyin.com/user/${main.secUid}`;
const codes: Record<string, number> = {};

try {
  step('1. Is the cookie logged in?');
  codes.whoami = (await cli(['whoami'], env)).code;

  step('2. Download the whole account: videos, image posts with live photos, music, covers, descriptions');
  emu.clearLog();
  codes.download = (await cli(['download', '-M', 'post', '-u', profile, '-m', '-v', '-d'], env)).code;
  const firstPages = emu.log.count('user_post');

  step('3. Two new posts appear; rerun incrementally');
  emu.world.addPosts(main, 2);
  emu.clearLog();
  codes.rerun = (await cli(['download', '-M', 'post', '-u', profile, '-m', '-v', '-d'], env)).code;
  const rerunPages = emu.log.count('user_post');
  console.log(`→ the first run fetched ${firstPages} pages of posts; the rerun fetched ${rerunPages} (it stops at what the archive knows)`);

  step("4. The viewer's music collection, with lyrics (.lrc)");
  codes.music = (await cli(['download', '-M', 'music', '-o', '5'], env)).code;

  step('5. Record the live room for 4 seconds, chat sidecar included');
  codes.record = (await cli(['record', `https://live.douyin.com/${room.webRid}`, '--duration', '4', '-p', path.join(out, 'live')], env)).code;

  step('6. Relay the live room to (emulated) Volcengine Live, then list the tasks');
  const volc = {
    ...env,
    VOLC_ACCESSKEY: DEFAULT_VOLCENGINE_CREDENTIAL.accessKeyId,
    VOLC_SECRETKEY: DEFAULT_VOLCENGINE_CREDENTIAL.secretAccessKey,
    VOLC_HOST: emu.baseUrl,
  };
  codes.relay = (await cli(['relay', `https://live.douyin.com/${room.webRid}`, '--domain', 'push.example.com', '--app', 'live', '--stream', 'demo'], volc)).code;
  codes.relayList = (await cli(['relay', 'list'], volc)).code;

  step('Where everything landed');
  for (const [where, t] of [...(await tally(out))].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${String(t.files).padStart(4)} files ${(t.bytes / 1024).toFixed(0).padStart(7)} KiB  ${where}`);
  }

  step('The archive (SQLite: demo-output/Download/douyin-kit.sqlite)');
  const store = new SqliteStore(path.join(downloads, 'douyin-kit.sqlite'));
  const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
  console.log(`users: ${count('SELECT COUNT(*) AS n FROM users')}, posts: ${count('SELECT COUNT(*) AS n FROM posts')}`);
  for (const row of store.db.prepare('SELECT state, COUNT(*) AS n FROM assets GROUP BY state ORDER BY state').all() as { state: string; n: number }[]) {
    console.log(`assets ${row.state}: ${row.n}`);
  }
  store.close();

  step('Exit codes');
  console.log(Object.entries(codes).map(([k, v]) => `${k}=${v}`).join('  '));
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Output: ${path.relative(process.cwd(), out) || out}/`);
} finally {
  await emu.stop();
}
process.exitCode = Object.values(codes).every((c) => c === 0) ? 0 : 1;
