import { isDouyinKitError, NetworkError, SignatureError } from '../../errors.js';
import { WebcastSigner, webcastXMsStub } from '../../utils/webcast-signature.js';
import type { FrameResult } from './live-chat-dispatch.js';
import type { ResolvedLiveChatOptions } from './live-chat-options.js';
import type { LiveChatHost } from './live-chat-room.js';
import { preload, pushCandidates, pushHeaders } from './live-chat-setup.js';
import { ChatSocket, type ChatSocketCounters } from './live-chat-socket.js';
import { buildPushUrl } from './live-chat-url.js';

/** What the client does with the socket the dialer holds (events of a replaced socket are dropped). */
export interface DialHooks {
  /** The client's current counters (read as each socket opens). */
  counters(): ChatSocketCounters;
  /** Synchronously when the handshake completes, the socket now `dialer.socket`. */
  onOpen(socket: ChatSocket): void;
  onFrame(socket: ChatSocket, bytes: Buffer): void;
  /** The held socket closed (`dialer.socket` is null again). */
  onClose(socket: ChatSocket, code: number, reason: string): void;
}

/**
 * Where and from which position the chat websocket connects: the room and device ids, the resume
 * position (cursor + internal_ext: from im/fetch, then from every Response), the push hosts in the
 * order tried, the handshake signature (the native signer, or the `sign` option), and the socket
 * that is open now.
 */
export class LiveChatDialer {
  roomId: string | null = null;
  webcastId: string | null = null;
  userUniqueId: string | null = null;
  cursor = '';
  internalExt = '';
  /** The socket that opened last, until it closes. */
  socket: ChatSocket | null = null;
  /** The URL of the last socket that opened (kept across `reset()`). */
  lastUrl = '';
  readonly #host: LiveChatHost;
  readonly #o: ResolvedLiveChatOptions;
  readonly #signer = new WebcastSigner();
  /** Push endpoints in the order tried; `#hostIndex` is the current one. */
  #pushHosts: string[] = [];
  #hostIndex = 0;
  #freshPreload = false;

  constructor(host: LiveChatHost, options: ResolvedLiveChatOptions) {
    this.#host = host;
    this.#o = options;
  }

  /** Forgets the room, the position and the hosts (not the socket; the signer keeps its counter). */
  reset(): void {
    this.roomId = this.webcastId = this.userUniqueId = null;
    this.cursor = this.internalExt = '';
    this.#pushHosts = [];
    this.#hostIndex = 0;
    this.#freshPreload = false;
  }

  async preload(signal: AbortSignal): Promise<void> {
    const p = await preload(this.#host, this.roomId!, this.userUniqueId!, { enabled: this.#o.preload, random: this.#o.random, signal });
    this.cursor = p.cursor;
    this.internalExt = p.internalExt;
    const hosts = pushCandidates(this.#o.usePushServer ? p.pushServer : null, this.#host.options.hosts.webcastWs, this.#o.fallbackPushHosts);
    if (hosts.join() !== this.#pushHosts.join()) this.#hostIndex = 0;
    this.#pushHosts = hosts;
    this.#freshPreload = false;
  }

  /** A refused handshake asked for a new `preload()` before the next attempt. */
  get needsPreload(): boolean {
    return this.#freshPreload;
  }

  /** A reconnect attempt failed: the next one uses the next push host. */
  failed(error: unknown): void {
    // A refused handshake may mean the cursor or internal_ext went stale: start over from im/fetch.
    if (isDouyinKitError(error) && error.code === 'ERR_HTTP') this.#freshPreload = true;
    this.#nextHost();
  }

  /** Moves the resume position to what a frame carried. */
  resume(r: FrameResult): void {
    if (r.cursor) this.cursor = r.cursor;
    if (r.internalExt) this.internalExt = r.internalExt;
  }

  #nextHost(): void {
    this.#hostIndex = (this.#hostIndex + 1) % this.#pushHosts.length;
  }

  /** The first connection tries each push host once before giving up. */
  async openFirst(signal: AbortSignal, hooks: DialHooks): Promise<void> {
    for (let tried = 1; ; tried++) {
      try {
        return await this.open(signal, hooks);
      } catch (error) {
        if (signal.aborted || tried >= this.#pushHosts.length) throw error;
        this.#nextHost();
      }
    }
  }

  async open(signal: AbortSignal, hooks: DialHooks): Promise<void> {
    const roomId = this.roomId!;
    const uid = this.userUniqueId!;
    const signature = this.#o.sign ? await this.#customSignature(roomId, uid) : this.#signer.sign(roomId, uid);
    const { userAgent, proxy } = this.#host.options;
    const url = buildPushUrl({ base: this.#pushHosts[this.#hostIndex]!, roomId, userUniqueId: uid, cursor: this.cursor, internalExt: this.internalExt, signature, userAgent });
    await ChatSocket.open({
      url,
      headers: pushHeaders(this.#host, url, this.webcastId),
      agent: proxy ? this.#host.http.agent : undefined,
      handshakeTimeoutMs: this.#o.connectTimeoutMs,
      heartbeatIntervalMs: this.#o.heartbeatIntervalMs,
      silenceTimeoutMs: this.#o.silenceTimeoutMs,
      signal,
      counters: hooks.counters(),
      onOpen: (socket) => {
        this.socket = socket;
        this.lastUrl = url;
        hooks.onOpen(socket);
      },
      onFrame: (socket, bytes) => {
        if (socket === this.socket) hooks.onFrame(socket, bytes);
      },
      onClose: (socket, code, reason) => {
        if (socket !== this.socket) return;
        this.socket = null;
        hooks.onClose(socket, code, reason);
      },
    });
    // The first frames may have ended the live (or a listener closed the client), closing it already.
    if (!this.socket) throw new NetworkError('The live-chat websocket closed right after it opened', { endpoint: 'live_chat_ws' });
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
}
