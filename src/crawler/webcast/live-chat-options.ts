import { InvalidOptionError } from '../../errors.js';
import { cryptoRandomSource } from '../../utils/signing-random.js';
import type { LiveChatCallbacks } from './live-chat-events.js';
import { pushEndpoint } from './live-chat-url.js';

export interface LiveChatReconnectOptions {
  /** Attempts after a drop before giving up (the count restarts once a connection delivers a frame). @default 10 */
  retries?: number;
  /** @default 1_000 */
  baseDelayMs?: number;
  /** @default 30_000 */
  maxDelayMs?: number;
}

export interface LiveChatSignInput {
  roomId: string;
  userUniqueId: string;
  /** md5 of the 13 signed parameters (webcast-protocol.md §4). */
  xMsStub: string;
}

export interface LiveChatClientOptions {
  /** The device id in the URL and signature; default query/user's, else a generated 19-digit id. */
  userUniqueId?: string;
  /** The binary `hb` frame: sent at open, then this often. @default 10_000 */
  heartbeatIntervalMs?: number;
  /** Reconnect after this long without any frame or ping from the server; 0 = never. @default 30_000 */
  silenceTimeoutMs?: number;
  /** Limit for the websocket handshake. @default the kit's `timeoutMs` */
  connectTimeoutMs?: number;
  /** Reconnect after a drop, resuming from the last cursor and internal_ext; false = never. */
  reconnect?: LiveChatReconnectOptions | false;
  /** Before each reconnect, ask web/enter or reflow/info whether the room is still live. @default true */
  checkLiveOnReconnect?: boolean;
  /** Call im/fetch for the first cursor and internal_ext; false uses made-up ones (streams from the live edge). @default true */
  preload?: boolean;
  /** Connect to im/fetch's `push_server` when it names one, else `hosts.webcastWs`. @default true */
  usePushServer?: boolean;
  /**
   * More push hosts to try, in order, when connecting to the current one fails (after im/fetch's
   * push_server and `hosts.webcastWs`). biliLive-tools#369 (2026) saw the browser on
   * `wss://webcast100-ws-web-hl.douyin.com` and `wss://webcast100-ws-web-lq.douyin.com`. @default []
   */
  fallbackPushHosts?: string[];
  /** How many recent msg_ids are remembered to drop repeats. @default 10_000 */
  dedupSize?: number;
  /** Signs the websocket URL; default the native `WebcastSigner`. Plug in a signing service here. */
  sign?: (input: LiveChatSignInput) => string | Promise<string>;
  /** F2-style callbacks by method: `{ WebcastChatMessage: (data) => … }`. */
  callbacks?: LiveChatCallbacks;
  /** Re-broadcast every message as JSON to local websocket clients (F2 serves `ws://localhost:8765`). Off by default. */
  relay?: { port?: number; host?: string } | false;
  /** Append one JSON line per message to a file (`{path}`) or to `<dir>/<room_id>_<time>.jsonl` (`{dir}`). */
  jsonl?: { path: string } | { dir: string } | false;
  /** Randomness for backoff jitter and generated ids (tests pin it). @default crypto */
  random?: () => number;
}

export interface ResolvedLiveChatOptions {
  userUniqueId: string | undefined;
  heartbeatIntervalMs: number;
  silenceTimeoutMs: number;
  connectTimeoutMs: number;
  reconnect: Required<LiveChatReconnectOptions> | false;
  checkLiveOnReconnect: boolean;
  preload: boolean;
  usePushServer: boolean;
  fallbackPushHosts: string[];
  dedupSize: number;
  sign: LiveChatClientOptions['sign'];
  callbacks: LiveChatCallbacks | undefined;
  relay: { port: number; host: string } | false;
  jsonl: { path: string } | { dir: string } | false;
  random: () => number;
}

const KEYS = new Set([
  'userUniqueId', 'heartbeatIntervalMs', 'silenceTimeoutMs', 'connectTimeoutMs', 'reconnect', 'checkLiveOnReconnect', 'preload',
  'usePushServer', 'fallbackPushHosts', 'dedupSize', 'sign', 'callbacks', 'relay', 'jsonl', 'random',
]);

const cryptoRandom = () => cryptoRandomSource.random();

function int(key: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min)) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be an integer >= ${min}, got \`${String(value)}\``);
  }
  return value;
}

function duration(key: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= min)) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be a number of ms >= ${min}, got \`${String(value)}\``);
  }
  return value;
}

function bool(key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidOptionError(key, `Expected \`${key}\` to be a boolean`);
  return value;
}

function fn<T>(key: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== 'function') throw new InvalidOptionError(key, `Expected \`${key}\` to be a function`);
  return value;
}

/** @throws {InvalidOptionError} for an unknown or malformed option. */
export function resolveLiveChatOptions(options: LiveChatClientOptions, defaultTimeoutMs: number): ResolvedLiveChatOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('options', 'Expected an options object');
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw new InvalidOptionError(key, `Unexpected live chat option \`${key}\``);
  }
  const uid = options.userUniqueId;
  if (uid !== undefined && !(typeof uid === 'string' && /^\d{1,20}$/.test(uid))) {
    throw new InvalidOptionError('userUniqueId', 'Expected `userUniqueId` to be a decimal string (up to 20 digits)');
  }
  const r = options.reconnect;
  let reconnect: ResolvedLiveChatOptions['reconnect'] = false;
  if (r !== false) {
    if (r !== undefined && (typeof r !== 'object' || r === null)) throw new InvalidOptionError('reconnect', 'Expected `reconnect` to be an object or false');
    reconnect = {
      retries: int('reconnect.retries', r?.retries, 0, 10),
      baseDelayMs: duration('reconnect.baseDelayMs', r?.baseDelayMs, 1, 1_000),
      maxDelayMs: duration('reconnect.maxDelayMs', r?.maxDelayMs, 1, 30_000),
    };
  }
  let relay: ResolvedLiveChatOptions['relay'] = false;
  if (options.relay) {
    relay = { port: int('relay.port', options.relay.port, 0, 8765), host: options.relay.host ?? '127.0.0.1' };
    if (relay.port > 65_535) throw new InvalidOptionError('relay.port', 'Expected `relay.port` in [0, 65535]');
  }
  const jsonl = options.jsonl || false;
  if (jsonl && !(('path' in jsonl && typeof jsonl.path === 'string' && jsonl.path) || ('dir' in jsonl && typeof jsonl.dir === 'string' && jsonl.dir))) {
    throw new InvalidOptionError('jsonl', 'Expected `jsonl` to be {path} or {dir} with a non-empty string');
  }
  if (options.callbacks !== undefined && (typeof options.callbacks !== 'object' || options.callbacks === null)) {
    throw new InvalidOptionError('callbacks', 'Expected `callbacks` to be an object of functions by method name');
  }
  const fallbacks = options.fallbackPushHosts ?? [];
  if (!Array.isArray(fallbacks) || !fallbacks.every((h) => typeof h === 'string' && pushEndpoint(h) !== null)) {
    throw new InvalidOptionError('fallbackPushHosts', 'Expected `fallbackPushHosts` to be a list of hosts or ws(s):// URLs');
  }
  return {
    userUniqueId: uid,
    heartbeatIntervalMs: duration('heartbeatIntervalMs', options.heartbeatIntervalMs, 1, 10_000),
    silenceTimeoutMs: duration('silenceTimeoutMs', options.silenceTimeoutMs, 0, 30_000),
    connectTimeoutMs: duration('connectTimeoutMs', options.connectTimeoutMs, 1, defaultTimeoutMs),
    reconnect,
    checkLiveOnReconnect: bool('checkLiveOnReconnect', options.checkLiveOnReconnect, true),
    preload: bool('preload', options.preload, true),
    usePushServer: bool('usePushServer', options.usePushServer, true),
    fallbackPushHosts: [...fallbacks],
    dedupSize: int('dedupSize', options.dedupSize, 0, 10_000),
    sign: fn('sign', options.sign),
    callbacks: options.callbacks,
    relay,
    jsonl,
    random: fn('random', options.random) ?? cryptoRandom,
  };
}
