import { createHash, type Hash } from 'node:crypto';
import { InvalidInputError } from '../../../errors.js';
import type { LivePacketSource } from './live-packets.js';
import type { AwayRecord, LiveTimeline } from './live-timeline.js';

/** Where one packet sits in the stream's canonical byte stream (preambles excluded). */
export interface LivePacketInfo {
  index: number;
  offset: number;
  bytes: number;
  timestampMs: number;
}

/** Packets `[fromPacket, toPacket)` that were produced while no connection received them. */
export interface LiveGap {
  connectionId: number;
  fromPacket: number;
  toPacket: number;
  fromOffset: number;
  toOffset: number;
  /** Timestamps of the first missed packet and of the first packet received again. */
  fromTimestampMs: number;
  toTimestampMs: number;
}

export type LiveCloseReason = 'client' | 'dropped' | 'ended' | 'closed';

/** What one HTTP-FLV connection was sent. */
export interface LiveConnectionRecord {
  readonly id: number;
  /** Stream time (ms) when the connection opened. */
  readonly openedAtMs: number;
  /** First packet sent after the preamble: whatever was live when the client connected. */
  readonly firstPacket: number;
  /** Packets `[firstPacket, endPacket)` have been written to the connection. */
  endPacket: number;
  /** Bytes written (preamble included). */
  bytesWritten: number;
  /** Bytes the socket has taken (written bytes whose write callback ran). */
  bytesFlushed: number;
  closedAtMs: number | null;
  closeReason: LiveCloseReason | null;
  /**
   * Packets between the last one the previous connection received (so far) and this one's
   * first: what a client that reconnected missed. `null` when they join up.
   */
  readonly missedBefore: LiveGap | null;
  /** SHA-256 (hex) of every byte written so far. */
  sha256(): string;
}

/** The internal side of a connection record: the running hash. */
export class ConnectionRecord implements LiveConnectionRecord {
  endPacket: number;
  bytesWritten = 0;
  bytesFlushed = 0;
  closedAtMs: number | null = null;
  closeReason: LiveCloseReason | null = null;
  readonly #hash: Hash = createHash('sha256');

  readonly #previous: ConnectionRecord | undefined;
  readonly #gap: (from: number, to: number, connectionId: number) => LiveGap;

  constructor(
    readonly id: number,
    readonly openedAtMs: number,
    readonly firstPacket: number,
    previous: ConnectionRecord | undefined,
    gap: (from: number, to: number, connectionId: number) => LiveGap,
  ) {
    this.endPacket = firstPacket;
    this.#previous = previous;
    this.#gap = gap;
  }

  get missedBefore(): LiveGap | null {
    const from = this.#previous?.endPacket;
    return from !== undefined && from < this.firstPacket ? this.#gap(from, this.firstPacket, this.id) : null;
  }

  noteWrite(bytes: Buffer): void {
    this.#hash.update(bytes);
    this.bytesWritten += bytes.length;
  }

  sha256(): string {
    return this.#hash.copy().digest('hex');
  }
}

/**
 * What a live stream has emitted, for tests: the canonical byte stream (packet offsets,
 * timestamps, bytes and hashes of any range), every FLV connection and the gaps between them,
 * and the "anchor away" periods.
 */
export class LiveEmitted {
  readonly #timeline: LiveTimeline;
  readonly #source: LivePacketSource;
  readonly #connections: ConnectionRecord[] = [];

  constructor(timeline: LiveTimeline, source: LivePacketSource) {
    this.#timeline = timeline;
    this.#source = source;
  }

  /** FLV header, onMetaData and sequence headers: sent first on every connection. */
  get preamble(): Buffer {
    return this.#source.preamble;
  }

  get packetBytes(): number {
    return this.#source.packetBytes;
  }

  /** Packets produced so far. */
  get packetCount(): number {
    return this.#timeline.produced;
  }

  get byteLength(): number {
    return this.packetCount * this.packetBytes;
  }

  get connections(): readonly LiveConnectionRecord[] {
    return this.#connections;
  }

  get gaps(): readonly LiveGap[] {
    return this.#connections.flatMap((c) => (c.missedBefore ? [c.missedBefore] : []));
  }

  get aways(): readonly AwayRecord[] {
    return this.#timeline.awayLog;
  }

  packet(index: number): LivePacketInfo {
    if (!Number.isSafeInteger(index) || index < 0) throw new InvalidInputError(`no live packet ${index}`);
    const bytes = this.packetBytes;
    return { index, offset: index * bytes, bytes, timestampMs: this.#timeline.timestampOf(index) };
  }

  /** Bytes `[start, end)` of the canonical byte stream produced so far. */
  read(start: number, end: number): Buffer {
    this.#checkRange(start, end);
    const first = Math.floor(start / this.packetBytes);
    const last = Math.ceil(end / this.packetBytes);
    const bytes = this.#source.packets(first, last, (k) => this.#timeline.timestampOf(k));
    return bytes.subarray(start - first * this.packetBytes, end - first * this.packetBytes);
  }

  /** SHA-256 (hex) of `[start, end)` of the canonical byte stream, generated in batches. */
  sha256(start = 0, end = this.byteLength): string {
    this.#checkRange(start, end);
    const hash = createHash('sha256');
    const step = 256 * this.packetBytes;
    for (let at = start; at < end; at += step) hash.update(this.read(at, Math.min(end, at + step)));
    return hash.digest('hex');
  }

  /** @internal */
  addConnection(openedAtMs: number, firstPacket: number): ConnectionRecord {
    const record = new ConnectionRecord(this.#connections.length, openedAtMs, firstPacket, this.#connections.at(-1), (from, to, connectionId) => ({
      connectionId,
      fromPacket: from,
      toPacket: to,
      fromOffset: from * this.packetBytes,
      toOffset: to * this.packetBytes,
      fromTimestampMs: this.#timeline.timestampOf(from),
      toTimestampMs: this.#timeline.timestampOf(to),
    }));
    this.#connections.push(record);
    return record;
  }

  #checkRange(start: number, end: number): void {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > this.byteLength) {
      throw new InvalidInputError(`live byte range [${start}, ${end}) is outside the ${this.byteLength} bytes produced`);
    }
  }
}
