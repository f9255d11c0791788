/**
 * Volcengine request signing ("HMAC-SHA256", V4 style), as described in
 * docs/volcengine-live-api.md §5. Pure: no I/O, no clock (the caller passes the date), so both the
 * client and the emulator's verifier use it.
 *
 * One deliberate difference from `@volcengine/openapi`'s signer: it runs a `Buffer` body through
 * `JSON.stringify` before hashing (`{"type":"Buffer","data":[…]}`). Here raw bytes are hashed as the
 * bytes that are sent, which is what a server re-hashing the body checks.
 */
import { createHash, createHmac } from 'node:crypto';
import { InvalidInputError } from '../../errors.js';

export const SIGN_ALGORITHM = 'HMAC-SHA256';
/** sha256 of the empty string: the payload hash when there is no body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Headers never signed, compared lowercase. */
const UNSIGNABLE_HEADERS = new Set([
  'authorization',
  'content-type',
  'content-length',
  'user-agent',
  'presigned-expires',
  'expect',
]);

export type QueryScalar = string | number | boolean;
/** `null`/`undefined` drop the parameter; an array is a repeated key. */
export type QueryValue = QueryScalar | readonly QueryScalar[] | null | undefined;
export type QueryInput = Readonly<Record<string, QueryValue>>;

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export interface SignInput {
  /** Any case; upper-cased in the canonical request. */
  method: string;
  /** @default '/' */
  path?: string;
  query?: QueryInput;
  /** Headers already on the request; `X-Date`, `X-Security-Token`, `X-Content-Sha256` are replaced. */
  headers?: Readonly<Record<string, string>>;
  /** The exact bytes that will be sent (a string is sent as UTF-8). */
  body?: string | Uint8Array;
  /** Hex sha256 of the body when the caller already has it (large or streamed bodies). */
  bodySha256?: string;
  credentials: SigningCredentials;
  region: string;
  service: string;
  /** Signing time; milliseconds are dropped. */
  date: Date;
}

export interface SignedRequest {
  /** The input headers plus X-Date, X-Security-Token, X-Content-Sha256 and Authorization. */
  headers: Record<string, string>;
  xDate: string;
  canonicalQueryString: string;
  canonicalHeaders: string;
  signedHeaders: string;
  hashedPayload: string;
  canonicalRequest: string;
  canonicalRequestSha256: string;
  credentialScope: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** `YYYYMMDD'T'HHMMSS'Z'` in UTC. */
export function formatXDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new InvalidInputError('Expected a valid signing date, got Invalid Date');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** RFC 3986 percent-encoding of UTF-8: only `A-Z a-z 0-9 - _ . ~` stay as they are. */
export function rfc3986Encode(text: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch (cause) {
    // A lone surrogate has no UTF-8 form; signing it would sign something other than what is sent.
    throw new InvalidInputError('Cannot sign a query parameter holding a lone UTF-16 surrogate', { cause });
  }
  return encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Flattens a query object into `[key, value]` pairs (arrays become repeated keys). */
export function queryPairs(query: QueryInput): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) pairs.push([key, '']);
      for (const item of value as readonly QueryScalar[]) pairs.push([key, String(item)]);
    } else {
      pairs.push([key, String(value)]);
    }
  }
  return pairs;
}

/**
 * Canonical query from decoded pairs: keys sorted in their raw form (UTF-16 order), both sides
 * RFC 3986-encoded. Values of a repeated key are sorted after encoding (the Node SDK's order), or
 * kept in the order given with `valueOrder: 'given'` (Go/Python and the vendor docs).
 */
export function canonicalQueryFromPairs(
  pairs: readonly (readonly [string, string])[],
  valueOrder: 'sorted' | 'given' = 'sorted',
): string {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of pairs) {
    if (key === '') continue;
    const values = byKey.get(key);
    if (values) values.push(rfc3986Encode(value));
    else byKey.set(key, [rfc3986Encode(value)]);
  }
  const parts: string[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const values = byKey.get(key) ?? [];
    if (valueOrder === 'sorted') values.sort();
    const encodedKey = rfc3986Encode(key);
    for (const value of values) parts.push(`${encodedKey}=${value}`);
  }
  return parts.join('&');
}

export function canonicalQueryString(query: QueryInput): string {
  return canonicalQueryFromPairs(queryPairs(query));
}

export function canonicalHeaderValue(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Canonical headers (`name:value\n` each) and SignedHeaders (`a;b`) for the given header entries. */
export function buildCanonicalHeaders(entries: readonly (readonly [string, string])[]): {
  canonicalHeaders: string;
  signedHeaders: string;
} {
  const rows = entries
    .map(([name, value]) => [name.toLowerCase(), canonicalHeaderValue(value)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    canonicalHeaders: rows.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders: rows.map(([name]) => name).join(';'),
  };
}

export function isSignableHeader(name: string): boolean {
  return !UNSIGNABLE_HEADERS.has(name.toLowerCase());
}

export function buildCanonicalRequest(parts: {
  method: string;
  path: string;
  canonicalQueryString: string;
  canonicalHeaders: string;
  signedHeaders: string;
  hashedPayload: string;
}): string {
  return [
    parts.method.toUpperCase(),
    parts.path,
    parts.canonicalQueryString,
    parts.canonicalHeaders,
    parts.signedHeaders,
    parts.hashedPayload,
  ].join('\n');
}

export function credentialScope(shortDate: string, region: string, service: string): string {
  return `${shortDate}/${region}/${service}/request`;
}

export function buildStringToSign(xDate: string, scope: string, canonicalRequest: string): string {
  return `${SIGN_ALGORITHM}\n${xDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}

/** kSigning = HMAC(HMAC(HMAC(HMAC(SK, date), region), service), "request"); no prefix on SK. */
export function deriveSigningKey(secretAccessKey: string, shortDate: string, region: string, service: string): Buffer {
  const kDate = hmac(Buffer.from(secretAccessKey, 'utf8'), shortDate);
  return hmac(hmac(hmac(kDate, region), service), 'request');
}

export function computeSignature(signingKey: Uint8Array, stringToSign: string): string {
  return hmac(signingKey, stringToSign).toString('hex');
}

export function formatAuthorization(accessKeyId: string, scope: string, signedHeaders: string, signature: string): string {
  return `${SIGN_ALGORITHM} Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

function withoutHeader(headers: Record<string, string>, name: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) delete headers[key];
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

function hasBody(body: string | Uint8Array | undefined): body is string | Uint8Array {
  return body !== undefined && body.length > 0;
}

/** Signs one request: adds the X-* headers and Authorization and returns every intermediate value. */
export function signRequest(input: SignInput): SignedRequest {
  const { credentials } = input;
  const xDate = formatXDate(input.date);
  const headers: Record<string, string> = { ...input.headers };
  withoutHeader(headers, 'Authorization');
  withoutHeader(headers, 'X-Date');
  headers['X-Date'] = xDate;
  withoutHeader(headers, 'X-Security-Token');
  if (credentials.sessionToken) headers['X-Security-Token'] = credentials.sessionToken;
  if (hasBody(input.body) || input.bodySha256 !== undefined) {
    withoutHeader(headers, 'X-Content-Sha256');
    headers['X-Content-Sha256'] = input.bodySha256 ?? sha256Hex(input.body ?? '');
  }
  // A caller-supplied X-Content-Sha256 (no body) is signed and used as the payload hash as it is.
  const hashedPayload = headerValue(headers, 'X-Content-Sha256') ?? EMPTY_SHA256;

  const { canonicalHeaders, signedHeaders } = buildCanonicalHeaders(
    Object.entries(headers).filter(([name]) => isSignableHeader(name)),
  );
  const canonicalQuery = canonicalQueryString(input.query ?? {});
  const canonicalRequest = buildCanonicalRequest({
    method: input.method,
    path: input.path ?? '/',
    canonicalQueryString: canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    hashedPayload,
  });
  const shortDate = xDate.slice(0, 8);
  const scope = credentialScope(shortDate, input.region, input.service);
  const stringToSign = buildStringToSign(xDate, scope, canonicalRequest);
  const signingKey = deriveSigningKey(credentials.secretAccessKey, shortDate, input.region, input.service);
  const signature = computeSignature(signingKey, stringToSign);
  const authorization = formatAuthorization(credentials.accessKeyId, scope, signedHeaders, signature);
  headers['Authorization'] = authorization;
  return {
    headers,
    xDate,
    canonicalQueryString: canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    hashedPayload,
    canonicalRequest,
    canonicalRequestSha256: sha256Hex(canonicalRequest),
    credentialScope: scope,
    stringToSign,
    signature,
    authorization,
  };
}
