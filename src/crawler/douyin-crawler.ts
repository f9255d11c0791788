import { resolveOptions, type DouyinKitOptions, type ResolvedOptions } from '../options.js';
import { signRequest, type Signer } from '../utils/signer.js';
import { BASE_PARAMS, buildQuery, paramValue, type Params } from './base-params.js';
import type { EndpointParams } from './endpoint-params.js';
import { ENDPOINTS, type EndpointDef, type EndpointId } from './endpoints.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { RequestExecutor, type ExecutorHooks } from './request-executor.js';

/** Where msTokens and verifyFp values come from. */
export interface TokenSource {
  msToken(signal?: AbortSignal): Promise<string>;
  verifyFp(): string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CrawlerDeps extends ExecutorHooks {
  signer: Signer;
  tokens: TokenSource;
  http?: HttpClient;
}

/** Raw JSON as Douyin sent it (64-bit ids as bigint, see utils/json). */
export type RawResponse = Record<string, unknown>;

/**
 * One method per Douyin endpoint, each returning the raw JSON; everything about an endpoint
 * lives in the `ENDPOINTS` table and goes through the one request executor.
 */
export class DouyinCrawler {
  readonly options: Readonly<ResolvedOptions>;
  readonly http: HttpClient;
  readonly #executor: RequestExecutor;
  readonly #deps: CrawlerDeps;
  readonly #ownsHttp: boolean;

  constructor(options: DouyinKitOptions | Readonly<ResolvedOptions>, deps: CrawlerDeps) {
    this.options = isResolved(options) ? options : resolveOptions(options);
    this.#deps = deps;
    this.#ownsHttp = !deps.http;
    this.http = deps.http ?? createHttpClient(this.options);
    this.#executor = new RequestExecutor(this.http, this.options, deps);
  }

  get executor(): RequestExecutor {
    return this.#executor;
  }

  /** Calls an endpoint by id with the caller's params over the table's defaults. */
  async request<Id extends EndpointId>(id: Id, params: EndpointParams[Id], options: CallOptions = {}): Promise<RawResponse> {
    const def: EndpointDef = ENDPOINTS[id];
    const query: Params = { ...BASE_PARAMS[def.base], ...def.params, ...(params as Params) };
    if (def.msToken) query.msToken = await this.#deps.tokens.msToken(options.signal);
    const base = this.options.hosts[def.host];
    const referer = def.host === 'www' ? `${this.options.hosts.www}/` : `${this.options.hosts.live}/`;
    return this.#executor.execute({
      endpoint: id,
      method: def.method,
      referer,
      signal: options.signal,
      build: async () => {
        if (def.base === 'live2') query.verifyFp = this.#deps.tokens.verifyFp();
        const body = def.body ? encodeBody(def.body, query) : undefined;
        let qs = buildQuery(query);
        if (def.sign) {
          const request = { method: def.method, query: qs, body: body?.text ?? '', userAgent: this.options.userAgent };
          qs = (await signRequest(this.#deps.signer, request, { signal: options.signal })).query;
        }
        return { url: `${base}${def.path}?${qs}`, body: body?.text, contentType: body?.contentType };
      },
    });
  }

  fetchUserProfile(p: EndpointParams['userProfile'], o?: CallOptions) { return this.request('userProfile', p, o); }
  fetchUserPost(p: EndpointParams['userPost'], o?: CallOptions) { return this.request('userPost', p, o); }
  fetchUserLike(p: EndpointParams['userLike'], o?: CallOptions) { return this.request('userLike', p, o); }
  fetchUserCollection(p: EndpointParams['userCollection'], o?: CallOptions) { return this.request('userCollection', p, o); }
  fetchUserCollects(p: EndpointParams['userCollects'], o?: CallOptions) { return this.request('userCollects', p, o); }
  fetchUserCollectsVideo(p: EndpointParams['userCollectsVideo'], o?: CallOptions) { return this.request('userCollectsVideo', p, o); }
  fetchUserMusicCollection(p: EndpointParams['userMusicCollection'], o?: CallOptions) { return this.request('userMusicCollection', p, o); }
  fetchUserMix(p: EndpointParams['mixAweme'], o?: CallOptions) { return this.request('mixAweme', p, o); }
  fetchPostDetail(p: EndpointParams['postDetail'], o?: CallOptions) { return this.request('postDetail', p, o); }
  fetchPostComment(p: EndpointParams['postComment'], o?: CallOptions) { return this.request('postComment', p, o); }
  fetchPostCommentReply(p: EndpointParams['postCommentReply'], o?: CallOptions) { return this.request('postCommentReply', p, o); }
  fetchPostFeed(p: EndpointParams['tabFeed'], o?: CallOptions) { return this.request('tabFeed', p, o); }
  fetchFollowFeed(p: EndpointParams['followFeed'], o?: CallOptions) { return this.request('followFeed', p, o); }
  fetchFriendFeed(p: EndpointParams['friendFeed'], o?: CallOptions) { return this.request('friendFeed', p, o); }
  fetchPostRelated(p: EndpointParams['postRelated'], o?: CallOptions) { return this.request('postRelated', p, o); }
  fetchLocatePost(p: EndpointParams['locatePost'], o?: CallOptions) { return this.request('locatePost', p, o); }
  fetchUserFollowing(p: EndpointParams['userFollowing'], o?: CallOptions) { return this.request('userFollowing', p, o); }
  fetchUserFollower(p: EndpointParams['userFollower'], o?: CallOptions) { return this.request('userFollower', p, o); }
  fetchQueryUser(o?: CallOptions) { return this.request('queryUser', {}, o); }
  fetchPostStats(p: EndpointParams['postStats'], o?: CallOptions) { return this.request('postStats', p, o); }
  fetchHomePostSearch(p: EndpointParams['homePostSearch'], o?: CallOptions) { return this.request('homePostSearch', p, o); }
  fetchSuggestWord(p: EndpointParams['suggestWords'], o?: CallOptions) { return this.request('suggestWords', p, o); }
  fetchFollowingLive(o?: CallOptions) { return this.request('followingLive', {}, o); }
  fetchLive(p: EndpointParams['liveWebEnter'], o?: CallOptions) { return this.request('liveWebEnter', p, o); }
  fetchLiveRoomId(p: EndpointParams['liveReflowInfo'], o?: CallOptions) { return this.request('liveReflowInfo', p, o); }
  fetchLiveImFetch(p: EndpointParams['liveImFetch'], o?: CallOptions) { return this.request('liveImFetch', p, o); }
  fetchUserLiveStatus(p: EndpointParams['userLiveStatus'], o?: CallOptions) { return this.request('userLiveStatus', p, o); }

  close(): void {
    if (this.#ownsHttp) this.http.close();
  }
}

function encodeBody(spec: NonNullable<EndpointDef['body']>, query: Params): { text: string; contentType: string } {
  const picked: Params = {};
  for (const key of spec.keys) if (key in query) picked[key] = query[key]!;
  if (spec.format === 'json') return { text: JSON.stringify(picked), contentType: 'application/json; charset=utf-8' };
  const form = Object.entries(picked).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(paramValue(v))}`).join('&');
  return { text: form, contentType: 'application/x-www-form-urlencoded; charset=UTF-8' };
}

function isResolved(o: DouyinKitOptions | Readonly<ResolvedOptions>): o is Readonly<ResolvedOptions> {
  return Object.isFrozen(o) && typeof (o as ResolvedOptions).hosts?.webcastWs === 'string' && 'circuitBreakerThreshold' in o;
}
