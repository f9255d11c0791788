import type { Got } from 'got';
import { DouyinKitError, HttpError, NetworkError, redactSecrets } from '../../errors.js';

export interface WatchedRequestOptions {
  got: Got;
  url: string;
  /** No byte (headers included) for this long: the request is given up as stalled. */
  stallTimeoutMs: number;
  /** The recording's stop signal: ends the request as `stopped`. */
  signal: AbortSignal;
  now: () => number;
  /** Each body chunk, in order; awaited (backpressure). A throw ends the request as `failed`. */
  onChunk: (chunk: Buffer) => Promise<void> | void;
  /** A 2xx response arrived. */
  onResponse?: (statusCode: number) => void;
  /**
   * Asked when a response has started but no byte came for `stallTimeoutMs`: resolve true to
   * keep the connection and ask again `stallTimeoutMs` later (a paused stream), false to give
   * up as stalled. `silentMs` counts from the last byte.
   */
  onIdle?: (silentMs: number) => Promise<boolean> | boolean;
}

export type WatchedEnd =
  | { kind: 'eof'; statusCode: number }
  | { kind: 'stalled'; idleMs: number; responded: boolean }
  | { kind: 'stopped' }
  | { kind: 'failed'; error: DouyinKitError; statusCode: number | null };

class Ended extends Error {}

/** A transport failure as a douyin-kit error (the URL redacted). */
export function transferError(error: unknown, url: string): DouyinKitError {
  if (error instanceof DouyinKitError) return error;
  const e = error as { code?: string; message?: string };
  return new NetworkError(`Live stream ${redactSecrets(url)} failed: ${redactSecrets(e?.message ?? String(error))}${e?.code ? ` (${e.code})` : ''}`, { cause: error });
}

/**
 * One GET streamed through `onChunk`, under a watchdog that measures silence rather than total
 * time (a live body never ends by itself). Never throws: how it ended is the result.
 */
export async function watchedRequest(o: WatchedRequestOptions): Promise<WatchedEnd> {
  if (o.signal.aborted) return { kind: 'stopped' };
  const stream = o.got.stream(o.url);
  let last = o.now();
  let lastByte = last;
  let statusCode: number | null = null;
  let ending: 'stopped' | 'stalled' | null = null;
  let stalledFor = 0;
  let asking = false;

  const end = (why: 'stopped' | 'stalled') => {
    ending ??= why;
    stream.destroy(new Ended(why));
  };
  const onAbort = () => end('stopped');
  o.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setInterval(() => {
    if (asking || ending) return;
    const idle = o.now() - last;
    if (idle < o.stallTimeoutMs) return;
    if (statusCode === null || !o.onIdle) {
      stalledFor = idle;
      return end('stalled');
    }
    asking = true;
    Promise.resolve()
      .then(() => o.onIdle!(o.now() - lastByte))
      .catch(() => false)
      .then((keep) => {
        asking = false;
        if (ending) return;
        if (keep) last = o.now();
        else {
          stalledFor = o.now() - lastByte;
          end('stalled');
        }
      });
  }, Math.max(5, Math.min(250, Math.floor(o.stallTimeoutMs / 4))));

  try {
    const response = await new Promise<{ statusCode: number }>((resolve, reject) => {
      stream.once('response', resolve);
      stream.once('error', reject);
    });
    statusCode = response.statusCode;
    last = lastByte = o.now();
    if (statusCode < 200 || statusCode >= 300) {
      const error = new HttpError(statusCode, `Live stream ${redactSecrets(o.url)} answered HTTP ${statusCode}`);
      return { kind: 'failed', error, statusCode };
    }
    o.onResponse?.(statusCode);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      last = lastByte = o.now();
      await o.onChunk(chunk);
      last = o.now();
      if (ending) break;
    }
    return ending === 'stopped' ? { kind: 'stopped' } : ending === 'stalled' ? { kind: 'stalled', idleMs: stalledFor, responded: statusCode !== null } : { kind: 'eof', statusCode };
  } catch (error) {
    if (ending === 'stopped' || o.signal.aborted) return { kind: 'stopped' };
    if (ending === 'stalled') return { kind: 'stalled', idleMs: stalledFor, responded: statusCode !== null };
    const status = (error as { response?: { statusCode?: number } })?.response?.statusCode;
    if (typeof status === 'number' && (status < 200 || status >= 300)) {
      return { kind: 'failed', error: new HttpError(status, `Live stream ${redactSecrets(o.url)} answered HTTP ${status}`, { cause: error }), statusCode: status };
    }
    return { kind: 'failed', error: transferError(error, o.url), statusCode };
  } finally {
    clearInterval(timer);
    o.signal.removeEventListener('abort', onAbort);
    if (!stream.destroyed) stream.destroy();
  }
}
