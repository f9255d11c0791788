import type { HttpClient } from '../../crawler/http-client.js';
import { DownloadError, InvalidOptionError, isDouyinKitError, type DouyinKitError } from '../../errors.js';
import { LiveRecorder } from './live-recorder.js';
import type { LiveRecorderEvents, LiveRecordingResult } from './live-recorder-events.js';
import { defaultLiveFileName, type LiveRecorderOptions } from './live-recorder-options.js';
import type { LiveStreamSource } from './live-stream-source.js';

/** What a live room lookup returns (`UserLiveFilter` / `UserLive2Filter` fit). */
export type LiveRoomSnapshot = LiveStreamSource & { live_status?: number | null };

/** The part of `DouyinKit` the recorder uses to look a room up (structural, so any client fits). */
export interface LiveRoomFetcher {
  fetchUserLiveVideos(room: string, options?: { signal?: AbortSignal }): Promise<LiveRoomSnapshot>;
  fetchUserLiveVideosByRoomId?(room: string, options?: { signal?: AbortSignal }): Promise<LiveRoomSnapshot>;
  readonly http?: HttpClient;
}

/** `live_status` 2 is live (douyin-media.md §5; 4 = ended). */
export const LIVE_STATUS_LIVE = 2;
const SNAPSHOT_TTL_MS = 2000;

function isRoomIdInput(room: string): boolean {
  return /^\d{16,}$/.test(room.trim()) || /\/reflow\/|[?&]room_id=/.test(room);
}

/**
 * Wires a room to the recorder through a client: `isLive` fetches the room and reads its
 * `live_status`; `source` takes the pull URLs from that lookup when it is under 2 s old, else
 * fetches the room again (URLs expire). A 16+ digit id or a
 * reflow link goes to `fetchUserLiveVideosByRoomId`, anything else (web_rid, live.douyin.com
 * URL) to `fetchUserLiveVideos`. The client's HTTP transport (proxy, cookies) is passed on.
 */
export function liveRoomFromKit(
  kit: LiveRoomFetcher,
  room: string,
): Pick<LiveRecorderOptions, 'source' | 'isLive' | 'httpClient'> {
  if (typeof kit?.fetchUserLiveVideos !== 'function') throw new InvalidOptionError('kit', 'Expected a DouyinKit (or anything with fetchUserLiveVideos)');
  if (typeof room !== 'string' || room.trim() === '') throw new InvalidOptionError('room', 'Expected a live room: web_rid, room_id or URL');
  const byRoomId = isRoomIdInput(room) && typeof kit.fetchUserLiveVideosByRoomId === 'function';
  // The status is always asked fresh; the stream URLs may come from a status asked < 2 s ago
  // (the recorder asks the status right before it reconnects).
  let recent: { atMs: number; value: Promise<LiveRoomSnapshot> } | null = null;
  const lookup = (signal: AbortSignal): Promise<LiveRoomSnapshot> => {
    const value = byRoomId ? kit.fetchUserLiveVideosByRoomId!(room, { signal }) : kit.fetchUserLiveVideos(room, { signal });
    const entry = { atMs: Date.now(), value };
    recent = entry;
    value.catch(() => {
      if (recent === entry) recent = null;
    });
    return value;
  };
  return {
    source: ({ signal }) => (recent && Date.now() - recent.atMs < SNAPSHOT_TTL_MS ? recent.value : lookup(signal)),
    isLive: async ({ signal }) => (await lookup(signal)).live_status === LIVE_STATUS_LIVE,
    ...(kit.http ? { httpClient: kit.http } : {}),
  };
}

export type LiveRecorderListeners = { [K in keyof LiveRecorderEvents]?: (...args: LiveRecorderEvents[K]) => void };

type RoomInput = { kit: LiveRoomFetcher; room: string } | { source: LiveRecorderOptions['source']; isLive?: LiveRecorderOptions['isLive'] };

/**
 * Options of `recordLive`: the recorder's options, with the room given either as a client and a
 * room (`{ kit: dk, room: 'https://live.douyin.com/123' }`) or as `source` / `isLive` directly.
 */
export type RecordLiveOptions = Omit<LiveRecorderOptions, 'source' | 'isLive'> &
  RoomInput & {
    signal?: AbortSignal;
    /** Listeners attached before the recording starts. */
    on?: LiveRecorderListeners;
  };

/** A readable default name for a room given as web_rid, room_id or URL: its last number. */
function roomFileName(room: string, nowMs: number): string {
  const digits = room.match(/\d{3,}/g)?.at(-1);
  return `${digits ?? 'live'}_${defaultLiveFileName(nowMs).slice('live_'.length)}`;
}

/** Builds a recorder from `recordLive`'s options (listeners attached, not started). */
export function createLiveRecorder(options: RecordLiveOptions): LiveRecorder {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('options', 'Expected recording options');
  const { signal: _signal, on, ...rest } = options;
  let recorderOptions: LiveRecorderOptions;
  if ('kit' in rest && rest.kit !== undefined) {
    const { kit, room, ...common } = rest;
    const wired = liveRoomFromKit(kit, room);
    recorderOptions = {
      ...common,
      ...wired,
      httpClient: common.httpClient ?? wired.httpClient,
      fileName: common.fileName ?? roomFileName(room, (common.now ?? Date.now)()),
    };
  } else {
    recorderOptions = rest as LiveRecorderOptions;
  }
  const recorder = new LiveRecorder(recorderOptions);
  for (const [event, listener] of Object.entries(on ?? {})) {
    if (typeof listener === 'function') recorder.on(event as keyof LiveRecorderEvents, listener as never);
  }
  return recorder;
}

/**
 * Records one room until it ends or `signal` aborts; resolves with the summary.
 * @example
 * const result = await recordLive({ kit: dk, room: 'https://live.douyin.com/123456', root: 'Download',
 *   segment: { maxDurationMs: 3_600_000 }, signal, on: { segmentClosed: (s) => console.log(s.path) } });
 */
export async function recordLive(options: RecordLiveOptions): Promise<LiveRecordingResult> {
  return createLiveRecorder(options).start({ signal: options.signal });
}

function asKitError(error: unknown): DouyinKitError {
  return isDouyinKitError(error) ? error : new DownloadError(String((error as Error)?.message ?? error), false, { cause: error });
}

export interface LiveRoomOutcome {
  key: string;
  result?: LiveRecordingResult;
  error?: DouyinKitError;
}

/** Several rooms recorded at once, each stoppable on its own. */
export interface LiveRecordings {
  /** The recorders by key (`key` option, else the `room` string, else the index). */
  readonly recorders: ReadonlyMap<string, LiveRecorder>;
  /** Stops one room (the others go on). */
  stop(key: string): Promise<LiveRecordingResult>;
  stopAll(): Promise<LiveRecordingResult[]>;
  /** Settles when every room has ended: one outcome per room, in input order; never rejects. */
  readonly done: Promise<LiveRoomOutcome[]>;
}

/** Options common to every room of `recordLives` (`root`, `segment`, `httpClient`…), and the signal that stops them all. */
export type RecordLivesShared = Partial<Omit<LiveRecorderOptions, 'source' | 'isLive'>> & { signal?: AbortSignal; on?: LiveRecorderListeners };

/** One room of `recordLives`: how to reach it, its own options (over the shared ones) and a `key`. */
export type RecordLivesRoom = RoomInput & RecordLivesShared & { key?: string };

/**
 * Records several rooms in parallel. `shared` options apply to every room (a room's own options
 * win); `shared.signal` stops them all. One room failing does not stop the others.
 * @throws {InvalidOptionError} for a malformed room or a duplicate key.
 */
export function recordLives(rooms: readonly RecordLivesRoom[], shared: RecordLivesShared = {}): LiveRecordings {
  if (!Array.isArray(rooms)) throw new InvalidOptionError('rooms', 'Expected a list of rooms');
  const recorders = new Map<string, LiveRecorder>();
  rooms.forEach((room, i) => {
    const key = room.key ?? ('room' in room && typeof room.room === 'string' ? room.room : String(i));
    if (recorders.has(key)) throw new InvalidOptionError('key', `Two rooms share the key ${JSON.stringify(key)}`);
    const { key: _key, ...own } = room;
    recorders.set(key, createLiveRecorder({ ...shared, ...own, on: { ...shared.on, ...own.on } } as RecordLiveOptions));
  });
  const { signal } = shared;
  const runs = [...recorders].map(([key, recorder], i) => {
    const signals = [rooms[i]!.signal, signal].filter((s): s is AbortSignal => s !== undefined);
    return recorder.start({ signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] }).then(
      (result): LiveRoomOutcome => ({ key, result }),
      (error: unknown): LiveRoomOutcome => ({ key, error: asKitError(error) }),
    );
  });
  return {
    recorders,
    stop(key) {
      const recorder = recorders.get(key);
      if (!recorder) return Promise.reject(new InvalidOptionError('key', `No room ${JSON.stringify(key)} is being recorded`));
      return recorder.stop();
    },
    stopAll: () => Promise.all([...recorders.values()].map((r) => r.stop())),
    done: Promise.all(runs),
  };
}
