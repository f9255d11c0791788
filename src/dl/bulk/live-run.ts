/** Mode live: record the room (FLV/HLS) with a chat sidecar fed by a `LiveChatClient`. */
import { LiveChatClient } from '../../crawler/webcast/live-chat-client.js';
import type { DouyinKit } from '../../douyin-kit.js';
import { recordLive } from '../live/index.js';
import { LIVE_STATUS_LIVE } from '../live/record-live.js';

export interface LiveRoomInfo {
  sec_user_id: string | null;
  nickname: string | null;
  live: boolean;
}

/** The room's anchor and whether it is live (web_rid / live URL, else room_id / reflow link). */
export async function lookupRoom(kit: DouyinKit, room: string, signal: AbortSignal | undefined): Promise<LiveRoomInfo> {
  const byRoomId = /^\d{16,}$/.test(room.trim()) || /\/reflow\/|[?&]room_id=/.test(room);
  const r = byRoomId ? await kit.fetchUserLiveVideosByRoomId(room, { signal }) : await kit.fetchUserLiveVideos(room, { signal });
  const info = r as unknown as { sec_user_id?: string | null; sec_uid?: string | null; nickname?: string | null; live_status?: number | null };
  return { sec_user_id: info.sec_user_id ?? info.sec_uid ?? null, nickname: info.nickname ?? null, live: info.live_status === LIVE_STATUS_LIVE };
}

export interface LiveRunResult {
  files: string[];
  chatFiles: string[];
  bytes: number;
  endedBy: string;
}

export async function recordRoom(
  kit: DouyinKit,
  room: string,
  options: { root: string; folder: readonly string[]; durationMs?: number; chat: boolean; signal?: AbortSignal },
): Promise<LiveRunResult> {
  const signals = [options.signal, options.durationMs !== undefined ? AbortSignal.timeout(options.durationMs) : undefined].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const chat = options.chat ? new LiveChatClient(kit, room) : null;
  // The chat is a sidecar: when it cannot connect, the recording goes on without it.
  chat?.on('error', () => undefined);
  const connecting = chat?.connect({ signal }).catch(() => undefined);
  try {
    const result = await recordLive({
      kit,
      room,
      root: options.root,
      folder: options.folder,
      ...(chat ? { chat: { source: chat, event: 'message' } } : {}),
      ...(signal ? { signal } : {}),
    });
    const chatFiles = result.files.flatMap((f) => [f.sidecars.jsonl, f.sidecars.ass].filter((p): p is string => typeof p === 'string'));
    return { files: result.files.map((f) => f.path), chatFiles, bytes: result.bytes, endedBy: result.endedBy };
  } finally {
    await connecting;
    await chat?.close();
  }
}
