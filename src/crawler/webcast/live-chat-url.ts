/**
 * The live-chat websocket URL (webcast-protocol.md §3): every parameter Douyin's web client
 * sends, in its order, with the native `signature` (§4), plus the pieces around it (push host,
 * made-up cursor/internal_ext when im/fetch fails, a generated user_unique_id).
 */

/** The path every push host serves. */
export const IM_PUSH_PATH = '/webcast/im/push/v2/';
/** What `webcastRawString` signs; the URL must carry the same value. */
export const WEBCAST_SDK_VERSION = '1.0.14-beta.0';
/** The page a browser opens the websocket from. */
export const LIVE_PAGE_ORIGIN = 'https://live.douyin.com';

export interface PushUrlInput {
  /** `wss://host`, `wss://host/webcast/im/push/v2/` or a bare host. */
  base: string;
  roomId: string;
  userUniqueId: string;
  cursor: string;
  internalExt: string;
  signature: string;
  /** The User-Agent header; `browser_version` is it without `Mozilla/`. */
  userAgent: string;
}

/** Python's `quote(s, safe="")`: everything but `A-Za-z0-9_.-~` percent-encoded. */
export function quoteAll(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** F2, dycast and jwwsjlm send cursor and internal_ext raw (`|`, `:`); anything beyond that charset is encoded. */
function rawOrEncoded(value: string): string {
  return /^[A-Za-z0-9_.:|,\-]*$/.test(value) ? value : encodeURIComponent(value);
}

/**
 * Normalises a push host (`push_server` from im/fetch or `hosts.webcastWs`) to
 * `ws(s)://host[:port]/webcast/im/push/v2/`; null for a value that is not a host or ws URL.
 */
export function pushEndpoint(base: string): string | null {
  const text = base.trim();
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `wss://${text}`);
  } catch {
    return null;
  }
  if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') return null;
  return `${url.protocol}//${url.host}${IM_PUSH_PATH}`;
}

/** The full push URL, parameters in Douyin's order. */
export function buildPushUrl(input: PushUrlInput): string {
  const endpoint = pushEndpoint(input.base) ?? input.base;
  const params: [string, string][] = [
    ['app_name', 'douyin_web'],
    ['version_code', '180800'],
    ['device_platform', 'web'],
    ['cookie_enabled', 'true'],
    ['screen_width', '1920'],
    ['screen_height', '1080'],
    ['browser_language', 'zh-CN'],
    ['browser_platform', 'Win32'],
    ['browser_name', 'Mozilla'],
    ['browser_version', quoteAll(input.userAgent.replace(/^Mozilla\//, ''))],
    ['browser_online', 'true'],
    ['tz_name', 'Asia/Hong_Kong'],
    ['host', LIVE_PAGE_ORIGIN],
    ['aid', '6383'],
    ['live_id', '1'],
    ['did_rule', '3'],
    ['endpoint', 'live_pc'],
    ['support_wrds', '1'],
    ['identity', 'audience'],
    ['need_persist_msg_count', '15'],
    ['insert_task_id', ''],
    ['live_reason', ''],
    ['webcast_sdk_version', WEBCAST_SDK_VERSION],
    ['update_version_code', WEBCAST_SDK_VERSION],
    ['compress', 'gzip'],
    ['im_path', '/webcast/im/fetch/'],
    ['heartbeatDuration', '0'],
    ['room_id', input.roomId],
    ['user_unique_id', input.userUniqueId],
    ['cursor', rawOrEncoded(input.cursor)],
    ['internal_ext', rawOrEncoded(input.internalExt)],
    ['signature', encodeURIComponent(input.signature)],
  ];
  return `${endpoint}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`;
}

/** `7` and 18 more digits: the shape of a device id (biliup and others make one up like this). */
export function generateUserUniqueId(random: () => number): string {
  let id = '7';
  while (id.length < 19) id += String(Math.min(9, Math.floor(random() * 10)));
  return id;
}

/**
 * What dycast, jwwsjlm and saermart send when im/fetch gives nothing: Douyin accepts made-up
 * values and streams from the live edge.
 */
export function fallbackPreload(roomId: string, userUniqueId: string, nowMs: number, random: () => number): { cursor: string; internalExt: string } {
  const wrds = generateUserUniqueId(random);
  return {
    cursor: `d-1_u-1_fh-${wrds}_t-${nowMs}_r-1`,
    internalExt:
      `internal_src:dim|wss_push_room_id:${roomId}|wss_push_did:${userUniqueId}|first_req_ms:${nowMs}|fetch_time:${nowMs}` +
      `|seq:1|wss_info:0-${nowMs}-0-0|wrds_v:${wrds}`,
  };
}
