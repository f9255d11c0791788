import type { DouyinKitError } from '../errors.js';
import type { SkipReason } from './download-job.js';

export interface FileStartEvent {
  key: string;
  path: string;
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Bytes already on disk that this attempt continues from. */
  resumeFrom: number;
  /** Full length when the server said it. */
  total: number | null;
}

export interface FileProgressEvent {
  key: string;
  path: string;
  /** Bytes of the file on disk so far (resumed bytes included). */
  transferred: number;
  total: number | null;
}

export interface FileRetryEvent {
  key: string;
  path: string;
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  error: DouyinKitError;
  /** Mirror the next attempt uses. */
  nextUrl: string;
}

export interface FileDoneEvent {
  key: string;
  path: string;
  bytes: number;
  sha256: string;
  url: string | null;
  attempts: number;
  resumedFrom: number;
}

export interface FileSkippedEvent {
  key: string;
  path: string;
  reason: SkipReason;
}

export interface FileFailedEvent {
  key: string;
  path: string | null;
  error: DouyinKitError;
  attempts: number;
}

/** Totals over everything the downloader was given so far. */
export interface AggregateProgress {
  filesTotal: number;
  filesDone: number;
  filesSkipped: number;
  filesFailed: number;
  filesActive: number;
  /** Body bytes received in this run (resumed bytes not counted). */
  bytesReceived: number;
  /** Bytes on disk of the files in flight and finished in this run, and the sum of their known totals. */
  bytesDone: number;
  bytesKnownTotal: number;
  /** Bytes per second over the last few seconds. */
  speed: number;
  /** Estimated ms left, when it can be estimated. */
  etaMs: number | null;
}

/** Typed event map for `Downloader` (Node's `EventEmitter<T>`). */
export interface DownloaderEvents {
  'file-start': [FileStartEvent];
  'file-progress': [FileProgressEvent];
  'file-retry': [FileRetryEvent];
  'file-done': [FileDoneEvent];
  'file-skipped': [FileSkippedEvent];
  'file-failed': [FileFailedEvent];
  /** Every `progressIntervalMs` while work is going on, and once when the queue empties. */
  progress: [AggregateProgress];
}
