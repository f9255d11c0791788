import { EventEmitter } from 'node:events';
import { InvalidInputError, LiveStateError, redactSecrets } from '../../errors.js';
import type { ControlMessage } from './generated/types.js';
import { LiveChatDialer, type DialHooks } from './live-chat-dialer.js';
import { emptyLiveChatStats, LiveChatDispatcher, type LiveChatStats } from './live-chat-dispatch.js';
import { emitError, safeEmit } from './live-chat-emit.js';
import type { LiveChatEvents, LiveChatState } from './live-chat-events.js';
import { JsonlSink, jsonlPath } from './live-chat-jsonl.js';
import { resolveLiveChatOptions, type LiveChatClientOptions, type ResolvedLiveChatOptions } from './live-chat-options.js';
import { LiveChatRelay } from './live-chat-relay.js';
import { liveRoomEnded, resolveLiveRoom, type LiveChatHost } from './live-chat-room.js';
import { reconnectLoop } from './live-chat-reconnect.js';
import { obtainUserUniqueId } from './live-chat-setup.js';
import { abortReason, ChatSocket } from './live-chat-socket.js';
import { iterateMessages } from './live-chat-iterator.js';
import type { DecodedMessage } from './messages.js';

export type { LiveChatStats } from './live-chat-dispatch.js';

/**
 * Douyin live-room chat ("danmaku") over the webcast websocket.
 *
 * `connect()` resolves the room through the kit (web/enter or reflow/info), checks it is live,
 * gets a `user_unique_id` (query/user, else a generated one), preloads cursor and internal_ext
 * (im/fetch), and opens the signed websocket through the kit's proxy agent with its cookies. Frames
 * are gunzipped when gzip, ACKed when the Response asks (`logId` + internal_ext), and every message
 * is emitted as `message` and as its own typed event (`chat`, `gift`, `like`, …). A `hb` frame goes
 * out every 10 s; a drop or a silent connection reconnects with backoff and resumes from the last
 * cursor; msg_ids are de-duplicated. A ControlMessage saying the live ended stops the client.
 * @example
 * const chat = new LiveChatClient(new DouyinKit(), 'https://live.douyin.com/123456789012');
 * chat.on('chat', (m) => console.log(m.user?.nickname, m.content));
 * await chat.connect();
 * await chat.untilClosed();
 */
export class LiveChatClient extends EventEmitter<LiveChatEvents> {
  /** The room as given: a live.douyin.com URL or number, a room id, or a reflow link. */
  readonly room: string;
  readonly #host: LiveChatHost;
  readonly #o: ResolvedLiveChatOptions;
  readonly #dialer: LiveChatDialer;
  #state: LiveChatState = 'idle';
  #session: AbortController | null = null;
  #unlinkSignal: (() => void) | null = null;
  #shutdown: Promise<void> | null = null;
  #ended = false;
  #attempt = 0;
  #stats = emptyLiveChatStats();
  #dispatch: LiveChatDispatcher;
  /** The socket whose `connected` event went out (a `disconnected` event follows it). */
  #announced: ChatSocket | null = null;
  readonly #dialHooks: DialHooks = {
    counters: () => this.#stats,
    onOpen: () => void this.#stats.connections++,
    onFrame: (socket, bytes) => this.#onFrame(socket, bytes),
    onClose: (socket, code, reason) => this.#onSocketClose(socket, code, reason),
  };

  /** @throws {InvalidOptionError} for an unknown or malformed option. */
  constructor(host: LiveChatHost, room: string, options: LiveChatClientOptions = {}) {
    super();
    if (typeof room !== 'string' || room.trim() === '') throw new InvalidInputError('A live room (URL, webcast id or room id) is required');
    this.room = room;
    this.#host = host;
    this.#o = resolveLiveChatOptions(options, host.options.timeoutMs);
    this.#dialer = new LiveChatDialer(host, this.#o);
    this.#dispatch = this.#newDispatcher();
  }

  #newDispatcher(): LiveChatDispatcher {
    return new LiveChatDispatcher({
      emit: (event, ...args) => safeEmit(this, event, ...args),
      emitError: (error) => emitError(this, error),
      callbacks: this.#o.callbacks,
      dedupSize: this.#o.dedupSize,
      stats: this.#stats,
    });
  }

  get state(): LiveChatState {
    return this.#state;
  }

  /** The 19-digit room id, once resolved. */
  get roomId(): string | null {
    return this.#dialer.roomId;
  }

  get userUniqueId(): string | null {
    return this.#dialer.userUniqueId;
  }

  /** The position a reconnect resumes from (the last processed Response's cursor). */
  get cursor(): string {
    return this.#dialer.cursor;
  }

  get internalExt(): string {
    return this.#dialer.internalExt;
  }

  get stats(): Readonly<LiveChatStats> {
    return { ...this.#stats };
  }

  /** `ws://host:port` of the local re-broadcast server while it runs. */
  get relayUrl(): string | null {
    return this.#dispatch.relay?.url ?? null;
  }

  /** The JSONL file being written, while connected. */
  get jsonlPath(): string | null {
    return this.#dispatch.jsonl?.path ?? null;
  }

  /**
   * Connects; resolves once the websocket is open. Aborting `signal` later closes the client.
   * @throws {LiveStateError} unless the client is idle or closed.
   * @throws {LiveOfflineError} the room is not live. @throws {NotFoundError} no such room.
   * @throws {HttpError} the handshake was refused. @throws {AbortError} `signal` fired or `close()` was called.
   */
  async connect(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.#state !== 'idle' && this.#state !== 'closed') {
      throw new LiveStateError(`connect() needs an idle or closed client; this one is ${this.#state}`, {
        hint: 'Call close() and wait for it before connecting again.',
      });
    }
    const { signal } = options;
    if (signal?.aborted) throw abortReason(signal, 'Connecting to the live chat');
    this.#reset();
    const session = new AbortController();
    this.#session = session;
    if (signal) {
      const onAbort = () => void this.#stop();
      signal.addEventListener('abort', onAbort, { once: true });
      this.#unlinkSignal = () => signal.removeEventListener('abort', onAbort);
    }
    this.#setState('connecting');
    try {
      if (this.#o.relay) this.#dispatch.relay = await LiveChatRelay.start(this.#o.relay.host, this.#o.relay.port);
      const room = await resolveLiveRoom(this.#host, this.room, session.signal);
      this.#dialer.roomId = room.roomId;
      this.#dialer.webcastId = room.webcastId;
      if (this.#o.jsonl) {
        this.#dispatch.jsonl = await JsonlSink.open(jsonlPath(this.#o.jsonl, room.roomId, Date.now()), (e) => emitError(this, e));
      }
      await this.#host.tokens.ensureTtwid(session.signal);
      this.#dialer.userUniqueId = this.#o.userUniqueId ?? (await obtainUserUniqueId(this.#host, session.signal, this.#o.random));
      await this.#dialer.preload(session.signal);
      await this.#dialer.openFirst(session.signal, this.#dialHooks);
      // The first frames may already have ended the live (or a listener closed the client).
      if ((this.#state as LiveChatState) !== 'connecting') return;
      this.#setState('open');
      this.#emitConnected();
    } catch (error) {
      const failure = session.signal.aborted ? abortReason(session.signal, 'Connecting to the live chat') : error;
      await this.#stop();
      throw failure;
    }
  }

  /** Closes the connection, the relay and the JSONL file; no timer or listener is left. Idempotent. */
  close(): Promise<void> {
    if (this.#state === 'idle' || this.#state === 'closed') return Promise.resolve();
    return this.#stop();
  }

  /** Resolves when the client is (or next becomes) closed (`error` events do not reject it). */
  untilClosed(): Promise<void> {
    if (this.#state === 'idle' || this.#state === 'closed') return Promise.resolve();
    return new Promise((resolve) => this.once('closed', resolve));
  }

  /**
   * Every decoded message as an async iterator (`for await (const m of chat.messages())`); it ends
   * when the client closes. Subscribe before `connect()` to miss nothing. Non-fatal `error`
   * events do not end it. Messages are buffered until read.
   * @throws {AbortError} when `signal` fires.
   */
  messages(options: { signal?: AbortSignal } = {}): AsyncGenerator<DecodedMessage, void, undefined> {
    return iterateMessages(this, this.#state === 'closed', options.signal);
  }

  // ── connection ─────────────────────────────────────────────────────────────

  #reset(): void {
    this.#dialer.reset();
    this.#ended = false;
    this.#announced = null;
    this.#attempt = 0;
    this.#stats = emptyLiveChatStats();
    this.#dispatch = this.#newDispatcher();
    this.#shutdown = null;
  }

  #emitConnected(): void {
    this.#announced = this.#dialer.socket;
    safeEmit(this, 'connected', {
      roomId: this.#dialer.roomId!,
      userUniqueId: this.#dialer.userUniqueId!,
      connection: this.#stats.connections,
      resumed: this.#stats.connections > 1,
      url: redactSecrets(this.#dialer.lastUrl),
    });
  }

  #onSocketClose(socket: ChatSocket, code: number, reason: string): void {
    // A socket that never got its `connected` event fails its opener instead.
    if (socket !== this.#announced) return;
    this.#announced = null;
    const stopping = this.#state === 'closing' || this.#state === 'closed' || this.#ended;
    const willReconnect = !stopping && this.#o.reconnect !== false;
    safeEmit(this, 'disconnected', { code, reason, willReconnect });
    if (stopping) return;
    if (willReconnect) void this.#reconnect();
    else void this.#stop();
  }

  #reconnect(): Promise<void> {
    const policy = this.#o.reconnect;
    const signal = this.#session?.signal;
    if (!policy || !signal) return Promise.resolve();
    this.#setState('reconnecting');
    return reconnectLoop({
      policy,
      random: this.#o.random,
      signal,
      nextAttempt: () => ++this.#attempt,
      reconnecting: (info) => safeEmit(this, 'reconnecting', info),
      attempt: async (s) => {
        if (this.#o.checkLiveOnReconnect && (await liveRoomEnded(this.#host, this.room, () => this.#dialer.roomId, s))) {
          this.#end({ reason: 'offline' });
          return 'stop';
        }
        if (this.#dialer.needsPreload) await this.#dialer.preload(s);
        await this.#dialer.open(s, this.#dialHooks);
        this.#stats.reconnects++;
        if (this.#state !== 'reconnecting') return 'stop';
        this.#setState('open');
        this.#emitConnected();
        return 'open';
      },
      failed: (error) => this.#dialer.failed(error),
      gaveUp: (error) => {
        emitError(this, error);
        void this.#stop();
      },
    });
  }

  #end(info: { reason: 'control' | 'offline'; message?: ControlMessage }): void {
    if (this.#ended) return;
    this.#ended = true;
    safeEmit(this, 'ended', info);
    void this.#stop();
  }

  #stop(): Promise<void> {
    this.#shutdown ??= (async () => {
      this.#setState('closing');
      this.#session?.abort();
      this.#unlinkSignal?.();
      this.#unlinkSignal = null;
      const d = this.#dispatch;
      await Promise.all([this.#dialer.socket?.close(1000, 'client closed'), d.relay?.close(), d.jsonl?.close()]);
      this.#dialer.socket = null;
      d.relay = d.jsonl = null;
      this.#session = null;
      this.#setState('closed');
      safeEmit(this, 'closed');
    })();
    return this.#shutdown;
  }

  #setState(state: LiveChatState): void {
    if (this.#state === state) return;
    this.#state = state;
    safeEmit(this, 'state', state);
  }

  // ── frames and messages ────────────────────────────────────────────────────

  #onFrame(socket: ChatSocket, bytes: Buffer): void {
    const r = this.#dispatch.frame(bytes, (b) => socket.send(b), () => this.#state === 'closing' || this.#state === 'closed');
    if (r.close) return void socket.close(1000, 'server asked to close');
    if (r.cursor === undefined && r.internalExt === undefined && !r.ended) return;
    // A connection that delivers is healthy: the next drop starts the backoff over.
    this.#attempt = 0;
    this.#dialer.resume(r);
    if (r.ended) this.#end({ reason: 'control', message: r.ended });
  }
}
