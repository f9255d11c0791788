import type { Command } from 'commander';
import { LiveChatClient } from '../../crawler/webcast/live-chat-client.js';
import { recordLive } from '../../dl/live/record-live.js';
import { LIVE_STREAM_QUALITIES, type LiveQuality } from '../../dl/live/live-stream-source.js';
import { DouyinKit } from '../../douyin-kit.js';
import { DEFAULT_OPTIONS } from '../../options.js';
import { EXIT } from '../exit-codes.js';
import { addKitOptions, loadOptions, type KitFlags } from '../kit-options.js';
import { Output, formatBytes } from '../output.js';
import { oneOf, parseSeconds } from '../parse-values.js';
import { formatError } from '../report-error.js';
import { interruptSignal, withDeadline } from '../signals.js';

interface RecordFlags extends KitFlags {
  path?: string;
  duration?: string;
  quality?: string;
  protocol?: string;
  chat?: boolean;
  segment?: string;
  json?: boolean;
}

export function addRecordCommand(program: Command): void {
  const cmd = program
    .command('record')
    .argument('<room>', 'live room: live.douyin.com URL, web_rid, room_id or share link')
    .description('record a live room to .flv (or .ts with --protocol hls), with its chat as .chat.jsonl + .ass next to each file')
    .option('-p, --path <dir>', 'download root (default Download)')
    .option('--duration <seconds>', 'stop after this many seconds (default: until the live ends or Ctrl-C)')
    .option('--quality <q>', `${LIVE_STREAM_QUALITIES.join(', ')} (default: the best offered)`)
    .option('--protocol <p>', 'flv or hls (default flv)')
    .option('--segment <seconds>', 'start a new file after this much media time')
    .option('--no-chat', 'no chat sidecar')
    .option('--json', 'print the result as JSON on stdout');
  addKitOptions(cmd);
  cmd.action(async (room: string, flags: RecordFlags) => {
    process.exitCode = await runRecord(room, flags);
  });
}

async function runRecord(room: string, flags: RecordFlags): Promise<number> {
  const out = new Output({ json: flags.json });
  const { options } = await loadOptions(flags);
  const durationMs = parseSeconds('--duration', flags.duration);
  const segmentMs = parseSeconds('--segment', flags.segment);
  const quality = oneOf<LiveQuality>('--quality', flags.quality, LIVE_STREAM_QUALITIES);
  const protocol = oneOf('--protocol', flags.protocol, ['flv', 'hls'] as const);
  const root = flags.path ?? options.path ?? DEFAULT_OPTIONS.path;
  const kit = new DouyinKit(options);
  const interrupt = interruptSignal(() => out.line('Stopping the recording…'));
  const chat = flags.chat === false ? null : new LiveChatClient(kit, room);
  chat?.on('error', (e) => process.stderr.write(`chat: ${formatError(e, flags.debug)}\n`));
  try {
    const recording = recordLive({
      kit,
      room,
      root,
      ...(quality ? { quality } : {}),
      ...(protocol ? { protocol } : {}),
      ...(segmentMs ? { segment: { maxDurationMs: segmentMs } } : {}),
      ...(chat ? { chat: { source: chat } } : {}),
      signal: withDeadline(interrupt.signal, durationMs),
      on: {
        started: (s) => out.line(`Recording ${s.protocol.toUpperCase()} in ${s.quality}…`),
        segmentClosed: (s) => out.line(`Saved ${s.path} (${formatBytes(s.bytes)}, ${Math.round(s.durationMs / 1000)} s)`),
        reconnecting: (r) => out.line(`Stream dropped; reconnecting (attempt ${r.attempt})…`),
        anchorAway: () => out.line('The anchor is away; waiting…'),
      },
    });
    // Connect the chat once the recorder has checked the room is live (so an offline room fails fast).
    if (chat) void chat.connect({ signal: interrupt.signal }).catch((e: unknown) => process.stderr.write(`chat: ${formatError(e, flags.debug)}\n`));
    const result = await recording;
    if (out.json) out.data({ ...result, error: result.error?.toJSON() });
    out.table([
      ['ended by', result.endedBy],
      ['stream', `${result.protocol ?? '-'} ${result.quality ?? ''}`.trim()],
      ['files', String(result.files.length)],
      ['bytes', formatBytes(result.bytes)],
      ['chat files', String(result.files.reduce((n, f) => n + (f.sidecars.jsonl ? 1 : 0) + (f.sidecars.ass ? 1 : 0), 0))],
      ['reconnects', String(result.reconnects)],
    ]);
    for (const f of result.files) {
      out.line(`  ${f.path}`);
      for (const side of [f.sidecars.jsonl, f.sidecars.ass]) if (side) out.line(`  ${side}`);
    }
    if (result.error) throw result.error;
    return interrupt.signal.aborted ? EXIT.INTERRUPTED : EXIT.OK;
  } finally {
    interrupt.dispose();
    await chat?.close();
    kit.close();
  }
}
