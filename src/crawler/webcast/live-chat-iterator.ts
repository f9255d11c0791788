import type { EventEmitter } from 'node:events';
import type { LiveChatEvents } from './live-chat-events.js';
import { abortReason } from './live-chat-socket.js';
import type { DecodedMessage } from './messages.js';

/**
 * `message` events as an async generator that ends on `closed`. Unlike `events.on`, an `error`
 * event does not end it (the client's errors are reports, not failures). Unread messages queue.
 */
export async function* iterateMessages(
  client: EventEmitter<LiveChatEvents>,
  alreadyClosed: boolean,
  signal: AbortSignal | undefined,
): AsyncGenerator<DecodedMessage, void, undefined> {
  if (signal?.aborted) throw abortReason(signal, 'Reading live-chat messages');
  if (alreadyClosed) return;
  const queue: DecodedMessage[] = [];
  let closed = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const onMessage = (m: DecodedMessage) => {
    queue.push(m);
    notify();
  };
  const onClosed = () => {
    closed = true;
    notify();
  };
  client.on('message', onMessage);
  client.on('closed', onClosed);
  signal?.addEventListener('abort', notify, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal, 'Reading live-chat messages');
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (closed) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    client.off('message', onMessage);
    client.off('closed', onClosed);
    signal?.removeEventListener('abort', notify);
  }
}
