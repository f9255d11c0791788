import { WebSocketServer, type WebSocket } from 'ws';
import { NetworkError } from '../../errors.js';

/**
 * A local websocket server that re-broadcasts every message as JSON text to whoever connects
 * (F2 does this on `ws://localhost:8765`). It only sends; what clients send is ignored.
 */
export class LiveChatRelay {
  readonly #wss: WebSocketServer;
  readonly host: string;
  readonly port: number;

  private constructor(wss: WebSocketServer, host: string, port: number) {
    this.#wss = wss;
    this.host = host;
    this.port = port;
  }

  /** @throws {NetworkError} the port is taken or cannot be bound. */
  static start(host: string, port: number): Promise<LiveChatRelay> {
    return new Promise((resolve, reject) => {
      const wss = new WebSocketServer({ host, port, perMessageDeflate: false, maxPayload: 64 * 1024 });
      wss.once('error', (error) => {
        wss.close();
        reject(new NetworkError(`The live-chat relay cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
      });
      wss.once('listening', () => {
        const addr = wss.address();
        wss.on('error', () => {});
        wss.on('connection', (ws: WebSocket) => ws.on('error', () => ws.terminate()));
        resolve(new LiveChatRelay(wss, host, typeof addr === 'object' && addr ? addr.port : port));
      });
    });
  }

  /** `ws://host:port`. */
  get url(): string {
    return `ws://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
  }

  get clients(): number {
    return this.#wss.clients.size;
  }

  broadcast(text: string): void {
    for (const ws of this.#wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  /** Disconnects every client and stops listening. */
  close(): Promise<void> {
    for (const ws of this.#wss.clients) ws.terminate();
    return new Promise((resolve) => this.#wss.close(() => resolve()));
  }
}
