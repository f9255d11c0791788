import { Option, type Command } from 'commander';
import { hostsFor, loadConfigFile, optionsFromEnv, type ConfigFileContent } from '../config-file.js';
import { InvalidOptionError } from '../errors.js';
import { validateOptions, type DouyinKitOptions } from '../options.js';
import { parseInteger, parseSeconds, parseYesNo } from './parse-values.js';
import { registerSecret } from './report-error.js';

/** Flags every command that talks to Douyin accepts. */
export interface KitFlags {
  config?: string;
  cookie?: string;
  proxy?: string;
  timeout?: string;
  maxRetries?: string;
  maxConnections?: string;
  host?: string;
  debug?: boolean;
}

/** The flags of `download` that become library options (F2's names). */
export interface DownloadFlags extends KitFlags {
  path?: string;
  naming?: string;
  folderize?: string | boolean;
  music?: string | boolean;
  cover?: string | boolean;
  desc?: string | boolean;
  interval?: string;
  maxTasks?: string;
  maxCounts?: string;
  pageCounts?: string;
}

export function addKitOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'YAML config file (F2 layout accepted)')
    .option('-k, --cookie <cookie>', 'cookie header of a douyin.com browser session')
    .option('-P, --proxy <url>', 'proxy for every request: http://, https:// or socks5:// URL')
    .option('-e, --timeout <seconds>', 'per-request timeout in seconds (default 10)')
    .option('-r, --max-retries <n>', 'retries per request (default 5)')
    .option('-x, --max-connections <n>', 'concurrent HTTP connections (default 5)')
    .addOption(new Option('--host <baseUrl>', 'send every request to this base URL (an emulator)').env('DOUYIN_KIT_HOST'))
    .option('--debug', 'print stack traces of errors');
}

/** Library options the flags set (only the ones given). */
export function flagsToOptions(flags: DownloadFlags): DouyinKitOptions {
  const o: DouyinKitOptions = {
    cookie: flags.cookie,
    proxy: flags.proxy,
    timeoutMs: parseSeconds('--timeout', flags.timeout),
    maxRetries: parseInteger('--max-retries', flags.maxRetries, 0),
    maxConnections: parseInteger('--max-connections', flags.maxConnections, 1),
    maxTasks: parseInteger('--max-tasks', flags.maxTasks, 1),
    maxCounts: parseInteger('--max-counts', flags.maxCounts, 0),
    pageCounts: parseInteger('--page-counts', flags.pageCounts, 1),
    path: flags.path,
    naming: flags.naming,
    folderize: parseYesNo('--folderize', flags.folderize),
    music: parseYesNo('--music', flags.music),
    cover: parseYesNo('--cover', flags.cover),
    desc: parseYesNo('--desc', flags.desc),
    interval: flags.interval,
  };
  if (flags.host !== undefined) {
    if (!URL.canParse(flags.host) || !/^https?:$/.test(new URL(flags.host).protocol)) {
      throw new InvalidOptionError('host', `--host must be an http:// or https:// base URL, got ${JSON.stringify(flags.host)}`);
    }
    o.hosts = { ...hostsFor(flags.host.replace(/\/+$/, '')), shortLinkHosts: [new URL(flags.host).host, 'v.douyin.com'] };
  }
  const defined = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as DouyinKitOptions;
  return validateOptions(defined, 'command-line flags');
}

export interface LoadedOptions {
  /** File, then environment, then flags (later wins), merged; validated again by `DouyinKit`. */
  options: DouyinKitOptions;
  /** CLI-only keys from the config file (url, mode, quality, archivePolicy). */
  cli: ConfigFileContent['cli'];
}

/** Reads the config file (if any), the DOUYIN_KIT_* environment and the flags. */
export async function loadOptions(flags: DownloadFlags, env: Record<string, string | undefined> = process.env): Promise<LoadedOptions> {
  const file = flags.config ? await loadConfigFile(flags.config) : { options: {}, cli: {} };
  const layers = [file.options, optionsFromEnv(env), flagsToOptions(flags)];
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      if (key === 'hosts' || key === 'headers') merged[key] = { ...(merged[key] as object | undefined), ...(value as object) };
      else merged[key] = value;
    }
  }
  const options = merged as DouyinKitOptions;
  registerSecret(options.cookie);
  if (options.proxy) registerSecret(new URL(options.proxy).password || null);
  return { options, cli: file.cli };
}
