import { encodeMessage, WEBCAST_METHOD_TYPES, type KnownWebcastMethod } from '../../crawler/webcast/index.js';
import { hash32, Rng, unitHash } from '../world/random.js';
import { buildMessage, type Viewer } from './message-factory.js';

/** The 32 methods F2 handles (everything the codec knows except ControlMessage). */
export const CHAT_METHODS = Object.keys(WEBCAST_METHOD_TYPES).filter((m) => m !== 'WebcastControlMessage') as Exclude<
  KnownWebcastMethod,
  'WebcastControlMessage'
>[];

/** The common traffic of a room, by weight; every fourth message walks through all 32 methods instead. */
const WEIGHTED: readonly [KnownWebcastMethod, number][] = [
  ['WebcastChatMessage', 40],
  ['WebcastLikeMessage', 20],
  ['WebcastMemberMessage', 20],
  ['WebcastGiftMessage', 8],
  ['WebcastRoomUserSeqMessage', 6],
  ['WebcastSocialMessage', 6],
];
const WEIGHT_TOTAL = WEIGHTED.reduce((n, [, w]) => n + w, 0);
/** Indexes are the last 10 digits of a message id. */
const MAX_INDEX = 9_999_999_999;

export interface TimelineEntry {
  index: number;
  /** Emulated ms since the epoch. */
  timeMs: number;
  method: KnownWebcastMethod;
  /** 19 digits: `7`, 8 digits of the room, 10 digits of the index. */
  msgId: string;
}

export interface TimelineMessage extends TimelineEntry {
  data: object;
  payload: Uint8Array;
}

/**
 * A room's message stream as a pure function of (seed, room id, index): entry `i` falls at
 * `origin + i·gap + jitter` (strictly increasing), so the messages available at emulated time T
 * are the indexes below `edge(T)`. A position (how many messages a client has) travels in the
 * cursor. When the live ends, the entry at `edge(end)` is the `ControlMessage` and nothing follows.
 */
export class RoomTimeline {
  readonly roomId: string;
  readonly originMs: number;
  readonly gapMs: number;
  /** 8 digits naming the room inside message ids and cursors. */
  readonly roomKey: string;
  readonly #seed: string;
  readonly #viewers: readonly Viewer[];
  #endIndex: number | null = null;
  readonly #cache = new Map<number, TimelineMessage>();

  constructor(seed: string, roomId: string, originMs: number, gapMs: number, viewers: readonly Viewer[]) {
    this.roomId = roomId;
    this.originMs = originMs;
    this.gapMs = gapMs;
    this.#seed = seed;
    this.#viewers = viewers;
    this.roomKey = String(hash32(`${seed}|room|${roomId}`) % 100_000_000).padStart(8, '0');
  }

  /** Index of the ControlMessage once the live ended, else null. */
  get endIndex(): number | null {
    return this.#endIndex;
  }

  get ended(): boolean {
    return this.#endIndex !== null;
  }

  #time(i: number): number {
    return this.originMs + i * this.gapMs + Math.floor(unitHash(`${this.#seed}|t|${this.roomId}|${i}`) * this.gapMs * 0.9);
  }

  /** How many messages exist at emulated time `nowMs` (ControlMessage included once ended). */
  edge(nowMs: number): number {
    if (this.#endIndex !== null) return this.#endIndex + 1;
    if (nowMs < this.originMs) return 0;
    let i = Math.min(MAX_INDEX, Math.floor((nowMs - this.originMs) / this.gapMs));
    while (i >= 0 && this.#time(i) > nowMs) i--;
    return i + 1;
  }

  /** Ends the live at `atMs`: the next entry becomes the ControlMessage. Idempotent. */
  end(atMs: number): void {
    if (this.#endIndex !== null) return;
    this.#endIndex = this.edge(atMs);
    this.#cache.delete(this.#endIndex);
  }

  msgId(i: number): string {
    return `7${this.roomKey}${String(i).padStart(10, '0')}`;
  }

  entry(i: number): TimelineEntry {
    if (!(Number.isInteger(i) && i >= 0 && i <= MAX_INDEX) || (this.#endIndex !== null && i > this.#endIndex)) {
      throw new RangeError(`No timeline entry ${i} in room ${this.roomId}`);
    }
    const timeMs = this.#time(i);
    return { index: i, timeMs, method: this.#method(i), msgId: this.msgId(i) };
  }

  /** Entries `[from, to)`. */
  entries(from: number, to: number): TimelineEntry[] {
    const out: TimelineEntry[] = [];
    for (let i = Math.max(0, from); i < to; i++) out.push(this.entry(i));
    return out;
  }

  /** The entry with its message built and encoded (a small cache serves resends). */
  message(i: number): TimelineMessage {
    const hit = this.#cache.get(i);
    if (hit) return hit;
    const e = this.entry(i);
    const rng = new Rng(`${this.#seed}|msg|${this.roomId}|${i}`);
    const pick = () => this.#viewers[rng.int(0, this.#viewers.length - 1)]!;
    const data = buildMessage(e.method, { roomId: this.roomId, index: i, msgId: e.msgId, timeMs: e.timeMs, rng, viewer: pick(), otherViewer: pick });
    const built: TimelineMessage = { ...e, data, payload: encodeMessage(e.method, data) };
    if (this.#cache.size >= 4096) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(i, built);
    return built;
  }

  #method(i: number): KnownWebcastMethod {
    if (i === this.#endIndex) return 'WebcastControlMessage';
    if (i % 4 === 3) return CHAT_METHODS[(i >> 2) % CHAT_METHODS.length]!;
    let pick = unitHash(`${this.#seed}|m|${this.roomId}|${i}`) * WEIGHT_TOTAL;
    for (const [method, weight] of WEIGHTED) {
      pick -= weight;
      if (pick < 0) return method;
    }
    return 'WebcastChatMessage';
  }

  /**
   * The cursor for a client holding `position` messages, in Douyin's shape
   * (`t-<ms>_r-<last msg id>_d-<room>_u-1_h-1`); the emulator reads the position back from it.
   */
  cursorAt(position: number, nowMs: number): string {
    const last = position > 0 ? this.msgId(position - 1) : '0';
    return `t-${nowMs}_r-${last}_d-7${this.roomKey}0000000000_u-1_h-1`;
  }

  /** The position a cursor of this room stands for, or undefined for a foreign or made-up cursor. */
  positionOf(cursor: string): number | undefined {
    const room = /(?:^|_)d-7(\d{8})0{10}(?:_|$)/.exec(cursor);
    const last = /(?:^|_)r-(\d+)(?:_|$)/.exec(cursor);
    if (!room || !last || room[1] !== this.roomKey) return undefined;
    if (last[1] === '0') return 0;
    if (last[1]!.length !== 19 || !last[1]!.startsWith(`7${this.roomKey}`)) return undefined;
    const position = Number(last[1]!.slice(9)) + 1;
    return this.#endIndex !== null ? Math.min(position, this.#endIndex + 1) : position;
  }
}
