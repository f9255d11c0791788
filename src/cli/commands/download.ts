import type { Command } from 'commander';
import { DouyinKit } from '../../douyin-kit.js';
import { InvalidInputError, InvalidOptionError } from '../../errors.js';
import { ARCHIVE_POLICIES, BulkDownloader, CLI_DOWNLOAD_MODES, type ArchivePolicy, type BulkSummary, type DownloadMode } from '../bulk-contract.js';
import { updateConfigFile, writeDefaultConfig } from '../config-template.js';
import { EXIT } from '../exit-codes.js';
import { addKitOptions, loadOptions, type DownloadFlags } from '../kit-options.js';
import { Output, ProgressView, formatBytes } from '../output.js';
import { oneOf, parseInteger, parseSeconds, parseVideoQuality } from '../parse-values.js';
import { interruptSignal } from '../signals.js';

interface DownloadCommandFlags extends DownloadFlags {
  url?: string;
  mode?: string;
  quality?: string;
  archivePolicy?: string;
  knownStreak?: string;
  duration?: string;
  chat?: boolean;
  json?: boolean;
  dryRun?: boolean;
  initConfig?: string;
  updateConfig?: boolean;
}

/** Modes that need a URL (the others work on the logged-in viewer's own lists). */
const NEEDS_URL = new Set<DownloadMode>(['one', 'post', 'like', 'mix', 'live', 'related']);

/** Flags `--update-config` may write, with how each is stored. */
const CONFIG_FLAGS: Record<string, (v: string) => string | number | boolean> = {
  url: String, mode: String, path: String, naming: String, interval: String, quality: String, archivePolicy: String, cookie: String, proxy: String,
  folderize: yesNo, music: yesNo, cover: yesNo, desc: yesNo,
  timeout: Number, maxRetries: Number, maxConnections: Number, maxTasks: Number, maxCounts: Number, pageCounts: Number,
};

function yesNo(v: string | boolean): boolean {
  return v === true || /^(yes|y|true|on|1)$/i.test(String(v));
}

export function addDownloadCommand(program: Command): void {
  const cmd = program
    .command('download')
    .alias('dl')
    .description("download posts, likes, collections, music, mixes or a live room (F2's modes)")
    .option('-u, --url <url>', 'profile, post, mix or live URL, or a share link')
    .option('-M, --mode <mode>', `one of: ${CLI_DOWNLOAD_MODES.join(', ')}`)
    .option('-p, --path <dir>', 'download root (default Download)')
    .option('-n, --naming <template>', "file-name template (default '{create}_{desc}')")
    .option('-f, --folderize [yes|no]', 'one folder per post')
    .option('-m, --music [yes|no]', "also save the post's music")
    .option('-v, --cover [yes|no]', 'also save the cover')
    .option('-d, --desc [yes|no]', 'also save the description as .txt')
    .option('-i, --interval <from|to>', "date window 'YYYY-MM-DD|YYYY-MM-DD' or 'all'")
    .option('-t, --max-tasks <n>', 'files downloaded at once (default 10)')
    .option('-o, --max-counts <n>', 'stop after this many posts (0 = all)')
    .option('-s, --page-counts <n>', 'posts asked per page (default 20)')
    .option('--quality <q>', 'video quality: best, 1080p, 720p, 4k, h264, h265, 50mb or e.g. 1080p,h264')
    .option('--archive-policy <policy>', `${ARCHIVE_POLICIES.join(' | ')} (default skip-recorded)`)
    .option('--known-streak <n>', 'stop paging after this many known posts in a row (incremental sync)')
    .option('--duration <seconds>', 'live mode: record this long')
    .option('--no-chat', 'live mode: no chat sidecar')
    .option('--json', 'print the summary as JSON on stdout (messages go to stderr)')
    .option('--dry-run', 'list what would be downloaded, write nothing')
    .option('--init-config <file>', 'write a commented default config file and exit')
    .option('--update-config', 'write the given flags into the -c config file and exit');
  addKitOptions(cmd);
  cmd.action(async (flags: DownloadCommandFlags, command: Command) => {
    process.exitCode = await runDownload(flags, command);
  });
}

async function runDownload(flags: DownloadCommandFlags, command: Command): Promise<number> {
  const out = new Output({ json: flags.json });
  if (flags.initConfig) {
    await writeDefaultConfig(flags.initConfig);
    out.line(`Wrote ${flags.initConfig}. Edit it, then run: douyin-kit download -c ${flags.initConfig}`);
    return EXIT.OK;
  }
  if (flags.updateConfig) {
    if (!flags.config) throw new InvalidOptionError('config', '--update-config needs the config file given with -c <file>');
    const values: Record<string, string | number | boolean> = {};
    for (const [name, convert] of Object.entries(CONFIG_FLAGS)) {
      if (command.getOptionValueSource(name) !== 'cli') continue;
      values[name] = convert((flags as Record<string, string>)[name]!);
    }
    if (Object.keys(values).length === 0) throw new InvalidOptionError('update-config', '--update-config needs at least one flag to write (e.g. -k, -p, -M)');
    await loadOptions({ ...flags, config: undefined }); // validate the flags before writing them
    const written = await updateConfigFile(flags.config, values);
    out.line(`Updated ${flags.config}: ${written.join(', ')}`);
    return EXIT.OK;
  }

  const { options, cli } = await loadOptions(flags);
  const mode = oneOf('--mode', flags.mode ?? cli.mode, CLI_DOWNLOAD_MODES);
  if (!mode) throw new InvalidOptionError('mode', 'No download mode given', { hint: `Pass -M/--mode with one of ${CLI_DOWNLOAD_MODES.join(', ')}.` });
  const url = flags.url ?? cli.url;
  if (!url && NEEDS_URL.has(mode)) throw new InvalidInputError(`Mode ${mode} needs a URL`, { hint: 'Pass -u/--url with a douyin.com link or a share link.' });
  const archivePolicy = oneOf<ArchivePolicy>('--archive-policy', flags.archivePolicy ?? cli.archivePolicy, ARCHIVE_POLICIES);
  const quality = parseVideoQuality(flags.quality ?? cli.quality);
  const knownStreak = parseInteger('--known-streak', flags.knownStreak, 1);
  const liveDurationMs = parseSeconds('--duration', flags.duration);

  const kit = new DouyinKit(options);
  const bulk = new BulkDownloader(kit);
  const view = new ProgressView(out);
  const interrupt = interruptSignal(() => view.log('Stopping (Ctrl-C again to quit at once)…'));
  bulk.on('page', (p) => view.page(p.index, p.items));
  bulk.on('progress', (p) => view.progress(p));
  bulk.on('file-failed', (f) => view.log(`failed: ${f.path ?? '(no path)'}: ${f.error.message}`));
  let summary: BulkSummary;
  try {
    summary = await bulk.run({
      mode,
      ...(url ? { url } : {}),
      ...(archivePolicy ? { archivePolicy } : {}),
      ...(knownStreak !== undefined ? { knownStreak } : {}),
      ...(quality ? { quality } : {}),
      ...(liveDurationMs !== undefined ? { liveDurationMs } : {}),
      liveChat: flags.chat !== false,
      dryRun: flags.dryRun === true,
      signal: interrupt.signal,
    });
  } finally {
    view.stop();
    interrupt.dispose();
    await bulk.close();
    kit.close();
  }
  printSummary(out, summary);
  const failed = summary.posts.failed + summary.files.failed.length;
  if (interrupt.signal.aborted) return EXIT.INTERRUPTED;
  return failed > 0 ? EXIT.PARTIAL : EXIT.OK;
}

function printSummary(out: Output, s: BulkSummary): void {
  if (out.json) out.data(s);
  const rows: [string, string][] = [
    ['mode', s.dryRun ? `${s.mode} (dry run)` : s.mode],
    ['user', s.user ? `${s.user.nickname || '-'} (${s.user.sec_user_id})` : '-'],
    ['folder', s.user?.folder ?? s.root],
    ['pages fetched', String(s.pagesFetched) + (s.stoppedEarly ? ` (stopped early: ${s.stopReason ?? 'yes'})` : '')],
    ['posts', `${s.posts.seen} seen, ${s.posts.new} new, ${s.posts.skipped} skipped, ${s.posts.failed} failed`],
    ['files', `${s.files.downloaded} downloaded, ${s.files.skipped} skipped, ${s.files.failed.length} failed`],
    ['bytes', formatBytes(s.bytes)],
  ];
  if (s.recording) rows.push(['recording', `${s.recording.files.length} files, ${formatBytes(s.recording.bytes)}, ${s.recording.chatFiles.length} chat files`]);
  out.table(rows);
  for (const f of s.files.failed.slice(0, 20)) out.line(`  failed: ${f.path}: ${f.reason}`);
  if (s.files.failed.length > 20) out.line(`  … and ${s.files.failed.length - 20} more failures`);
}
