import type { Agent } from 'node:http';
import { LiveOfflineError, NotFoundError } from '../../errors.js';

interface Call {
  signal?: AbortSignal;
}

/**
 * What the live-chat client needs from a `DouyinKit` (structurally, so this layer does not import
 * the handler): room lookup, query/user, im/fetch, the ttwid cookie, and the transport (proxy
 * agent, cookie jar, user agent, hosts).
 */
export interface LiveChatHost {
  readonly options: {
    readonly userAgent: string;
    readonly proxy: string | null;
    readonly timeoutMs: number;
    readonly hosts: { readonly live: string; readonly webcastWs: string };
  };
  readonly http: { readonly agent: Agent; cookieHeader(url: string): string };
  readonly tokens: { ensureTtwid(signal?: AbortSignal): Promise<void> };
  /** web/enter by `live.douyin.com/<webcast_id>` or its URL. */
  fetchUserLiveVideos(room: string, o?: Call): Promise<{ room_id: string | null; live_status: number | null; nickname?: string | null }>;
  /** reflow/info by the 19-digit room id or a reflow URL. */
  fetchUserLiveVideosByRoomId(room: string, o?: Call): Promise<{ room_id: string | null; live_status: number | null; web_rid?: string | null }>;
  fetchQueryUser(o?: Call): Promise<{ user_unique_id: string | null }>;
  fetchLiveIm(roomId: string, userUniqueId: string, o?: Call): Promise<{ status_code: number | null; cursor: string | null; internal_ext: string | null; raw: unknown }>;
}

export interface ResolvedRoom {
  roomId: string;
  /** The `live.douyin.com/<webcast_id>` number, when known (for the Referer). */
  webcastId: string | null;
  liveStatus: number | null;
}

/** Douyin's `room.status` for a room that is live. */
export const LIVE_STATUS_LIVE = 2;

/** A 16+ digit number or a reflow link is a room id; anything else a live.douyin.com id or URL. */
export function isRoomIdInput(room: string): boolean {
  return /^\d{16,}$/.test(room.trim()) || /\/reflow\/|[?&]room_id=/.test(room);
}

function webcastIdOf(input: string): string | null {
  const trimmed = input.trim();
  if (/^\d{1,15}$/.test(trimmed)) return trimmed;
  return /live\.douyin\.com\/(\d+)/.exec(trimmed)?.[1] ?? null;
}

/**
 * Finds the room through the handler (web/enter for a webcast id or live URL, reflow/info for a
 * room id) and checks it is live.
 * @throws {NotFoundError} no such room. @throws {LiveOfflineError} the room is not live.
 */
export async function resolveLiveRoom(host: LiveChatHost, input: string, signal?: AbortSignal): Promise<ResolvedRoom> {
  let room: ResolvedRoom;
  if (isRoomIdInput(input)) {
    const info = await host.fetchUserLiveVideosByRoomId(input, { signal });
    room = { roomId: info.room_id ?? '', webcastId: info.web_rid ?? null, liveStatus: info.live_status };
  } else {
    const info = await host.fetchUserLiveVideos(input, { signal });
    room = { roomId: info.room_id ?? '', webcastId: webcastIdOf(input), liveStatus: info.live_status };
  }
  if (!/^\d+$/.test(room.roomId) || room.roomId === '0') {
    throw new NotFoundError(`No live room found for ${JSON.stringify(input)}`, {
      hint: 'Pass the number of a live.douyin.com/<id> URL, the URL itself, or the 19-digit room id.',
    });
  }
  if (room.liveStatus !== LIVE_STATUS_LIVE) {
    throw new LiveOfflineError(`Room ${room.roomId} is not live (status ${room.liveStatus ?? 'unknown'})`, {
      hint: 'The chat exists only while the anchor is live; try again when the room is on air.',
    });
  }
  return room;
}

/**
 * Whether a live that was on as `roomId()` has ended: the room is offline, gone, or live as another
 * room. A failed lookup is not an answer (false); an aborted one throws.
 */
export async function liveRoomEnded(host: LiveChatHost, input: string, roomId: () => string | null, signal: AbortSignal): Promise<boolean> {
  try {
    const room = await resolveLiveRoom(host, input, signal);
    if (room.roomId === roomId()) return false;
  } catch (error) {
    if (signal.aborted) throw error;
    if (!(error instanceof LiveOfflineError || error instanceof NotFoundError)) return false;
  }
  return true;
}
