import { EventEmitter } from 'node:events';
import { InvalidInputError, isDouyinKitError, LiveOfflineError, LiveStateError, NetworkError, NotFoundError, redactSecrets, SignatureError } from '../../errors.js';
import { WebcastSigner, webcastXMsStub } from '../../utils/webcast-signature.js';
import type { ControlMessage } from './generated/types.js';
import { emptyLiveChatStats, LiveChatDispatcher, type LiveChatStats } from './live-chat-dispatch.js';
import type { LiveChatEvents, LiveChatState } from './live-chat-events.js';
import { JsonlSink, jsonlPath } from './live-chat-jsonl.js';
import { resolveLiveChatOptions, type LiveChatClientOptions, type ResolvedLiveChatOptions } from './live-chat-options.js';
import { LiveChatRelay } from './live-chat-relay.js';
import { resolveLiveRoom, type LiveChatHost } from './live-chat-room.js';
import { reconnectLoop } from './live-chat-reconnect.js';
import { obtainUserUniqueId, preload, pushCandidates, pushHeaders } from './live-chat-setup.js';
import { abortReason, ChatSocket } from './live-chat-socket.js';
import { iterateMessages } from './live-chat-iterator.js';
import { buildPushUrl } from './live-chat-url.js';
import type { DecodedMessage } from './messages.js';

export type { LiveChatStats } from './live-chat-dispatch.js';

type AnyEmit = (event: string, ...args: unknown[]) => boolean;

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
  readonly #signer = new WebcastSigner();
  #state: LiveChatState = 'idle';
  #roomId: string | null = null;
  #webcastId: string | null = null;
  #uid: string | null = null;
  #cursor = '';
  #internalExt = '';
  /** Push endpoints in the order tried; `#hostIndex` is the current one. */
  #pushHosts: string[] = [];
  #hostIndex = 0;
  #freshPreload = false;
  #socket: ChatSocket | null = null;
  #session: AbortController | null = null;
  #unlinkSignal: (() => void) | null = null;
  #shutdown: Promise<void> | null = null;
  #ended = false;
  #attempt = 0;
  #stats = emptyLiveChatStats();
  #dispatch: LiveChatDispatcher;
  #lastUrl = '';
  /** The socket whose `connected` event went out (a `disconnected` event follows it). */
  #announced: ChatSocket | null = null;

  /** @throws {InvalidOptionError} for an unknown or malformed option. */
  constructor(host: LiveChatHost, room: string, options: LiveChatClientOptions = {}) {
    super();
    if (typeof room !== 'string' || room.trim() === '') throw new InvalidInputError('A live room (URL, webcast id or room id) is required');
    this.room = room;
    this.#host = host;
    this.#o = resolveLiveChatOptions(options, host.options.timeoutMs);
    this.#dispatch = this.#newDispatcher();
  }

  #newDispatcher(): LiveChatDispatcher {
    return new LiveChatDispatcher({
      emit: (event, ...args) => this.#safeEmit(event, ...args),
      emitError: (error) => this.#emitError(error),
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
    return this.#roomId;
  }

  get userUniqueId(): string | null {
    return this.#uid;
  }

  /** The position a reconnect resumes from (the last processed Response's cursor). */
  get cursor(): string {
    return this.#cursor;
  }

  get internalExt(): string {
    return this.#internalExt;
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
      this.#roomId = room.roomId;
      this.#webcastId = room.webcastId;
      if (this.#o.jsonl) {
        this.#dispatch.jsonl = await JsonlSink.open(jsonlPath(this.#o.jsonl, room.roomId, Date.now()), (e) => this.#emitError(e));
      }
      await this.#host.tokens.ensureTtwid(session.signal);
      this.#uid = this.#o.userUniqueId ?? (await obtainUserUniqueId(this.#host, session.signal, this.#o.random));
      await this.#preload(session.signal);
      await this.#openFirst(session.signal);
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
    this.#roomId = this.#webcastId = this.#uid = null;
    this.#cursor = this.#internalExt = '';
    this.#pushHosts = [];
    this.#hostIndex = 0;
    this.#freshPreload = this.#ended = false;
    this.#announced = null;
    this.#attempt = 0;
    this.#stats = emptyLiveChatStats();
    this.#dispatch = this.#newDispatcher();
    this.#shutdown = null;
  }

  async #preload(signal: AbortSignal): Promise<void> {
    const p = await preload(this.#host, this.#roomId!, this.#uid!, { enabled: this.#o.preload, random: this.#o.random, signal });
    this.#cursor = p.cursor;
    this.#internalExt = p.internalExt;
    const hosts = pushCandidates(this.#o.usePushServer ? p.pushServer : null, this.#host.options.hosts.webcastWs, this.#o.fallbackPushHosts);
    if (hosts.join() !== this.#pushHosts.join()) this.#hostIndex = 0;
    this.#pushHosts = hosts;
  }

  async #customSignature(roomId: string, userUniqueId: string): Promise<string> {
    let signature: unknown;
    try {
      signature = await this.#o.sign!({ roomId, userUniqueId, xMsStub: webcastXMsStub(roomId, userUniqueId) });
    } catch (error) {
      throw new SignatureError('The websocket signer failed', { cause: error, endpoint: 'live_chat_ws' });
    }
    if (typeof signature !== 'string') throw new SignatureError(`The websocket signer returned ${typeof signature}, not a string`, { endpoint: 'live_chat_ws' });
    return signature;
  }

  /** The first connection tries each push host once before giving up. */
  async #openFirst(signal: AbortSignal): Promise<void> {
    for (let tried = 1; ; tried++) {
      try {
        return await this.#openSocket(signal);
      } catch (error) {
        if (signal.aborted || tried >= this.#pushHosts.length) throw error;
        this.#hostIndex = (this.#hostIndex + 1) % this.#pushHosts.length;
      }
    }
  }

  async #openSocket(signal: AbortSignal): Promise<void> {
    const roomId = this.#roomId!;
    const uid = this.#uid!;
    const signature = this.#o.sign ? await this.#customSignature(roomId, uid) : this.#signer.sign(roomId, uid);
    const { userAgent, proxy } = this.#host.options;
    const url = buildPushUrl({ base: this.#pushHosts[this.#hostIndex]!, roomId, userUniqueId: uid, cursor: this.#cursor, internalExt: this.#internalExt, signature, userAgent });
    await ChatSocket.open({
      url,
      headers: pushHeaders(this.#host, url, this.#webcastId),
      agent: proxy ? this.#host.http.agent : undefined,
      handshakeTimeoutMs: this.#o.connectTimeoutMs,
      heartbeatIntervalMs: this.#o.heartbeatIntervalMs,
      silenceTimeoutMs: this.#o.silenceTimeoutMs,
      signal,
      counters: this.#stats,
      onOpen: (socket) => {
        this.#socket = socket;
        this.#stats.connections++;
        this.#lastUrl = url;
      },
      onFrame: (socket, bytes) => this.#onFrame(socket, bytes),
      onClose: (socket, code, reason) => this.#onSocketClose(socket, code, reason),
    });
    if (!this.#socket) throw new NetworkError('The live-chat websocket closed right after it opened', { endpoint: 'live_chat_ws' });
  }

  #emitConnected(): void {
    this.#announced = this.#socket;
    this.#safeEmit('connected', {
      roomId: this.#roomId!,
      userUniqueId: this.#uid!,
      connection: this.#stats.connections,
      resumed: this.#stats.connections > 1,
      url: redactSecrets(this.#lastUrl),
    });
  }

  #onSocketClose(socket: ChatSocket, code: number, reason: string): void {
    if (socket !== this.#socket) return;
    this.#socket = null;
    // A socket that never got its `connected` event fails its opener instead.
    if (socket !== this.#announced) return;
    this.#announced = null;
    const stopping = this.#state === 'closing' || this.#state === 'closed' || this.#ended;
    const willReconnect = !stopping && this.#o.reconnect !== false;
    this.#safeEmit('disconnected', { code, reason, willReconnect });
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
      reconnecting: (info) => this.#safeEmit('reconnecting', info),
      attempt: async (s) => {
        if (this.#o.checkLiveOnReconnect && (await this.#liveEnded(s))) return 'stop';
        if (this.#freshPreload) {
          await this.#preload(s);
          this.#freshPreload = false;
        }
        await this.#openSocket(s);
        this.#stats.reconnects++;
        if (this.#state !== 'reconnecting') return 'stop';
        this.#setState('open');
        this.#emitConnected();
        return 'open';
      },
      failed: (error) => {
        // A refused handshake may mean the cursor or internal_ext went stale: start over from im/fetch.
        if (isDouyinKitError(error) && error.code === 'ERR_HTTP') this.#freshPreload = true;
        this.#hostIndex = (this.#hostIndex + 1) % this.#pushHosts.length;
      },
      gaveUp: (error) => {
        this.#emitError(error);
        void this.#stop();
      },
    });
  }

  /** True (and the client stopping) when the room is no longer live; a failed check is not an answer. */
  async #liveEnded(signal: AbortSignal): Promise<boolean> {
    try {
      const room = await resolveLiveRoom(this.#host, this.room, signal);
      if (room.roomId === this.#roomId) return false;
    } catch (error) {
      if (signal.aborted) throw error;
      if (!(error instanceof LiveOfflineError || error instanceof NotFoundError)) return false;
    }
    this.#end({ reason: 'offline' });
    return true;
  }

  #end(info: { reason: 'control' | 'offline'; message?: ControlMessage }): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#safeEmit('ended', info);
    void this.#stop();
  }

  #stop(): Promise<void> {
    this.#shutdown ??= (async () => {
      this.#setState('closing');
      this.#session?.abort();
      this.#unlinkSignal?.();
      this.#unlinkSignal = null;
      const d = this.#dispatch;
      await Promise.all([this.#socket?.close(1000, 'client closed'), d.relay?.close(), d.jsonl?.close()]);
      this.#socket = null;
      d.relay = d.jsonl = null;
      this.#session = null;
      this.#setState('closed');
      this.#safeEmit('closed');
    })();
    return this.#shutdown;
  }

  #setState(state: LiveChatState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#safeEmit('state', state);
  }

  // ── frames and messages ────────────────────────────────────────────────────

  #onFrame(socket: ChatSocket, bytes: Buffer): void {
    if (socket !== this.#socket) return;
    const r = this.#dispatch.frame(bytes, (b) => socket.send(b), () => this.#state === 'closing' || this.#state === 'closed');
    if (r.close) return void socket.close(1000, 'server asked to close');
    if (r.cursor === undefined && r.internalExt === undefined && !r.ended) return;
    // A connection that delivers is healthy: the next drop starts the backoff over.
    this.#attempt = 0;
    if (r.cursor) this.#cursor = r.cursor;
    if (r.internalExt) this.#internalExt = r.internalExt;
    if (r.ended) this.#end({ reason: 'control', message: r.ended });
  }

  /** A listener that throws must not break the socket: its error goes to `error` listeners. */
  #safeEmit(event: string, ...args: unknown[]): void {
    try {
      (this.emit as AnyEmit)(event, ...args);
    } catch (error) {
      this.#emitError(error);
    }
  }

  #emitError(error: unknown): void {
    if (this.listenerCount('error') === 0) return;
    const err = error instanceof Error ? error : new Error(String(error));
    try {
      this.emit('error', err);
    } catch {
      // an error listener that throws has nowhere else to report to
    }
  }
}
