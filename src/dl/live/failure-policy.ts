import { DecodeError, DownloadError, HttpError, isDouyinKitError, type DouyinKitError } from '../../errors.js';

/** Anything thrown, as a douyin-kit error (unknown failures become a non-retryable DownloadError). */
export function asKitError(error: unknown, what: string): DouyinKitError {
  if (isDouyinKitError(error)) return error;
  return new DownloadError(`${what}: ${(error as Error)?.message ?? String(error)}`, false, { cause: error });
}

/**
 * Whether reconnecting may help after a connection failed with `error`. 404 and server errors
 * yes; 401/403/410 (an expired pull URL) only while fresh URLs can be fetched (`refreshable`)
 * and for a few attempts; a stream that lost sync yes; the wrong container, a disk failure or a
 * bad path never.
 */
export function isRetryableFailure(error: DouyinKitError, refreshable: boolean, clientErrorsInARow: number): boolean {
  if (error instanceof HttpError) {
    if (error.statusCode === 404 || error.retryable || error.statusCode === 429) return true;
    return refreshable && clientErrorsInARow <= 3;
  }
  if (error instanceof DecodeError) return error.what === 'flv-tag' || error.what === 'hls-segment';
  return error.retryable;
}
