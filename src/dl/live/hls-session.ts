import type { Got } from 'got';
import { Parser, type Manifest } from 'm3u8-parser';
import { DecodeError, DownloadError, HttpError, type DouyinKitError } from '../../errors.js';
import { calculateRetryDelay } from '../../utils/calculate-retry-delay.js';
import type { LiveGapReason } from './live-recorder-events.js';
import { abortableSleep } from './sleep.js';
import { checkTsSegment, type TsSegmenter } from './ts-segmenter.js';
import { watchedRequest, type WatchedEnd } from './watched-request.js';

/** What survives between playlist sessions: the last media sequence handled. */
export interface HlsProgress {
  lastSequence: number | null;
}

export interface HlsSessionContext {
  got: Got;
  url: string;
  stallTimeoutMs: number;
  signal: AbortSignal;
  now: () => number;
  /** Fixed playlist reload interval; by default half a segment when unchanged, one when changed. */
  playlistIntervalMs: number | undefined;
  segmentRetries: number;
  random: () => number;
  /** Where to start on the first playlist: its oldest segment, or only the newest. */
  startAt: 'oldest' | 'newest';
  writer: TsSegmenter;
  progress: HlsProgress;
  onResponse: () => void;
  /** A segment was written. */
  onMedia: () => void;
  onGap: (gap: { reason: LiveGapReason; fromSequence: number; toSequence: number }) => void;
  /**
   * The playlist has not advanced for `idleMs`: true to keep polling (paused stream), false to
   * give up. `hadMedia`: this session wrote segments before it stopped advancing.
   */
  onIdle: (idleMs: number, hadMedia: boolean) => Promise<boolean>;
}

export type HlsEnd =
  | { kind: 'endlist'; progressed: boolean }
  | { kind: 'stalled'; idleMs: number; progressed: boolean; responded: boolean }
  | { kind: 'stopped' }
  | { kind: 'failed'; error: DouyinKitError; statusCode: number | null; progressed: boolean };

const MAX_PLAYLIST_BYTES = 4 * 1024 * 1024;
const MAX_SEGMENT_BYTES = 256 * 1024 * 1024;
const MAX_VARIANT_HOPS = 3;

type Fetched = { ok: true; body: Buffer } | { ok: false; end: Exclude<WatchedEnd, { kind: 'eof' }> };

async function fetchBody(ctx: HlsSessionContext, url: string, limit: number, playlist = false): Promise<Fetched> {
  const chunks: Buffer[] = [];
  let size = 0;
  let sniffed = !playlist;
  const end = await watchedRequest({
    got: ctx.got,
    url,
    stallTimeoutMs: ctx.stallTimeoutMs,
    signal: ctx.signal,
    now: ctx.now,
    onChunk: (chunk) => {
      size += chunk.length;
      if (size > limit) throw new DownloadError(`An HLS response exceeded ${limit} bytes`, true);
      chunks.push(chunk);
      if (!sniffed && size >= 16) {
        sniffed = true;
        checkPlaylistStart(Buffer.concat(chunks).toString('utf8'));
      }
    },
  });
  return end.kind === 'eof' ? { ok: true, body: Buffer.concat(chunks) } : { ok: false, end };
}

/** Fails fast on a body that is not a playlist (an endless FLV stream would never end). */
function checkPlaylistStart(text: string): void {
  if (!text.replace(/^\uFEFF/, '').trimStart().startsWith('#EXTM3U')) {
    throw new DecodeError('hls-playlist', 'The HLS playlist does not start with #EXTM3U', Buffer.from(text.slice(0, 256)), {
      hint: 'An FLV URL or an error page was given as HLS; pick protocol "flv" for .flv URLs.',
    });
  }
}

function parsePlaylist(text: string): Manifest {
  checkPlaylistStart(text);
  const parser = new Parser();
  parser.push(text);
  parser.end();
  return parser.manifest;
}

function bestVariant(manifest: Manifest): string | null {
  const variants = manifest.playlists ?? [];
  let best: { uri: string; bandwidth: number } | null = null;
  for (const v of variants) {
    const bandwidth = v.attributes?.BANDWIDTH ?? 0;
    if (v.uri && (best === null || bandwidth > best.bandwidth)) best = { uri: v.uri, bandwidth };
  }
  return best?.uri ?? null;
}

function checkSupported(manifest: Manifest): void {
  for (const s of manifest.segments) {
    if (s.map) throw new DecodeError('hls-playlist', 'The HLS stream uses fMP4 segments (EXT-X-MAP), which a .ts file cannot hold', undefined, { hint: 'Record this room over HTTP-FLV (protocol "flv").' });
    if (s.key?.method && s.key.method !== 'NONE') throw new DecodeError('hls-playlist', `The HLS stream is encrypted (${s.key.method})`, undefined, { hint: 'Record this room over HTTP-FLV (protocol "flv").' });
  }
}

/**
 * One HLS session: reload the live playlist, fetch each new segment once and in order (with
 * retries), write it, and report what rolled out of the window before it could be fetched.
 * Ends on `EXT-X-ENDLIST`, a playlist failure, a stall the recorder gives up on, or stop.
 */
export async function runHlsSession(ctx: HlsSessionContext): Promise<HlsEnd> {
  let progressed = false;
  let lastProgress = ctx.now();
  let playlistUrl = ctx.url;
  let hops = 0;
  let responded = false;
  for (;;) {
    const fetched = await fetchBody(ctx, playlistUrl, MAX_PLAYLIST_BYTES, true);
    if (!fetched.ok) {
      const { end } = fetched;
      if (end.kind === 'stopped') return end;
      if (end.kind === 'stalled') return { ...end, progressed, responded };
      return { ...end, progressed };
    }
    if (!responded) {
      responded = true;
      ctx.onResponse();
    }
    let manifest: Manifest;
    try {
      manifest = parsePlaylist(fetched.body.toString('utf8'));
      checkSupported(manifest);
    } catch (error) {
      return { kind: 'failed', error: error as DouyinKitError, statusCode: 200, progressed };
    }
    if (manifest.segments.length === 0 && (manifest.playlists?.length ?? 0) > 0) {
      const variant = bestVariant(manifest);
      if (variant === null || ++hops > MAX_VARIANT_HOPS) {
        return { kind: 'failed', error: new DecodeError('hls-playlist', 'The HLS master playlist leads to no media playlist'), statusCode: 200, progressed };
      }
      playlistUrl = new URL(variant, playlistUrl).href;
      continue;
    }

    const first = manifest.mediaSequence ?? 0;
    const segments = manifest.segments.map((s, i) => ({ ...s, sequence: first + i }));
    const { progress } = ctx;
    const newest = segments.at(-1)?.sequence;
    if (progress.lastSequence !== null && newest !== undefined && newest < progress.lastSequence - segments.length) {
      // The media sequence restarted (a new stream behind the same URL).
      progress.lastSequence = null;
      ctx.writer.cutBeforeNext();
    }
    if (progress.lastSequence === null && ctx.startAt === 'newest' && newest !== undefined) progress.lastSequence = newest - 1;
    const fresh = segments.filter((s) => progress.lastSequence === null || s.sequence > progress.lastSequence);
    if (fresh.length > 0 && progress.lastSequence !== null && fresh[0]!.sequence > progress.lastSequence + 1) {
      ctx.onGap({ reason: 'window', fromSequence: progress.lastSequence + 1, toSequence: fresh[0]!.sequence });
    }
    for (const segment of fresh) {
      const outcome = await fetchSegment(ctx, new URL(segment.uri, playlistUrl).href);
      if (outcome.kind === 'stopped') return { kind: 'stopped' };
      if (outcome.kind === 'ok') {
        try {
          await ctx.writer.write(outcome.bytes, Math.round((segment.duration ?? 0) * 1000), segment.discontinuity === true);
        } catch (error) {
          return { kind: 'failed', error: error as DouyinKitError, statusCode: 200, progressed };
        }
        progressed = true;
        lastProgress = ctx.now();
        ctx.onMedia();
      } else if (outcome.fatal) {
        return { kind: 'failed', error: outcome.error, statusCode: 200, progressed };
      } else {
        ctx.onGap({ reason: 'segment-failed', fromSequence: segment.sequence, toSequence: segment.sequence + 1 });
      }
      progress.lastSequence = segment.sequence;
      if (ctx.signal.aborted) return { kind: 'stopped' };
    }
    if (manifest.endList) return { kind: 'endlist', progressed };

    if (fresh.length === 0) {
      const idle = ctx.now() - lastProgress;
      if (idle >= ctx.stallTimeoutMs) {
        if (!(await ctx.onIdle(idle, progressed))) return { kind: 'stalled', idleMs: idle, progressed, responded };
        lastProgress = ctx.now();
      }
    }
    const segmentMs = ((segments.at(-1)?.duration ?? manifest.targetDuration ?? 2) * 1000) / (fresh.length > 0 ? 1 : 2);
    const wait = ctx.playlistIntervalMs ?? Math.min(10_000, Math.max(100, segmentMs));
    if (!(await abortableSleep(wait, ctx.signal))) return { kind: 'stopped' };
  }
}

type SegmentOutcome = { kind: 'ok'; bytes: Buffer } | { kind: 'stopped' } | { kind: 'failed'; fatal: boolean; error: DouyinKitError };

async function fetchSegment(ctx: HlsSessionContext, url: string): Promise<SegmentOutcome> {
  let failure: DouyinKitError = new DownloadError('segment not fetched', true);
  for (let attempt = 1; ; attempt++) {
    const fetched = await fetchBody(ctx, url, MAX_SEGMENT_BYTES);
    if (fetched.ok) {
      try {
        checkTsSegment(fetched.body);
        return { kind: 'ok', bytes: fetched.body };
      } catch (error) {
        const e = error as DecodeError;
        if (e.what === 'hls-fmp4') return { kind: 'failed', fatal: true, error: e };
        failure = e;
      }
    } else if (fetched.end.kind === 'stopped') {
      return { kind: 'stopped' };
    } else if (fetched.end.kind === 'failed') {
      failure = fetched.end.error;
      if (failure instanceof DownloadError && !failure.retryable) return { kind: 'failed', fatal: true, error: failure };
    } else {
      failure = new DownloadError(`An HLS segment stalled for ${fetched.end.idleMs} ms`, true);
    }
    const retryable = !(failure instanceof HttpError) || failure.retryable || failure.statusCode === 404;
    const delay = calculateRetryDelay({ attemptCount: attempt, retryLimit: ctx.segmentRetries, retryable, baseDelayMs: 200, maxDelayMs: 2000, random: ctx.random() });
    if (delay === 0) return { kind: 'failed', fatal: false, error: failure };
    if (!(await abortableSleep(delay, ctx.signal))) return { kind: 'stopped' };
  }
}
