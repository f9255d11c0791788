import { EmulatedLiveStream, type LiveStreamOptions } from '../media/index.js';
import { handled, notFound } from '../http/reply.js';
import type { RouteDef } from '../http/router.js';
import { AUDIO_ONLY, QUALITIES, type StreamSuffix } from '../shape/stream-url-shape.js';
import type { LiveRoomModel } from '../world/model.js';
import type { World, WorldChange } from '../world/world.js';

const BITRATE = new Map<string, number>([...QUALITIES.map((q) => [q.suffix, q.bitrateBps] as const), [AUDIO_ONLY.suffix, AUDIO_ONLY.bitrateBps]]);
const FLV = /^\/live\/stream-(\d+)_([a-z0-9]+)\.flv$/;
const HLS = /^\/live\/stream-(\d+)_([a-z0-9]+)\/(index\.m3u8|[^/]*?(\d+)[^/\d]*\.ts)$/;

/** Extra `EmulatedLiveStream` options for every stream (speed, segment length…). */
export type LiveStreamDefaults = Omit<LiveStreamOptions, 'id' | 'bitrateBps'>;

/**
 * The live CDN: one `EmulatedLiveStream` per room and quality, made on first request. A room
 * that ends ends its streams; an ended or unknown stream answers 404 (as a pull CDN does).
 */
export class LiveStreams {
  readonly #world: World;
  readonly #defaults: LiveStreamDefaults;
  readonly #streams = new Map<string, EmulatedLiveStream>();
  readonly #unsubscribe: () => void;

  constructor(world: World, defaults: LiveStreamDefaults = {}) {
    this.#world = world;
    this.#defaults = defaults;
    this.#unsubscribe = world.onChange((c: WorldChange) => {
      if (c.kind === 'room' && c.status === 'ended') {
        const room = world.room(c.roomId);
        if (room) for (const s of this.streamsOf(room)) s.end();
      }
    });
  }

  #roomByStream(streamId: string): LiveRoomModel | undefined {
    return this.#world.rooms().find((r) => r.streamId === streamId);
  }

  /** The stream for a room and quality suffix (`or4`, `hd`, `sd`, `ld`, `ao`), created if live. */
  stream(room: LiveRoomModel, suffix: StreamSuffix | string): EmulatedLiveStream | undefined {
    const key = `${room.streamId}_${suffix}`;
    let s = this.#streams.get(key);
    if (!s && room.status === 'live' && BITRATE.has(suffix)) {
      // A room has been live for a while: the HLS window is full from the first request.
      s = new EmulatedLiveStream({ elapsedMs: 12_000, ...this.#defaults, id: `stream-${key}`, bitrateBps: BITRATE.get(suffix) as number });
      this.#streams.set(key, s);
    }
    return s;
  }

  /** Every stream instance already made for the room (all qualities). */
  streamsOf(room: LiveRoomModel): EmulatedLiveStream[] {
    return [...this.#streams.entries()].filter(([k]) => k.startsWith(`${room.streamId}_`)).map(([, s]) => s);
  }

  /** Instances for every quality of a live room (made now, so controls reach them). */
  allQualities(room: LiveRoomModel): EmulatedLiveStream[] {
    for (const q of QUALITIES) this.stream(room, q.suffix);
    this.stream(room, AUDIO_ONLY.suffix);
    return this.streamsOf(room);
  }

  routes(): RouteDef[] {
    return [
      {
        name: 'live_flv', methods: ['GET', 'HEAD'], path: FLV, kind: 'stream',
        handle: (ctx) => {
          const [, sid, suffix] = FLV.exec(ctx.path) ?? [];
          const room = this.#roomByStream(sid ?? '');
          const s = room ? this.stream(room, suffix ?? '') : undefined;
          if (!s) return notFound('stream:none');
          s.serveFlv(ctx.req, ctx.res);
          return handled(s.ended ? 'stream:ended' : 'stream:flv');
        },
      },
      {
        name: 'live_hls', methods: ['GET', 'HEAD'], path: HLS, kind: 'stream',
        handle: (ctx) => {
          const [, sid, suffix, file, seq] = HLS.exec(ctx.path) ?? [];
          const room = this.#roomByStream(sid ?? '');
          const s = room ? this.stream(room, suffix ?? '') : undefined;
          if (!s) return notFound('stream:none');
          if (file === 'index.m3u8') s.serveHlsPlaylist(ctx.req, ctx.res);
          else s.serveHlsSegment(ctx.req, ctx.res, Number(seq));
          return handled(file === 'index.m3u8' ? 'stream:playlist' : 'stream:segment');
        },
      },
    ];
  }

  close(): void {
    this.#unsubscribe();
    for (const s of this.#streams.values()) s.close();
    this.#streams.clear();
  }
}
