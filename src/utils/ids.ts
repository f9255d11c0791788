/**
 * Ids from Douyin URLs and pasted share text, offline. F2's rules first (its regexes, in its
 * order, on the whole URL string), so every id F2 finds is found the same; then forms F2 does not
 * know (see `EXTRA_RULES`). Short links (`v.douyin.com`) carry no id: resolve them first
 * (`crawler/resolve-share-url.ts`).
 */
import { InvalidInputError, redactSecrets } from '../errors.js';
import { PY_WHITESPACE_CLASS, pyTypeName } from './python-compat.js';

export type DouyinIdKind = 'sec_user_id' | 'aweme_id' | 'mix_id' | 'webcast_id' | 'room_id';

/** Hosts whose URLs are short links to be resolved by following redirects (subdomains included). */
export const DEFAULT_SHORT_LINK_HOSTS: readonly string[] = Object.freeze(['v.douyin.com']);

/** F2's `https?://\S+` with Python's idea of whitespace. */
const URL_RE = new RegExp(`https?://[^${PY_WHITESPACE_CLASS}]+`, 'g');

/**
 * F2's `extract_valid_urls`: for a string, the first `https?://\S+` match or `null`; for a list,
 * every match in every string, flattened. Other input gives `null`, as in F2.
 */
export function extract_valid_urls(inputs: string): string | null;
export function extract_valid_urls(inputs: readonly string[]): string[];
export function extract_valid_urls(inputs: unknown): string | string[] | null;
export function extract_valid_urls(inputs: unknown): string | string[] | null {
  if (typeof inputs === 'string') return inputs.match(new RegExp(URL_RE.source))?.[0] ?? null;
  if (Array.isArray(inputs)) {
    return inputs.flatMap((item: unknown, index) => {
      if (typeof item !== 'string') {
        throw new InvalidInputError(`Expected a list of strings, but item ${index} is '${pyTypeName(item)}'`);
      }
      return item.match(URL_RE) ?? [];
    });
  }
  return null;
}

/** Whether `url`'s host is one of `hosts` or a subdomain of one (F2: `v.douyin.com` / `*.v.douyin.com`). */
export function isShortLink(url: string, hosts: readonly string[] = DEFAULT_SHORT_LINK_HOSTS): boolean {
  const host = hostOf(url);
  if (host === null) return false;
  return hosts.some((h) => {
    const wanted = h.toLowerCase();
    return host === wanted || host.endsWith(`.${wanted}`);
  });
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

const F2_RULES: Record<DouyinIdKind, readonly RegExp[]> = {
  sec_user_id: [/user\/([^/?]*)/, /sec_uid=([^&]*)/],
  aweme_id: [/video\/([^/?]*)/, /note\/([^/?]*)/],
  mix_id: [/collection\/([^/?]*)/],
  webcast_id: [/live\/([^/?]*)/, /http[s]?:\/\/live.douyin.com\/(\d+)/, /reflow\/([^/?]*)/],
  room_id: [/reflow\/([^/?]*)/],
};

interface ExtraRules {
  /** Applied to the parsed URL's path. */
  path: readonly RegExp[];
  /** Query parameters, in order. */
  query: readonly string[];
}

/** Forms beyond F2: image posts (`/slides/`), posts opened over a page (`modal_id=`), mixes. */
const EXTRA_RULES: Record<DouyinIdKind, ExtraRules> = {
  sec_user_id: { path: [/\/user\/([^/]+)/], query: ['sec_uid', 'sec_user_id'] },
  aweme_id: { path: [/\/(?:video|note|slides)\/([^/]+)/], query: ['modal_id', 'aweme_id'] },
  mix_id: { path: [/\/collection\/([^/]+)/, /\/mix\/detail\/([^/]+)/, /\/mix\/([^/]+)/], query: ['mix_id'] },
  webcast_id: { path: [/\/live\/([^/]+)/], query: ['web_rid'] },
  room_id: { path: [/\/reflow\/([^/]+)/], query: ['room_id', 'roomId'] },
};

const VALID: Record<DouyinIdKind, RegExp> = {
  // sec_uid is URL-safe base64 ("MS4wLjABAAAA…"); a bare number in /share/user/<uid> is a uid.
  sec_user_id: /^(?!\d+$)(?!self$)[A-Za-z0-9_-]{4,}$/,
  aweme_id: /^\d+$/,
  mix_id: /^\d+$/,
  webcast_id: /^\d+$/,
  room_id: /^\d+$/,
};

const EXAMPLES: Record<DouyinIdKind, string> = {
  sec_user_id: 'https://www.douyin.com/user/<sec_user_id>',
  aweme_id: 'https://www.douyin.com/video/<aweme_id>, /note/<aweme_id>, /slides/<aweme_id> or ?modal_id=<aweme_id>',
  mix_id: 'https://www.douyin.com/collection/<mix_id> or /mix/detail/<mix_id>',
  webcast_id: 'https://live.douyin.com/<webcast_id>',
  room_id: 'https://webcast.amemv.com/douyin/webcast/reflow/<room_id> (an app share link)',
};

export interface ExtractIdOptions {
  /** Short-link hosts (default `DEFAULT_SHORT_LINK_HOSTS`), for a clearer error. */
  shortLinkHosts?: readonly string[];
  /**
   * The URL is where a short link led: for `sec_user_id`, prefer the `sec_uid` parameter (F2
   * does, since such targets may carry a numeric uid in the path).
   */
  fromShortLink?: boolean;
}

/** The id of `kind` in one URL, or `null`. No validation errors: for callers that try kinds. */
export function findIdInUrl(kind: DouyinIdKind, url: string, options: ExtractIdOptions = {}): string | null {
  const valid = VALID[kind];
  const f2Rules = kind === 'sec_user_id' && options.fromShortLink ? [...F2_RULES.sec_user_id].reverse() : F2_RULES[kind];
  for (const rule of f2Rules) {
    const id = rule.exec(url)?.[1];
    if (id !== undefined && valid.test(id)) return id;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const extra = EXTRA_RULES[kind];
  const queryFirst = kind === 'sec_user_id' && options.fromShortLink;
  const fromPath = () => {
    for (const rule of extra.path) {
      const id = rule.exec(parsed.pathname)?.[1];
      if (id !== undefined && valid.test(id)) return id;
    }
    return null;
  };
  const fromQuery = () => {
    for (const name of extra.query) {
      const id = parsed.searchParams.get(name);
      if (id !== null && valid.test(id)) return id;
    }
    return null;
  };
  return queryFirst ? (fromQuery() ?? fromPath()) : (fromPath() ?? fromQuery());
}

/**
 * The id of `kind` in `input` (a URL or pasted share text; the first URL in it is used).
 * Throws `InvalidInputError` saying what was expected when there is none.
 */
export function extractId(kind: DouyinIdKind, input: string, options: ExtractIdOptions = {}): string {
  if (typeof input !== 'string') {
    throw new InvalidInputError(`Expected a string (URL or share text) for ${kind}, got '${pyTypeName(input)}'`);
  }
  const url = extract_valid_urls(input);
  if (url === null) {
    throw new InvalidInputError(`No http(s) URL in the input; expected a ${kind} link such as ${EXAMPLES[kind]}`, {
      hint: 'Paste the share text or the page URL from douyin.com.',
    });
  }
  const id = findIdInUrl(kind, url, options);
  if (id !== null) return id;
  if (isShortLink(url, options.shortLinkHosts)) {
    throw new InvalidInputError(`${describeUrl(url)} is a short link; it has to be resolved before its ${kind} can be read`, {
      hint: 'Use the crawler helpers (getAwemeId, getSecUserId, …) or resolveShareUrl(), which follow the redirect.',
    });
  }
  throw new InvalidInputError(`No ${kind} in ${describeUrl(url)}; expected a URL such as ${EXAMPLES[kind]}`);
}

/** Batch form: every URL in every input string (F2's list semantics); throws on the first without an id. */
export function extractIds(kind: DouyinIdKind, inputs: readonly string[], options: ExtractIdOptions = {}): string[] {
  if (!Array.isArray(inputs)) throw new InvalidInputError(`Expected a list of URLs for ${kind}, got '${pyTypeName(inputs)}'`);
  const urls = extract_valid_urls(inputs as readonly string[]);
  if (urls.length === 0) {
    throw new InvalidInputError(`No http(s) URL in the ${inputs.length} inputs; expected ${kind} links such as ${EXAMPLES[kind]}`);
  }
  return urls.map((url) => extractId(kind, url, options));
}

/** A URL for an error message: secrets redacted, long query cut. */
export function describeUrl(url: string): string {
  const safe = redactSecrets(url);
  return JSON.stringify(safe.length > 160 ? `${safe.slice(0, 157)}...` : safe);
}

export const extractSecUserId = (input: string, options?: ExtractIdOptions) => extractId('sec_user_id', input, options);
export const extractAwemeId = (input: string, options?: ExtractIdOptions) => extractId('aweme_id', input, options);
export const extractMixId = (input: string, options?: ExtractIdOptions) => extractId('mix_id', input, options);
export const extractWebcastId = (input: string, options?: ExtractIdOptions) => extractId('webcast_id', input, options);
export const extractRoomId = (input: string, options?: ExtractIdOptions) => extractId('room_id', input, options);

export const extractSecUserIds = (inputs: readonly string[], options?: ExtractIdOptions) => extractIds('sec_user_id', inputs, options);
export const extractAwemeIds = (inputs: readonly string[], options?: ExtractIdOptions) => extractIds('aweme_id', inputs, options);
export const extractMixIds = (inputs: readonly string[], options?: ExtractIdOptions) => extractIds('mix_id', inputs, options);
export const extractWebcastIds = (inputs: readonly string[], options?: ExtractIdOptions) => extractIds('webcast_id', inputs, options);
export const extractRoomIds = (inputs: readonly string[], options?: ExtractIdOptions) => extractIds('room_id', inputs, options);
