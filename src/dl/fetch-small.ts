import type { Got } from 'got';
import { DownloadError, HttpError, RateLimitError, redactSecrets } from '../errors.js';
import { parseRetryAfter } from '../utils/calculate-retry-delay.js';
import { toKitError } from './transport.js';

/** Bodies fetched whole (lyrics JSON) are small; anything larger is not what was asked for. */
export const SMALL_BODY_LIMIT = 8 * 1024 * 1024;

/** GETs a small body into memory (capped), with the same status handling as media. */
export async function fetchSmallBody(got: Got, url: string, headers: Record<string, string> | undefined, signal: AbortSignal): Promise<Buffer> {
  const stream = got.stream(url, { headers, signal });
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    const response = await new Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      stream.once('response', resolve);
      stream.once('error', reject);
    });
    if (response.statusCode === 429) {
      const retryAfter = response.headers['retry-after'];
      throw new RateLimitError(`${redactSecrets(url)} answered 429`, parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, Date.now()));
    }
    if (response.statusCode !== 200) throw new HttpError(response.statusCode, `${redactSecrets(url)} answered HTTP ${response.statusCode}`);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > SMALL_BODY_LIMIT) throw new DownloadError(`${redactSecrets(url)} sent more than ${SMALL_BODY_LIMIT} bytes for a small file`, false);
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    const length = Number(response.headers['content-length']);
    if (Number.isSafeInteger(length) && body.length !== length) {
      throw new DownloadError(`${redactSecrets(url)} ended the body after ${body.length} of ${length} bytes`, true);
    }
    return body;
  } catch (error) {
    stream.destroy();
    throw toKitError(error, url, signal);
  }
}
