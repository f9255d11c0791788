import type { RequestContext } from './request-context.js';
import type { Reply } from './reply.js';

/**
 * `api` JSON endpoints (signature, login, risk and rate gates apply); `token` msToken/ttwid/webid;
 * `page` share pages and short links; `media` CDN bytes; `stream` live FLV/HLS; `chat` live chat.
 */
export type RouteKind = 'api' | 'token' | 'page' | 'media' | 'stream' | 'chat';

export interface RouteDef {
  /** Stable name used by the log, faults and scripts (`user_post`, `post_detail`, `media`…). */
  name: string;
  methods: readonly string[];
  /** Exact path, or a pattern tested against the path. */
  path: string | RegExp;
  kind: RouteKind;
  /** Needs `a_bogus` or `X-Bogus` in the query. */
  sign?: boolean;
  /** Needs an `msToken` (query or cookie). */
  msToken?: boolean;
  /**
   * `paged`: without a login only the first page has items. `personal`: the viewer's own lists
   * (collections, feeds); see `behaviour.guestPersonalLists`.
   */
  login?: 'paged' | 'personal';
  /** Parameter(s) holding the page cursor; all absent or `0` means the first page. */
  cursorParam?: string | readonly string[];
  /** The answer for a page a guest may not see (items empty, `has_more` 0). */
  emptyPage?: (ctx: RequestContext) => Reply;
  handle(ctx: RequestContext): Reply | Promise<Reply>;
}

export interface RouteMatch {
  route: RouteDef;
  /** The path matched but not the method. */
  wrongMethod: boolean;
}

/** Exact paths by map lookup (with or without the trailing slash), patterns in order. */
export class Router {
  readonly #exact = new Map<string, RouteDef[]>();
  readonly #patterns: RouteDef[] = [];
  readonly #names = new Set<string>();

  add(...routes: RouteDef[]): this {
    for (const r of routes) {
      this.#names.add(r.name);
      if (typeof r.path === 'string') {
        const key = r.path.endsWith('/') ? r.path.slice(0, -1) : r.path;
        const list = this.#exact.get(key) ?? [];
        list.push(r);
        this.#exact.set(key, list);
      } else {
        this.#patterns.push(r);
      }
    }
    return this;
  }

  get names(): ReadonlySet<string> {
    return this.#names;
  }

  match(method: string, path: string): RouteMatch | null {
    const key = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const candidates = this.#exact.get(key) ?? this.#patterns.filter((r) => (r.path as RegExp).test(path));
    if (candidates.length === 0) return null;
    const m = method === 'HEAD' ? 'GET' : method;
    const route = candidates.find((r) => r.methods.includes(m) || r.methods.includes(method));
    return route ? { route, wrongMethod: false } : { route: candidates[0] as RouteDef, wrongMethod: true };
  }
}
