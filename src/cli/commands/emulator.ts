import type { Command } from 'commander';
import { DEFAULT_VOLCENGINE_CREDENTIAL, startEmulator } from '../../emulator/index.js';
import { InvalidOptionError } from '../../errors.js';
import { Output } from '../output.js';
import { parseInteger } from '../parse-values.js';

interface EmulatorFlags {
  port?: string;
  listen?: string;
  seed?: string;
  mainPosts?: string;
  lenient?: boolean;
}

export function addEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('run the local Douyin (and Volcengine) emulator until Ctrl-C; prints its base URL first')
    .option('--port <n>', 'listen port (default: any free port)')
    .option('--listen <addr>', 'listen address (default 127.0.0.1)')
    .option('--seed <text>', 'world seed')
    .option('--main-posts <n>', 'posts of the main creator')
    .option('--lenient', 'accept requests without a_bogus/X-Bogus and msToken')
    .action(async (flags: EmulatorFlags) => {
      const out = new Output();
      const port = parseInteger('--port', flags.port, 0) ?? 0;
      if (port > 65535) throw new InvalidOptionError('port', `--port must be at most 65535, got ${port}`);
      const mainPosts = parseInteger('--main-posts', flags.mainPosts, 1);
      const emulator = await startEmulator({
        host: flags.listen ?? '127.0.0.1',
        port,
        world: { ...(flags.seed ? { seed: flags.seed } : {}), ...(mainPosts ? { mainUserPosts: mainPosts } : {}) },
        behaviour: flags.lenient ? { signature: 'ignore', msToken: 'ignore' } : {},
      });
      const { roles } = emulator.world;
      const room = emulator.world.roomOf(roles.liveAnchor);
      out.line(emulator.baseUrl);
      out.line(`main user   ${roles.main.nickname}  https://www.douyin.com/user/${roles.main.secUid}`);
      out.line(`live room   ${room ? `https://live.douyin.com/${room.webRid}` : '-'}`);
      process.stdout.write('cookie      sessionid=0123456789abcdef0123456789abcdef (any sessionid is the logged-in viewer)\n'); // not a secret
      out.line(`volcengine  VOLC_ACCESSKEY=${DEFAULT_VOLCENGINE_CREDENTIAL.accessKeyId} (secret: see DEFAULT_VOLCENGINE_CREDENTIAL in douyin-kit/emulator)`);
      out.line(`try         douyin-kit download --host ${emulator.baseUrl} -M post -u https://www.douyin.com/user/${roles.main.secUid} -p Download`);
      out.line('Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void emulator.stop().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.exitCode = 0;
    });
}
