import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { World } from './world/world.js';

/**
 * The live-chat seam: `/webcast/im/fetch/` (preload) and the websocket upgrade on
 * `/webcast/im/push/v2/` are handed to a backend. The real one (protobuf frames) plugs in here
 * through `startEmulator({ chat })`; until then the default answers 501 to both.
 * @internal
 */
export interface WebcastChatBackend {
  /** Called after the signature/fault gates with the parsed URL. Must end `res`. */
  handleImFetch(req: IncomingMessage, res: ServerResponse, url: URL): void;
  /** Called for an HTTP upgrade on the push path. Must answer or destroy `socket`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection it holds; called by `stop()`. */
  close(): void;
}

/** What a backend factory gets: the world (rooms, users) and where the emulator listens. */
export interface ChatBackendEnv {
  world: World;
  baseUrl: string;
  wsUrl: string;
}

/** A backend, or a factory called once the emulator listens. */
export type ChatBackendOption = WebcastChatBackend | ((env: ChatBackendEnv) => WebcastChatBackend);

export const IM_PUSH_PATH = '/webcast/im/push/v2/';

/** The placeholder backend: 501 Not Implemented for both. */
export function notImplementedChatBackend(): WebcastChatBackend {
  return {
    handleImFetch(_req, res) {
      res.writeHead(501, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('live chat is not emulated yet');
    },
    handleUpgrade(_req, socket) {
      socket.end('HTTP/1.1 501 Not Implemented\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      socket.on('error', () => socket.destroy());
    },
    close() {},
  };
}
