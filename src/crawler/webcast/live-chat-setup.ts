/**
 * The steps before a live-chat websocket opens, as functions of the kit: the device id
 * (query/user, else generated), the preload (im/fetch, else made-up values), and the handshake
 * headers (cookies with the ttwid, the page's Origin and Referer, one user agent).
 */
import type { LiveChatHost } from './live-chat-room.js';
import { fallbackPreload, generateUserUniqueId, LIVE_PAGE_ORIGIN, pushEndpoint } from './live-chat-url.js';

/** query/user's `id` (F2's way), else a generated 19-digit id (biliup's): the server does not bind it to the cookie. */
export async function obtainUserUniqueId(host: LiveChatHost, signal: AbortSignal, random: () => number): Promise<string> {
  try {
    const id = (await host.fetchQueryUser({ signal })).user_unique_id;
    if (id && /^\d{1,20}$/.test(id) && id !== '0') return id;
  } catch (error) {
    if (signal.aborted) throw error;
  }
  return generateUserUniqueId(random);
}

export interface Preload {
  cursor: string;
  internalExt: string;
  /** im/fetch's push_server, when it named a usable one. */
  pushServer: string | null;
  /** The values came from im/fetch (false: made up, the stream starts at the live edge). */
  fetched: boolean;
}

/** im/fetch (`resp_content_type=json`, as F2) for the first cursor and internal_ext; made-up values when it fails. */
export async function preload(
  host: LiveChatHost,
  roomId: string,
  userUniqueId: string,
  options: { enabled: boolean; random: () => number; signal: AbortSignal },
): Promise<Preload> {
  if (options.enabled) {
    try {
      const im = await host.fetchLiveIm(roomId, userUniqueId, { signal: options.signal });
      if ((im.status_code === 0 || im.status_code === null) && im.cursor && im.internal_ext) {
        const extra = (im.raw as { extra?: { push_server?: unknown } } | null)?.extra;
        const push = typeof extra?.push_server === 'string' ? pushEndpoint(extra.push_server) : null;
        return { cursor: im.cursor, internalExt: im.internal_ext, pushServer: push, fetched: true };
      }
    } catch (error) {
      if (options.signal.aborted) throw error;
    }
  }
  return { ...fallbackPreload(roomId, userUniqueId, Date.now(), options.random), pushServer: null, fetched: false };
}

/** Push endpoints to try, in order: push_server (when wanted), `hosts.webcastWs`, then the fallbacks; no repeats. */
export function pushCandidates(pushServer: string | null, configured: string, fallbacks: readonly string[]): string[] {
  const all = [pushServer, configured, ...fallbacks].map((h) => (h ? pushEndpoint(h) : null));
  return [...new Set(all.filter((h): h is string => h !== null))];
}

/** The handshake headers: User-Agent, Origin, Referer (the room page) and the kit's cookies including ttwid. */
export function pushHeaders(host: LiveChatHost, url: string, webcastId: string | null): Record<string, string> {
  let cookie = host.http.cookieHeader(url);
  if (!/(?:^|;\s*)ttwid=/.test(cookie)) {
    // A registered ttwid sits in the jar under the live host; the push host needs it too.
    const ttwid = /(?:^|;\s*)(ttwid=[^;]*)/.exec(host.http.cookieHeader(host.options.hosts.live))?.[1];
    if (ttwid) cookie = cookie ? `${cookie}; ${ttwid}` : ttwid;
  }
  return {
    'User-Agent': host.options.userAgent,
    Origin: LIVE_PAGE_ORIGIN,
    Referer: `${LIVE_PAGE_ORIGIN}/${webcastId ?? ''}`,
    'Accept-Language': 'zh-CN,zh;q=0.9',
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
    ...(cookie ? { Cookie: cookie } : {}),
  };
}
