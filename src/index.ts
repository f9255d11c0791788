/**
 * douyin-kit: crawl Douyin's web API, download its media, record live rooms and their chat,
 * relay lives to Volcengine. The emulator lives at `douyin-kit/emulator`.
 */
export * from './errors.js';

// Client and options
export { DouyinKit, type DouyinKitHooks } from './douyin-kit.js';
export {
  DEFAULT_HOSTS,
  DEFAULT_OPTIONS,
  DEFAULT_USER_AGENT,
  resolveOptions,
  validateOptions,
  type DouyinKitHosts,
  type DouyinKitOptions,
  type ResolvedOptions,
} from './options.js';
export { hostsFor, loadConfigFile, optionsFromEnv, parseConfigYaml, type ConfigFileContent } from './config-file.js';

// Handler: F2's paginating generators
export { DouyinHandler, type FollowListOptions, type IdResolver, type ListOptions } from './handler/douyin-handler.js';
export { paginate, type PageOptions, type PagedEndpointId, type PaginateSpec } from './handler/paginate.js';
export { parseDateWindow, type DateWindow } from './handler/date-window.js';
export { deleteRelay, pickFlvUrl, relayLiveToVolcengine, stopRelay, type RelayOptions, type RelayResult } from './handler/relay-live.js';
export { LIVE_QUALITIES, type LiveQuality } from './utils/live-quality.js';

// Crawler: one method per endpoint, raw JSON
export { DouyinCrawler, type CallOptions, type CrawlerDeps, type RawResponse, type TokenSource } from './crawler/douyin-crawler.js';
export { ENDPOINTS, type EndpointDef, type EndpointId, type FilterName, type PageSpec } from './crawler/endpoints.js';
export type { EndpointParams } from './crawler/endpoint-params.js';
export { BASE_PARAMS, buildQuery, type ParamFamily, type Params } from './crawler/base-params.js';
export { createHttpClient, parseCookieHeader, type HttpClient } from './crawler/http-client.js';
export { classifyResponse, type Classified, type ReceivedResponse } from './crawler/classify-response.js';
export { RequestExecutor } from './crawler/request-executor.js';
export {
  getAwemeId,
  getAwemeIds,
  getId,
  getIds,
  getMixId,
  getMixIds,
  getRoomId,
  getSecUserId,
  getSecUserIds,
  getWebcastId,
  resolveShareUrl,
  type GetIdOptions,
  type ResolveShareUrlOptions,
} from './crawler/resolve-share-url.js';
export { fetchRealMsToken, fetchTtwid, fetchWebid, type MsTokenOptions, type TtwidOptions, type WebidOptions } from './crawler/tokens.js';

// Filters: raw JSON → F2-named records
export * from './filter/index.js';

// Volcengine Live
export {
  VOLCENGINE_LIVE_ACTIONS,
  VolcengineLiveClient,
  buildSignedRequest as buildVolcengineRequest,
  credentialsFromEnv,
  signRequest as signVolcengineRequest,
  type CallOptions as VolcengineCallOptions,
  type VolcengineCredentials,
  type VolcengineLiveAction,
  type VolcengineLiveClientOptions,
} from './crawler/volcengine/index.js';

// Signing, tokens and ids (pure)
export {
  BUILTIN_SIGNER_VERSION,
  appendSignatureParam,
  createABogusSigner,
  createXBogusSigner,
  isSigner,
  resolveSigner,
  signRequest,
  type BuiltinSignerOptions,
  type SignRequest,
  type SignResult,
  type Signer,
  type SignerSpec,
} from './utils/signer.js';
export { XBogus, signXBogus, xBogusModelToEndpoint, xBogusStrToEndpoint } from './utils/x-bogus.js';
export { computeABogus, createABogusState } from './utils/a-bogus.js';
export { ABogus, aBogusModelToEndpoint, aBogusStrToEndpoint, signABogus } from './utils/a-bogus-session.js';
export { generateBrowserFingerprint, type BrowserType } from './utils/browser-fingerprint.js';
export { generateSVWebId, generateVerifyFp } from './utils/verify-fp.js';
export { generateFakeMsToken } from './utils/fake-ms-token.js';
export {
  WebcastSigner,
  computeWebcastSignature,
  computeWebcastSignatureForRoom,
  webcastXMsStub,
} from './utils/webcast-signature.js';
export { cryptoRandomSource, randomSourceFromFloats, type Clock, type RandomSource } from './utils/signing-random.js';
export {
  extractAwemeId,
  extractId,
  extractMixId,
  extractRoomId,
  extractSecUserId,
  extractWebcastId,
  extract_valid_urls,
  isShortLink,
  type DouyinIdKind,
} from './utils/ids.js';
export { json_2_lrc } from './utils/lrc.js';
export { format_file_name, replaceT, split_filename, timestamp_2_str } from './utils/f2-text.js';
export { safeJoin, sanitizeFileName } from './utils/safe-filename.js';
export { DEFAULT_NAMING_TEMPLATE, formatNameParts, formatNameStem } from './utils/naming.js';
export { idString, parseJson, stringifyJson } from './utils/json.js';
export { calculateRetryDelay, parseRetryAfter, type RetryDelayInput } from './utils/calculate-retry-delay.js';

// Live: chat client and webcast protocol
export * from './crawler/webcast/index.js';

// Downloads, archive and live recording
export * from './dl/index.js';
export * from './dl/bulk/index.js';
export * from './dl/live/index.js';
