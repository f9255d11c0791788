import { InvalidOptionError } from '../../errors.js';

export interface SignatureInput {
  kind: 'a_bogus' | 'X-Bogus';
  value: string;
  /** The query string as sent, without the signature parameter. */
  query: string;
  userAgent: string;
  body: string;
}

export interface RiskOptions {
  /**
   * `captcha`: 200 JSON with `verify_center_decision_conf` (the slider). `html`: 200 verify page.
   * `status`: 200 JSON `{status_code: statusCode}`.
   */
  mode: 'captcha' | 'html' | 'status';
  /** For `status` mode. @default 2154 */
  statusCode?: number;
  /** Only these routes (default: every `api` route). */
  routes?: readonly string[];
  /** Requests let through before risk control starts. @default 0 */
  afterRequests?: number;
  /** How many answers it gives before lifting itself. @default Infinity */
  times?: number;
}

export interface RateLimitOptions {
  /** Sustained requests per second before 429. */
  requestsPerSecond: number;
  /** Bucket size. @default requestsPerSecond */
  burst?: number;
  /** `Retry-After` seconds. @default 1 */
  retryAfterSeconds?: number;
  /** Which routes count. @default 'api' */
  scope?: 'api' | 'all';
}

/** Douyin's misbehaviours, each switchable at start or at run time (`emulator.behaviour`). */
export interface BehaviourOptions {
  /** Missing or malformed `a_bogus`/`X-Bogus` → 200 with an empty body. @default 'require' */
  signature?: 'require' | 'ignore';
  /** A real verifier (e.g. built on `src/utils` signers); false → 200 empty. */
  verifySignature?: ((input: SignatureInput) => boolean) | null;
  /** Missing or malformed `msToken` on www.douyin.com routes → 200 empty. @default 'require' */
  msToken?: 'require' | 'ignore';
  /** Without `sessionid`, paged lists (posts, likes, comments…) give only their first page. @default 'first-page' */
  guestPagedLists?: 'first-page' | 'all';
  /**
   * Without `sessionid`, the viewer's own lists (collections, folders, music, feeds):
   * `first-page` (as `roles.me`), `status-8` (login expired), `all`. @default 'first-page'
   */
  guestPersonalLists?: 'first-page' | 'status-8' | 'all';
  /** `sessionid` values Douyin considers expired: personal lists answer status_code 8. */
  expiredSessions?: readonly string[];
  /** Verification/captcha or risk status codes; null = off. @default null */
  risk?: RiskOptions | null;
  /** 429 with Retry-After above a request rate; null = off. @default null */
  rateLimit?: RateLimitOptions | null;
  /** Share of dead mirrors (404 / reset) in `url_list`s; at least one stays good. @default 0.25 */
  deadMirrorRate?: number;
  /**
   * `gzip`: text bodies go out gzip-encoded to a client whose `Accept-Encoding` admits it, as
   * Douyin answers (got always asks); `identity`: never encoded. @default 'gzip'
   */
  contentEncoding?: 'gzip' | 'identity';
}

export type Behaviour = {
  signature: 'require' | 'ignore';
  verifySignature: ((input: SignatureInput) => boolean) | null;
  msToken: 'require' | 'ignore';
  guestPagedLists: 'first-page' | 'all';
  guestPersonalLists: 'first-page' | 'status-8' | 'all';
  expiredSessions: readonly string[];
  risk: RiskOptions | null;
  rateLimit: RateLimitOptions | null;
  deadMirrorRate: number;
  contentEncoding: 'gzip' | 'identity';
};

export const BEHAVIOUR_DEFAULTS: Readonly<Behaviour> = Object.freeze({
  signature: 'require',
  verifySignature: null,
  msToken: 'require',
  guestPagedLists: 'first-page',
  guestPersonalLists: 'first-page',
  expiredSessions: [],
  risk: null,
  rateLimit: null,
  deadMirrorRate: 0.25,
  contentEncoding: 'gzip',
});

const ENUMS: Partial<Record<keyof Behaviour, readonly string[]>> = {
  signature: ['require', 'ignore'],
  msToken: ['require', 'ignore'],
  guestPagedLists: ['first-page', 'all'],
  guestPersonalLists: ['first-page', 'status-8', 'all'],
  contentEncoding: ['gzip', 'identity'],
};

/** Merges `patch` over `base`, rejecting unknown keys and bad values. */
export function mergeBehaviour(base: Behaviour, patch: BehaviourOptions = {}): Behaviour {
  const out = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in BEHAVIOUR_DEFAULTS)) throw new InvalidOptionError(`behaviour.${key}`, `Unexpected option \`behaviour.${key}\``);
    if (value === undefined) continue;
    const allowed = ENUMS[key as keyof Behaviour];
    if (allowed && !allowed.includes(value as string)) {
      throw new InvalidOptionError(`behaviour.${key}`, `Expected \`behaviour.${key}\` to be one of ${allowed.join(', ')}, got \`${String(value)}\``);
    }
    (out as Record<string, unknown>)[key] = value;
  }
  if (!(out.deadMirrorRate >= 0 && out.deadMirrorRate < 1)) {
    throw new InvalidOptionError('behaviour.deadMirrorRate', `Expected \`behaviour.deadMirrorRate\` in [0, 1), got \`${out.deadMirrorRate}\``);
  }
  if (out.rateLimit && !(out.rateLimit.requestsPerSecond > 0)) {
    throw new InvalidOptionError('behaviour.rateLimit', 'Expected `behaviour.rateLimit.requestsPerSecond` > 0');
  }
  return out;
}
