/** Test helper: a signed request built by hand, bypassing the client's validation. */
import got from 'got';
import { signRequest, type QueryInput, type SigningCredentials } from '../../../src/crawler/volcengine/sign.js';

export interface RawCall {
  method?: string;
  action?: string;
  /** `null` leaves Version out. @default '2023-01-01' */
  version?: string | null;
  /** GET parameters, or extra query for POST. */
  query?: QueryInput;
  /** POST body: an object is sent as JSON, a string as it is. */
  body?: unknown;
  credentials: SigningCredentials;
  date: Date;
  region?: string;
  service?: string;
  /** Extra headers signed with the request. */
  headers?: Record<string, string>;
  /** Last-moment changes to what is sent (after signing). */
  tamper?: (wire: { path: string; headers: Record<string, string>; body: string | undefined }) => void;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: {
    ResponseMetadata: { RequestId: string; Action: string; Version: string; Error?: { Code: string; Message: string; CodeN?: number } };
    Result?: any;
  };
}

export function signRaw(call: RawCall): { path: string; headers: Record<string, string>; body: string | undefined; method: string } {
  const method = call.method ?? (call.body === undefined ? 'GET' : 'POST');
  const query: Record<string, QueryInput[string]> = { ...call.query };
  if (call.action !== undefined) query['Action'] = call.action;
  if (call.version !== null) query['Version'] = call.version ?? '2023-01-01';
  const body = call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
  const signed = signRequest({
    method,
    path: '/',
    query,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...call.headers },
    body,
    credentials: call.credentials,
    region: call.region ?? 'cn-north-1',
    service: call.service ?? 'live',
    date: call.date,
  });
  return { method, path: `/?${signed.canonicalQueryString}`, headers: signed.headers, body };
}

export async function rawCall(baseUrl: string, call: RawCall): Promise<RawAnswer> {
  const wire = signRaw(call);
  call.tamper?.(wire);
  const response = await got(`${baseUrl}${wire.path}`, {
    method: wire.method as 'GET' | 'POST',
    headers: wire.headers,
    body: wire.body,
    throwHttpErrors: false,
    retry: { limit: 0 },
    responseType: 'text',
  });
  return { status: response.statusCode, headers: response.headers, json: JSON.parse(response.body) };
}
