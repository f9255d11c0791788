import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InvalidOptionError } from './errors.js';
import { DEFAULT_HOSTS, validateOptions, type DouyinKitHosts, type DouyinKitOptions } from './options.js';

/** Keys a config file may carry for the CLI rather than the library (F2 keeps them there too). */
export const CLI_CONFIG_KEYS = ['url', 'mode', 'quality', 'archivePolicy'] as const;
export type CliConfigKey = (typeof CLI_CONFIG_KEYS)[number];

export interface ConfigFileContent {
  options: DouyinKitOptions;
  cli: Partial<Record<CliConfigKey, string>>;
}

/** F2's snake_case keys (app.yaml / conf.yaml, `douyin:` section) → ours. */
const F2_KEYS: Record<string, keyof DouyinKitOptions | CliConfigKey> = {
  cookie: 'cookie',
  naming: 'naming',
  path: 'path',
  max_retries: 'maxRetries',
  max_connections: 'maxConnections',
  max_tasks: 'maxTasks',
  max_counts: 'maxCounts',
  page_counts: 'pageCounts',
  lyric: 'lyric',
  folderize: 'folderize',
  music: 'music',
  cover: 'cover',
  desc: 'desc',
  interval: 'interval',
  encryption: 'encryption',
  user_agent: 'userAgent',
  archive_policy: 'archivePolicy',
};

const YES = new Set(['yes', 'true', 'on', '1']);
const NO = new Set(['no', 'false', 'off', '0']);

/**
 * Parses a YAML config. Accepts F2's layout (a `douyin:` section with `timeout` in seconds,
 * `headers: {User-Agent, Referer}`, `proxies: {http://, https://}`) and our own camelCase keys,
 * with or without the `douyin:` wrapper. Unknown keys are an error that names them.
 */
export function parseConfigYaml(text: string, source = 'config'): ConfigFileContent {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    throw new InvalidOptionError(source, `${source} is not valid YAML${where}`, { cause: error });
  }
  if (doc === null || doc === undefined) return { options: {}, cli: {} };
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new InvalidOptionError(source, `${source} must be a YAML mapping`);
  let section = doc as Record<string, unknown>;
  if ('f2' in section && typeof section.f2 === 'object' && section.f2) section = section.f2 as Record<string, unknown>;
  if ('douyin' in section) {
    const others = Object.keys(section).filter((k) => k !== 'douyin');
    section = (section.douyin ?? {}) as Record<string, unknown>;
    if (typeof section !== 'object' || Array.isArray(section)) throw new InvalidOptionError('douyin', `\`douyin\` in ${source} must be a mapping`);
    void others; // other apps' sections (tiktok, weibo, …) are F2's business, not ours
  }
  const options: Record<string, unknown> = {};
  const cli: Partial<Record<CliConfigKey, string>> = {};
  for (const [key, raw] of Object.entries(section)) {
    if (raw === null || raw === undefined || raw === '') continue;
    if (key === 'timeout') {
      options.timeoutMs = Math.round(Number(raw) * 1000);
      continue;
    }
    if (key === 'headers') {
      Object.assign(options, headersToOptions(raw, source));
      continue;
    }
    if (key === 'proxies') {
      options.proxy = proxiesToOption(raw);
      continue;
    }
    if (key === 'BaseRequestModel' || key === 'BaseLiveModel' || key === 'msToken' || key === 'ttwid' || key === 'webid') {
      continue; // F2 conf.yaml internals: the library keeps its own defaults for these.
    }
    const mapped = F2_KEYS[key] ?? key;
    if ((CLI_CONFIG_KEYS as readonly string[]).includes(mapped)) {
      cli[mapped as CliConfigKey] = String(raw);
      continue;
    }
    options[mapped] = coerceYamlScalar(raw);
  }
  return { options: validateOptions(options, source), cli };
}

function coerceYamlScalar(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const lower = v.toLowerCase();
  if (YES.has(lower)) return lower === '1' ? v : true;
  if (NO.has(lower)) return lower === '0' ? v : false;
  return v;
}

function headersToOptions(raw: unknown, source: string): DouyinKitOptions {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidOptionError('headers', `\`headers\` in ${source} must be a mapping`);
  }
  const out: DouyinKitOptions = {};
  const rest: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    if (name.toLowerCase() === 'user-agent') out.userAgent = String(value);
    else rest[name] = String(value);
  }
  if (Object.keys(rest).length > 0) out.headers = rest;
  return out;
}

function proxiesToOption(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw !== 'object' || raw === null) return null;
  const map = raw as Record<string, unknown>;
  const pick = map['https://'] ?? map.https ?? map['http://'] ?? map.http ?? map['all://'] ?? map.all;
  return typeof pick === 'string' && pick !== '' ? pick : null;
}

/** Reads and parses a YAML config file. */
export async function loadConfigFile(path: string): Promise<ConfigFileContent> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidOptionError('config', `Cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause: error,
      hint: 'Check the path given with -c/--config, or create one with --init-config.',
    });
  }
  return parseConfigYaml(text, path);
}

const ENV_PREFIX = 'DOUYIN_KIT_';
const NUMERIC = new Set<keyof DouyinKitOptions>([
  'timeoutMs', 'maxRetries', 'maxConnections', 'maxTasks', 'pageCounts', 'maxCounts', 'retryBaseDelayMs',
  'retryMaxDelayMs', 'minRequestIntervalMs', 'circuitBreakerThreshold', 'circuitBreakerCooldownMs',
]);
const BOOLEAN = new Set<keyof DouyinKitOptions>(['folderize', 'music', 'cover', 'desc', 'lyric']);
const STRING = new Set<keyof DouyinKitOptions>(['cookie', 'userAgent', 'proxy', 'naming', 'path', 'interval', 'encryption']);

const toEnvName = (key: string) => ENV_PREFIX + key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/**
 * Options from environment variables `DOUYIN_KIT_<KEY>` (e.g. `DOUYIN_KIT_COOKIE`,
 * `DOUYIN_KIT_MAX_RETRIES`, `DOUYIN_KIT_HOST_WWW`). The caller passes the environment: the
 * library itself never reads `process.env`.
 */
export function optionsFromEnv(env: Record<string, string | undefined>): DouyinKitOptions {
  const out: Record<string, unknown> = {};
  for (const key of [...NUMERIC, ...BOOLEAN, ...STRING]) {
    const raw = env[toEnvName(key)];
    if (raw === undefined || raw === '') continue;
    if (NUMERIC.has(key)) out[key] = /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    else if (BOOLEAN.has(key)) out[key] = YES.has(raw.toLowerCase()) ? true : NO.has(raw.toLowerCase()) ? false : raw;
    else out[key] = raw;
  }
  const hosts: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_HOSTS) as (keyof DouyinKitHosts)[]) {
    const raw = env[`${ENV_PREFIX}HOST_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];
    if (raw === undefined || raw === '') continue;
    hosts[key] = key === 'shortLinkHosts' ? raw.split(',').map((h) => h.trim()).filter(Boolean) : raw;
  }
  if (Object.keys(hosts).length > 0) out.hosts = hosts;
  return validateOptions(out, 'environment');
}

/** Points every host at one base URL (an emulator's), e.g. `http://127.0.0.1:4567`. */
export function hostsFor(baseUrl: string): Partial<DouyinKitHosts> {
  const ws = baseUrl.replace(/^http/, 'ws');
  return {
    www: baseUrl,
    live: baseUrl,
    webcast: baseUrl,
    webcastWs: ws,
    msToken: baseUrl,
    ttwid: baseUrl,
    webid: baseUrl,
    shortLink: baseUrl,
  };
}
