import { InvalidOptionError } from './errors.js';
import { isSigner, type SignerSpec } from './utils/signer.js';

/** Where douyin-kit sends each kind of request. Point them all at an emulator's `baseUrl` for tests. */
export interface DouyinKitHosts {
  /** @default 'https://www.douyin.com' */
  www: string;
  /** @default 'https://live.douyin.com' */
  live: string;
  /** @default 'https://webcast.amemv.com' */
  webcast: string;
  /** Live-chat websocket. @default 'wss://webcast5-ws-web-hl.douyin.com' */
  webcastWs: string;
  /** msToken (mssdk). @default 'https://mssdk.bytedance.com' */
  msToken: string;
  /** @default 'https://ttwid.bytedance.com' */
  ttwid: string;
  /** @default 'https://mcs.zijieapi.com' */
  webid: string;
  /** Where share short links are requested (their path is kept). @default 'https://v.douyin.com' */
  shortLink: string;
  /** Host names whose URLs are share short links to resolve by redirect. @default ['v.douyin.com'] */
  shortLinkHosts: string[];
}

/** Everything a douyin-kit client can be told. Every field is optional; see `DEFAULT_OPTIONS`. */
export interface DouyinKitOptions {
  /** Cookie header value from a douyin.com browser session (`ttwid=…; sessionid=…`). */
  cookie?: string;
  /** @default an Edge 130 desktop user agent */
  userAgent?: string;
  /** Extra request headers (Referer is set per host). */
  headers?: Record<string, string>;
  /** One proxy for every request: `http://`, `https://`, `socks5://`, `socks4://` URL. */
  proxy?: string | null;
  /** Per-request timeout in ms. F2: `timeout` in seconds. @default 10_000 */
  timeoutMs?: number;
  /** Retries per request after a retryable failure. @default 5 */
  maxRetries?: number;
  /** Concurrent HTTP requests. @default 5 */
  maxConnections?: number;
  /** Concurrent downloads. @default 10 */
  maxTasks?: number;
  /** Items asked for per page. @default 20 */
  pageCounts?: number;
  /** Stop after this many items; 0 = all. @default 0 */
  maxCounts?: number;
  /** File-name template. @default '{create}_{desc}' */
  naming?: string;
  /** Download root. @default 'Download' */
  path?: string;
  /** One folder per post. @default false */
  folderize?: boolean;
  /** Also download the post's music. @default false */
  music?: boolean;
  /** Also download the cover. @default false */
  cover?: boolean;
  /** Also save the description as text. @default false */
  desc?: boolean;
  /** Save lyrics as LRC in music mode. @default true */
  lyric?: boolean;
  /** Date window `YYYY-MM-DD|YYYY-MM-DD`, or `all`. @default 'all' */
  interval?: string;
  /** Which built-in signer signs www.douyin.com requests. @default 'ab' */
  encryption?: 'ab' | 'xb';
  /** Your own signer (or 'ab' / 'xb'); wins over `encryption`. Code only, not from a config file. */
  signer?: SignerSpec;
  /** Base of the exponential retry backoff, ms. @default 500 */
  retryBaseDelayMs?: number;
  /** Cap of the retry backoff, ms. @default 30_000 */
  retryMaxDelayMs?: number;
  /** Minimum spacing between requests to one endpoint, ms (grows after 429/risk control). @default 0 */
  minRequestIntervalMs?: number;
  /** Consecutive failures on one endpoint that open its circuit. @default 8 */
  circuitBreakerThreshold?: number;
  /** How long an open circuit refuses requests, ms. @default 60_000 */
  circuitBreakerCooldownMs?: number;
  /** Hosts to talk to (merged key by key over the defaults). */
  hosts?: Partial<DouyinKitHosts>;
}

export type ResolvedOptions = Required<Omit<DouyinKitOptions, 'hosts' | 'proxy' | 'cookie' | 'signer'>> & {
  signer: SignerSpec | null;
  cookie: string;
  proxy: string | null;
  hosts: DouyinKitHosts;
};

export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0';

export const DEFAULT_HOSTS: Readonly<DouyinKitHosts> = Object.freeze({
  www: 'https://www.douyin.com',
  live: 'https://live.douyin.com',
  webcast: 'https://webcast.amemv.com',
  webcastWs: 'wss://webcast5-ws-web-hl.douyin.com',
  msToken: 'https://mssdk.bytedance.com',
  ttwid: 'https://ttwid.bytedance.com',
  webid: 'https://mcs.zijieapi.com',
  shortLink: 'https://v.douyin.com',
  shortLinkHosts: ['v.douyin.com'],
});

export const DEFAULT_OPTIONS: Readonly<ResolvedOptions> = Object.freeze({
  cookie: '',
  userAgent: DEFAULT_USER_AGENT,
  headers: {},
  proxy: null,
  timeoutMs: 10_000,
  maxRetries: 5,
  maxConnections: 5,
  maxTasks: 10,
  pageCounts: 20,
  maxCounts: 0,
  naming: '{create}_{desc}',
  path: 'Download',
  folderize: false,
  music: false,
  cover: false,
  desc: false,
  lyric: true,
  interval: 'all',
  encryption: 'ab',
  signer: null,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 30_000,
  minRequestIntervalMs: 0,
  circuitBreakerThreshold: 8,
  circuitBreakerCooldownMs: 60_000,
  hosts: DEFAULT_HOSTS,
});

type Check = (key: string, value: unknown) => void;

const describe = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\` (${Array.isArray(v) ? 'array' : typeof v})`;

const integer = (min: number): Check => (key, v) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be an integer >= ${min}, got ${describe(v)}`);
  }
};
const string = (nonEmpty: boolean): Check => (key, v) => {
  if (typeof v !== 'string' || (nonEmpty && v.trim() === '')) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be a${nonEmpty ? ' non-empty' : ''} string, got ${describe(v)}`);
  }
};
const boolean: Check = (key, v) => {
  if (typeof v !== 'boolean') throw new InvalidOptionError(key, `Expected \`${key}\` to be true or false, got ${describe(v)}`);
};
const oneOf = (values: readonly string[]): Check => (key, v) => {
  if (typeof v !== 'string' || !values.includes(v)) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be one of ${values.join(', ')}, got ${describe(v)}`);
  }
};
const headers: Check = (key, v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be an object of string header values`);
  }
};
const proxy: Check = (key, v) => {
  if (v === null) return;
  if (typeof v !== 'string' || !/^(https?|socks[45]?h?):\/\/[^\s]+$/i.test(v) || !URL.canParse(v)) {
    // The value may hold proxy credentials: do not echo it.
    throw new InvalidOptionError(key, `Expected \`${key}\` to be an http://, https:// or socks5:// URL`);
  }
};
const interval: Check = (key, v) => {
  if (v === 'all') return;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}\|\d{4}-\d{2}-\d{2}$/.test(v)) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be \`all\` or \`YYYY-MM-DD|YYYY-MM-DD\`, got ${describe(v)}`);
  }
  const [from, to] = v.split('|') as [string, string];
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || from > to) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to hold two real dates, the first not after the second, got ${describe(v)}`);
  }
};
const url = (protocols: RegExp): Check => (key, v) => {
  if (typeof v !== 'string' || !URL.canParse(v) || !protocols.test(new URL(v).protocol)) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be a URL matching ${protocols.source}, got ${describe(v)}`);
  }
};
const signer: Check = (key, v) => {
  if (v === 'ab' || v === 'xb' || isSigner(v)) return;
  throw new InvalidOptionError(key, `Expected \`${key}\` to be 'ab', 'xb' or a Signer ({ name, version, sign() })`);
};
const hostList: Check = (key, v) => {
  if (!Array.isArray(v) || v.some((h) => typeof h !== 'string' || h === '')) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be a list of host names`);
  }
};

const CHECKS: Record<Exclude<keyof DouyinKitOptions, 'hosts'>, Check> = {
  cookie: string(false),
  userAgent: string(true),
  headers,
  proxy,
  timeoutMs: integer(1),
  maxRetries: integer(0),
  maxConnections: integer(1),
  maxTasks: integer(1),
  pageCounts: integer(1),
  maxCounts: integer(0),
  naming: string(true),
  path: string(true),
  folderize: boolean,
  music: boolean,
  cover: boolean,
  desc: boolean,
  lyric: boolean,
  interval,
  encryption: oneOf(['ab', 'xb']),
  signer,
  retryBaseDelayMs: integer(0),
  retryMaxDelayMs: integer(0),
  minRequestIntervalMs: integer(0),
  circuitBreakerThreshold: integer(1),
  circuitBreakerCooldownMs: integer(0),
};

const HOST_CHECKS: Record<keyof DouyinKitHosts, Check> = {
  www: url(/^https?:$/),
  live: url(/^https?:$/),
  webcast: url(/^https?:$/),
  webcastWs: url(/^wss?:$/),
  msToken: url(/^https?:$/),
  ttwid: url(/^https?:$/),
  webid: url(/^https?:$/),
  shortLink: url(/^https?:$/),
  shortLinkHosts: hostList,
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one layer of options (unknown keys, types, ranges). Throws InvalidOptionError naming the key. */
export function validateOptions(input: unknown, source = 'options'): DouyinKitOptions {
  if (!isRecord(input)) throw new InvalidOptionError(source, `Expected ${source} to be an object`);
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (key === 'hosts') {
      if (!isRecord(value)) throw new InvalidOptionError('hosts', 'Expected `hosts` to be an object');
      for (const [hostKey, hostValue] of Object.entries(value)) {
        const check = HOST_CHECKS[hostKey as keyof DouyinKitHosts];
        if (!check) throw new InvalidOptionError(`hosts.${hostKey}`, `Unexpected option \`hosts.${hostKey}\` in ${source}`);
        if (hostValue !== undefined) check(`hosts.${hostKey}`, hostValue);
      }
      continue;
    }
    const check = CHECKS[key as keyof typeof CHECKS];
    if (!check) throw new InvalidOptionError(key, `Unexpected option \`${key}\` in ${source}${suggest(key)}`);
    check(key, value);
  }
  return input as DouyinKitOptions;
}

function suggest(key: string): string {
  const norm = (k: string) => k.toLowerCase().replace(/[_-]/g, '');
  const wanted = norm(key);
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of Object.keys(CHECKS)) {
    const d = editDistance(wanted, norm(candidate));
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best ? ` (did you mean \`${best}\`?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Merges layers of options (later wins; `hosts` and `headers` merge key by key) over the
 * defaults, validating each layer. The one place where defaults are applied.
 */
export function resolveOptions(...layers: (DouyinKitOptions | undefined)[]): Readonly<ResolvedOptions> {
  const out: ResolvedOptions = { ...DEFAULT_OPTIONS, headers: {}, hosts: { ...DEFAULT_HOSTS } };
  for (const [i, layer] of layers.entries()) {
    if (layer === undefined) continue;
    validateOptions(layer, layers.length > 1 ? `options layer ${i + 1}` : 'options');
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      if (key === 'hosts') out.hosts = { ...out.hosts, ...stripUndefined(value as Partial<DouyinKitHosts>) };
      else if (key === 'headers') out.headers = { ...out.headers, ...(value as Record<string, string>) };
      else (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  if (out.retryMaxDelayMs < out.retryBaseDelayMs) {
    throw new InvalidOptionError('retryMaxDelayMs', 'Expected `retryMaxDelayMs` to be >= `retryBaseDelayMs`');
  }
  return Object.freeze(out);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
