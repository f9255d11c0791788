import { InvalidOptionError } from '../../errors.js';
import { checkCredentials, type VolcengineCredentials } from './credentials.js';
import type { RetryPolicy } from './retry-delay.js';
import type { TransportConfig, VolcengineLogger } from './transport.js';

export interface VolcengineLiveClientOptions {
  /** Access key pair (plus STS token). In a CLI, get it with `credentialsFromEnv(process.env)`. */
  credentials: VolcengineCredentials;
  /** Scheme and host, no path. @default 'https://live.volcengineapi.com' */
  host?: string;
  /** @default 'cn-north-1' */
  region?: string;
  /** @default 'live' */
  service?: string;
  /** @default '2023-01-01' */
  version?: string;
  /** Per attempt. @default 10_000 */
  timeoutMs?: number;
  /** Backoff for throttling (all actions) and transport errors (GET only). @default {limit: 3, baseDelayMs: 500, maxDelayMs: 10_000} */
  retry?: Partial<RetryPolicy>;
  /** Epoch milliseconds, used to sign and to check time limits. @default Date.now */
  clock?: () => number;
  /** Receives request/retry events; never headers or keys. @default none */
  logger?: VolcengineLogger;
  /** CallbackURL limit: 512 in the current docs, 2000 in the 2024-04 model. @default 512 */
  callbackUrlMaxLength?: number;
  /** @default 'douyin-kit' */
  userAgent?: string;
}

export interface ResolvedClientConfig extends TransportConfig {
  callbackUrlMaxLength: number;
}

export const DEFAULTS = Object.freeze({
  host: 'https://live.volcengineapi.com',
  region: 'cn-north-1',
  service: 'live',
  version: '2023-01-01',
  timeoutMs: 10_000,
  retry: Object.freeze({ limit: 3, baseDelayMs: 500, maxDelayMs: 10_000 }),
  callbackUrlMaxLength: 512,
  userAgent: 'douyin-kit',
});

const KNOWN = new Set(['credentials', 'host', 'region', 'service', 'version', 'timeoutMs', 'retry', 'clock', 'logger', 'callbackUrlMaxLength', 'userAgent']);

function nonEmpty(key: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidOptionError(key, `Expected \`${key}\` to be a non-empty string`);
  return value;
}

function integer(key: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be an integer >= ${min}, got \`${String(value)}\` (${typeof value})`);
  }
  return value;
}

function endpoint(value: unknown): string {
  const text = nonEmpty('host', value, DEFAULTS.host);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new InvalidOptionError('host', `Expected \`host\` to be a URL such as ${DEFAULTS.host}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new InvalidOptionError('host', `Expected \`host\` to be http(s)://host[:port] with no path, query or user info`);
  }
  return url.origin;
}

/** Merges defaults once and checks every option; unknown keys are rejected. */
export function resolveClientOptions(options: VolcengineLiveClientOptions): ResolvedClientConfig {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError('options', 'Expected the client options to be an object');
  }
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) throw new InvalidOptionError(key, `Unexpected option: ${key}`);
  const retry = options.retry ?? {};
  if (typeof retry !== 'object' || retry === null) throw new InvalidOptionError('retry', 'Expected `retry` to be an object');
  for (const key of Object.keys(retry)) {
    if (!(key in DEFAULTS.retry)) throw new InvalidOptionError(`retry.${key}`, `Unexpected option: retry.${key}`);
  }
  if (options.clock !== undefined && typeof options.clock !== 'function') throw new InvalidOptionError('clock', 'Expected `clock` to be a function');
  const logger = options.logger;
  if (logger !== undefined && (typeof logger?.debug !== 'function' || typeof logger?.warn !== 'function')) {
    throw new InvalidOptionError('logger', 'Expected `logger` to have debug() and warn()');
  }
  if (options.credentials === undefined) {
    throw new InvalidOptionError('credentials', 'Missing option `credentials`', {
      hint: 'Pass { accessKeyId, secretAccessKey }, e.g. from credentialsFromEnv(process.env) (VOLC_ACCESSKEY / VOLC_SECRETKEY).',
    });
  }
  return {
    credentials: checkCredentials(options.credentials),
    endpoint: endpoint(options.host),
    region: nonEmpty('region', options.region, DEFAULTS.region),
    service: nonEmpty('service', options.service, DEFAULTS.service),
    version: nonEmpty('version', options.version, DEFAULTS.version),
    timeoutMs: integer('timeoutMs', options.timeoutMs, DEFAULTS.timeoutMs, 1),
    retry: {
      limit: integer('retry.limit', retry.limit, DEFAULTS.retry.limit, 0),
      baseDelayMs: integer('retry.baseDelayMs', retry.baseDelayMs, DEFAULTS.retry.baseDelayMs, 1),
      maxDelayMs: integer('retry.maxDelayMs', retry.maxDelayMs, DEFAULTS.retry.maxDelayMs, 1),
    },
    clock: options.clock ?? Date.now,
    logger,
    callbackUrlMaxLength: integer('callbackUrlMaxLength', options.callbackUrlMaxLength, DEFAULTS.callbackUrlMaxLength, 1),
    userAgent: nonEmpty('userAgent', options.userAgent, DEFAULTS.userAgent),
  };
}
