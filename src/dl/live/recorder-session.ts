import type { Got } from 'got';
import { InvalidOptionError, LiveOfflineError, type DouyinKitError } from '../../errors.js';
import { asKitError } from './failure-policy.js';
import type { FlvResume, FlvSegmenter } from './flv-segmenter.js';
import { runFlvSession } from './flv-session.js';
import { runHlsSession, type HlsProgress } from './hls-session.js';
import type { LiveGapReason } from './live-recorder-events.js';
import type { ResolvedRecorderOptions } from './live-recorder-options.js';
import { selectLiveStream, type LiveStreamChoice } from './live-stream-source.js';
import { untilAborted } from './sleep.js';
import type { TsSegmenter } from './ts-segmenter.js';

/** How one connection (FLV) or playlist session (HLS) ended. */
export type SessionEnd =
  | { kind: 'eof' | 'endlist'; progressed: boolean }
  | { kind: 'stalled'; idleMs: number; progressed: boolean; responded: boolean }
  | { kind: 'stopped' }
  | { kind: 'failed'; error: DouyinKitError; statusCode: number | null; progressed: boolean };

export interface SessionEnv {
  o: ResolvedRecorderOptions;
  got: Got;
  signal: AbortSignal;
  writer: { flv: FlvSegmenter } | { ts: TsSegmenter; progress: HlsProgress };
  /** Whether a stream was ever chosen (the first failure to choose one is fatal). */
  hadChoice: boolean;
  onChoice: (choice: LiveStreamChoice) => void;
  onResponse: (choice: LiveStreamChoice) => void;
  onMedia: (resume: FlvResume | null) => void;
  onIdle: (silentMs: number, hadMedia: boolean) => Promise<boolean>;
  onHlsGap: (gap: { reason: LiveGapReason; fromSequence: number; toSequence: number }) => void;
}

/** Picks the stream URL (fetching fresh stream data when the source is a function) and runs one session on it. */
export async function runSession(env: SessionEnv): Promise<SessionEnd> {
  const { o, signal } = env;
  let choice: LiveStreamChoice;
  try {
    const source = typeof o.source === 'function' ? await untilAborted(o.source({ signal }), signal) : o.source;
    choice = selectLiveStream(source, { quality: o.quality, protocol: o.protocol });
  } catch (e) {
    if (signal.aborted) return { kind: 'stopped' };
    if (e instanceof InvalidOptionError || !env.hadChoice) throw e;
    // No URL any more: like a 404, the room status decides between "away" and "ended".
    return { kind: 'failed', error: asKitError(e, 'Refreshing the stream URL failed'), statusCode: e instanceof LiveOfflineError ? 404 : null, progressed: false };
  }
  env.onChoice(choice);
  const common = { got: env.got, url: choice.url, stallTimeoutMs: o.stallTimeoutMs, signal, now: o.now, onResponse: () => env.onResponse(choice) };
  if ('flv' in env.writer) {
    return runFlvSession({ ...common, segmenter: env.writer.flv, onMedia: env.onMedia, onIdle: env.onIdle });
  }
  return runHlsSession({
    ...common,
    playlistIntervalMs: o.hls.playlistIntervalMs,
    segmentRetries: o.hls.segmentRetries,
    random: o.random,
    startAt: o.hls.startAt,
    writer: env.writer.ts,
    progress: env.writer.progress,
    onMedia: () => env.onMedia(null),
    onGap: env.onHlsGap,
    onIdle: env.onIdle,
  });
}
