/**
 * Every error douyin-kit throws is a `DouyinKitError`: a stable `code`, a human message, and a
 * `hint` saying what to do next. The subclass decides the policy (retry or not), in the manner of
 * crawlee. Messages never carry secrets (cookies, tokens, signatures, access keys); use
 * `redactSecrets` on anything built from a URL or a header before it goes into a message.
 */

export type DouyinKitErrorCode =
  | 'ERR_INVALID_INPUT'
  | 'ERR_INVALID_OPTION'
  | 'ERR_SIGNATURE'
  | 'ERR_TOKEN'
  | 'ERR_HTTP'
  | 'ERR_NETWORK'
  | 'ERR_TIMEOUT'
  | 'ERR_ABORTED'
  | 'ERR_EMPTY_RESPONSE'
  | 'ERR_API_STATUS'
  | 'ERR_RISK_CONTROL'
  | 'ERR_RATE_LIMITED'
  | 'ERR_LOGIN_REQUIRED'
  | 'ERR_NOT_FOUND'
  | 'ERR_PRIVATE'
  | 'ERR_CIRCUIT_OPEN'
  | 'ERR_DECODE'
  | 'ERR_LIVE_OFFLINE'
  | 'ERR_LIVE_STATE'
  | 'ERR_DOWNLOAD'
  | 'ERR_INTEGRITY'
  | 'ERR_PATH'
  | 'ERR_STORE'
  | 'ERR_VOLCENGINE';

export interface DouyinKitErrorOptions {
  cause?: unknown;
  hint?: string;
  /** Which endpoint (or other named operation) failed. */
  endpoint?: string;
}

const BRAND = Symbol.for('douyin-kit.error');

export class DouyinKitError extends Error {
  override name = 'DouyinKitError';
  readonly code: DouyinKitErrorCode;
  readonly hint: string | undefined;
  readonly endpoint: string | undefined;
  /** Whether repeating the same operation later may succeed. */
  readonly retryable: boolean = false;

  constructor(code: DouyinKitErrorCode, message: string, options: DouyinKitErrorOptions = {}) {
    super(options.endpoint ? `[${options.endpoint}] ${message}` : message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.endpoint = options.endpoint;
    Object.defineProperty(this, BRAND, { value: true });
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      hint: this.hint,
      endpoint: this.endpoint,
      retryable: this.retryable,
    };
  }
}

/** True for errors from any copy of douyin-kit (checks a brand, not `instanceof`). */
export function isDouyinKitError(error: unknown): error is DouyinKitError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/** Bad argument: a URL with no id, a malformed parameter, text a signer cannot encode. */
export class InvalidInputError extends DouyinKitError {
  override name = 'InvalidInputError';
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_INVALID_INPUT', message, options);
  }
}

/** A configuration value is missing, unknown or out of range. `key` names it. */
export class InvalidOptionError extends DouyinKitError {
  override name = 'InvalidOptionError';
  readonly key: string;
  constructor(key: string, message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_INVALID_OPTION', message, options);
    this.key = key;
  }
}

/** A signer could not sign the input (or a user-supplied signer failed). */
export class SignatureError extends DouyinKitError {
  override name = 'SignatureError';
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_SIGNATURE', message, {
      hint: 'Check the input the signer was given; if Douyin changed its algorithm, plug in an updated Signer.',
      ...options,
    });
  }
}

/** A token endpoint (msToken, ttwid, webid) answered without the token. */
export class TokenError extends DouyinKitError {
  override name = 'TokenError';
  override readonly retryable = true;
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_TOKEN', message, options);
  }
}

/** The server answered with an HTTP error status. */
export class HttpError extends DouyinKitError {
  override name = 'HttpError';
  readonly statusCode: number;
  override readonly retryable: boolean;
  constructor(statusCode: number, message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_HTTP', message, options);
    this.statusCode = statusCode;
    this.retryable = statusCode >= 500 || statusCode === 408;
  }
}

/** The connection failed (refused, reset, DNS, TLS). */
export class NetworkError extends DouyinKitError {
  override name = 'NetworkError';
  override readonly retryable = true;
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_NETWORK', message, {
      hint: 'Check the network, the proxy setting and the host configuration.',
      ...options,
    });
  }
}

export class TimeoutError extends DouyinKitError {
  override name = 'TimeoutError';
  override readonly retryable = true;
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_TIMEOUT', message, options);
  }
}

export class AbortError extends DouyinKitError {
  override name = 'AbortError';
  constructor(message = 'The operation was aborted', options: DouyinKitErrorOptions = {}) {
    super('ERR_ABORTED', message, options);
  }
}

/** HTTP 200 with an empty body: Douyin's answer to a rejected signature or cookie. */
export class EmptyResponseError extends DouyinKitError {
  override name = 'EmptyResponseError';
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_EMPTY_RESPONSE', message, {
      hint: 'Douyin rejected the request silently: refresh the cookie (ttwid, msToken) or switch the signer (ab/xb).',
      ...options,
    });
  }
}

/** A non-zero `status_code` that no more specific class covers; keeps Douyin's message. */
export class ApiStatusError extends DouyinKitError {
  override name = 'ApiStatusError';
  readonly statusCode: number;
  readonly statusMsg: string | undefined;
  constructor(statusCode: number, statusMsg: string | undefined, options: DouyinKitErrorOptions = {}) {
    super('ERR_API_STATUS', `Douyin answered status_code ${statusCode}${statusMsg ? ` (${statusMsg})` : ''}`, options);
    this.statusCode = statusCode;
    this.statusMsg = statusMsg;
  }
}

/** A verification (captcha/slider) page or a risk-control status code. */
export class RiskControlError extends DouyinKitError {
  override name = 'RiskControlError';
  override readonly retryable = true;
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_RISK_CONTROL', message, {
      hint: 'Douyin wants a verification: slow down, open douyin.com in a browser with this cookie and pass the check, then retry.',
      ...options,
    });
  }
}

export class RateLimitError extends DouyinKitError {
  override name = 'RateLimitError';
  override readonly retryable = true;
  /** Server-requested wait, when it said one (Retry-After). */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number, options: DouyinKitErrorOptions = {}) {
    super('ERR_RATE_LIMITED', message, {
      hint: 'Lower max_connections / raise the interval between pages, or wait and retry.',
      ...options,
    });
    this.retryAfterMs = retryAfterMs;
  }
}

/** The endpoint needs a logged-in cookie (sessionid) and none was sent or it expired. */
export class LoginRequiredError extends DouyinKitError {
  override name = 'LoginRequiredError';
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_LOGIN_REQUIRED', message, {
      hint: 'Pass the cookie of a logged-in douyin.com session (it must contain sessionid).',
      ...options,
    });
  }
}

/** The post, user or room does not exist or was deleted. Never retried. */
export class NotFoundError extends DouyinKitError {
  override name = 'NotFoundError';
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_NOT_FOUND', message, options);
  }
}

/** The content exists but is private / visible only to friends. Never retried. */
export class PrivateContentError extends DouyinKitError {
  override name = 'PrivateContentError';
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_PRIVATE', message, options);
  }
}

/** Too many consecutive failures on one endpoint: requests are paused to stop hammering. */
export class CircuitOpenError extends DouyinKitError {
  override name = 'CircuitOpenError';
  readonly retryAtMs: number;
  constructor(message: string, retryAtMs: number, options: DouyinKitErrorOptions = {}) {
    super('ERR_CIRCUIT_OPEN', message, options);
    this.retryAtMs = retryAtMs;
  }
}

/** Bytes that do not decode: a protobuf message, a JSON body, a media container. */
export class DecodeError extends DouyinKitError {
  override name = 'DecodeError';
  /** What was being decoded (a webcast method name, "json", …). */
  readonly what: string;
  /** The offending bytes, base64, capped at 2 KB. */
  readonly payloadBase64: string | undefined;
  constructor(what: string, message: string, payload?: Uint8Array, options: DouyinKitErrorOptions = {}) {
    super('ERR_DECODE', message, options);
    this.what = what;
    this.payloadBase64 = payload ? Buffer.from(payload.subarray(0, 2048)).toString('base64') : undefined;
  }
}

export class LiveOfflineError extends DouyinKitError {
  override name = 'LiveOfflineError';
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_LIVE_OFFLINE', message, options);
  }
}

export class LiveStateError extends DouyinKitError {
  override name = 'LiveStateError';
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_LIVE_STATE', message, options);
  }
}

export class DownloadError extends DouyinKitError {
  override name = 'DownloadError';
  override readonly retryable: boolean;
  constructor(message: string, retryable: boolean, options: DouyinKitErrorOptions = {}) {
    super('ERR_DOWNLOAD', message, options);
    this.retryable = retryable;
  }
}

/** Downloaded bytes failed verification (length, magic bytes, hash). */
export class IntegrityError extends DouyinKitError {
  override name = 'IntegrityError';
  override readonly retryable = true;
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_INTEGRITY', message, options);
  }
}

/** A path would leave the download root, or a name cannot be made safe. */
export class PathError extends DouyinKitError {
  override name = 'PathError';
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_PATH', message, options);
  }
}

export class StoreError extends DouyinKitError {
  override name = 'StoreError';
  constructor(message: string, options: DouyinKitErrorOptions = {}) {
    super('ERR_STORE', message, options);
  }
}

/** Volcengine's `ResponseMetadata.Error` (also when HTTP status is 200). */
export class VolcengineError extends DouyinKitError {
  override name = 'VolcengineError';
  readonly apiCode: string;
  readonly requestId: string | undefined;
  readonly statusCode: number | undefined;
  override readonly retryable: boolean;
  constructor(
    apiCode: string,
    apiMessage: string,
    requestId: string | undefined,
    statusCode: number | undefined,
    options: DouyinKitErrorOptions & { retryable?: boolean } = {},
  ) {
    super('ERR_VOLCENGINE', `Volcengine ${apiCode}: ${apiMessage}${requestId ? ` (RequestId ${requestId})` : ''}`, options);
    this.apiCode = apiCode;
    this.requestId = requestId;
    this.statusCode = statusCode;
    this.retryable = options.retryable ?? false;
  }
}

const SECRET_PARAMS = /((?:^|[?&;\s])(?:msToken|a_bogus|X-Bogus|signature|sessionid|sessionid_ss|sid_tt|sid_guard|uid_tt|ttwid|odin_tt|passport_csrf_token|s_v_web_id|verifyFp|fp|X-Amz-Signature|Signature|SecretAccessKey|SecretKey|access_token|token)=)[^&;\s]*/gi;
const AUTH_HEADER = /((?:Authorization|Cookie|X-Security-Token)\s*:\s*)[^\r\n]*/gi;

/** Removes values of cookie/token/signature parameters and credential headers from text. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PARAMS, '$1<redacted>').replace(AUTH_HEADER, '$1<redacted>');
}
