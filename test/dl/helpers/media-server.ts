import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveAsset, type BodyFault, type MediaAsset } from '../../../src/emulator/media/index.js';

/** What the server does at one path. */
export type Route =
  | { asset: MediaAsset; headers?: Record<string, string> }
  /** Arbitrary bytes (no Range support): for wrong-type bodies. */
  | { body: Buffer; contentType?: string; etag?: string }
  /** A redirect to another path of this server. */
  | { redirect: string };

/** A misbehaviour chosen for one request instead of (or while) serving the route. */
export type Intervention = { status: number; headers?: Record<string, string> } | { fault: BodyFault };

export interface LoggedRequest {
  path: string;
  /** 1 for the first request to this path. */
  nth: number;
  range: string | undefined;
  ifRange: string | undefined;
  at: number;
  intervention: Intervention | undefined;
}

/** A loopback media server over the emulator's `serveAsset`, with a request log and fault hooks. */
export class MediaServer {
  readonly routes = new Map<string, Route>();
  readonly log: LoggedRequest[] = [];
  intervene: ((path: string, nth: number, req: IncomingMessage) => Intervention | undefined) | undefined;
  readonly #counts = new Map<string, number>();
  #server: Server | undefined;
  #base = '';

  static async start(): Promise<MediaServer> {
    const s = new MediaServer();
    s.#server = createServer((req, res) => s.#handle(req, res));
    await new Promise<void>((resolve) => s.#server!.listen(0, '127.0.0.1', resolve));
    s.#base = `http://127.0.0.1:${(s.#server.address() as AddressInfo).port}`;
    return s;
  }

  url(path: string): string {
    return `${this.#base}${path}`;
  }

  requests(path: string): LoggedRequest[] {
    return this.log.filter((r) => r.path === path);
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const nth = (this.#counts.get(path) ?? 0) + 1;
    this.#counts.set(path, nth);
    const intervention = this.intervene?.(path, nth, req);
    this.log.push({ path, nth, range: req.headers.range, ifRange: req.headers['if-range'] as string | undefined, at: performance.now(), intervention });
    if (intervention && 'status' in intervention) {
      res.writeHead(intervention.status, { 'Content-Length': '0', ...intervention.headers });
      res.end();
      return;
    }
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404, { 'Content-Length': '0' });
      res.end();
      return;
    }
    if ('redirect' in route) {
      res.writeHead(302, { Location: route.redirect, 'Content-Length': '0' });
      res.end();
      return;
    }
    if ('body' in route) {
      res.writeHead(200, {
        'Content-Type': route.contentType ?? 'application/octet-stream',
        'Content-Length': String(route.body.length),
        ...(route.etag ? { ETag: route.etag } : {}),
      });
      res.end(route.body);
      return;
    }
    serveAsset(req, res, route.asset, { fault: intervention && 'fault' in intervention ? intervention.fault : undefined, headers: route.headers });
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A deterministic number in [0, 1) from a seed and labels (the same request gets the same fate in every run). */
export function seeded(...parts: (string | number)[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}
