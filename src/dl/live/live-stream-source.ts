import { InvalidOptionError, LiveOfflineError } from '../../errors.js';
import { LIVE_QUALITIES as LIVE_STREAM_QUALITIES, type LiveQuality } from '../../utils/live-quality.js';

/**
 * Which stream URL to record (douyin-media.md §5). Douyin gives per-quality maps in
 * `stream_url.flv_pull_url` and `hls_pull_url_map` (keys `FULL_HD1`, `HD1`, `SD1`, `SD2`) and, in
 * `live_core_sdk_data.pull_data.stream_data` (a JSON document inside a JSON string), the same
 * streams by SDK key (`origin` 原画, `uhd`, `hd`, `sd`, `ld`, `ao` audio only).
 */

export type LiveProtocol = 'flv' | 'hls';

export { LIVE_QUALITIES as LIVE_STREAM_QUALITIES, type LiveQuality } from '../../utils/live-quality.js';

const SDK_KEY_QUALITY: Record<string, LiveQuality> = { origin: 'ORIGIN', uhd: 'FULL_HD1', hd: 'HD1', sd: 'SD2', ld: 'SD1', ao: 'AUDIO' };

/**
 * A room's stream data, as the filters give it (`UserLiveFilter`, `UserLive2Filter`, their
 * records or `toDict()`), or the raw `stream_url` object. Every field is optional. A filter's
 * `raw` response is also searched for `stream_data`.
 */
export interface LiveStreamSource {
  flv_pull_url?: Record<string, string> | null;
  /** `UserLiveRecord`'s name for `hls_pull_url_map`. */
  m3u8_pull_url?: Record<string, string> | null;
  hls_pull_url_map?: Record<string, string> | null;
  /** A map in `UserLive2Record`, the single default m3u8 in `UserLiveRecord` / `stream_url`. */
  hls_pull_url?: Record<string, string> | string | null;
  default_resolution?: string | null;
  /** The JSON string (or its parsed form) of `live_core_sdk_data.pull_data.stream_data`. */
  stream_data?: string | object | null;
  live_core_sdk_data?: unknown;
}

export interface LiveStreamChoice {
  protocol: LiveProtocol;
  quality: LiveQuality;
  url: string;
}

export interface SelectStreamOptions {
  /** One quality (nearest lower, then higher, when missing) or a preference list. @default best available */
  quality?: LiveQuality | readonly LiveQuality[];
  /** @default 'flv' */
  protocol?: LiveProtocol;
}

type UrlTable = Partial<Record<LiveQuality, string>>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function addMap(table: UrlTable, map: unknown): void {
  if (!isObject(map)) return;
  for (const [key, url] of Object.entries(map)) {
    const quality = key === 'ORIGION' ? 'ORIGIN' : key;
    if (typeof url === 'string' && url !== '' && (LIVE_STREAM_QUALITIES as readonly string[]).includes(quality)) {
      table[quality as LiveQuality] ??= url;
    }
  }
}

function parseStreamData(value: unknown): Record<string, unknown> | null {
  let doc = value;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch {
      return null;
    }
  }
  return isObject(doc) && isObject(doc.data) ? doc.data : null;
}

function sdkStreamData(streamUrl: unknown): unknown {
  if (!isObject(streamUrl)) return undefined;
  const sdk = streamUrl.live_core_sdk_data;
  return isObject(sdk) && isObject(sdk.pull_data) ? sdk.pull_data.stream_data : undefined;
}

/** `stream_url` inside a raw web/enter (`data.data[0]`) or reflow/info (`data.room`) response. */
function streamUrlOfRaw(raw: unknown): unknown {
  if (!isObject(raw) || !isObject(raw.data)) return undefined;
  const { data } = raw;
  const room = Array.isArray(data.data) ? data.data[0] : data.room;
  return isObject(room) ? room.stream_url : undefined;
}

/** URL tables for both protocols; the pull-URL maps win over `stream_data` for the same quality. */
export function streamUrlTables(source: LiveStreamSource): Record<LiveProtocol, UrlTable> {
  const flv: UrlTable = {};
  const hls: UrlTable = {};
  addMap(flv, source.flv_pull_url);
  addMap(hls, source.hls_pull_url_map);
  addMap(hls, source.m3u8_pull_url);
  if (isObject(source.hls_pull_url)) addMap(hls, source.hls_pull_url);
  const data = parseStreamData(source.stream_data ?? sdkStreamData(source) ?? sdkStreamData(streamUrlOfRaw((source as { raw?: unknown }).raw)));
  for (const [key, entry] of Object.entries(data ?? {})) {
    const quality = SDK_KEY_QUALITY[key];
    const main = isObject(entry) && isObject(entry.main) ? entry.main : null;
    if (!quality || !main) continue;
    if (typeof main.flv === 'string' && main.flv !== '') flv[quality] ??= main.flv;
    if (typeof main.hls === 'string' && main.hls !== '') hls[quality] ??= main.hls;
  }
  if (typeof source.hls_pull_url === 'string' && source.hls_pull_url !== '') {
    const q = (LIVE_STREAM_QUALITIES as readonly string[]).includes(source.default_resolution ?? '') ? (source.default_resolution as LiveQuality) : 'HD1';
    hls[q] ??= source.hls_pull_url;
  }
  return { flv, hls };
}

function preference(quality: SelectStreamOptions['quality']): LiveQuality[] {
  const known = (q: unknown): q is LiveQuality => (LIVE_STREAM_QUALITIES as readonly unknown[]).includes(q);
  if (quality === undefined) return LIVE_STREAM_QUALITIES.filter((q) => q !== 'AUDIO');
  if (Array.isArray(quality)) {
    for (const q of quality) if (!known(q)) throw new InvalidOptionError('quality', `Unknown live quality ${JSON.stringify(q)}; use one of ${LIVE_STREAM_QUALITIES.join(', ')}`);
    return [...(quality as readonly LiveQuality[])];
  }
  if (!known(quality)) throw new InvalidOptionError('quality', `Unknown live quality ${JSON.stringify(quality)}; use one of ${LIVE_STREAM_QUALITIES.join(', ')}`);
  if (quality === 'AUDIO') return ['AUDIO'];
  const video = LIVE_STREAM_QUALITIES.filter((q) => q !== 'AUDIO');
  const at = video.indexOf(quality);
  return [...video.slice(at), ...video.slice(0, at).reverse()];
}

/**
 * The URL to record: the asked (or best) quality that the room offers for the protocol.
 * @throws {LiveOfflineError} when the room has no URL for the protocol (offline, or HLS-only).
 * @throws {InvalidOptionError} for an unknown quality or protocol.
 */
export function selectLiveStream(source: LiveStreamSource, options: SelectStreamOptions = {}): LiveStreamChoice {
  const protocol = options.protocol ?? 'flv';
  if (protocol !== 'flv' && protocol !== 'hls') throw new InvalidOptionError('protocol', `Expected \`protocol\` to be "flv" or "hls", got ${JSON.stringify(protocol)}`);
  if (!isObject(source)) throw new InvalidOptionError('source', 'Expected the room\'s stream data (an object with flv_pull_url / hls_pull_url_map)');
  const table = streamUrlTables(source)[protocol];
  for (const quality of preference(options.quality)) {
    const url = table[quality];
    if (url) return { protocol, quality, url };
  }
  const offered = Object.keys(table);
  throw new LiveOfflineError(
    offered.length === 0
      ? `The room has no ${protocol.toUpperCase()} stream URL`
      : `The room offers ${protocol.toUpperCase()} only in ${offered.join(', ')}, none of the asked qualities`,
    { hint: offered.length === 0 ? 'Check that the room is live (live_status 2) and try the other protocol.' : 'Ask for one of the offered qualities.' },
  );
}
