/**
 * Sends one signed action call with got and turns the answer into a result or a typed error.
 * Throttling is retried with backoff for every action (a throttled request was not executed);
 * transport failures and 5xx only for GET. Each attempt is signed afresh (X-Date moves on).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import got, { type Response } from 'got';
import {
  AbortError,
  DecodeError,
  type DouyinKitError,
  HttpError,
  NetworkError,
  TimeoutError,
  VolcengineError,
  redactSecrets,
} from '../../errors.js';
import { parseJson } from '../../utils/json.js';
import { buildSignedRequest } from './build-request.js';
import type { VolcengineCredentials } from './credentials.js';
import { parseRetryAfter, retryDelay, type RetryPolicy } from './retry-delay.js';
import type { VolcengineEnvelope } from './types.js';

/** The subset of a crawlee-style logger this client uses. Data never holds headers or keys. */
export interface VolcengineLogger {
  debug(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

export interface TransportConfig {
  endpoint: string;
  region: string;
  service: string;
  version: string;
  credentials: VolcengineCredentials;
  timeoutMs: number;
  retry: RetryPolicy;
  clock: () => number;
  logger: VolcengineLogger | undefined;
  userAgent: string;
}

/** Codes that mean "slow down": the request was not executed, so repeating it is safe. */
const THROTTLE_CODES = new Set(['FlowLimitExceeded', 'AccountFlowLimitExceeded', 'ServiceUnavailableTemp']);

export function isThrottle(statusCode: number | undefined, apiCode: string | undefined): boolean {
  return statusCode === 429 || (apiCode !== undefined && THROTTLE_CODES.has(apiCode));
}

function abortError(signal: AbortSignal, endpoint: string): DouyinKitError {
  const reason: unknown = signal.reason;
  if ((reason as { name?: unknown } | undefined)?.name === 'TimeoutError') {
    return new TimeoutError('The call timed out (signal)', { endpoint, cause: reason });
  }
  return new AbortError(undefined, { endpoint, cause: reason });
}

/** A got error reduced to what is safe to keep: its name, code and a redacted message. */
function safeCause(error: unknown): Error {
  const e = error as { name?: string; code?: string; message?: string };
  const cause = new Error(redactSecrets(String(e.message ?? error)));
  cause.name = e.name ?? 'Error';
  if (e.code) Object.assign(cause, { code: e.code });
  return cause;
}

/** Server messages may quote the access key id (InvalidAccessKey); keep only a prefix of it. */
function maskCredentials(text: string, credentials: VolcengineCredentials): string {
  let out = redactSecrets(text);
  for (const secret of [credentials.secretAccessKey, credentials.sessionToken, credentials.accessKeyId]) {
    if (secret) out = out.split(secret).join(secret === credentials.accessKeyId ? `${secret.slice(0, 4)}…` : '<redacted>');
  }
  return out;
}

interface Failure {
  error: DouyinKitError;
  retryAfterMs?: number | undefined;
}

function interpret<R>(config: TransportConfig, action: string, method: string, response: Response<string>): R | Failure {
  const status = response.statusCode;
  let envelope: VolcengineEnvelope<R> | undefined;
  try {
    envelope = parseJson(response.body) as VolcengineEnvelope<R>;
  } catch {
    envelope = undefined;
  }
  const meta = typeof envelope === 'object' && envelope !== null ? envelope.ResponseMetadata : undefined;
  const apiError = meta?.Error;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], config.clock());
  if (apiError && (apiError.Code || apiError.Message)) {
    const code = String(apiError.Code || 'UnknownError');
    return {
      retryAfterMs,
      error: new VolcengineError(code, maskCredentials(String(apiError.Message ?? ''), config.credentials), meta?.RequestId, status, {
        endpoint: action,
        retryable: isThrottle(status, code) || status >= 500,
        hint: code === 'SignatureDoesNotMatch' ? 'Check the secret access key and the clock of this machine.' : undefined,
      }),
    };
  }
  if (status < 200 || status >= 300) {
    return { retryAfterMs, error: new HttpError(status, `${method} ${action}: HTTP ${status}`, { endpoint: action }) };
  }
  if (!meta) {
    return {
      error: new DecodeError('json', `${action} answered HTTP ${status} without a ResponseMetadata envelope`, Buffer.from(response.body), {
        endpoint: action,
      }),
    };
  }
  return envelope as R;
}

export async function sendAction<R>(
  config: TransportConfig,
  action: string,
  method: 'GET' | 'POST',
  params: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<VolcengineEnvelope<R>> {
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortError(signal, action);
    const wire = buildSignedRequest({
      endpoint: config.endpoint,
      action,
      version: config.version,
      method,
      params,
      credentials: config.credentials,
      region: config.region,
      service: config.service,
      date: new Date(config.clock()),
      userAgent: config.userAgent,
    });
    config.logger?.debug('volcengine request', { action, method, attempt });
    let outcome: VolcengineEnvelope<R> | Failure;
    try {
      const response = await got(wire.url, {
        method: wire.method,
        headers: wire.headers,
        body: wire.body,
        throwHttpErrors: false,
        followRedirect: false,
        retry: { limit: 0 },
        timeout: { request: config.timeoutMs },
        responseType: 'text',
        signal,
      });
      outcome = interpret<VolcengineEnvelope<R>>(config, action, method, response);
    } catch (error) {
      if (signal?.aborted) throw abortError(signal, action);
      const code = (error as { code?: string }).code;
      outcome = {
        error:
          code === 'ETIMEDOUT'
            ? new TimeoutError(`${action} got no answer within ${config.timeoutMs} ms`, { endpoint: action, cause: safeCause(error) })
            : new NetworkError(`${action} could not reach ${new URL(config.endpoint).host}: ${code ?? 'request failed'}`, {
                endpoint: action,
                cause: safeCause(error),
              }),
      };
    }
    if (!('error' in outcome)) {
      config.logger?.debug('volcengine response', { action, requestId: outcome.ResponseMetadata.RequestId });
      return outcome;
    }
    const { error } = outcome;
    const statusCode = (error as { statusCode?: number }).statusCode;
    const apiCode = error instanceof VolcengineError ? error.apiCode : undefined;
    const retry = isThrottle(statusCode, apiCode) || (method === 'GET' && error.retryable);
    const delayMs = retry ? retryDelay(attempt, config.retry, outcome.retryAfterMs) : 0;
    if (delayMs === 0) throw error;
    config.logger?.warn('volcengine retry', { action, attempt, delayMs, code: apiCode ?? error.code, statusCode });
    try {
      await sleep(delayMs, undefined, { signal });
    } catch {
      throw abortError(signal as AbortSignal, action);
    }
  }
}
