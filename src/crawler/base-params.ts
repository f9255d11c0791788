/**
 * The query parameters Douyin's web client sends with every request of a family (F2's
 * BaseRequestModel, BaseLiveModel, BaseLiveModel2 and BaseWebCastModel). Values are strings
 * exactly as they go on the wire; order is preserved because the signature covers the query.
 */
export type ParamFamily = 'web' | 'live' | 'live2' | 'webcast' | 'none';

export type Params = Record<string, string | number | boolean>;

const BROWSER_VERSION = '130.0.0.0';

export const WEB_BASE_PARAMS: Readonly<Params> = Object.freeze({
  device_platform: 'webapp',
  aid: '6383',
  channel: 'channel_pc_web',
  pc_client_type: 1,
  publish_video_strategy_type: 2,
  pc_libra_divert: 'Windows',
  version_code: '290100',
  version_name: '29.1.0',
  cookie_enabled: 'true',
  screen_width: 1920,
  screen_height: 1080,
  browser_language: 'zh-CN',
  browser_platform: 'Win32',
  browser_name: 'Edge',
  browser_version: BROWSER_VERSION,
  browser_online: 'true',
  engine_name: 'Blink',
  engine_version: BROWSER_VERSION,
  os_name: 'Windows',
  os_version: '10',
  cpu_core_num: 12,
  device_memory: 8,
  platform: 'PC',
  downlink: 10,
  effective_type: '4g',
  round_trip_time: 100,
});

export const LIVE_BASE_PARAMS: Readonly<Params> = Object.freeze({
  aid: '6383',
  app_name: 'douyin_web',
  live_id: 1,
  device_platform: 'web',
  language: 'zh-CN',
  cookie_enabled: 'true',
  screen_width: 1920,
  screen_height: 1080,
  browser_language: 'zh-CN',
  browser_platform: 'Win32',
  browser_name: 'Edge',
  browser_version: BROWSER_VERSION,
  enter_source: '',
  is_need_double_stream: 'false',
});

/** reflow/info (webcast.amemv.com); `verifyFp` is filled per request. */
export const LIVE2_BASE_PARAMS: Readonly<Params> = Object.freeze({
  verifyFp: '',
  type_id: '0',
  live_id: '1',
  sec_user_id: '',
  version_code: '99.99.99',
  app_id: '1128',
  msToken: '',
});

export const WEBCAST_BASE_PARAMS: Readonly<Params> = Object.freeze({
  app_name: 'douyin_web',
  version_code: '180800',
  device_platform: 'web',
  cookie_enabled: 'true',
  screen_width: 1920,
  screen_height: 1080,
  browser_language: 'zh-CN',
  browser_platform: 'Win32',
  browser_name: 'Mozilla',
  browser_version: '5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  browser_online: 'true',
  tz_name: 'Asia/Hong_Kong',
  host: 'https://live.douyin.com',
  aid: 6383,
  live_id: 1,
  did_rule: 3,
  endpoint: 'live_pc',
  support_wrds: 1,
  identity: 'audience',
  need_persist_msg_count: 15,
  insert_task_id: '',
  live_reason: '',
});

export const BASE_PARAMS: Readonly<Record<ParamFamily, Readonly<Params>>> = Object.freeze({
  web: WEB_BASE_PARAMS,
  live: LIVE_BASE_PARAMS,
  live2: LIVE2_BASE_PARAMS,
  webcast: WEBCAST_BASE_PARAMS,
  none: Object.freeze({}),
});

/** Python's `str()` of a value as F2 puts it in a query (`True`, not `true`). */
export function paramValue(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/** `k=v&k=v` with values percent-encoded the way Douyin's client encodes them. */
export function buildQuery(params: Params): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) parts.push(`${k}=${encodeURIComponent(paramValue(v))}`);
  return parts.join('&');
}
