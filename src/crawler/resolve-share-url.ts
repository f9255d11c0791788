/**
 * Short share links (`https://v.douyin.com/iRNBho6u/`) → the page they stand for, by following
 * HTTP redirects one hop at a time (so loops and the hop count are ours to check, and no page body
 * is downloaded), and the `get*Id` helpers that take pasted share text, resolve only short links,
 * and read the id with `utils/ids.ts`.
 */
import gotDefault, { type Got } from 'got';
import { AbortError, HttpError, InvalidInputError } from '../errors.js';
import { DEFAULT_USER_AGENT } from '../options.js';
import {
  DEFAULT_SHORT_LINK_HOSTS,
  describeUrl,
  extractId,
  extract_valid_urls,
  findIdInUrl,
  isShortLink,
  type DouyinIdKind,
} from '../utils/ids.js';
import { toDouyinKitError } from './request-executor.js';

const ENDPOINT = 'resolveShareUrl';
const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

export interface ResolveShareUrlOptions {
  /** The got instance to use (the crawler's, with proxy and cookies). Default: got with no retries. */
  got?: Got;
  signal?: AbortSignal;
  /** @default 10 */
  maxRedirects?: number;
  /** Per request. @default 10_000 */
  timeoutMs?: number;
  /** Sent as User-Agent. Default: the instance's own, or douyin-kit's desktop Edge UA. */
  userAgent?: string;
  /**
   * Stop before requesting a redirect target for which this returns true, and return that URL
   * (the `get*Id` helpers stop as soon as the id can be read). Without it, every redirect is
   * followed to the final page, as F2 does.
   */
  stopWhen?: (url: string) => boolean;
  /** Final statuses taken as success. Default: 2xx, and 444 (Douyin's anti-bot answer; F2 accepts it). */
  acceptStatus?: (statusCode: number) => boolean;
}

const defaultGot = gotDefault.extend({ retry: { limit: 0 }, headers: { 'user-agent': DEFAULT_USER_AGENT } });
const defaultAccept = (code: number) => (code >= 200 && code < 300) || code === 444;

interface Head {
  statusCode: number;
  location: string | undefined;
}

/** GET `url` without following redirects; resolves on the response head and drops the body. */
function requestHead(client: Got, url: string, options: ResolveShareUrlOptions): Promise<Head> {
  return new Promise((resolve, reject) => {
    const stream = client.stream(url, {
      method: 'GET',
      followRedirect: false,
      throwHttpErrors: false,
      timeout: { request: options.timeoutMs ?? 10_000 },
      signal: options.signal,
      headers: options.userAgent ? { 'user-agent': options.userAgent } : {},
    });
    stream.on('error', reject);
    stream.once('response', (response: { statusCode: number; headers: Record<string, string | string[] | undefined> }) => {
      const location = response.headers.location;
      resolve({ statusCode: response.statusCode, location: Array.isArray(location) ? location[0] : location });
      stream.destroy();
    });
  });
}

/**
 * Follows the redirects of `url` and returns the final URL (or the first one `stopWhen`
 * accepts). Throws `HttpError` for an error status, a redirect loop, too many redirects or a
 * redirect without a usable Location; `NetworkError`, `TimeoutError`, `AbortError` otherwise.
 */
export async function resolveShareUrl(url: string, options: ResolveShareUrlOptions = {}): Promise<string> {
  const client = options.got ?? defaultGot;
  const maxRedirects = options.maxRedirects ?? 10;
  const accept = options.acceptStatus ?? defaultAccept;
  let current: URL;
  try {
    current = new URL(url);
  } catch (cause) {
    throw new InvalidInputError(`Not a URL: ${describeUrl(String(url))}`, { cause, endpoint: ENDPOINT });
  }
  if (current.protocol !== 'http:' && current.protocol !== 'https:') {
    throw new InvalidInputError(`Only http(s) links can be resolved, got ${describeUrl(url)}`, { endpoint: ENDPOINT });
  }
  const seen = new Set<string>([current.href]);
  for (let hops = 0; ; hops++) {
    if (options.signal?.aborted) throw new AbortError('Resolving the share link was aborted', { endpoint: ENDPOINT, cause: options.signal.reason });
    let head: Head;
    try {
      head = await requestHead(client, current.href, options);
    } catch (error) {
      throw toDouyinKitError(error, ENDPOINT, options.signal);
    }
    const { statusCode, location } = head;
    if (!REDIRECT_CODES.has(statusCode)) {
      if (accept(statusCode)) return current.href;
      throw new HttpError(statusCode, `HTTP ${statusCode} for ${describeUrl(current.href)}`, {
        endpoint: ENDPOINT,
        hint: statusCode === 404 ? 'The share link is wrong or has expired.' : undefined,
      });
    }
    if (!location) throw new HttpError(statusCode, `HTTP ${statusCode} without a Location header at ${describeUrl(current.href)}`, { endpoint: ENDPOINT });
    let next: URL;
    try {
      next = new URL(location, current);
    } catch (cause) {
      throw new HttpError(statusCode, `Unusable redirect target ${describeUrl(location)}`, { endpoint: ENDPOINT, cause });
    }
    if (options.stopWhen?.(next.href)) return next.href;
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new HttpError(statusCode, `Redirected to a non-HTTP URL ${describeUrl(next.href)}`, { endpoint: ENDPOINT });
    }
    if (seen.has(next.href)) {
      throw new HttpError(statusCode, `Redirect loop: ${describeUrl(next.href)} was already visited`, { endpoint: ENDPOINT });
    }
    if (hops + 1 > maxRedirects) {
      throw new HttpError(statusCode, `More than ${maxRedirects} redirects from ${describeUrl(url)}`, { endpoint: ENDPOINT });
    }
    seen.add(next.href);
    current = next;
  }
}

export interface GetIdOptions extends Omit<ResolveShareUrlOptions, 'stopWhen'> {
  /** Hosts whose links are resolved over the network (subdomains included). @default ['v.douyin.com'] */
  shortLinkHosts?: readonly string[];
}

export interface GetIdsOptions extends GetIdOptions {
  /** Short links resolved at the same time. @default 4 */
  concurrency?: number;
}

/**
 * The id of `kind` in pasted share text or a URL. Full URLs are read offline; short links are
 * resolved first (stopping at the first redirect target that carries the id).
 */
export async function getId(kind: DouyinIdKind, input: string, options: GetIdOptions = {}): Promise<string> {
  const hosts = options.shortLinkHosts ?? DEFAULT_SHORT_LINK_HOSTS;
  if (typeof input !== 'string') throw new InvalidInputError(`Expected share text or a URL for ${kind}, got ${typeof input}`);
  const url = extract_valid_urls(input);
  if (url === null || !isShortLink(url, hosts)) return extractId(kind, input, { shortLinkHosts: hosts });
  // Share text often glues words to the link ("…/iRNBho6u/，复制此链接"); a short link is plain ASCII.
  const shortUrl = url.replace(/[^\x21-\x7e].*$/su, '');
  const finalUrl = await resolveShareUrl(shortUrl, {
    ...options,
    stopWhen: (u) => findIdInUrl(kind, u, { fromShortLink: true }) !== null,
  });
  const id = findIdInUrl(kind, finalUrl, { fromShortLink: true });
  if (id === null) {
    throw new InvalidInputError(`The short link ${describeUrl(shortUrl)} led to ${describeUrl(finalUrl)}, which has no ${kind}`, {
      hint: `Check that the link is a ${kind.replace('_id', '')} link.`,
    });
  }
  return id;
}

/**
 * Batch form (F2's `get_all_*`): every URL in every input string, in order. Fails with the first
 * error and then stops resolving the rest.
 */
export async function getIds(kind: DouyinIdKind, inputs: readonly string[], options: GetIdsOptions = {}): Promise<string[]> {
  if (!Array.isArray(inputs)) throw new InvalidInputError(`Expected a list of share texts or URLs for ${kind}`);
  const urls = extract_valid_urls(inputs as readonly string[]);
  if (urls.length === 0) throw new InvalidInputError(`No http(s) URL in the ${inputs.length} inputs for ${kind}`);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const results = new Array<string>(urls.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < urls.length) {
      const index = next++;
      try {
        results[index] = await getId(kind, urls[index]!, { ...options, signal });
      } catch (error) {
        if (failure === undefined) {
          failure = { error };
          controller.abort();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

export const getSecUserId = (input: string, options?: GetIdOptions) => getId('sec_user_id', input, options);
export const getAwemeId = (input: string, options?: GetIdOptions) => getId('aweme_id', input, options);
export const getMixId = (input: string, options?: GetIdOptions) => getId('mix_id', input, options);
export const getWebcastId = (input: string, options?: GetIdOptions) => getId('webcast_id', input, options);
export const getRoomId = (input: string, options?: GetIdOptions) => getId('room_id', input, options);

export const getSecUserIds = (inputs: readonly string[], options?: GetIdsOptions) => getIds('sec_user_id', inputs, options);
export const getAwemeIds = (inputs: readonly string[], options?: GetIdsOptions) => getIds('aweme_id', inputs, options);
export const getMixIds = (inputs: readonly string[], options?: GetIdsOptions) => getIds('mix_id', inputs, options);
export const getWebcastIds = (inputs: readonly string[], options?: GetIdsOptions) => getIds('webcast_id', inputs, options);
export const getRoomIds = (inputs: readonly string[], options?: GetIdsOptions) => getIds('room_id', inputs, options);
