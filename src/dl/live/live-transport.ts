import type { Got } from 'got';
import { lowerKeys, type HttpClient } from '../../crawler/http-client.js';
import { deriveStreamingGot } from '../streaming-got.js';

export interface LiveTransportOptions {
  /** The kit's HTTP client (`dk.http`): its proxy agent, cookie jar and headers apply. Never closed here. */
  httpClient?: HttpClient;
  /** A got instance to extend instead (takes precedence over `httpClient`). Never closed here. */
  got?: Got;
  /** Extra request headers for the stream CDN. */
  headers?: Record<string, string>;
  /** Used only when the recorder makes its own got instance. */
  userAgent?: string;
}

export interface LiveTransport {
  readonly got: Got;
  close(): void;
}

/**
 * The got instance streams are pulled with. Built on the kit's client when given (so a proxy
 * applies), with what a live pull needs on top: no total timeout (the recorder's stall watchdog
 * decides), redirects followed (pull URLs may redirect to an edge), no decompression, no got
 * retry (the recorder reconnects itself), and HTTP errors as answers rather than exceptions.
 */
export function createLiveTransport(options: LiveTransportOptions = {}): LiveTransport {
  const settings = {
    decompress: false,
    followRedirect: true,
    maxRedirects: 5,
    throwHttpErrors: false,
    retry: { limit: 0 },
    timeout: { request: undefined, response: undefined, socket: undefined, read: undefined, send: undefined },
    headers: { referer: 'https://live.douyin.com/', accept: '*/*', ...lowerKeys(options.headers ?? {}) },
  };
  return deriveStreamingGot(options.got ?? options.httpClient?.got, settings, { maxSockets: 16, userAgent: options.userAgent });
}
