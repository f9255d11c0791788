import { decodeFrame } from './decode.js';
import { ackFrame } from './frames.js';
import type { ControlMessage } from './generated/types.js';
import { LIVE_CHAT_EVENT_OF, type LiveChatCallbacks } from './live-chat-events.js';
import { recordJson, type JsonlSink, type LiveChatRecord } from './live-chat-jsonl.js';
import type { LiveChatRelay } from './live-chat-relay.js';
import { isStreamEnd, type MessageOutcome } from './messages.js';

/** Counters of one client since `connect()`. */
export interface LiveChatStats {
  connections: number;
  reconnects: number;
  framesReceived: number;
  messagesDelivered: number;
  duplicatesDropped: number;
  acksSent: number;
  heartbeatsSent: number;
  pingsReceived: number;
  decodeErrors: number;
}

export const emptyLiveChatStats = (): LiveChatStats => ({
  connections: 0, reconnects: 0, framesReceived: 0, messagesDelivered: 0, duplicatesDropped: 0, acksSent: 0, heartbeatsSent: 0,
  pingsReceived: 0, decodeErrors: 0,
});

/** What one frame changed: where to resume from, and whether the live ended or the server asked to close. */
export interface FrameResult {
  cursor?: string;
  internalExt?: string;
  /** The ControlMessage that ended the live. */
  ended?: ControlMessage;
  /** A `close` frame: the server wants this connection closed. */
  close?: true;
}

export interface DispatchDeps {
  /** Emits an event; a listener that throws must be caught by the emitter. */
  emit(event: string, ...args: unknown[]): void;
  emitError(error: unknown): void;
  callbacks: LiveChatCallbacks | undefined;
  /** 0 = no de-duplication. */
  dedupSize: number;
  stats: LiveChatStats;
}

/**
 * Where each received message goes, in order: de-duplication by msg_id (a bounded, insertion-ordered
 * set), then `message` + the method's typed event (or `raw` / `error`), the F2-style callback, the
 * JSONL file and the relay.
 */
export class LiveChatDispatcher {
  readonly #d: DispatchDeps;
  readonly #seen = new Set<string>();
  jsonl: JsonlSink | null = null;
  relay: LiveChatRelay | null = null;

  constructor(deps: DispatchDeps) {
    this.#d = deps;
  }

  /**
   * One websocket binary message: decode (gunzip when gzip), ACK through `send` when the Response
   * asks (before its messages are processed), then deliver every message. `stopped` ends delivery
   * early when a listener closed the client.
   */
  frame(bytes: Uint8Array, send: (bytes: Uint8Array) => boolean, stopped: () => boolean): FrameResult {
    const { stats } = this.#d;
    stats.framesReceived++;
    let decoded;
    try {
      decoded = decodeFrame(bytes);
    } catch (error) {
      stats.decodeErrors++;
      this.#d.emitError(error);
      return {};
    }
    const { frame, response } = decoded;
    if (frame.payloadType === 'close') return { close: true };
    if (!response) return {};
    const internalExt = response.internalExt || frame.headers['im-internal_ext'] || '';
    if (response.needAck && send(ackFrame(frame.logId, internalExt))) stats.acksSent++;
    const receivedAtMs = Date.now();
    let ended: ControlMessage | undefined;
    for (const outcome of response.messages) {
      if (stopped()) return {};
      ended = this.deliver(outcome, receivedAtMs) ?? ended;
    }
    const cursor = response.cursor || frame.headers['im-cursor'] || undefined;
    return { ...(cursor ? { cursor } : {}), ...(internalExt ? { internalExt } : {}), ...(ended ? { ended } : {}) };
  }

  /** Emits one message; returns the ControlMessage when it says the live ended. */
  deliver(outcome: MessageOutcome, receivedAtMs: number): ControlMessage | undefined {
    const { msgId, method } = outcome;
    const { stats } = this.#d;
    if (this.#d.dedupSize > 0 && msgId !== '0') {
      if (this.#seen.has(msgId)) {
        stats.duplicatesDropped++;
        return undefined;
      }
      this.#seen.add(msgId);
      if (this.#seen.size > this.#d.dedupSize) this.#seen.delete(this.#seen.values().next().value!);
    }
    if (outcome.kind === 'error') {
      stats.decodeErrors++;
      this.#d.emitError(outcome.error);
      return undefined;
    }
    if (outcome.kind === 'unknown') {
      this.#d.emit('raw', outcome);
      this.#callback(method, outcome.payload, outcome);
      this.#record({ receivedAtMs, method, msgId, data: { payload: outcome.payload } });
      return undefined;
    }
    stats.messagesDelivered++;
    this.#d.emit('message', outcome);
    this.#d.emit(LIVE_CHAT_EVENT_OF[outcome.method], outcome.data, outcome);
    this.#callback(method, outcome.data, outcome);
    this.#record({ receivedAtMs, method, msgId, data: outcome.data });
    return isStreamEnd(outcome) ? (outcome.data as ControlMessage) : undefined;
  }

  #callback(method: string, data: unknown, message: MessageOutcome): void {
    const callbacks = this.#d.callbacks;
    if (!callbacks) return;
    const fn = callbacks[method] ?? callbacks[method.replace(/^Webcast/, '')];
    if (typeof fn !== 'function') return;
    try {
      const result: unknown = fn(data, message);
      if (result instanceof Promise) result.catch((error: unknown) => this.#d.emitError(error));
    } catch (error) {
      this.#d.emitError(error);
    }
  }

  #record(record: LiveChatRecord): void {
    this.jsonl?.write(record);
    if (this.relay && this.relay.clients > 0) this.relay.broadcast(recordJson(record));
  }
}
