import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidInputError } from '../../../errors.js';
import type { BodyFault } from '../body-fault.js';
import { writeBody } from '../serve-asset.js';
import { renderPlaylist } from './hls-playlist.js';
import { buildTsSegment } from './hls-segment.js';
import { LivePacketSource } from './live-packets.js';
import { type ConnectionRecord, LiveEmitted } from './live-record.js';
import { LiveTimeline } from './live-timeline.js';
import { type LiveStreamOptions, resolveLiveOptions } from './live-options.js';

export type { LiveStreamOptions } from './live-options.js';

interface FlvConnection {
  readonly record: ConnectionRecord;
  readonly res: ServerResponse;
  stalledUntilMs: number;
  waitingForDrain: boolean;
}

const MAX_WRITE_BYTES = 1024 * 1024;

function durationArgument(ms: number, what: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new InvalidInputError(`${what} needs a duration >= 0 ms, got ${String(ms)}`);
  return ms;
}

function notFound(res: ServerResponse, why: string): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(why)) });
  res.end(why);
}

function methodAllowed(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': '0' });
  res.end();
  return false;
}

/**
 * An emulated Douyin live stream, served as HTTP-FLV (`flv_pull_url`) and HLS
 * (`hls_pull_url_map`). Media is produced in real time — `bitrateBps × speed` per wall second,
 * driven by a timer while FLV clients are connected — and a client that connects gets what is
 * live now: whatever was produced while it was away is a gap, recorded in `emitted`.
 */
export class EmulatedLiveStream {
  readonly id: string;
  readonly emitted: LiveEmitted;
  readonly #timeline: LiveTimeline;
  readonly #source: LivePacketSource;
  readonly #now: () => number;
  readonly #speed: number;
  readonly #tickMs: number;
  readonly #startWallMs: number;
  readonly #elapsedMs: number;
  readonly #packetsPerSegment: number;
  readonly #playlistSize: number;
  readonly #segmentUri: (sequence: number) => string;
  readonly #flv = new Set<FlvConnection>();
  readonly #segments = new Map<number, Buffer>();
  #timer: NodeJS.Timeout | undefined;
  #endedAtMs: number | null = null;
  #closed = false;

  /** @throws {InvalidOptionError} for a missing id or an out-of-range option. */
  constructor(options: LiveStreamOptions) {
    const o = resolveLiveOptions(options);
    this.id = o.id;
    this.#playlistSize = o.playlistSize;
    this.#speed = o.speed;
    this.#tickMs = o.tickMs;
    this.#elapsedMs = o.elapsedMs;
    this.#now = o.now;
    this.#segmentUri = o.segmentUri;
    this.#packetsPerSegment = Math.max(1, Math.round(o.segmentMs / o.frameMs));
    this.#timeline = new LiveTimeline(o.frameMs);
    this.#source = new LivePacketSource(o.id, o.bitrateBps, o.frameMs);
    this.emitted = new LiveEmitted(this.#timeline, this.#source);
    this.#startWallMs = this.#now();
  }

  /** True once `end()` or `close()` has run. */
  get ended(): boolean {
    return this.#endedAtMs !== null;
  }

  /** Stream time in ms (frozen once the stream has ended). */
  get streamTimeMs(): number {
    if (this.#endedAtMs !== null) return this.#endedAtMs;
    return (this.#now() - this.#startWallMs) * this.#speed + this.#elapsedMs;
  }

  /** True while an `anchorAway` period is running. */
  get anchorIsAway(): boolean {
    return this.#timeline.isAway(this.streamTimeMs);
  }

  /** Produces what is due by now and feeds the open FLV connections (the timer calls this). */
  poll(): void {
    if (this.ended) return;
    const now = this.streamTimeMs;
    this.#timeline.advanceTo(now);
    for (const connection of this.#flv) this.#feed(connection, now);
  }

  /** HTTP-FLV: the preamble, then packets from the live position on, until the stream ends. */
  serveFlv(req: IncomingMessage, res: ServerResponse): void {
    if (!methodAllowed(req, res)) return;
    if (this.ended) return notFound(res, 'stream ended');
    this.poll();
    res.writeHead(200, { 'Content-Type': 'video/x-flv', 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const record = this.emitted.addConnection(this.streamTimeMs, this.#timeline.produced);
    const connection: FlvConnection = { record, res, stalledUntilMs: -Infinity, waitingForDrain: false };
    this.#flv.add(connection);
    res.once('close', () => {
      this.#flv.delete(connection);
      if (record.closeReason === null) this.#markClosed(connection, 'client');
      if (this.#flv.size === 0) this.#stopTimer();
    });
    this.#write(connection, this.#source.preamble);
    this.#startTimer();
  }

  /** The rolling live playlist; `EXT-X-ENDLIST` once the stream has ended. */
  serveHlsPlaylist(req: IncomingMessage, res: ServerResponse, options: { fault?: BodyFault } = {}): void {
    if (!methodAllowed(req, res)) return;
    if (this.#closed) return notFound(res, 'stream closed');
    this.poll();
    const { first, end } = this.hlsWindow();
    const segments = [];
    for (let n = first; n < end; n++) {
      const [from, to] = this.#segmentPackets(n);
      segments.push({ sequence: n, durationMs: (to - from) * this.#timeline.frameMs, uri: this.#segmentUri(n) });
    }
    const text = renderPlaylist(segments, this.#packetsPerSegment * this.#timeline.frameMs, this.ended, end);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/vnd.apple.mpegurl');
    res.setHeader('Cache-Control', 'no-cache');
    writeBody(res, Buffer.from(text), options.fault);
  }

  /** One MPEG-TS segment of the window; 404 before it is complete and after it rolled out. */
  serveHlsSegment(req: IncomingMessage, res: ServerResponse, sequence: number, options: { fault?: BodyFault } = {}): void {
    if (!methodAllowed(req, res)) return;
    if (this.#closed) return notFound(res, 'stream closed');
    this.poll();
    const { first, end } = this.hlsWindow();
    if (!Number.isSafeInteger(sequence) || sequence < first || sequence >= end) return notFound(res, 'no such segment');
    res.statusCode = 200;
    res.setHeader('Content-Type', 'video/mp2t');
    writeBody(res, this.segment(sequence), options.fault);
  }

  /** Sequence numbers `[first, end)` currently in the playlist. */
  hlsWindow(): { first: number; end: number } {
    const produced = this.#timeline.produced;
    const complete = this.ended ? Math.ceil(produced / this.#packetsPerSegment) : Math.floor(produced / this.#packetsPerSegment);
    return { first: Math.max(0, complete - this.#playlistSize), end: complete };
  }

  /** The bytes of segment `sequence` (complete or not), as served. */
  segment(sequence: number): Buffer {
    const started = Math.ceil(this.#timeline.produced / this.#packetsPerSegment);
    if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence >= started) {
      throw new InvalidInputError(`segment ${sequence} has not been produced (${started} so far)`);
    }
    const cached = this.#segments.get(sequence);
    if (cached) return cached;
    const [firstPacket, endPacket] = this.#segmentPackets(sequence);
    const bytes = buildTsSegment({
      sequence,
      firstPacket,
      endPacket,
      frameBytes: this.#source.packetBytes,
      timestampOf: (k) => this.#timeline.timestampOf(k),
      filler: this.#source.filler,
    });
    const { first } = this.hlsWindow();
    for (const n of this.#segments.keys()) if (n < first) this.#segments.delete(n);
    if (endPacket - firstPacket === this.#packetsPerSegment || this.ended) this.#segments.set(sequence, bytes);
    return bytes;
  }

  /** The anchor steps away: nothing is produced for `ms` of stream time; connections stay open. */
  anchorAway(ms: number): void {
    durationArgument(ms, 'anchorAway');
    if (this.ended) return;
    this.poll();
    const now = this.streamTimeMs;
    this.#timeline.addAway(now, now + ms);
  }

  /** The server stops writing to the connections open now for `ms` of stream time, then sends the backlog. */
  stall(ms: number): void {
    durationArgument(ms, 'stall');
    if (this.ended) return;
    this.poll();
    const until = this.streamTimeMs + ms;
    for (const connection of this.#flv) connection.stalledUntilMs = until;
  }

  /** Destroys every open FLV connection (the client sees the body stop short). */
  dropConnections(): void {
    for (const connection of this.#flv) {
      this.#markClosed(connection, 'dropped');
      connection.res.destroy();
    }
  }

  /** The stream ends: FLV responses finish cleanly and the playlist gets `EXT-X-ENDLIST`. */
  end(): void {
    if (this.ended) return;
    this.poll();
    this.#endedAtMs = this.streamTimeMs;
    this.#stopTimer();
    for (const connection of this.#flv) {
      this.#markClosed(connection, 'ended');
      connection.res.end();
    }
  }

  /** Stops every timer and destroys every open connection; the stream answers 404 afterwards. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#endedAtMs === null) this.#endedAtMs = this.streamTimeMs;
    this.#stopTimer();
    for (const connection of this.#flv) {
      if (connection.record.closeReason === null) this.#markClosed(connection, 'closed');
      connection.res.destroy();
    }
    this.#flv.clear();
    this.#segments.clear();
  }

  #segmentPackets(sequence: number): [number, number] {
    const from = sequence * this.#packetsPerSegment;
    return [from, Math.min(from + this.#packetsPerSegment, this.#timeline.produced)];
  }

  #feed(connection: FlvConnection, now: number): void {
    if (connection.waitingForDrain || now < connection.stalledUntilMs || connection.record.closeReason !== null) return;
    const produced = this.#timeline.produced;
    const batch = Math.max(1, Math.floor(MAX_WRITE_BYTES / this.#source.packetBytes));
    const { record } = connection;
    while (record.endPacket < produced) {
      const to = Math.min(produced, record.endPacket + batch);
      const bytes = this.#source.packets(record.endPacket, to, (k) => this.#timeline.timestampOf(k));
      record.endPacket = to;
      if (!this.#write(connection, bytes)) {
        connection.waitingForDrain = true;
        connection.res.once('drain', () => {
          connection.waitingForDrain = false;
          if (!this.ended) this.#feed(connection, this.streamTimeMs);
        });
        return;
      }
    }
  }

  #write(connection: FlvConnection, bytes: Buffer): boolean {
    connection.record.noteWrite(bytes);
    return connection.res.write(bytes, (error) => {
      if (!error) connection.record.bytesFlushed += bytes.length;
    });
  }

  #markClosed(connection: FlvConnection, reason: ConnectionRecord['closeReason']): void {
    connection.record.closeReason = reason;
    connection.record.closedAtMs = this.streamTimeMs;
  }

  #startTimer(): void {
    if (this.#timer === undefined && !this.ended) this.#timer = setInterval(() => this.poll(), this.#tickMs);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
