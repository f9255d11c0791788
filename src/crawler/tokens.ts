/**
 * Tokens fetched from ByteDance's endpoints, as F2's `TokenManager` does: a real `msToken`
 * (mssdk), `ttwid` (ttwid register) and `webid` (mcs). Request bodies are byte-identical to
 * F2's. Failures are typed (`HttpError`, `TokenError`, `NetworkError`, `TimeoutError`,
 * `AbortError`) and messages never contain a token value.
 */
import gotDefault, { type Got } from 'got';
import { HttpError, TokenError, redactSecrets } from '../errors.js';
import { DEFAULT_HOSTS, DEFAULT_USER_AGENT } from '../options.js';
import { idString, parseJson } from '../utils/json.js';
import { pyJsonDumps } from '../utils/python-compat.js';
import { DEFAULT_MS_TOKEN_STR_DATA } from './ms-token-str-data.js';
import { toDouyinKitError } from './request-executor.js';

export { DEFAULT_MS_TOKEN_STR_DATA };

export interface TokenRequestOptions {
  /** The got instance to use (the crawler's, with its proxy). Default: got with no retries. */
  got?: Got;
  signal?: AbortSignal;
  /** Sent as User-Agent (and, for webid, in the body). @default DEFAULT_USER_AGENT (F2's Edge 130) */
  userAgent?: string;
  /** @default 10_000 (F2's) */
  timeoutMs?: number;
  /** Origin of the endpoint (e.g. an emulator). Ignored when `url` is given. */
  host?: string;
  /** The full endpoint URL, query included. */
  url?: string;
}

/** The `msToken` query value F2 sends to the token endpoint (from its `conf.yaml`). */
const MS_TOKEN_QUERY_TOKEN =
  'T4bNG9W2rKF7hBNwaYssDErnJEobDAk641DFaOn4hcsfAM8slpbZeKPM4Ml4rhDQq18iY8nQ0JR3J87SLZtDiDqtZdZawfBjCWAgtolQsoEtG6MLETvo4fwr7F28zGJUFDdJgKEZHibNR0QshVBv28ygsQsJDzerKAtsgj9Pn5WsxyS1vfkiX3I%3D';

export const msTokenUrl = (host: string = DEFAULT_HOSTS.msToken) => `${trimSlash(host)}/web/r/token?ms_appid=6383&msToken=${MS_TOKEN_QUERY_TOKEN}`;
export const ttwidUrl = (host: string = DEFAULT_HOSTS.ttwid) => `${trimSlash(host)}/ttwid/union/register/`;
export const webidUrl = (host: string = DEFAULT_HOSTS.webid) => `${trimSlash(host)}/webid?aid=6383&sdk_version=5.1.18_zip&device_platform=web`;

/** The body F2 posts to register a ttwid, verbatim. */
export const TTWID_REGISTER_BODY =
  '{"region":"cn","aid":1768,"needFid":false,"service":"www.ixigua.com","migrate_info":{"ticket":"","source":"node"},"cbUrlProtocol":"https","union":true}';

/** msToken lengths the endpoint gives for a valid token (F2 accepts only these). */
export const MS_TOKEN_VALID_LENGTHS: readonly number[] = Object.freeze([164, 184]);

function trimSlash(host: string): string {
  return host.replace(/\/+$/, '');
}

const defaultGot = gotDefault.extend({ retry: { limit: 0 } });

interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function post(endpoint: string, url: string, body: string, headers: Record<string, string>, options: TokenRequestOptions): Promise<Answer> {
  const client = options.got ?? defaultGot;
  let answer: Answer;
  try {
    const response = await client.post(url, {
      body,
      headers: { ...headers, 'user-agent': options.userAgent ?? DEFAULT_USER_AGENT },
      throwHttpErrors: false,
      followRedirect: false,
      timeout: { request: options.timeoutMs ?? 10_000 },
      signal: options.signal,
      responseType: 'text',
    });
    answer = { statusCode: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    throw toDouyinKitError(error, endpoint, options.signal);
  }
  if (answer.statusCode < 200 || answer.statusCode >= 300) {
    throw new HttpError(answer.statusCode, `HTTP ${answer.statusCode} from ${redactSecrets(url)}`, { endpoint });
  }
  return answer;
}

/** The value of the last `Set-Cookie` named `name`, or `undefined`. */
export function responseCookie(headers: Answer['headers'], name: string): string | undefined {
  const raw = headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  let value: string | undefined;
  for (const line of list) {
    const pair = line.split(';', 1)[0]!;
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() === name) value = pair.slice(eq + 1).trim();
  }
  return value;
}

export interface MsTokenOptions extends TokenRequestOptions {
  /** @default DEFAULT_MS_TOKEN_STR_DATA (F2 conf.yaml) */
  strData?: string;
  /** @default 538969122 */
  magic?: number;
  /** @default 1 */
  version?: number;
  /** @default 8 */
  dataType?: number;
  /** @default 0 */
  ulr?: number;
  /** Clock for `tspFromClient` (epoch ms). @default Date.now */
  now?: () => number;
}

/** The JSON body F2 posts for an msToken: Python `json.dumps` with its default separators. */
export function msTokenRequestBody(options: MsTokenOptions = {}): string {
  return pyJsonDumps({
    magic: options.magic ?? 538969122,
    version: options.version ?? 1,
    dataType: options.dataType ?? 8,
    strData: options.strData ?? DEFAULT_MS_TOKEN_STR_DATA,
    ulr: options.ulr ?? 0,
    tspFromClient: Math.trunc((options.now ?? Date.now)()),
  });
}

/** A real msToken: the `msToken` cookie of the mssdk token endpoint, 164 or 184 characters long. */
export async function fetchRealMsToken(options: MsTokenOptions = {}): Promise<string> {
  const endpoint = 'msToken';
  const url = options.url ?? msTokenUrl(options.host);
  const answer = await post(endpoint, url, msTokenRequestBody(options), { 'content-type': 'application/json; charset=utf-8' }, options);
  const token = responseCookie(answer.headers, 'msToken');
  if (token === undefined) {
    throw new TokenError('The msToken endpoint answered without an msToken cookie', {
      endpoint,
      hint: 'The strData may be outdated; use a fake msToken or pass a newer strData.',
    });
  }
  if (!MS_TOKEN_VALID_LENGTHS.includes(token.length)) {
    throw new TokenError(`The msToken endpoint gave a token of unexpected length ${token.length} (expected 164 or 184)`, { endpoint });
  }
  return token;
}

export interface TtwidOptions extends TokenRequestOptions {
  /** @default TTWID_REGISTER_BODY */
  body?: string;
}

/** A fresh `ttwid` cookie value from the ttwid register endpoint. */
export async function fetchTtwid(options: TtwidOptions = {}): Promise<string> {
  const endpoint = 'ttwid';
  const url = options.url ?? ttwidUrl(options.host);
  const answer = await post(endpoint, url, options.body ?? TTWID_REGISTER_BODY, { 'content-type': 'application/json; charset=utf-8' }, options);
  const ttwid = responseCookie(answer.headers, 'ttwid');
  if (!ttwid) throw new TokenError('The ttwid endpoint answered without a ttwid cookie', { endpoint });
  return ttwid;
}

export interface WebidOptions extends TokenRequestOptions {
  /** Page the webid is for (body `referer`/`url` and the Referer header). @default 'https://www.douyin.com/' */
  referer?: string;
  /** @default 6383 (douyin web) */
  appId?: number;
}

/** The JSON body F2 posts for a webid (Python `json.dumps`, keys in F2's order). */
export function webidRequestBody(options: WebidOptions = {}): string {
  const referer = options.referer ?? 'https://www.douyin.com/';
  return pyJsonDumps({
    app_id: options.appId ?? 6383,
    referer,
    url: referer,
    user_agent: options.userAgent ?? DEFAULT_USER_AGENT,
    user_unique_id: '',
  });
}

/** A `webid` (`web_id` of the mcs endpoint's JSON answer), as a decimal string. */
export async function fetchWebid(options: WebidOptions = {}): Promise<string> {
  const endpoint = 'webid';
  const url = options.url ?? webidUrl(options.host);
  const answer = await post(
    endpoint,
    url,
    webidRequestBody(options),
    { 'content-type': 'application/json; charset=UTF-8', referer: options.referer ?? 'https://www.douyin.com/' },
    options,
  );
  let data: unknown;
  try {
    data = parseJson(answer.body);
  } catch (cause) {
    throw new TokenError(`The webid endpoint answered with a body that is not JSON (${answer.body.length} bytes)`, { endpoint, cause });
  }
  const webid = typeof data === 'object' && data !== null ? idString((data as Record<string, unknown>).web_id) : null;
  if (!webid) throw new TokenError('The webid endpoint answered without a web_id', { endpoint });
  return webid;
}
