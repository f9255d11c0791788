import type { Got } from 'got';
import { lowerKeys, type HttpClient } from '../crawler/http-client.js';
import { AbortError, DouyinKitError, DownloadError, NetworkError, TimeoutError, redactSecrets } from '../errors.js';
import { deriveStreamingGot } from './streaming-got.js';

export interface TransportOptions {
  /** The kit's HTTP client: its proxy agent, cookie jar and headers are used (and never closed here). */
  httpClient?: HttpClient;
  /** Sockets open at once when the downloader makes its own agents. */
  maxConnections: number;
  /** No byte for this long (connecting, waiting for headers, mid-body): the attempt fails. */
  stallTimeoutMs: number;
  userAgent?: string;
  headers?: Record<string, string>;
}

export interface Transport {
  readonly got: Got;
  close(): void;
}

/** Douyin's CDNs refuse some media (images, live photos) without a douyin.com Referer. */
const MEDIA_HEADERS = { referer: 'https://www.douyin.com/', accept: '*/*' };

/**
 * The got instance media bodies are fetched with: redirects followed (play URLs redirect to the
 * CDN), no decompression (bytes on disk are the bytes announced), no got retry (the downloader
 * retries per file, resuming), idle timeouts instead of a total one (a 1 GB body takes its time).
 */
export function createTransport(options: TransportOptions): Transport {
  const download = {
    decompress: false,
    followRedirect: true,
    maxRedirects: 5,
    throwHttpErrors: false,
    retry: { limit: 0 },
    timeout: {
      request: undefined,
      connect: options.stallTimeoutMs,
      response: options.stallTimeoutMs,
      socket: options.stallTimeoutMs,
    },
    headers: { ...MEDIA_HEADERS, ...lowerKeys(options.headers ?? {}) },
  };
  return deriveStreamingGot(options.httpClient?.got, download, { maxSockets: options.maxConnections, userAgent: options.userAgent });
}


/** Failures of the local disk: repeating the download does not help. */
const LOCAL_FILE_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EISDIR', 'ENOTDIR', 'ENAMETOOLONG', 'EFBIG', 'ELOOP']);

/** A failure of got, the socket or the disk as a douyin-kit error (retry policy in the class). */
export function toKitError(error: unknown, url: string, signal?: AbortSignal): DouyinKitError {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof DouyinKitError) return reason;
    return new AbortError('The download was aborted', { cause: reason });
  }
  if (error instanceof DouyinKitError) return error;
  const e = error as { name?: string; code?: string; message?: string; syscall?: string };
  const where = redactSecrets(url);
  if (e?.code !== undefined && LOCAL_FILE_ERRORS.has(e.code)) {
    return new DownloadError(`Cannot write the file (${e.code}${e.syscall ? ` in ${e.syscall}` : ''}): ${e.message ?? ''}`, false, {
      cause: error,
      hint: 'Check free space and permissions of the download folder.',
    });
  }
  if (e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT') {
    return new TimeoutError(`No data from ${where} in time (${e.message ?? 'timeout'})`, { cause: error });
  }
  return new NetworkError(`Transfer from ${where} failed: ${redactSecrets(e?.message ?? String(error))}${e?.code ? ` (${e.code})` : ''}`, {
    cause: error,
  });
}
