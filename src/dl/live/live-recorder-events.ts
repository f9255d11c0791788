import type { DouyinKitError } from '../../errors.js';
import type { LiveProtocol, LiveQuality } from './live-stream-source.js';

/** One output file (a "segment" of the recording) and its chat sidecars. */
export interface LiveSegmentInfo {
  /** 1-based number in the file name (`<name>_001.flv`). */
  index: number;
  /** Final path (the file is written as `<path>.part` until it is closed). */
  path: string;
  protocol: LiveProtocol;
  /** Wall clock (epoch ms) when the first byte was written: the sidecars' time zero. */
  startedAtMs: number;
}

export interface LiveSegmentClosed extends LiveSegmentInfo {
  bytes: number;
  /** Media time in the file: FLV timestamp span (plus one frame), or the sum of HLS `EXTINF`s. */
  durationMs: number;
  /** Wall time from the first byte to the close. */
  wallDurationMs: number;
  endedAtMs: number;
  /** Paths of the chat sidecars, when a chat source was given. */
  sidecars: { jsonl?: string; ass?: string };
}

export type LiveGapReason =
  /** The connection broke (stall, drop, error) and media produced meanwhile was not received. */
  | 'reconnect'
  /** The stream paused (anchor away) and resumed with a timestamp jump; nothing was lost. */
  | 'anchor-away'
  /** HLS: the playlist window rolled past segments before they were fetched. */
  | 'window'
  /** HLS: a listed segment could not be fetched (after retries). */
  | 'segment-failed';

/** A stretch of the live that is not in the recording. */
export interface LiveRecordingGap {
  protocol: LiveProtocol;
  reason: LiveGapReason;
  /** Wall clock (epoch ms) between the last media before the gap and the first after it. */
  fromWallMs: number;
  toWallMs: number;
  /** FLV: first missing timestamp (last received plus one frame) and the first received again. */
  fromTimestampMs?: number;
  toTimestampMs?: number;
  /** HLS: media sequence numbers `[fromSequence, toSequence)` that are missing. */
  fromSequence?: number;
  toSequence?: number;
  /** Index of the output file the recording resumed in. */
  segmentIndex: number | null;
}

export type LiveRecorderState = 'idle' | 'connecting' | 'recording' | 'reconnecting' | 'away' | 'stopping' | 'ended';

export type LiveEndReason =
  /** The room (or stream) ended. */
  | 'ended'
  /** `stop()` or the AbortSignal. */
  | 'stopped'
  /** A failure that retrying could not fix (see `error`). */
  | 'error';

export interface LiveRecordingResult {
  endedBy: LiveEndReason;
  error?: DouyinKitError;
  protocol: LiveProtocol | null;
  quality: LiveQuality | null;
  files: LiveSegmentClosed[];
  /** Bytes in all files (headers and re-emitted codec config included). */
  bytes: number;
  gaps: LiveRecordingGap[];
  /** Connections (FLV) or playlist sessions (HLS) opened after the first. */
  reconnects: number;
  startedAtMs: number | null;
  endedAtMs: number;
}

/**
 * The recorder's events (Node's typed `EventEmitter`). `error` carries non-fatal problems (a
 * status check that failed, a chat sidecar write); it is emitted only when someone listens.
 */
export interface LiveRecorderEvents {
  started: [{ protocol: LiveProtocol; quality: LiveQuality; url: string; atMs: number }];
  segmentOpened: [LiveSegmentInfo];
  segmentClosed: [LiveSegmentClosed];
  /** No byte (FLV) or no new segment (HLS) for `idleMs`: the connection is given up. */
  stalled: [{ protocol: LiveProtocol; idleMs: number; hadMedia: boolean }];
  reconnecting: [{ attempt: number; delayMs: number; error: DouyinKitError | null }];
  /** The room is live but the stream sends nothing (paused, 404): waiting, not failing. */
  anchorAway: [{ sinceMs: number }];
  /** Media flows again after `anchorAway`. */
  anchorBack: [{ awayMs: number }];
  gap: [LiveRecordingGap];
  ended: [LiveRecordingResult];
  error: [DouyinKitError];
}
