import { request, type IncomingHttpHeaders } from 'node:http';
import { ABOGUS_ALPHABET } from '../../src/utils/a-bogus.js';
import { parseJson } from '../../src/utils/json.js';

/** A well-formed (by shape) a_bogus and msToken: the emulator checks form, not Douyin's secret. */
export const GOOD_ABOGUS = `${'D'.repeat(40)}${ABOGUS_ALPHABET}${'Q'.repeat(64)}`;
export const GOOD_XBOGUS = 'DFSzswVOxbhANG-8tl2EQe9U1DsZ';
export const GOOD_MSTOKEN = 'x'.repeat(182) + '==';

/** A URL of the emulator with the query and a well-formed msToken + a_bogus, for clients that make their own request. */
export function signedUrl(baseUrl: string, path: string, query: Record<string, string>): string {
  const u = new URL(path, baseUrl);
  for (const [k, v] of Object.entries({ ...query, msToken: GOOD_MSTOKEN, a_bogus: GOOD_ABOGUS })) u.searchParams.set(k, v);
  return u.href;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** Lossless JSON (64-bit ids as bigint), or undefined when the body is not JSON. */
  json: unknown;
}

export interface CallOptions {
  method?: string;
  cookie?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Add a_bogus + msToken (default true). */
  sign?: boolean;
}

/** One request on a fresh connection (no keep-alive, so nothing lingers after a test). */
export function call(baseUrl: string, path: string, query: Record<string, string | number> = {}, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(path, baseUrl);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
  if (options.sign !== false) {
    if (!url.searchParams.has('msToken')) url.searchParams.set('msToken', GOOD_MSTOKEN);
    url.searchParams.set('a_bogus', GOOD_ABOGUS);
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', agent: false, headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        let json: unknown;
        try {
          json = text ? parseJson(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export const LOGGED_IN = 'sessionid=0123456789abcdef0123456789abcdef; ttwid=1%7Cabc';

export interface RawOutcome {
  status: number;
  headers: IncomingHttpHeaders;
  received: number;
  /** `ECONNRESET`, `aborted` (closed before Content-Length) or null when the body completed. */
  error: string | null;
  ms: number;
}

/** A GET that reports how the body ended instead of throwing (for fault tests). */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawOutcome> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let status = 0;
    let got: IncomingHttpHeaders = {};
    let received = 0;
    let settled = false;
    const done = (error: string | null) => {
      if (settled) return;
      settled = true;
      resolve({ status, headers: got, received, error, ms: performance.now() - t0 });
    };
    const req = request(url, { agent: false, headers }, (res) => {
      status = res.statusCode ?? 0;
      got = res.headers;
      res.on('data', (c: Buffer) => (received += c.length));
      res.on('end', () => done(null));
      res.on('aborted', () => done('aborted'));
      res.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
      res.on('close', () => done(res.complete ? null : 'aborted'));
    });
    req.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
    req.end();
  });
}
