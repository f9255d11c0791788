import { Command } from 'commander';
import { addChatCommand } from './commands/chat.js';
import { addDownloadCommand } from './commands/download.js';
import { addEmulatorCommand } from './commands/emulator.js';
import { addRecordCommand } from './commands/record.js';
import { addRelayCommand } from './commands/relay.js';
import { addWhoamiCommand } from './commands/whoami.js';

export const CLI_VERSION = '0.1.0';

const EPILOG = `
Exit codes:
  0    done
  1    finished with some failed files or posts (or an unexpected local failure)
  2    bad command line, config file or input (e.g. a URL without an id)
  3    network, login, signature or a refusal by Douyin / Volcengine
  130  interrupted (Ctrl-C)

Config precedence: -c file < DOUYIN_KIT_* environment < flags.
Examples:
  douyin-kit download -M post -u https://www.douyin.com/user/MS4wLjABAAAA… -m -v -d -k "$COOKIE"
  douyin-kit download --init-config douyin.yaml
  douyin-kit chat https://live.douyin.com/123456789 --jsonl chat.jsonl
  douyin-kit emulator`;

/** The `douyin-kit` command tree. */
export function buildProgram(): Command {
  const program = new Command('douyin-kit')
    .description("Crawl Douyin's web API and download its media; record live rooms and their chat; relay lives to Volcengine.")
    .version(CLI_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EPILOG)
    .exitOverride();
  addDownloadCommand(program);
  addWhoamiCommand(program);
  addChatCommand(program);
  addRecordCommand(program);
  addRelayCommand(program);
  addEmulatorCommand(program);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride();
  }
  return program;
}
