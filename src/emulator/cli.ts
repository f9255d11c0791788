/**
 * `npm run emulator`: starts the emulator alone and prints its base URL on the first line.
 *
 *   --port <n>          listen port (default 0: any free port)
 *   --host <addr>       listen address (default 127.0.0.1)
 *   --seed <text>       world seed
 *   --main-posts <n>    posts of the main creator (e.g. 10000)
 *   --lenient           accept requests without a_bogus/X-Bogus and msToken
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './start-emulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    'main-posts': { type: 'string' },
    lenient: { type: 'boolean', default: false },
  },
});

const world: Record<string, unknown> = {};
if (values.seed !== undefined) world.seed = values.seed;
if (values['main-posts'] !== undefined) world.mainUserPosts = Number(values['main-posts']);

const emulator = await startEmulator({
  host: values.host,
  port: Number(values.port),
  world,
  behaviour: values.lenient ? { signature: 'ignore', msToken: 'ignore' } : {},
});

console.log(emulator.baseUrl);
const { roles } = emulator.world;
console.log(`websocket  ${emulator.wsUrl}`);
console.log(`main user  ${roles.main.nickname} sec_uid=${roles.main.secUid} (${emulator.world.postsOf(roles.main).length} posts)`);
console.log(`live room  web_rid=${emulator.world.roomOf(roles.liveAnchor)?.webRid ?? '-'}`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void emulator.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
