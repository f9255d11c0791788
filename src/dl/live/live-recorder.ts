import { EventEmitter } from 'node:events';
import {
  AbortError,
  HttpError,
  InvalidOptionError,
  LiveOfflineError,
  LiveStateError,
  NetworkError,
  PathError,
  type DouyinKitError,
} from '../../errors.js';
import { calculateRetryDelay } from '../../utils/calculate-retry-delay.js';
import { ChatSidecar } from './chat-sidecar.js';
import { asKitError, isRetryableFailure } from './failure-policy.js';
import { FlvSegmenter, type FlvResume } from './flv-segmenter.js';
import type { HlsProgress } from './hls-session.js';
import type {
  LiveEndReason,
  LiveRecorderEvents,
  LiveRecorderState,
  LiveRecordingGap,
  LiveRecordingResult,
  LiveSegmentClosed,
} from './live-recorder-events.js';
import { resolveRecorderOptions, type LiveRecorderOptions, type ResolvedRecorderOptions } from './live-recorder-options.js';
import type { LiveStreamChoice } from './live-stream-source.js';
import { createLiveTransport, type LiveTransport } from './live-transport.js';
import { runSession, type SessionEnd } from './recorder-session.js';
import { RoomStatus } from './room-status.js';
import { SegmentSink } from './segment-sink.js';
import { abortableSleep } from './sleep.js';
import { TsSegmenter } from './ts-segmenter.js';

/**
 * Records one live room: HTTP-FLV by stream copy into `.flv` files, or HLS segments into `.ts`
 * files, with a stall watchdog, reconnects with backoff while the room is live, "anchor away"
 * waits, time/size segmentation into independently playable files, and optional chat sidecars.
 * @example
 * const rec = new LiveRecorder({ source: room, isLive, root: 'Download', segment: { maxDurationMs: 30 * 60_000 } });
 * rec.on('segmentClosed', (s) => console.log(s.path, s.bytes));
 * const result = await rec.start({ signal });
 */
export class LiveRecorder extends EventEmitter<LiveRecorderEvents> {
  readonly #o: ResolvedRecorderOptions;
  readonly #stop = new AbortController();
  #state: LiveRecorderState = 'idle';
  #done: Promise<LiveRecordingResult> | null = null;
  #transport: LiveTransport | null = null;
  #sink: SegmentSink | null = null;
  #flv: FlvSegmenter | null = null;
  #ts: TsSegmenter | null = null;
  readonly #files: LiveSegmentClosed[] = [];
  readonly #gaps: LiveRecordingGap[] = [];
  readonly #hlsProgress: HlsProgress = { lastSequence: null };
  #sessions = 0;
  #startedAtMs: number | null = null;
  #choice: LiveStreamChoice | null = null;
  #away: { sinceMs: number } | null = null;
  #roomEnded = false;
  #lastMediaWallMs = 0;
  #clientErrors = 0;
  readonly #status: RoomStatus;

  /** @throws {InvalidOptionError} for a missing or malformed option. */
  constructor(options: LiveRecorderOptions) {
    super();
    this.#o = resolveRecorderOptions(options);
    this.#status = new RoomStatus(this.#o.isLive, this.#o.now, this.#o.awayCheckIntervalMs, this.#stop.signal, (e) => this.#emitError(e));
  }

  get state(): LiveRecorderState {
    return this.#state;
  }

  /** Running totals (the open file included). */
  get stats(): { bytes: number; mediaBytes: number; files: number; gaps: number; reconnects: number } {
    return {
      bytes: this.#files.reduce((n, f) => n + f.bytes, 0) + (this.#sink?.bytes ?? 0),
      mediaBytes: this.#flv?.mediaBytes ?? this.#ts?.mediaBytes ?? 0,
      files: this.#files.length + (this.#sink?.isOpen ? 1 : 0),
      gaps: this.#gaps.length,
      reconnects: Math.max(0, this.#sessions - 1),
    };
  }

  /**
   * Records until the room ends, `stop()` is called or `signal` aborts (both resolve with the
   * result: every file closed and playable), or a failure that reconnecting cannot fix (rejects).
   * @throws {LiveStateError} when already started.
   * @throws {AbortError} when `signal` was aborted before the call.
   * @throws {LiveOfflineError} when `isLive` says the room is not live at the start, or it has no stream URL.
   */
  async start(options: { signal?: AbortSignal } = {}): Promise<LiveRecordingResult> {
    const { signal } = options;
    if (this.#state !== 'idle') throw new LiveStateError(`The recorder cannot start: it is ${this.#state}`, { hint: 'Create a new LiveRecorder for each recording.' });
    if (signal?.aborted) throw new AbortError('The recording was aborted before it started', { cause: signal.reason });
    const onAbort = () => void this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.#setState('connecting');
      this.#done = this.#record();
      const result = await this.#done;
      if (result.endedBy === 'error' && result.error) throw result.error;
      return result;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops gracefully: the connection is closed, the files finished and renamed. Idempotent. */
  stop(): Promise<LiveRecordingResult> {
    if (this.#state === 'idle') {
      this.#state = 'ended';
      this.#done = Promise.resolve(this.#result('stopped', undefined));
    }
    if (!this.#stop.signal.aborted) {
      if (this.#state !== 'ended') this.#setState('stopping');
      this.#stop.abort(new AbortError('The recording was stopped'));
    }
    return this.#done!;
  }

  async #record(): Promise<LiveRecordingResult> {
    const o = this.#o;
    let endedBy: LiveEndReason = 'ended';
    let error: DouyinKitError | undefined;
    const chat = o.chat ? new ChatSidecar(o.chat, o.now, (e) => this.#emitError(e)) : null;
    try {
      this.#transport = createLiveTransport({ httpClient: o.httpClient, got: o.got, headers: o.headers });
      this.#sink = new SegmentSink({
        root: o.root,
        folder: o.folder,
        baseName: o.fileName,
        protocol: o.protocol,
        now: o.now,
        chat,
        onOpened: (info) => this.emit('segmentOpened', info),
        onClosed: (info) => {
          this.#files.push(info);
          this.emit('segmentClosed', info);
        },
      });
      if (o.protocol === 'flv') this.#flv = new FlvSegmenter(this.#sink, o.segment);
      else this.#ts = new TsSegmenter(this.#sink, o.segment);
      chat?.start();
      await this.#loop();
      endedBy = this.#roomEnded || !this.#stop.signal.aborted ? 'ended' : 'stopped';
    } catch (e) {
      if (this.#stop.signal.aborted && !(e instanceof PathError) && !(e instanceof InvalidOptionError)) {
        endedBy = 'stopped';
      } else {
        endedBy = 'error';
        error = asKitError(e, 'The live recording failed');
      }
    } finally {
      chat?.stop();
      try {
        await this.#sink?.close();
      } catch (e) {
        if (!error) {
          endedBy = 'error';
          error = asKitError(e, 'Closing the live recording failed');
        }
      }
      this.#transport?.close();
    }
    this.#state = 'ended';
    const result = this.#result(endedBy, error);
    this.emit('ended', result);
    return result;
  }

  async #loop(): Promise<void> {
    const o = this.#o;
    const stop = this.#stop.signal;
    if (o.isLive && (await this.#status.ask(true)) === false) {
      throw new LiveOfflineError('The room is not live', { hint: 'Wait for the anchor to go live (live_status 2), or poll and start then.' });
    }
    let attempt = 0;
    while (!stop.aborted) {
      const end = await this.#session();
      if (end.kind === 'stopped' || stop.aborted || this.#roomEnded) return;
      if (end.progressed) {
        attempt = 0;
        this.#clientErrors = 0;
        this.#lastMediaWallMs = o.now() - (end.kind === 'stalled' ? end.idleMs : 0);
      }
      if (end.kind === 'stalled') this.emit('stalled', { protocol: o.protocol, idleMs: end.idleMs, hadMedia: end.progressed });
      const error = end.kind === 'failed' ? end.error : null;
      const gone = end.kind === 'failed' && end.statusCode === 404;
      if (error && !gone && !isRetryableFailure(error, typeof o.source === 'function', error instanceof HttpError ? ++this.#clientErrors : 0)) {
        throw error;
      }

      const live = await this.#status.ask(true);
      if (stop.aborted) return;
      const finished = end.kind === 'eof' || end.kind === 'endlist' || gone;
      if (live === false || (!o.isLive && finished)) {
        this.#roomEnded = true;
        return;
      }
      const paused = o.isLive !== undefined && (gone || (!end.progressed && (finished || (end.kind === 'stalled' && end.responded))));
      if (paused) {
        this.#enterAway();
        // A silent connection was already waited on; a 404 or an empty answer waits a status interval.
        const wait = end.kind === 'stalled' ? o.reconnect.minDelayMs : o.awayCheckIntervalMs;
        if (!(await abortableSleep(wait, stop))) return;
        continue;
      }
      attempt++;
      const delayMs = calculateRetryDelay({
        attemptCount: attempt,
        retryLimit: o.reconnect.retries,
        retryable: true,
        baseDelayMs: o.reconnect.minDelayMs,
        maxDelayMs: o.reconnect.maxDelayMs,
        random: o.random(),
      });
      if (delayMs === 0) {
        throw error ?? new NetworkError(`The live stream gave no media in ${attempt} connections in a row`, { hint: 'Raise reconnect.retries or stallTimeoutMs, or check the network.' });
      }
      if (this.#state !== 'away') this.#setState('reconnecting');
      this.emit('reconnecting', { attempt, delayMs, error });
      if (!(await abortableSleep(delayMs, stop))) return;
    }
  }

  #session(): Promise<SessionEnd> {
    const o = this.#o;
    this.#sessions++;
    return runSession({
      o,
      got: this.#transport!.got,
      signal: this.#stop.signal,
      writer: this.#flv ? { flv: this.#flv } : { ts: this.#ts!, progress: this.#hlsProgress },
      hadChoice: this.#choice !== null,
      onChoice: (choice) => void (this.#choice ??= choice),
      onResponse: (choice) => this.#onResponse(choice),
      onMedia: (resume) => this.#onMedia(resume),
      onIdle: (silentMs, hadMedia) => this.#onIdle(silentMs, hadMedia),
      onHlsGap: (g) => {
        const at = o.now();
        this.#addGap({ protocol: 'hls', reason: g.reason, fromWallMs: at, toWallMs: at, fromSequence: g.fromSequence, toSequence: g.toSequence, segmentIndex: this.#sink!.index });
      },
    });
  }

  #onResponse(choice: LiveStreamChoice): void {
    if (this.#startedAtMs === null) {
      this.#startedAtMs = this.#o.now();
      this.emit('started', { protocol: choice.protocol, quality: choice.quality, url: choice.url, atMs: this.#startedAtMs });
    }
    if (this.#state !== 'away' && this.#state !== 'stopping') this.#setState('recording');
  }

  #onMedia(resume: FlvResume | null): void {
    const now = this.#o.now();
    if (resume && (resume.gap || resume.timestampReset)) {
      this.#addGap({
        protocol: 'flv',
        reason: this.#away ? 'anchor-away' : 'reconnect',
        fromWallMs: this.#lastMediaWallMs,
        toWallMs: now,
        ...(resume.gap ?? {}),
        segmentIndex: this.#sink!.index,
      });
    }
    if (this.#away) {
      this.emit('anchorBack', { awayMs: now - this.#away.sinceMs });
      this.#away = null;
    }
    if (this.#state !== 'stopping') this.#setState('recording');
  }

  /** A connection that answered has been silent: keep it (paused stream) or give it up. */
  async #onIdle(silentMs: number, hadMedia: boolean): Promise<boolean> {
    if (hadMedia) return false;
    if (!this.#o.isLive) return silentMs < this.#o.awayReconnectMs;
    const live = await this.#status.ask(false);
    if (live === false) {
      this.#roomEnded = true;
      return false;
    }
    this.#enterAway();
    return silentMs < this.#o.awayReconnectMs;
  }

  #enterAway(): void {
    if (this.#away) return;
    this.#away = { sinceMs: this.#o.now() };
    if (this.#state !== 'stopping') this.#setState('away');
    this.emit('anchorAway', { sinceMs: this.#away.sinceMs });
  }

  #addGap(gap: LiveRecordingGap): void {
    this.#gaps.push(gap);
    this.emit('gap', gap);
  }

  #setState(state: LiveRecorderState): void {
    if (this.#state !== 'ended') this.#state = state;
  }

  #emitError(error: DouyinKitError): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  #result(endedBy: LiveEndReason, error: DouyinKitError | undefined): LiveRecordingResult {
    return {
      endedBy,
      ...(error ? { error } : {}),
      protocol: this.#choice?.protocol ?? null,
      quality: this.#choice?.quality ?? null,
      files: [...this.#files],
      bytes: this.#files.reduce((n, f) => n + f.bytes, 0),
      gaps: [...this.#gaps],
      reconnects: Math.max(0, this.#sessions - 1),
      startedAtMs: this.#startedAtMs,
      endedAtMs: this.#o.now(),
    };
  }
}
