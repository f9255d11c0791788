import type { RequestContext } from '../http/request-context.js';
import { emptyReply, jsonReply, textReply, type Reply } from '../http/reply.js';
import type { RouteDef } from '../http/router.js';
import { extraBlock, logId } from '../shape/values.js';
import type { Behaviour, RiskOptions } from './behaviour.js';
import { checkSignature, isWellFormedMsToken } from './signature-check.js';

const STATUS_MSG: Record<number, string> = {
  8: '用户未登录',
  2154: '操作太频繁，请稍后再试',
  2155: '操作太频繁，请稍后再试',
  2096: '因对方隐私设置，无法查看',
};

export function statusReply(code: number, nowMs: number, seq: number, outcome: string): Reply {
  const id = logId(nowMs, seq);
  return jsonReply({ status_code: code, status_msg: STATUS_MSG[code] ?? '', extra: extraBlock(nowMs, id), log_pb: { impr_id: id } }, 200, outcome);
}

/** Token bucket refilled lazily from the clock: no timers to clean up. */
export class RateLimiter {
  #tokens = 0;
  #last = 0;
  #key: unknown = null;

  /** Seconds to tell the client to wait (may be 0), or null when the request may pass. */
  take(limit: NonNullable<Behaviour['rateLimit']>, nowMs: number): number | null {
    const burst = limit.burst ?? limit.requestsPerSecond;
    if (this.#key !== limit) {
      this.#key = limit;
      this.#tokens = burst;
      this.#last = nowMs;
    }
    this.#tokens = Math.min(burst, this.#tokens + ((nowMs - this.#last) / 1000) * limit.requestsPerSecond);
    this.#last = nowMs;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return null;
    }
    return limit.retryAfterSeconds ?? 1;
  }
}

/** Counts requests and answers for the current `risk` setting (reset when it is replaced). */
export class RiskState {
  #key: RiskOptions | null = null;
  #seen = 0;
  #answered = 0;

  /** True when this request should get the risk answer. */
  hit(risk: RiskOptions, route: RouteDef): boolean {
    if (this.#key !== risk) {
      this.#key = risk;
      this.#seen = 0;
      this.#answered = 0;
    }
    if (risk.routes ? !risk.routes.includes(route.name) : route.kind !== 'api') return false;
    this.#seen++;
    if (this.#seen <= (risk.afterRequests ?? 0)) return false;
    if (this.#answered >= (risk.times ?? Number.POSITIVE_INFINITY)) return false;
    this.#answered++;
    return true;
  }
}

const VERIFY_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>验证码中间页</title></head><body><div id="captcha_container" data-type="verify" data-subtype="slide"></div><script>window.verify_event="";</script></body></html>`;

export function riskReply(risk: RiskOptions, nowMs: number, seq: number): Reply {
  if (risk.mode === 'status') return statusReply(risk.statusCode ?? 2154, nowMs, seq, `risk:status-${risk.statusCode ?? 2154}`);
  const conf = JSON.stringify({
    region: 'cn',
    code: 10000,
    subtype: 'slide',
    type: 'verify',
    detail: `emulated-${seq}`,
    verify_event: '',
    fp: `verify_${nowMs.toString(36)}_emulated`,
    server_sdk_env: '{"idc":"lf","region":"CN","server_type":"business"}',
    log_id: logId(nowMs, seq),
    is_assist_mobile: false,
    identity_action: '',
    identity_scene: '',
    verify_scene: '',
  });
  if (risk.mode === 'html') {
    const r = textReply(200, VERIFY_PAGE, 'text/html; charset=utf-8', 'risk:html');
    if (r.kind === 'body') r.headers['x-vc-bdturing-parameters'] = conf;
    return r;
  }
  const r = jsonReply({ verify_center_decision_conf: conf }, 200, 'risk:captcha');
  if (r.kind === 'body') r.headers['x-vc-bdturing-parameters'] = conf;
  return r;
}

/** Signature and msToken checks: a rejected request gets Douyin's 200 with an empty body. */
export function signatureGate(ctx: RequestContext, route: RouteDef, b: Behaviour): Reply | null {
  if (route.sign && b.signature === 'require') {
    const sig = checkSignature(ctx.query);
    if (!sig.kind) return emptyReply('empty:no-signature');
    if (!sig.wellFormed) return emptyReply('empty:bad-signature');
    if (b.verifySignature) {
      const raw = ctx.search;
      const query = raw.replace(new RegExp(`&?${sig.kind === 'a_bogus' ? 'a_bogus' : 'X-Bogus'}=[^&]*`), '');
      const ok = b.verifySignature({
        kind: sig.kind,
        value: sig.value ?? '',
        query,
        userAgent: String(ctx.req.headers['user-agent'] ?? ''),
        body: ctx.body?.toString('utf8') ?? '',
      });
      if (!ok) return emptyReply('empty:signature-rejected');
    }
  }
  if (route.msToken && b.msToken === 'require') {
    const token = ctx.query.get('msToken') || ctx.cookies.msToken;
    if (!isWellFormedMsToken(token)) return emptyReply(token ? 'empty:bad-mstoken' : 'empty:no-mstoken');
  }
  return null;
}

/** Guest limits: paged lists stop after page one; personal lists follow `guestPersonalLists`. */
export function loginGate(ctx: RequestContext, route: RouteDef, b: Behaviour, nowMs: number): Reply | null {
  if (!route.login || ctx.viewer) return null;
  const firstPage = isFirstPage(ctx, route);
  if (route.login === 'personal') {
    if (ctx.sessionExpired || b.guestPersonalLists === 'status-8') return statusReply(8, nowMs, ctx.entry.seq, 'login:status-8');
    if (b.guestPersonalLists === 'all') return null;
  } else if (b.guestPagedLists === 'all') {
    return null;
  }
  if (firstPage || !route.emptyPage) return null;
  const r = route.emptyPage(ctx);
  r.outcome = 'login:guest-page-limit';
  return r;
}

export function isFirstPage(ctx: RequestContext, route: RouteDef): boolean {
  const names = route.cursorParam === undefined ? [] : typeof route.cursorParam === 'string' ? [route.cursorParam] : route.cursorParam;
  return names.every((name) => {
    const v = ctx.param(name);
    return v === undefined || v === '' || v === '0';
  });
}
