#!/usr/bin/env node
/**
 * `douyin-kit`: the command line. Every typed error is printed as one sentence and a hint
 * (stack traces only with --debug), and the exit code says what kind of failure it was.
 */
import { CommanderError } from 'commander';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { buildProgram } from './program.js';
import { formatError } from './report-error.js';

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.OK;
      if (error.code === 'commander.executeSubCommandAsync') return EXIT.OK;
      return EXIT.USAGE; // commander already printed the message
    }
    process.stderr.write(`${formatError(error, debug)}\n`);
    return exitCodeFor(error);
  }
}

const code = await main(process.argv);
// Let pending writes flush; then leave even if a stray handle (socket, timer) is still open.
process.exitCode = code;
setTimeout(() => process.exit(code), 50).unref();
