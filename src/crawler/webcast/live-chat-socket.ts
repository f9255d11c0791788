import type { Agent } from 'node:http';
import WebSocket from 'ws';
import { AbortError, HttpError, NetworkError, redactSecrets, TimeoutError, type DouyinKitError } from '../../errors.js';
import { heartbeatFrame } from './frames.js';

const ENDPOINT = 'live_chat_ws';
const HEARTBEAT = heartbeatFrame();
/** How long a graceful close may take before the socket is destroyed. */
const CLOSE_GRACE_MS = 2_000;

export interface ChatSocketCounters {
  heartbeatsSent: number;
  pingsReceived: number;
}

export interface ChatSocketInput {
  url: string;
  headers: Record<string, string>;
  agent: Agent | undefined;
  handshakeTimeoutMs: number;
  heartbeatIntervalMs: number;
  /** 0 = no watchdog. */
  silenceTimeoutMs: number;
  signal: AbortSignal;
  counters: ChatSocketCounters;
  /** Synchronously when the handshake completes, before any frame is handed over. */
  onOpen(socket: ChatSocket): void;
  /** Every binary message, synchronously, in order. */
  onFrame(socket: ChatSocket, bytes: Buffer): void;
  /** Once, when an opened socket closes (not called when opening fails). */
  onClose(socket: ChatSocket, code: number, reason: string): void;
}

/** The error for a signal that fired: `TimeoutError` for `AbortSignal.timeout`, else `AbortError`. */
export function abortReason(signal: AbortSignal, what: string): DouyinKitError {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return new TimeoutError(`${what} timed out`, { cause: reason });
  return new AbortError(`${what} was aborted`, { cause: reason });
}

function openError(error: Error, url: string): DouyinKitError {
  const status = /Unexpected server response: (\d+)/.exec(error.message);
  if (status) {
    const code = Number(status[1]);
    return new HttpError(code, `The live-chat websocket handshake was refused with HTTP ${code} (${redactSecrets(url)})`, {
      endpoint: ENDPOINT,
      cause: error,
      hint:
        code === 200
          ? 'Douyin answers 200 instead of upgrading when a parameter, the signature or the cookie is missing or rejected: check the ttwid cookie, the user agent and the push host.'
          : 'Check the push host (hosts.webcastWs), the proxy, and whether the room is still live.',
    });
  }
  if (/handshake has timed out/i.test(error.message)) {
    return new TimeoutError('The live-chat websocket handshake timed out', { endpoint: ENDPOINT, cause: error });
  }
  return new NetworkError(`The live-chat websocket could not connect: ${redactSecrets(error.message)}`, { endpoint: ENDPOINT, cause: error });
}

/**
 * One websocket connection of the chat client: binary frames in, the `hb` heartbeat out (at open,
 * then every interval), server pings answered by `ws` (autoPong), and a silence watchdog that
 * terminates the socket when nothing (frame or ping) arrived for `silenceTimeoutMs`. Every timer
 * and listener goes away when the socket closes.
 */
export class ChatSocket {
  readonly #ws: WebSocket;
  readonly #input: ChatSocketInput;
  #timers: NodeJS.Timeout[] = [];
  #lastActivity = performance.now();
  #closed: Promise<void>;
  #markClosed!: () => void;
  #closeNote: string | null = null;

  private constructor(ws: WebSocket, input: ChatSocketInput) {
    this.#ws = ws;
    this.#input = input;
    this.#closed = new Promise((resolve) => (this.#markClosed = resolve));
  }

  /**
   * Opens the socket; resolves once the handshake is done.
   * @throws {HttpError} refused handshake (Douyin answers HTTP 200). @throws {NetworkError} no connection.
   * @throws {TimeoutError} handshake too slow. @throws {AbortError} the signal fired.
   */
  static open(input: ChatSocketInput): Promise<ChatSocket> {
    const { signal } = input;
    if (signal.aborted) return Promise.reject(abortReason(signal, 'Connecting to the live chat'));
    const ws = new WebSocket(input.url, {
      agent: input.agent,
      headers: input.headers,
      handshakeTimeout: input.handshakeTimeoutMs,
      perMessageDeflate: false,
      maxPayload: 64 * 1024 * 1024,
      followRedirects: false,
    });
    ws.binaryType = 'nodebuffer';
    const socket = new ChatSocket(ws, input);
    // The frame listener is attached before `open` is awaited: nothing that arrives is missed.
    ws.on('message', (data, isBinary) => {
      socket.#lastActivity = performance.now();
      if (isBinary) input.onFrame(socket, data as Buffer);
    });
    ws.on('ping', () => {
      socket.#lastActivity = performance.now();
      input.counters.pingsReceived++;
    });
    ws.on('pong', () => (socket.#lastActivity = performance.now()));
    return new Promise<ChatSocket>((resolve, reject) => {
      const onAbort = () => {
        cleanup();
        ws.terminate();
        reject(abortReason(signal, 'Connecting to the live chat'));
      };
      const onError = (error: Error) => {
        cleanup();
        ws.on('error', () => {});
        reject(openError(error, input.url));
      };
      const onEarlyClose = (code: number) => {
        cleanup();
        reject(new NetworkError(`The live-chat websocket closed while opening (code ${code})`, { endpoint: ENDPOINT }));
      };
      const onOpen = () => {
        cleanup();
        socket.#started();
        input.onOpen(socket);
        resolve(socket);
      };
      const cleanup = () => {
        signal.removeEventListener('abort', onAbort);
        ws.off('error', onError);
        ws.off('close', onEarlyClose);
        ws.off('open', onOpen);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      ws.once('error', onError);
      ws.once('close', onEarlyClose);
      ws.once('open', onOpen);
    });
  }

  #started(): void {
    const ws = this.#ws;
    const { heartbeatIntervalMs, silenceTimeoutMs } = this.#input;
    ws.on('error', () => {});
    ws.once('close', (code, reason) => {
      for (const t of this.#timers) clearInterval(t);
      this.#timers = [];
      ws.removeAllListeners();
      ws.on('error', () => {});
      this.#markClosed();
      this.#input.onClose(this, code, this.#closeNote ?? reason.toString('utf8'));
    });
    this.#heartbeat();
    this.#timers.push(setInterval(() => this.#heartbeat(), heartbeatIntervalMs));
    if (silenceTimeoutMs > 0) {
      this.#lastActivity = performance.now();
      const every = Math.max(10, Math.floor(silenceTimeoutMs / 4));
      this.#timers.push(
        setInterval(() => {
          if (performance.now() - this.#lastActivity > silenceTimeoutMs) this.terminate(`no frame for ${silenceTimeoutMs} ms`);
        }, every),
      );
    }
  }

  #heartbeat(): void {
    if (this.send(HEARTBEAT)) this.#input.counters.heartbeatsSent++;
  }

  get isOpen(): boolean {
    return this.#ws.readyState === WebSocket.OPEN;
  }

  /** Sends a binary message if the socket is open; false otherwise. */
  send(bytes: Uint8Array): boolean {
    if (this.#ws.readyState !== WebSocket.OPEN) return false;
    this.#ws.send(bytes, { binary: true });
    return true;
  }

  /** Destroys the connection (the close reported is 1006 with `note` as the reason). */
  terminate(note: string): void {
    this.#closeNote ??= note;
    this.#ws.terminate();
  }

  /** Closes gracefully; destroys the socket if the server does not finish the close in time. */
  async close(code = 1000, reason = ''): Promise<void> {
    const ws = this.#ws;
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(code, reason);
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    try {
      await this.#closed;
    } finally {
      clearTimeout(timer);
    }
  }
}
