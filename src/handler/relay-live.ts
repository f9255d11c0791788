import { InvalidInputError, LiveOfflineError } from '../errors.js';
import type { VolcengineLiveClient } from '../crawler/volcengine/client.js';
import type { DouyinHandler } from './douyin-handler.js';

import { LIVE_QUALITIES, type LiveQuality } from '../utils/live-quality.js';

/** Video qualities a relay may pull, best first (audio-only is never relayed). */
const RELAY_QUALITIES = LIVE_QUALITIES.filter((q) => q !== 'AUDIO');

export interface RelayOptions {
  /** Your Volcengine push domain; with `app` and `stream` it names the target. */
  domain?: string;
  app?: string;
  stream?: string;
  /** A full push URL instead of domain/app/stream. */
  dstAddr?: string;
  /** When the task starts. @default now */
  start?: Date;
  /** When it ends (at most 7 days after start). @default start + 24 h */
  end?: Date;
  /** Task title: 1–20 Han characters, letters or digits. */
  title?: string;
  callbackUrl?: string;
  /** Pull this quality; default the best the room offers. */
  quality?: LiveQuality;
  signal?: AbortSignal;
  /** @default Date.now */
  now?: () => number;
}

export interface RelayResult {
  taskId: string;
  /** The Douyin FLV URL the task pulls. */
  srcAddr: string;
  quality: string;
  roomId: string | null;
  nickname: string | null;
}

const DAY_S = 86_400;

/** Picks the pull URL: the asked quality, else the best of ORIGIN > FULL_HD1 > HD1 > SD2 > SD1 > anything but audio. */
export function pickFlvUrl(flv: Record<string, string> | null, quality?: LiveQuality): { quality: string; url: string } | null {
  if (!flv) return null;
  const order = quality ? [quality] : [...RELAY_QUALITIES, ...Object.keys(flv).filter((q) => q !== 'AUDIO')];
  for (const q of order) {
    const url = flv[q];
    if (typeof url === 'string' && url !== '') return { quality: q, url };
  }
  return null;
}

/** A 19-digit room id or a reflow share link goes to reflow/info; a live.douyin.com id or URL to web/enter. */
function isRoomIdInput(room: string): boolean {
  return /^\d{16,}$/.test(room.trim()) || /\/reflow\/|[?&]room_id=/.test(room);
}

/**
 * Relays a Douyin live room into your Volcengine Live domain: resolves the room through the
 * crawler, takes its best FLV pull URL, and creates a Type-0 pull-to-push task.
 * @throws {LiveOfflineError} when the room is not live.
 * @throws {InvalidInputError} when no target (dstAddr, or domain + app + stream) is given.
 */
export async function relayLiveToVolcengine(
  douyin: DouyinHandler,
  volcengine: VolcengineLiveClient,
  room: string,
  options: RelayOptions,
): Promise<RelayResult> {
  if (!options.dstAddr && !(options.domain && options.app && options.stream)) {
    throw new InvalidInputError('A relay needs a target: dstAddr, or domain together with app and stream', {
      hint: 'Pass --domain, --app and --stream (or --dst-addr).',
    });
  }
  const call = { signal: options.signal };
  const info = isRoomIdInput(room)
    ? await douyin.fetchUserLiveVideosByRoomId(room, call)
    : await douyin.fetchUserLiveVideos(room, call);
  const roomId = info.room_id;
  if (info.live_status !== 2) {
    throw new LiveOfflineError(`Room ${roomId ?? room} is not live (status ${info.live_status ?? 'unknown'})`, {
      hint: 'Relay when the anchor is live; `douyin-kit record` can wait for it.',
    });
  }
  const picked = pickFlvUrl(info.flv_pull_url, options.quality);
  if (!picked) {
    throw new LiveOfflineError(`Room ${roomId ?? room} offers no FLV stream${options.quality ? ` in ${options.quality}` : ''}`);
  }
  const nowS = Math.floor((options.now ?? Date.now)() / 1000);
  const start = options.start ? Math.floor(options.start.getTime() / 1000) : nowS;
  const end = options.end ? Math.floor(options.end.getTime() / 1000) : start + DAY_S;
  const target = options.dstAddr
    ? { DstAddr: options.dstAddr }
    : { Domain: options.domain!, App: options.app!, Stream: options.stream! };
  const { TaskId } = await volcengine.createPullToPushTask(
    {
      Type: 0,
      SrcAddr: picked.url,
      StartTime: start,
      EndTime: end,
      ...target,
      ...(options.title ? { Title: options.title } : {}),
      ...(options.callbackUrl ? { CallbackURL: options.callbackUrl } : {}),
    },
    call,
  );
  return { taskId: TaskId, srcAddr: picked.url, quality: picked.quality, roomId, nickname: info.nickname };
}

/** Stops a relay task (it can be continued later). */
export function stopRelay(volcengine: VolcengineLiveClient, taskId: string, signal?: AbortSignal) {
  return volcengine.stopPullToPushTask({ TaskId: taskId }, { signal });
}

/** Deletes a relay task. */
export function deleteRelay(volcengine: VolcengineLiveClient, taskId: string, signal?: AbortSignal) {
  return volcengine.deletePullToPushTask({ TaskId: taskId }, { signal });
}
