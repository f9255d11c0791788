/**
 * Authenticates one request the way the Volcengine gateway is documented to (docs §6), in order:
 * Authorization header, X-Date, credential scope, access key (and STS token), signed header set,
 * body hash, then the signature recomputed from the request as received.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  buildCanonicalHeaders,
  buildCanonicalRequest,
  buildStringToSign,
  canonicalQueryFromPairs,
  computeSignature,
  credentialScope,
  deriveSigningKey,
  EMPTY_SHA256,
  sha256Hex,
} from '../../crawler/volcengine/sign.js';
import { gatewayErrors, type ApiError } from './api-error.js';

export interface EmulatorCredential {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests with this key must carry it as X-Security-Token. */
  sessionToken?: string;
}

export interface VerifyContext {
  credentials: ReadonlyMap<string, EmulatorCredential>;
  now: number;
  clockSkewMs: number;
  invalidTimestampStatus: number;
  region: string;
  service: string;
}

export interface ReceivedRequest {
  method: string;
  /** Path as received, without the query. */
  path: string;
  /** Decoded query pairs in the order received. */
  query: readonly (readonly [string, string])[];
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const AUTHORIZATION =
  /^HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/request,\s*SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),\s*Signature=([0-9a-f]{64})$/;
const X_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Returns the matching credential, or the error to answer with. */
export function verifySignature(req: ReceivedRequest, ctx: VerifyContext): EmulatorCredential | ApiError {
  const authorization = header(req.headers, 'authorization');
  if (!authorization) return gatewayErrors.missingAuthenticationToken();
  const auth = AUTHORIZATION.exec(authorization.trim());
  if (!auth) return gatewayErrors.invalidAuthorization('malformed Authorization header');
  const [, accessKeyId = '', shortDate = '', region = '', service = '', signedHeaders = '', signature = ''] = auth;

  const xDate = header(req.headers, 'x-date');
  if (!xDate) return gatewayErrors.missingRequestInfo('X-Date');
  const d = X_DATE.exec(xDate);
  const at = d ? Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +d[4]!, +d[5]!, +d[6]!) : Number.NaN;
  if (!d || Number.isNaN(at) || new Date(at).toISOString().replace(/\.000Z$/, 'Z').replace(/[-:]/g, '') !== xDate) {
    return gatewayErrors.invalidTimestamp(ctx.invalidTimestampStatus, `malformed X-Date ${xDate}`);
  }
  if (Math.abs(at - ctx.now) > ctx.clockSkewMs) {
    return gatewayErrors.invalidTimestamp(ctx.invalidTimestampStatus, `X-Date ${xDate} is outside the allowed clock skew`);
  }
  if (shortDate !== xDate.slice(0, 8)) return gatewayErrors.signatureDoesNotMatch('credential date differs from X-Date');

  if (service !== ctx.service) return gatewayErrors.serviceNotFound(service);
  if (region !== ctx.region) return gatewayErrors.signatureDoesNotMatch(`region ${region} in the credential scope`);

  const credential = ctx.credentials.get(accessKeyId);
  if (!credential) return gatewayErrors.invalidAccessKey(accessKeyId);
  const token = header(req.headers, 'x-security-token');
  if ((token !== undefined || credential.sessionToken !== undefined) && token !== credential.sessionToken) {
    return gatewayErrors.invalidSecretToken();
  }

  const names = signedHeaders.split(';');
  if (!names.includes('x-date')) return gatewayErrors.signatureDoesNotMatch('x-date is not signed');
  if (token !== undefined && !names.includes('x-security-token')) {
    return gatewayErrors.signatureDoesNotMatch('x-security-token is not signed');
  }
  const entries: [string, string][] = [];
  for (const name of names) {
    let value = header(req.headers, name);
    if (value === undefined) return gatewayErrors.signatureDoesNotMatch(`signed header ${name} is missing`);
    if (name === 'host') value = value.replace(/:(80|443)$/, '');
    entries.push([name, value]);
  }

  const bodyHash = sha256Hex(req.body);
  const claimed = header(req.headers, 'x-content-sha256');
  if (claimed !== undefined && claimed !== bodyHash) {
    return gatewayErrors.signatureDoesNotMatch('X-Content-Sha256 is not the sha256 of the body');
  }
  // No header and no body: the hash of "" (what every SDK signs for an empty payload).
  const hashedPayload = claimed ?? (req.body.length > 0 ? bodyHash : EMPTY_SHA256);

  const { canonicalHeaders } = buildCanonicalHeaders(entries);
  const scope = credentialScope(shortDate, region, service);
  const signingKey = deriveSigningKey(credential.secretAccessKey, shortDate, region, service);
  // Repeated keys: the docs keep the received order, the Node SDK sorts; accept either.
  const orders = new Set([canonicalQueryFromPairs(req.query, 'given'), canonicalQueryFromPairs(req.query, 'sorted')]);
  for (const canonicalQuery of orders) {
    const canonicalRequest = buildCanonicalRequest({
      method: req.method,
      path: req.path,
      canonicalQueryString: canonicalQuery,
      canonicalHeaders,
      signedHeaders,
      hashedPayload,
    });
    const expected = computeSignature(signingKey, buildStringToSign(xDate, scope, canonicalRequest));
    if (sameHex(expected, signature)) return credential;
  }
  return gatewayErrors.signatureDoesNotMatch('signature differs');
}
