import type { LiveRoomModel } from '../world/model.js';
import { hash32 } from '../world/random.js';
import { idNum, type ShapeContext } from './values.js';

/**
 * Live qualities: the `flv_pull_url` key, the `stream_data` sdk key, the URL suffix (as in
 * `stream-<id>_or4.flv`), the emulated bitrate and the name Douyin shows.
 */
export const QUALITIES = [
  { key: 'FULL_HD1', sdk: 'origin', suffix: 'or4', bitrateBps: 480_000, name: '原画', resolution: '1920x1080', level: 5 },
  { key: 'HD1', sdk: 'hd', suffix: 'hd', bitrateBps: 320_000, name: '超清', resolution: '1280x720', level: 3 },
  { key: 'SD2', sdk: 'sd', suffix: 'sd', bitrateBps: 200_000, name: '高清', resolution: '960x540', level: 2 },
  { key: 'SD1', sdk: 'ld', suffix: 'ld', bitrateBps: 120_000, name: '标清', resolution: '640x360', level: 1 },
] as const;

export const AUDIO_ONLY = { sdk: 'ao', suffix: 'ao', bitrateBps: 64_000 } as const;

export type StreamSuffix = (typeof QUALITIES)[number]['suffix'] | typeof AUDIO_ONLY.suffix;

export function streamName(room: LiveRoomModel, suffix: StreamSuffix): string {
  return `stream-${room.streamId}_${suffix}`;
}

function auth(ctx: ShapeContext, room: LiveRoomModel, suffix: string): string {
  const expire = (ctx.world.now + 7 * 86_400).toString(16);
  return `expire=${expire}&sign=${hash32(`${room.streamId}|${suffix}|${expire}`).toString(16).padStart(8, '0')}&major_anchor_level=common`;
}

export function flvUrl(ctx: ShapeContext, room: LiveRoomModel, suffix: StreamSuffix): string {
  return `${ctx.urls.base}/live/${streamName(room, suffix)}.flv?${auth(ctx, room, suffix)}`;
}

export function hlsUrl(ctx: ShapeContext, room: LiveRoomModel, suffix: StreamSuffix): string {
  return `${ctx.urls.base}/live/${streamName(room, suffix)}/index.m3u8?${auth(ctx, room, suffix)}`;
}

const SDK_PARAMS = (bitrate: number, resolution: string) =>
  JSON.stringify({ BufferDataMs: 1000, FastOpenDuration: -500, PlayingIntervalMs: 20000, VCodec: 'h264', vbitrate: bitrate, resolution, gop: 4, drType: 'sdr' });

/** `live_core_sdk_data.pull_data.stream_data`: a JSON document inside a JSON string. */
function streamData(ctx: ShapeContext, room: LiveRoomModel): string {
  const data: Record<string, unknown> = {};
  for (const q of QUALITIES) {
    data[q.sdk] = {
      main: {
        flv: flvUrl(ctx, room, q.suffix),
        hls: hlsUrl(ctx, room, q.suffix),
        cmaf: '',
        dash: '',
        lls: '',
        tsl: '',
        tile: '',
        http_ts: '',
        ll_hls: '',
        sdk_params: SDK_PARAMS(q.bitrateBps, q.resolution),
        enableEncryption: false,
      },
    };
  }
  data[AUDIO_ONLY.sdk] = {
    main: { flv: `${flvUrl(ctx, room, 'ao')}&only_audio=1`, hls: `${hlsUrl(ctx, room, 'ao')}&only_audio=1`, cmaf: '', dash: '', lls: '', tsl: '', tile: '', sdk_params: SDK_PARAMS(AUDIO_ONLY.bitrateBps, '') },
  };
  return JSON.stringify({
    common: { ts: String(ctx.world.now), session_id: `037-${room.roomId}`, stream: room.streamId, version: 0, app_id: '100034', stream_name: `stream-${room.streamId}` },
    data,
  });
}

function qualityOption(q: (typeof QUALITIES)[number]) {
  return { name: q.name, sdk_key: q.sdk, v_codec: '264', resolution: q.resolution, level: q.level, v_bit_rate: q.bitrateBps, additional_content: '', fps: 30, disable: 0 };
}

/** `room.stream_url` (live_web_enter__1 / live_reflow_info__1); `reflow` adds the reflow-only keys. */
export function streamUrlShape(ctx: ShapeContext, room: LiveRoomModel, reflow: boolean): Record<string, unknown> {
  const flv: Record<string, string> = {};
  const hls: Record<string, string> = {};
  for (const q of QUALITIES) {
    flv[q.key] = flvUrl(ctx, room, q.suffix);
    hls[q.key] = hlsUrl(ctx, room, q.suffix);
  }
  const origin = QUALITIES[0];
  const out: Record<string, unknown> = {
    flv_pull_url: flv,
    default_resolution: 'HD1',
    hls_pull_url_map: hls,
    hls_pull_url: hls.HD1,
    stream_orientation: 2,
    live_core_sdk_data: {
      pull_data: {
        options: { default_quality: qualityOption(origin), qualities: [...QUALITIES].reverse().map(qualityOption) },
        stream_data: streamData(ctx, room),
      },
    },
    extra: { height: 1080, width: 1920, fps: 0, max_bitrate: 0, min_bitrate: 0, default_bitrate: 0, bitrate_adapt_strategy: 0, anchor_interact_profile: 0, audience_interact_profile: 0, hardware_encode: false, video_profile: 0, h265_enable: false, gop_sec: 0, bframe_enable: false, roi: false, sw_roi: false, bytevc1_enable: false },
    pull_datas: {},
  };
  if (reflow) {
    Object.assign(out, {
      provider: 0,
      id: idNum(room.streamId),
      id_str: room.streamId,
      resolution_name: { FULL_HD1: '蓝光', HD1: '超清', ORIGION: '原画', SD1: '标清', SD2: '高清' },
      rtmp_push_url: '',
      rtmp_pull_url: flv.FULL_HD1,
      candidate_resolution: ['SD1', 'SD2', 'HD1'],
      hls_pull_url_params: SDK_PARAMS(320_000, '1280x720'),
      rtmp_pull_url_params: SDK_PARAMS(480_000, '1920x1080'),
      flv_pull_url_params: { HD1: SDK_PARAMS(320_000, '1280x720'), SD1: SDK_PARAMS(120_000, '640x360'), SD2: SDK_PARAMS(200_000, '960x540') },
      rtmp_push_url_params: '',
      push_urls: [],
      complete_push_urls: [],
      stream_control_type: 0,
      push_stream_type: 0,
      push_datas: {},
      vr_type: 0,
    });
  }
  return out;
}
