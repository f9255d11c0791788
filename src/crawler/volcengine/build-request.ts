/**
 * Turns one action call into the exact bytes to send: URL with the canonical query string,
 * signed headers and JSON body. Pure (the date comes in), so vector tests can check the wire form.
 */
import { InvalidInputError } from '../../errors.js';
import { VOLCENGINE_LIVE_ACTIONS, type VolcengineLiveAction } from './actions.js';
import { canonicalQueryString, signRequest, type QueryInput, type SigningCredentials } from './sign.js';

export interface BuildRequestInput {
  /** Scheme and host, e.g. `https://live.volcengineapi.com`; the path is always `/`. */
  endpoint: string;
  action: VolcengineLiveAction | (string & {});
  version: string;
  /** Defaults to the action's method. */
  method?: 'GET' | 'POST';
  params: Readonly<Record<string, unknown>>;
  credentials: SigningCredentials;
  region: string;
  service: string;
  date: Date;
  /** @default 'douyin-kit' */
  userAgent?: string;
}

export interface VolcengineWireRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

function toQuery(action: string, params: Readonly<Record<string, unknown>>): QueryInput {
  const query: Record<string, QueryInput[string]> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    if (scalar(value) || (Array.isArray(value) && value.every(scalar))) {
      query[key] = value as QueryInput[string];
    } else {
      throw new InvalidInputError(`Expected \`${key}\` to be a string, number or boolean (it goes in the query string)`, {
        endpoint: action,
      });
    }
  }
  return query;
}

export function buildSignedRequest(input: BuildRequestInput): VolcengineWireRequest {
  const method = input.method ?? (VOLCENGINE_LIVE_ACTIONS as Record<string, 'GET' | 'POST'>)[input.action] ?? 'POST';
  const base = { Action: input.action, Version: input.version };
  const query: QueryInput = method === 'GET' ? { ...toQuery(input.action, input.params), ...base } : base;
  const body = method === 'POST' ? JSON.stringify(input.params) : undefined;
  const signed = signRequest({
    method,
    path: '/',
    query,
    headers: { 'Content-Type': method === 'POST' ? JSON_CONTENT_TYPE : FORM_CONTENT_TYPE },
    body,
    credentials: input.credentials,
    region: input.region,
    service: input.service,
    date: input.date,
  });
  const headers: Record<string, string> = { Accept: 'application/json', ...signed.headers };
  headers['User-Agent'] = input.userAgent ?? 'douyin-kit';
  // The canonical query is sent verbatim, so what the server decodes is exactly what was signed.
  const url = `${input.endpoint.replace(/\/+$/, '')}/?${canonicalQueryString(query)}`;
  return { method, url, headers, body };
}
