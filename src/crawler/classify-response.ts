import {
  ApiStatusError,
  DecodeError,
  type DouyinKitError,
  EmptyResponseError,
  HttpError,
  LoginRequiredError,
  NotFoundError,
  PrivateContentError,
  RateLimitError,
  RiskControlError,
} from '../errors.js';
import { parseRetryAfter } from '../utils/calculate-retry-delay.js';
import { idString, parseJson } from '../utils/json.js';

export interface ReceivedResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type Classified = { ok: true; data: Record<string, unknown> } | { ok: false; error: DouyinKitError };

/** Douyin `status_code`s that mean "slow down / verify you are human". */
const RISK_CODES = new Set([8, 2154, 2155, 2147, 3058]);
/** Codes that mean the cookie has no (valid) login. */
const LOGIN_CODES = new Set([2053, 2483, 3010]);
/** Codes that mean "exists, but the owner's privacy settings hide it". */
const PRIVATE_CODES = new Set([2096]);
/** `filter_reason`s that mean "exists, but you may not see it". */
const PRIVATE_REASONS = /self_see|friend_see|private|permission/i;

const header = (h: ReceivedResponse['headers'], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Turns an HTTP answer from a Douyin JSON endpoint into data or one typed error. Pure: the
 * caller decides about retries by the error's class. Douyin answers most failures with HTTP 200,
 * so the body decides: empty (signature/cookie rejected), an HTML verify page, a non-zero
 * `status_code`, or a detail that is null with a `filter_detail`.
 */
export function classifyResponse(res: ReceivedResponse, endpoint: string, nowMs: number): Classified {
  const fail = (error: DouyinKitError): Classified => ({ ok: false, error });
  const { statusCode } = res;

  if (statusCode === 429) {
    const wait = parseRetryAfter(header(res.headers, 'retry-after'), nowMs);
    return fail(new RateLimitError(`HTTP 429 Too Many Requests`, wait, { endpoint }));
  }
  if (statusCode >= 400) return fail(new HttpError(statusCode, `HTTP ${statusCode}`, { endpoint }));

  const text = res.body.trim();
  if (text === '') {
    return fail(new EmptyResponseError(`HTTP ${statusCode} with an empty body`, { endpoint }));
  }
  if (text.startsWith('<')) {
    if (/captcha|verify|验证|slide/i.test(text)) {
      return fail(new RiskControlError('Douyin answered with a verification page', { endpoint }));
    }
    return fail(new DecodeError('json', 'Expected JSON, got an HTML page', Buffer.from(text.slice(0, 512)), { endpoint }));
  }

  let data: unknown;
  try {
    data = parseJson(text);
  } catch (error) {
    return fail(new DecodeError('json', 'The response body is not valid JSON', Buffer.from(text.slice(0, 512)), { endpoint, cause: error }));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(new DecodeError('json', 'Expected a JSON object', undefined, { endpoint }));
  }
  const obj = data as Record<string, unknown>;
  if (Object.keys(obj).length === 0) {
    return fail(new EmptyResponseError('HTTP 200 with an empty JSON object', { endpoint }));
  }

  const code = Number(obj.status_code ?? 0);
  const msg = statusMessage(obj);
  if (code !== 0 && !Number.isNaN(code)) {
    const said = `status_code ${code}${msg ? `: ${msg}` : ''}`;
    // The message decides first: Douyin reuses codes (8 is "not logged in" on personal lists, risk elsewhere).
    if (PRIVATE_CODES.has(code) || /隐私|private/i.test(msg ?? '')) {
      return fail(new PrivateContentError(`The content is private (${said})`, { endpoint }));
    }
    if (LOGIN_CODES.has(code) || /登录|login/i.test(msg ?? '')) {
      return fail(new LoginRequiredError(`Douyin wants a logged-in cookie (${said})`, { endpoint }));
    }
    if (RISK_CODES.has(code) || isVerifyPayload(obj)) {
      return fail(new RiskControlError(`Douyin risk control (${said})`, { endpoint }));
    }
    return fail(new ApiStatusError(code, msg, { endpoint }));
  }
  if (isVerifyPayload(obj)) {
    return fail(new RiskControlError('Douyin asked for a verification (captcha)', { endpoint }));
  }

  const filter = obj.filter_detail as Record<string, unknown> | undefined;
  if ('aweme_detail' in obj && obj.aweme_detail === null) {
    const id = idString(filter?.aweme_id) ?? 'the post';
    const reason = typeof filter?.filter_reason === 'string' ? filter.filter_reason : undefined;
    const why = [reason, typeof filter?.detail_msg === 'string' ? filter.detail_msg : undefined].filter(Boolean).join(': ');
    if (reason && PRIVATE_REASONS.test(reason)) {
      return fail(new PrivateContentError(`Post ${id} is private${why ? ` (${why})` : ''}`, { endpoint }));
    }
    return fail(new NotFoundError(`Post ${id} is deleted or unavailable${why ? ` (${why})` : ''}`, { endpoint }));
  }
  return { ok: true, data: obj };
}

function statusMessage(obj: Record<string, unknown>): string | undefined {
  for (const v of [obj.status_msg, (obj.data as Record<string, unknown> | undefined)?.message, obj.message, obj.prompts]) {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

function isVerifyPayload(obj: Record<string, unknown>): boolean {
  const nlp = obj.nlp as Record<string, unknown> | undefined;
  return (
    typeof obj.verify_type === 'string' ||
    typeof obj.verify_center_decision_conf === 'string' ||
    (nlp !== undefined && typeof nlp === 'object' && 'verify' in nlp) ||
    (typeof obj.status_msg === 'string' && /captcha|verify/i.test(obj.status_msg) && obj.status_code !== 0)
  );
}
