import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLogEntry } from '../log/request-log.js';
import type { BodyFault } from '../media/index.js';
import type { UserModel } from '../world/model.js';

/** Sockets that arrived through `CONNECT` to the emulator itself: what they carry came via a proxy. */
export const tunneledSockets = new WeakSet<object>();

const PROXY_HEADER = /^(proxy-|via$|forwarded$|x-forwarded-)/;
const ABSOLUTE = /^https?:\/\//i;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

/**
 * A log entry whose `query` record is built only when a test reads it. It keeps the raw query
 * string, not the parsed params: entries live long, and one string is cheaper to keep.
 */
class LogEntry implements RequestLogEntry {
  readonly seq: number;
  readonly time = Date.now();
  readonly method: string;
  readonly target: string;
  readonly path: string;
  readonly host: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly cookies: Record<string, string>;
  route: string | null = null;
  readonly absoluteForm: boolean;
  readonly proxyHeaders: string[];
  readonly viaProxy: boolean;
  readonly signature: 'a_bogus' | 'X-Bogus' | null;
  readonly msToken: boolean;
  readonly sessionid: boolean;
  body: string | null = null;
  status: number | null = null;
  outcome = 'pending';
  readonly #search: string;
  #query: Record<string, string> | null = null;

  constructor(req: IncomingMessage, seq: number, target: string, path: string, search: string, params: URLSearchParams, host: string | undefined, cookies: Record<string, string>, absoluteForm: boolean) {
    this.seq = seq;
    this.method = req.method ?? 'GET';
    this.target = target;
    this.path = path;
    this.host = host;
    this.headers = req.headers;
    this.cookies = cookies;
    this.absoluteForm = absoluteForm;
    this.proxyHeaders = [];
    for (const h in req.headers) if (PROXY_HEADER.test(h)) this.proxyHeaders.push(h);
    this.viaProxy = absoluteForm || this.proxyHeaders.length > 0 || tunneledSockets.has(req.socket);
    this.signature = params.has('a_bogus') ? 'a_bogus' : params.has('X-Bogus') ? 'X-Bogus' : null;
    this.msToken = Boolean(params.get('msToken') || cookies.msToken);
    this.sessionid = Boolean(cookies.sessionid || cookies.sessionid_ss);
    this.#search = search;
  }

  get query(): Record<string, string> {
    return (this.#query ??= Object.fromEntries(new URLSearchParams(this.#search)));
  }

  toJSON(): Record<string, unknown> {
    return { ...(this as object), query: this.query };
  }
}

/** One request as the handlers see it. */
export class RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly cookies: Record<string, string>;
  readonly entry: RequestLogEntry;
  body: Buffer | null = null;
  /** The logged-in user a valid `sessionid` stands for. */
  viewer: UserModel | undefined = undefined;
  /** `sessionid` present but expired (see `behaviour.expiredSessions`). */
  sessionExpired = false;
  /** The body fault chosen for this request, for handlers that write their own body (media). */
  bodyFault: ((size: number) => BodyFault | undefined) | null = null;
  readonly #origin: string;
  readonly #search: string;
  #url: URL | null = null;
  #bodyParams: URLSearchParams | Record<string, unknown> | null = null;

  constructor(req: IncomingMessage, res: ServerResponse, seq: number) {
    this.req = req;
    this.res = res;
    const target = req.url ?? '/';
    const absoluteForm = ABSOLUTE.test(target);
    let origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    let rest = target;
    if (absoluteForm) {
      const slash = target.indexOf('/', target.indexOf('//') + 2);
      origin = slash < 0 ? target : target.slice(0, slash);
      rest = slash < 0 ? '/' : target.slice(slash);
    }
    const q = rest.indexOf('?');
    const rawPath = q < 0 ? rest : rest.slice(0, q);
    this.#search = q < 0 ? '' : rest.slice(q);
    this.#origin = origin;
    this.path = rawPath.includes('%') ? safeDecodePath(rawPath) : rawPath;
    this.method = req.method ?? 'GET';
    this.query = new URLSearchParams(this.#search);
    this.cookies = parseCookies(req.headers.cookie);
    const host = absoluteForm ? origin.replace(ABSOLUTE, '') : req.headers.host;
    this.entry = new LogEntry(req, seq, target, this.path, this.#search, this.query, host, this.cookies, absoluteForm);
  }

  /** The full request URL (absolute form kept; otherwise built from the Host header). */
  get url(): URL {
    return (this.#url ??= new URL(`${this.#origin}${this.path}${this.#search}`));
  }

  /** The raw query string without its `?`. */
  get search(): string {
    return this.#search.slice(1);
  }

  /** Query value, then the POST body's (form or JSON) value. */
  param(name: string): string | undefined {
    const q = this.query.get(name);
    if (q !== null) return q;
    if (!this.body || this.body.length === 0) return undefined;
    this.#bodyParams ??= parseBody(this.body, this.req.headers['content-type']);
    const v = this.#bodyParams instanceof URLSearchParams ? this.#bodyParams.get(name) : this.#bodyParams[name];
    return v === null || v === undefined ? undefined : String(v);
  }
}

function safeDecodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function parseBody(body: Buffer, type: string | undefined): URLSearchParams | Record<string, unknown> {
  const text = body.toString('utf8');
  if (/json/i.test(type ?? '') || text.trimStart().startsWith('{')) {
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // not JSON after all: fall through to form decoding
    }
  }
  return new URLSearchParams(text);
}

const MAX_BODY = 1 << 20;

/** Reads a request body (bounded); resolves with what arrived if the client stops early. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks));
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.once('end', done);
    req.once('error', done);
    req.once('close', done);
  });
}
