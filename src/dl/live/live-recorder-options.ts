import type { Got } from 'got';
import type { HttpClient } from '../../crawler/http-client.js';
import { InvalidOptionError } from '../../errors.js';
import type { LiveChatSidecarOptions } from './chat-sidecar.js';
import type { SegmentLimits } from './flv-segmenter.js';
import type { LiveProtocol, LiveQuality, LiveStreamSource } from './live-stream-source.js';

export interface LiveReconnectOptions {
  /** Reconnects in a row without media before giving up. @default Infinity with `isLive`, else 10 */
  retries?: number;
  /** Base of the exponential backoff (`calculateRetryDelay`, equal jitter). @default 1000 */
  minDelayMs?: number;
  /** @default 30_000 */
  maxDelayMs?: number;
}

export interface LiveHlsOptions {
  /** Fixed playlist reload interval. @default half a segment when unchanged, one segment when changed */
  playlistIntervalMs?: number;
  /** Extra attempts per segment before it is recorded as a gap. @default 3 */
  segmentRetries?: number;
  /** Start at the oldest segment of the first playlist (more of the past) or only the newest. @default 'oldest' */
  startAt?: 'oldest' | 'newest';
}

export interface LiveRecorderOptions {
  /**
   * The room's stream data (a `UserLiveFilter` / `UserLive2Filter`, its record, or `stream_url`),
   * or a function that fetches it fresh; a function is called before every connection, since
   * pull URLs expire.
   */
  source: LiveStreamSource | ((options: { signal: AbortSignal }) => Promise<LiveStreamSource>);
  /**
   * Whether the room is still live (e.g. `live_status === 2` from `fetchUserLiveVideos`). Asked
   * whenever the stream stops or pauses: false ends the recording cleanly, true keeps it
   * reconnecting or waiting; a throw counts as "still live". Without it, a clean end of the
   * stream or a 404 ends the recording.
   */
  isLive?: (options: { signal: AbortSignal }) => Promise<boolean>;
  /** Download root: every file goes inside it (`safeJoin`). */
  root: string;
  /** Folders under the root (each sanitised). @default [] */
  folder?: readonly string[];
  /** Base file name; files are `<fileName>_001.flv`, `_002`… @default `live_<YYYYMMDD-HHmmss>` */
  fileName?: string;
  /** @default best available */
  quality?: LiveQuality | readonly LiveQuality[];
  /** `flv` records HTTP-FLV into `.flv`, `hls` MPEG-TS segments into `.ts`. @default 'flv' */
  protocol?: LiveProtocol;
  /** Start a new file after this much media time or these many bytes. @default one file per continuous stream */
  segment?: SegmentLimits;
  /** No byte (FLV) / no new segment (HLS) for this long: the connection is given up. @default 15_000 */
  stallTimeoutMs?: number;
  reconnect?: LiveReconnectOptions;
  /** While the anchor is away: how often the room status is asked again. @default 10_000 */
  awayCheckIntervalMs?: number;
  /** While the anchor is away: how long a silent FLV connection is kept before a fresh one. @default 60_000 */
  awayReconnectMs?: number;
  hls?: LiveHlsOptions;
  /** Chat events written next to each file (JSONL and ASS). */
  chat?: LiveChatSidecarOptions;
  /** The kit's HTTP client (`dk.http`), so its proxy applies. */
  httpClient?: HttpClient;
  /** A got instance to pull with instead. */
  got?: Got;
  /** Extra headers for the stream CDN. */
  headers?: Record<string, string>;
  /** Wall clock in epoch ms (chat `receivedAtMs` must use the same clock). @default Date.now */
  now?: () => number;
  /** Jitter source in [0, 1). @default Math.random */
  random?: () => number;
}

export interface ResolvedRecorderOptions extends LiveRecorderOptions {
  folder: readonly string[];
  fileName: string;
  protocol: LiveProtocol;
  segment: SegmentLimits;
  stallTimeoutMs: number;
  reconnect: Required<LiveReconnectOptions>;
  awayCheckIntervalMs: number;
  awayReconnectMs: number;
  hls: { playlistIntervalMs: number | undefined; segmentRetries: number; startAt: 'oldest' | 'newest' };
  now: () => number;
  random: () => number;
}

function positive(key: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be a finite number > 0, got \`${String(v)}\``);
  }
  return v;
}

function retryCount(value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !(v === Infinity || (Number.isInteger(v) && v >= 0))) {
    throw new InvalidOptionError('reconnect.retries', `Expected \`reconnect.retries\` to be an integer >= 0 or Infinity, got \`${String(v)}\``);
  }
  return v;
}

function optionalPositive(key: string, value: unknown): number | undefined {
  return value === undefined ? undefined : positive(key, value, 0);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `live_20240131-201502` in local time. */
export function defaultLiveFileName(ms: number): string {
  const d = new Date(ms);
  return `live_${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** Validates once and fills in the defaults. @throws {InvalidOptionError} naming the bad key. */
export function resolveRecorderOptions(o: LiveRecorderOptions): ResolvedRecorderOptions {
  if (typeof o !== 'object' || o === null) throw new InvalidOptionError('options', 'Expected recorder options');
  if (typeof o.source !== 'function' && (typeof o.source !== 'object' || o.source === null)) {
    throw new InvalidOptionError('source', "Expected `source` to be the room's stream data or a function returning it");
  }
  if (typeof o.root !== 'string' || o.root === '' || o.root.includes('\0')) throw new InvalidOptionError('root', 'Expected `root` to be a non-empty path');
  for (const key of ['isLive', 'now', 'random'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'function') throw new InvalidOptionError(key, `Expected \`${key}\` to be a function`);
  }
  if (o.folder !== undefined && (!Array.isArray(o.folder) || o.folder.some((f) => typeof f !== 'string'))) {
    throw new InvalidOptionError('folder', 'Expected `folder` to be a list of folder names');
  }
  if (o.fileName !== undefined && (typeof o.fileName !== 'string' || o.fileName.trim() === '')) {
    throw new InvalidOptionError('fileName', 'Expected `fileName` to be a non-empty string');
  }
  const protocol = o.protocol ?? 'flv';
  if (protocol !== 'flv' && protocol !== 'hls') throw new InvalidOptionError('protocol', `Expected \`protocol\` to be "flv" or "hls", got ${JSON.stringify(protocol)}`);
  const startAt = o.hls?.startAt ?? 'oldest';
  if (startAt !== 'oldest' && startAt !== 'newest') throw new InvalidOptionError('hls.startAt', 'Expected `hls.startAt` to be "oldest" or "newest"');
  const segmentRetries = o.hls?.segmentRetries ?? 3;
  if (!Number.isInteger(segmentRetries) || segmentRetries < 0) throw new InvalidOptionError('hls.segmentRetries', 'Expected `hls.segmentRetries` to be an integer >= 0');
  const now = o.now ?? (() => Date.now());
  const minDelayMs = positive('reconnect.minDelayMs', o.reconnect?.minDelayMs, 1000);
  const maxDelayMs = positive('reconnect.maxDelayMs', o.reconnect?.maxDelayMs, 30_000);
  if (maxDelayMs < minDelayMs) throw new InvalidOptionError('reconnect.maxDelayMs', 'Expected `reconnect.maxDelayMs` >= `reconnect.minDelayMs`');
  return {
    ...o,
    folder: o.folder ?? [],
    fileName: o.fileName ?? defaultLiveFileName(now()),
    protocol,
    segment: {
      maxDurationMs: optionalPositive('segment.maxDurationMs', o.segment?.maxDurationMs),
      maxBytes: optionalPositive('segment.maxBytes', o.segment?.maxBytes),
    },
    stallTimeoutMs: positive('stallTimeoutMs', o.stallTimeoutMs, 15_000),
    reconnect: { retries: retryCount(o.reconnect?.retries, o.isLive ? Infinity : 10), minDelayMs, maxDelayMs },
    awayCheckIntervalMs: positive('awayCheckIntervalMs', o.awayCheckIntervalMs, 10_000),
    awayReconnectMs: positive('awayReconnectMs', o.awayReconnectMs, 60_000),
    hls: { playlistIntervalMs: optionalPositive('hls.playlistIntervalMs', o.hls?.playlistIntervalMs), segmentRetries, startAt },
    now,
    random: o.random ?? Math.random,
  };
}
