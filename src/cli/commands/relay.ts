import { Option, type Command } from 'commander';
import { credentialsFromEnv } from '../../crawler/volcengine/credentials.js';
import { VolcengineLiveClient } from '../../crawler/volcengine/client.js';
import { DouyinKit } from '../../douyin-kit.js';
import { InvalidOptionError } from '../../errors.js';
import { deleteRelay, relayLiveToVolcengine, stopRelay } from '../../handler/relay-live.js';
import { LIVE_QUALITIES, type LiveQuality } from '../../utils/live-quality.js';
import { EXIT } from '../exit-codes.js';
import { addKitOptions, loadOptions, type KitFlags } from '../kit-options.js';
import { Output } from '../output.js';
import { oneOf, parseSeconds } from '../parse-values.js';
import { registerSecret } from '../report-error.js';

interface VolcFlags {
  volcHost?: string;
  region?: string;
  json?: boolean;
}

interface RelayFlags extends KitFlags, VolcFlags {
  domain?: string;
  app?: string;
  stream?: string;
  dstAddr?: string;
  quality?: string;
  title?: string;
  hours?: string;
}

function addVolcOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--volc-host <url>', 'Volcengine OpenAPI host (default https://live.volcengineapi.com)').env('VOLC_HOST'))
    .option('--region <region>', 'Volcengine region (default cn-north-1)')
    .option('--json', 'print the result as JSON');
}

function volcengineClient(flags: VolcFlags): VolcengineLiveClient {
  const credentials = credentialsFromEnv(process.env);
  if (!credentials) {
    throw new InvalidOptionError('credentials', 'No Volcengine credentials in the environment', {
      hint: 'Set VOLC_ACCESSKEY and VOLC_SECRETKEY (or ACCESS_KEY_ID and ACCESS_KEY_SECRET).',
    });
  }
  registerSecret(credentials.secretAccessKey);
  registerSecret(credentials.sessionToken);
  return new VolcengineLiveClient({
    credentials,
    ...(flags.volcHost ? { host: flags.volcHost.replace(/\/+$/, '') } : {}),
    ...(flags.region ? { region: flags.region } : {}),
  });
}

export function addRelayCommand(program: Command): void {
  const relay = program.command('relay').description('relay a live room into your Volcengine Live domain (pull-to-push tasks)');

  const start = relay
    .command('start', { isDefault: true })
    .argument('<room>', 'live room: live.douyin.com URL, web_rid, room_id or share link')
    .description('create a pull-to-push task for a live room (`douyin-kit relay <room> …` for short)')
    .option('--domain <domain>', 'your Volcengine push domain')
    .option('--app <app>', 'app name of the target stream')
    .option('--stream <stream>', 'stream name of the target')
    .option('--dst-addr <url>', 'a full push URL instead of --domain/--app/--stream')
    .option('--quality <q>', `pull this quality (${LIVE_QUALITIES.filter((q) => q !== 'AUDIO').join(', ')}; default the best)`)
    .option('--title <title>', 'task title')
    .option('--hours <h>', 'how long the task runs (default 24, at most 168)');
  addKitOptions(start);
  addVolcOptions(start);
  start.action(async (room: string, flags: RelayFlags) => {
    const out = new Output({ json: flags.json });
    const volc = volcengineClient(flags);
    const { options } = await loadOptions(flags);
    const quality = oneOf<LiveQuality>('--quality', flags.quality, LIVE_QUALITIES);
    const durationMs = parseSeconds('--hours', flags.hours === undefined ? undefined : String(Number(flags.hours) * 3600));
    const kit = new DouyinKit(options);
    try {
      const now = Date.now();
      const result = await relayLiveToVolcengine(kit, volc, room, {
        ...(flags.domain ? { domain: flags.domain } : {}),
        ...(flags.app ? { app: flags.app } : {}),
        ...(flags.stream ? { stream: flags.stream } : {}),
        ...(flags.dstAddr ? { dstAddr: flags.dstAddr } : {}),
        ...(quality ? { quality } : {}),
        ...(flags.title ? { title: flags.title } : {}),
        ...(durationMs ? { start: new Date(now), end: new Date(now + durationMs) } : {}),
      });
      if (out.json) out.data(result);
      out.line(`Relay task ${result.taskId} created: ${result.nickname ?? 'room'} ${result.roomId ?? ''} (${result.quality}) → ${flags.dstAddr ?? `${flags.domain}/${flags.app}/${flags.stream}`}`.replace(/\s+/g, ' '));
      out.line(`Stop it with: douyin-kit relay stop ${result.taskId}`);
      process.exitCode = EXIT.OK;
    } finally {
      kit.close();
    }
  });

  addVolcOptions(relay.command('list').description('list relay (pull-to-push) tasks')).action(async (flags: VolcFlags) => {
    const out = new Output({ json: flags.json });
    const result = await volcengineClient(flags).listPullToPushTask({});
    const tasks = result.List ?? [];
    if (out.json) out.data(tasks);
    else if (tasks.length === 0) out.line('No relay tasks.');
    for (const t of out.json ? [] : tasks) {
      out.line(`${t.TaskId ?? '?'}  ${t.Status ?? '?'}  ${t.Title ?? ''}  → ${t.DstAddr ?? '?'}  (${t.StartTime ?? '?'} – ${t.EndTime ?? '?'})`);
    }
    process.exitCode = EXIT.OK;
  });

  addVolcOptions(relay.command('stop').argument('<taskId>').description('stop a relay task (it can be continued later)')).action(async (taskId: string, flags: VolcFlags) => {
    await stopRelay(volcengineClient(flags), taskId);
    new Output({ json: flags.json }).line(`Relay task ${taskId} stopped.`);
    process.exitCode = EXIT.OK;
  });

  addVolcOptions(relay.command('delete').argument('<taskId>').description('delete a relay task')).action(async (taskId: string, flags: VolcFlags) => {
    await deleteRelay(volcengineClient(flags), taskId);
    new Output({ json: flags.json }).line(`Relay task ${taskId} deleted.`);
    process.exitCode = EXIT.OK;
  });
}
