import diagnostics from 'node:diagnostics_channel';
import { DouyinCrawler, type CallOptions, type TokenSource } from './crawler/douyin-crawler.js';
import { createHttpClient, parseCookieHeader, type HttpClient } from './crawler/http-client.js';
import { getId, type GetIdOptions } from './crawler/resolve-share-url.js';
import { fetchRealMsToken, fetchTtwid } from './crawler/tokens.js';
import { DouyinHandler, type IdResolver } from './handler/douyin-handler.js';
import { resolveOptions, type DouyinKitOptions, type ResolvedOptions } from './options.js';
import { extract_valid_urls, isShortLink, type DouyinIdKind } from './utils/ids.js';
import { generateFakeMsToken } from './utils/fake-ms-token.js';
import { resolveSigner, type BuiltinSignerOptions } from './utils/signer.js';
import type { Clock, RandomSource } from './utils/signing-random.js';
import { generateVerifyFp } from './utils/verify-fp.js';

export interface DouyinKitHooks {
  /** Randomness for signatures and generated tokens (tests make it deterministic). */
  random?: RandomSource;
  clock?: Clock;
}

const tokenChannel = diagnostics.channel('douyin-kit:token');

/**
 * msToken from the cookie when it has one; else one real msToken per client, fetched once;
 * a fake one if the token endpoint fails (Douyin accepts those for most endpoints). A missing
 * ttwid cookie is registered once before the first request.
 */
class ClientTokens implements TokenSource {
  readonly #options: Readonly<ResolvedOptions>;
  readonly #http: HttpClient;
  readonly #hooks: DouyinKitHooks;
  #msToken: Promise<string> | undefined;
  #ttwid: Promise<void> | undefined;

  constructor(options: Readonly<ResolvedOptions>, http: HttpClient, hooks: DouyinKitHooks) {
    this.#options = options;
    this.#http = http;
    this.#hooks = hooks;
  }

  msToken(signal?: AbortSignal): Promise<string> {
    this.#msToken ??= this.#loadMsToken(signal);
    return this.#msToken;
  }

  verifyFp(): string {
    return generateVerifyFp({ random: this.#hooks.random, clock: this.#hooks.clock });
  }

  async #loadMsToken(signal?: AbortSignal): Promise<string> {
    await this.ensureTtwid(signal);
    const fromCookie = parseCookieHeader(this.#options.cookie).find(([name]) => name === 'msToken')?.[1];
    if (fromCookie) return fromCookie;
    try {
      return await fetchRealMsToken({
        got: this.#http.got, host: this.#options.hosts.msToken, userAgent: this.#options.userAgent,
        timeoutMs: this.#options.timeoutMs, signal,
      });
    } catch (error) {
      if (signal?.aborted) {
        this.#msToken = undefined;
        throw error;
      }
      if (tokenChannel.hasSubscribers) tokenChannel.publish({ token: 'msToken', fallback: 'fake', error });
      return generateFakeMsToken({ random: this.#hooks.random });
    }
  }

  ensureTtwid(signal?: AbortSignal): Promise<void> {
    this.#ttwid ??= (async () => {
      if (parseCookieHeader(this.#options.cookie).some(([name]) => name === 'ttwid')) return;
      try {
        const ttwid = await fetchTtwid({
          got: this.#http.got, host: this.#options.hosts.ttwid, userAgent: this.#options.userAgent,
          timeoutMs: this.#options.timeoutMs, signal,
        });
        for (const host of [this.#options.hosts.www, this.#options.hosts.live, this.#options.hosts.webcast]) {
          this.#http.cookieJar.setCookieSync(`ttwid=${ttwid}; Path=/`, host, { ignoreError: true });
        }
      } catch (error) {
        if (tokenChannel.hasSubscribers) tokenChannel.publish({ token: 'ttwid', fallback: 'none', error });
      }
    })();
    return this.#ttwid;
  }
}

const BARE_ID: Record<DouyinIdKind, RegExp> = {
  sec_user_id: /^(?!\d+$)[A-Za-z0-9_-]{16,}$/,
  aweme_id: /^\d{6,30}$/,
  mix_id: /^\d{6,30}$/,
  webcast_id: /^\d{3,30}$/,
  room_id: /^\d{6,30}$/,
};

/**
 * Reads ids from a bare id, a URL or pasted share text; short links are requested at
 * `hosts.shortLink` through the client's transport (proxy and cookies included).
 */
function createIdResolver(options: Readonly<ResolvedOptions>, http: HttpClient): IdResolver {
  const shortOrigin = new URL(options.hosts.shortLink);
  const resolve = (kind: DouyinIdKind) => async (input: string, o?: CallOptions) => {
    if (typeof input === 'string' && BARE_ID[kind].test(input.trim())) return input.trim();
    const base: GetIdOptions = { got: http.got, userAgent: options.userAgent, timeoutMs: options.timeoutMs, signal: o?.signal };
    const url = typeof input === 'string' ? extract_valid_urls(input) : null;
    if (url && isShortLink(url, options.hosts.shortLinkHosts) && !isShortLink(url, [shortOrigin.hostname])) {
      const u = new URL(url.replace(/[^\x21-\x7e].*$/su, ''));
      const moved = `${shortOrigin.origin}${u.pathname}${u.search}`;
      return getId(kind, moved, { ...base, shortLinkHosts: [...options.hosts.shortLinkHosts, shortOrigin.hostname] });
    }
    return getId(kind, input, { ...base, shortLinkHosts: options.hosts.shortLinkHosts });
  };
  return {
    secUserId: resolve('sec_user_id'),
    awemeId: resolve('aweme_id'),
    mixId: resolve('mix_id'),
    webcastId: resolve('webcast_id'),
    roomId: resolve('room_id'),
  };
}

/**
 * The douyin-kit client: F2's DouyinHandler methods (`fetchUserPostVideos`, `fetchOneVideo`, …)
 * over one HTTP transport, one signer and one token source.
 * @example
 * const dk = new DouyinKit({ cookie });
 * for await (const page of dk.fetchUserPostVideos('https://www.douyin.com/user/MS4wLjABAAAA…')) {
 *   for (const post of page.items) console.log(post.aweme_id, post.desc);
 * }
 */
export class DouyinKit extends DouyinHandler {
  readonly options: Readonly<ResolvedOptions>;
  readonly http: HttpClient;
  readonly tokens: ClientTokens;

  constructor(options: DouyinKitOptions = {}, hooks: DouyinKitHooks = {}) {
    const resolved = resolveOptions(options);
    const http = createHttpClient(resolved);
    const signerOptions: BuiltinSignerOptions = {};
    if (hooks.random) signerOptions.random = hooks.random;
    if (hooks.clock) signerOptions.clock = hooks.clock;
    const signer = resolveSigner(resolved.signer ?? resolved.encryption, signerOptions);
    const tokens = new ClientTokens(resolved, http, hooks);
    const crawler = new DouyinCrawler(resolved, { signer, tokens, http, ...(hooks.clock ? { now: hooks.clock } : {}) });
    super(crawler, createIdResolver(resolved, http));
    this.options = resolved;
    this.http = http;
    this.tokens = tokens;
  }

  /** Closes the connection pool. */
  close(): void {
    this.http.close();
  }
}
