import type { EventEmitter } from 'node:events';
import type { LiveChatEvents } from './live-chat-events.js';

type AnyEmit = (event: string, ...args: unknown[]) => boolean;

/** A listener that throws must not break the socket: its error goes to `error` listeners. */
export function safeEmit(client: EventEmitter<LiveChatEvents>, event: string, ...args: unknown[]): void {
  try {
    (client.emit as AnyEmit).call(client, event, ...args);
  } catch (error) {
    emitError(client, error);
  }
}

/** An `error` event, only when someone listens (an unheard `error` would throw). */
export function emitError(client: EventEmitter<LiveChatEvents>, error: unknown): void {
  if (client.listenerCount('error') === 0) return;
  const err = error instanceof Error ? error : new Error(String(error));
  try {
    client.emit('error', err);
  } catch {
    // an error listener that throws has nowhere else to report to
  }
}
