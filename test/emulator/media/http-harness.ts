import { createHash } from 'node:crypto';
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer, get } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A real node:http server on 127.0.0.1, port 0. */
export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface Fetched {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** GET (or another method) with node:http; collects the whole body. */
export function request(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Streams a body into SHA-256 without keeping it; resolves with hash and length. */
export function downloadHash(url: string, headers: Record<string, string> = {}): Promise<{ status: number; sha256: string; length: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent: false }, (res) => {
      const hash = createHash('sha256');
      let length = 0;
      res.on('data', (c: Buffer) => {
        hash.update(c);
        length += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, sha256: hash.digest('hex'), length }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

export interface RawExchange {
  /** Header block as text. */
  head: string;
  body: Buffer;
  /** How the connection ended: FIN ('end') or an error code such as ECONNRESET. */
  ending: 'end' | string;
  /** performance.now() when each body chunk arrived, with its size. */
  arrivals: { at: number; bytes: number }[];
  startedAt: number;
}

/**
 * One HTTP/1.1 request over a bare TCP socket, so the test sees exactly how the server ended
 * the connection (FIN vs RST) and when each byte arrived.
 */
export function rawGet(port: number, path: string, extraHeaders = ''): Promise<RawExchange> {
  return new Promise((resolve) => {
    const startedAt = performance.now();
    const socket = connect(port, '127.0.0.1');
    let raw = Buffer.alloc(0);
    let headEnd = -1;
    const arrivals: { at: number; bytes: number }[] = [];
    const finish = (ending: string): void => {
      const head = headEnd >= 0 ? raw.subarray(0, headEnd).toString('latin1') : raw.toString('latin1');
      resolve({ head, body: headEnd >= 0 ? raw.subarray(headEnd + 4) : Buffer.alloc(0), ending, arrivals, startedAt });
    };
    socket.on('data', (chunk: Buffer) => {
      raw = Buffer.concat([raw, chunk]);
      if (headEnd < 0) {
        headEnd = raw.indexOf('\r\n\r\n');
        if (headEnd >= 0 && raw.length > headEnd + 4) arrivals.push({ at: performance.now(), bytes: raw.length - headEnd - 4 });
      } else {
        arrivals.push({ at: performance.now(), bytes: chunk.length });
      }
    });
    socket.on('end', () => {
      finish('end');
      socket.destroy();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extraHeaders}\r\n`);
  });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function headerValue(head: string, name: string): string | undefined {
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
