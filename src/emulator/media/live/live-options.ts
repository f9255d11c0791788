import { InvalidOptionError } from '../../../errors.js';

export interface LiveStreamOptions {
  /** Names the stream; its bytes are a pure function of the id and the timeline. */
  id: string;
  /** Media bits per second of stream time. @default 2_000_000 */
  bitrateBps?: number;
  /** Stream time per FLV packet (one video and one audio tag). @default 40 */
  frameMs?: number;
  /** HLS segment duration, rounded to whole packets. @default 2000 */
  segmentMs?: number;
  /** Segments in the rolling HLS playlist. @default 5 */
  playlistSize?: number;
  /**
   * Stream time runs `speed` times faster than the clock: bytes, segments and every duration
   * given to the stream (anchorAway, stall) are in stream time. @default 1
   */
  speed?: number;
  /** The wall clock in ms (monotonic). Inject one to step time by hand. @default performance.now */
  now?: () => number;
  /** Wall ms between two feeds of the open FLV connections. @default 20 */
  tickMs?: number;
  /** Stream time already elapsed at construction (a stream that has been live for a while). @default 0 */
  elapsedMs?: number;
  /** URI of segment `sequence` in the playlist. @default (n) => `${n}.ts` */
  segmentUri?: (sequence: number) => string;
}

export type ResolvedLiveOptions = Required<LiveStreamOptions>;

function positive(options: LiveStreamOptions, key: keyof LiveStreamOptions, fallback: number, integer = false): number {
  const value = options[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be a ${integer ? 'positive integer' : 'finite number > 0'}, got \`${String(value)}\``);
  }
  return value;
}

/** Validates once and fills in the defaults. @throws {InvalidOptionError} naming the bad key. */
export function resolveLiveOptions(options: LiveStreamOptions): ResolvedLiveOptions {
  if (typeof options?.id !== 'string' || options.id === '') throw new InvalidOptionError('id', 'Expected `id` to be a non-empty string');
  const elapsedMs = options.elapsedMs ?? 0;
  if (typeof elapsedMs !== 'number' || !Number.isFinite(elapsedMs) || elapsedMs < 0) {
    throw new InvalidOptionError('elapsedMs', `Expected \`elapsedMs\` to be a finite number >= 0, got \`${String(elapsedMs)}\``);
  }
  for (const key of ['now', 'segmentUri'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') throw new InvalidOptionError(key, `Expected \`${key}\` to be a function`);
  }
  return {
    id: options.id,
    bitrateBps: positive(options, 'bitrateBps', 2_000_000),
    frameMs: positive(options, 'frameMs', 40),
    segmentMs: positive(options, 'segmentMs', 2000),
    playlistSize: positive(options, 'playlistSize', 5, true),
    speed: positive(options, 'speed', 1),
    tickMs: positive(options, 'tickMs', 20),
    elapsedMs,
    now: options.now ?? (() => performance.now()),
    segmentUri: options.segmentUri ?? ((n) => `${n}.ts`),
  };
}
