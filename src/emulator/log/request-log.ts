/** What the emulator saw of one request, for tests to assert what a client actually sent. */
export interface RequestLogEntry {
  /** 1, 2, 3… since start (not reset by `clear`). */
  seq: number;
  /** `Date.now()` when the request arrived. */
  time: number;
  method: string;
  /** The request target exactly as sent (absolute-form when it came through a forward proxy). */
  target: string;
  /** Decoded path, without the query. */
  path: string;
  /** Decoded query parameters (for a repeated name, its last value). */
  readonly query: Record<string, string>;
  /** Host the client meant (the absolute-form URL's host, else the Host header). */
  host: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string>;
  /** Route name (`user_post`, `media`, …) or null when nothing matched. */
  route: string | null;
  /** Request line in absolute form (`GET http://www.douyin.com/… HTTP/1.1`). */
  absoluteForm: boolean;
  /** `Proxy-*` / `Via` / `Forwarded` / `X-Forwarded-For` headers present. */
  proxyHeaders: string[];
  /** Came through a proxy (absolute form or proxy headers). */
  viaProxy: boolean;
  signature: 'a_bogus' | 'X-Bogus' | null;
  msToken: boolean;
  sessionid: boolean;
  /** POST body as text (capped at 64 KB). */
  body: string | null;
  /** HTTP status written, when known. */
  status: number | null;
  /** What the emulator decided: `ok`, `empty:signature`, `risk:captcha`, `rate-limited`, `fault:reset`… */
  outcome: string;
}

export interface RequestCounters {
  total: number;
  byRoute: Record<string, number>;
  byOutcome: Record<string, number>;
  byStatus: Record<string, number>;
  signed: number;
  unsigned: number;
  withMsToken: number;
  withSession: number;
  viaProxy: number;
}

function emptyCounters(): RequestCounters {
  return { total: 0, byRoute: {}, byOutcome: {}, byStatus: {}, signed: 0, unsigned: 0, withMsToken: 0, withSession: 0, viaProxy: 0 };
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** Bounded request log plus running counters; `clear()` empties both. */
export class RequestLog {
  readonly #max: number;
  #entries: RequestLogEntry[] = [];
  #counters = emptyCounters();
  #seq = 0;

  constructor(maxEntries: number) {
    this.#max = maxEntries;
  }

  nextSeq(): number {
    return ++this.#seq;
  }

  add(entry: RequestLogEntry): void {
    if (this.#entries.length >= this.#max) this.#entries.splice(0, Math.max(1, this.#max >> 3));
    this.#entries.push(entry);
    const c = this.#counters;
    c.total++;
    if (entry.signature) c.signed++;
    else c.unsigned++;
    if (entry.msToken) c.withMsToken++;
    if (entry.sessionid) c.withSession++;
    if (entry.viaProxy) c.viaProxy++;
  }

  /** Records how a request ended and counts its route (called once per request). */
  finish(entry: RequestLogEntry, status: number | null, outcome: string): void {
    entry.status = status;
    entry.outcome = outcome;
    bump(this.#counters.byRoute, entry.route ?? '(none)');
    bump(this.#counters.byOutcome, outcome);
    if (status !== null) bump(this.#counters.byStatus, String(status));
  }

  get entries(): readonly RequestLogEntry[] {
    return this.#entries;
  }

  get counters(): Readonly<RequestCounters> {
    return this.#counters;
  }

  /** Entries of one route (or matching a predicate). */
  find(filter: string | ((e: RequestLogEntry) => boolean)): RequestLogEntry[] {
    return typeof filter === 'string' ? this.#entries.filter((e) => e.route === filter) : this.#entries.filter(filter);
  }

  count(filter: string | ((e: RequestLogEntry) => boolean)): number {
    return this.find(filter).length;
  }

  last(route?: string): RequestLogEntry | undefined {
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      const e = this.#entries[i] as RequestLogEntry;
      if (route === undefined || e.route === route) return e;
    }
    return undefined;
  }

  clear(): void {
    this.#entries = [];
    this.#counters = emptyCounters();
  }
}
