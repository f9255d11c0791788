import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactSecrets } from '../../errors.js';
import type { FaultDecision, FaultPlan } from '../faults/fault-plan.js';
import { scriptedReply, type ScriptedReplies } from '../faults/scripted-replies.js';
import type { RequestLog } from '../log/request-log.js';
import { writeBody } from '../media/index.js';
import type { Behaviour } from '../misbehaviour/behaviour.js';
import { loginGate, RateLimiter, riskReply, RiskState, signatureGate } from '../misbehaviour/gates.js';
import type { UserModel } from '../world/model.js';
import type { World } from '../world/world.js';
import type { VolcengineEmulator } from '../volcengine/index.js';
import { isVolcengineRequest } from '../volcengine-mount.js';
import { wantsGzip } from './accept-encoding.js';
import { GzipEncoder } from './gzip-body.js';
import { readBody, RequestContext } from './request-context.js';
import { bodyLength, jsonReply, notFound, textReply, type Reply } from './reply.js';
import type { RouteDef, Router } from './router.js';

/** Below this many bytes a parts body is joined before writing. */
const SMALL_BODY = 64 * 1024;
const FEW_PARTS = 4;

function bodyAllowed(status: number): boolean {
  return status !== 204 && status !== 304 && status >= 200;
}

export interface PipelineDeps {
  router: Router;
  log: RequestLog;
  world: World;
  faults: FaultPlan;
  scripts: ScriptedReplies;
  behaviour: () => Behaviour;
  /** sessionid → user, for tests with several accounts; other sessionids stand for `roles.me`. */
  sessions: Map<string, UserModel>;
  volcengine: () => VolcengineEmulator | null;
  /** Timers the pipeline is waiting on (latency, script delays), cleared by `stop()`. */
  timers: Set<NodeJS.Timeout>;
  /** Unexpected handler errors, for tests to assert there were none. */
  errors: Error[];
}

/**
 * The request pipeline: log → route → body → session → injected faults (latency, 429 bursts,
 * 5xx) → rate limit → scripted replies → risk control → signature/msToken → login → handler →
 * write (with the body fault, if any).
 */
export function createRequestHandler(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const limiter = new RateLimiter();
  const risk = new RiskState();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        deps.timers.delete(t);
        resolve();
      }, ms);
      deps.timers.add(t);
    });

  const gzip = new GzipEncoder();

  const write = (ctx: RequestContext, reply: Reply, decision: FaultDecision | null, fault = decision?.bodyFault ?? null): void => {
    if (reply.kind === 'handled') {
      deps.log.finish(ctx.entry, ctx.res.headersSent || ctx.res.writableEnded ? ctx.res.statusCode : null, reply.outcome);
      return;
    }
    const res = ctx.res;
    if (res.headersSent || res.destroyed) return;
    res.statusCode = reply.status;
    for (const k in reply.headers) res.setHeader(k, reply.headers[k] as string);
    let body = reply.body;
    if (deps.behaviour().contentEncoding === 'gzip' && wantsGzip(ctx.req.headers['accept-encoding'], reply)) {
      body = gzip.encode(Buffer.isBuffer(body) ? [body] : body);
      res.setHeader('content-encoding', 'gzip');
      res.setHeader('vary', 'Accept-Encoding');
    }
    const length = bodyLength(body);
    res.setHeader('content-length', String(length));
    const bodyFault = fault?.(length);
    deps.log.finish(ctx.entry, reply.status, bodyFault ? `${reply.outcome}+fault:${bodyFault.kind}` : reply.outcome);
    if (bodyFault || ctx.method === 'HEAD' || !bodyAllowed(reply.status)) {
      writeBody(res, Buffer.isBuffer(body) ? body : Buffer.concat(body as readonly Buffer[], length), bodyFault);
    } else if (Buffer.isBuffer(body)) {
      res.end(body);
    } else if (length < SMALL_BODY && body.length > FEW_PARTS) {
      // For small bodies of many parts a copy is cheaper than many writes.
      res.end(Buffer.concat(body as readonly Buffer[], length));
    } else {
      // Large or few parts (a gzip page is three): they go out corked, as one writev, without a copy.
      res.cork();
      for (const part of body as readonly Buffer[]) res.write(part);
      res.end();
    }
  };

  const handle = async (ctx: RequestContext, route: RouteDef): Promise<void> => {
    const b = deps.behaviour();
    if (ctx.method === 'POST' || ctx.method === 'PUT') {
      ctx.body = await readBody(ctx.req);
      ctx.entry.body = ctx.body.subarray(0, 65_536).toString('utf8');
    }
    const sid = ctx.cookies.sessionid || ctx.cookies.sessionid_ss;
    if (sid) {
      if (b.expiredSessions.includes(sid)) ctx.sessionExpired = true;
      else ctx.viewer = deps.sessions.get(sid) ?? deps.world.roles.me;
    }

    const decision = deps.faults.decide(route);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.tooMany) {
      const r = jsonReply({ status_code: 429, status_msg: 'Too Many Requests' }, 429, decision.label ?? 'fault:429');
      if (r.kind === 'body') r.headers['retry-after'] = String(decision.tooMany.retryAfterSeconds);
      return write(ctx, r, null);
    }
    if (decision.errorStatus !== null) {
      return write(ctx, textReply(decision.errorStatus, `<html><body><h1>${decision.errorStatus}</h1></body></html>`, 'text/html; charset=utf-8', decision.label ?? 'fault:5xx'), null);
    }
    if (b.rateLimit && (b.rateLimit.scope === 'all' || route.kind === 'api' || route.kind === 'chat')) {
      const wait = limiter.take(b.rateLimit, performance.now());
      if (wait !== null) {
        const r = jsonReply({ status_code: 429, status_msg: 'Too Many Requests' }, 429, 'rate-limited');
        if (r.kind === 'body') r.headers['retry-after'] = String(wait);
        return write(ctx, r, null);
      }
    }

    const step = deps.scripts.next(route.name);
    if (step?.delayMs) await sleep(step.delayMs);
    const stepFault = step?.fault;
    const faultFn = stepFault ? () => stepFault : decision.bodyFault;
    ctx.bodyFault = faultFn;
    if (step && !step.pass) return write(ctx, scriptedReply(step), decision, faultFn);

    if (b.risk && risk.hit(b.risk, route)) return write(ctx, riskReply(b.risk, deps.world.now * 1000, ctx.entry.seq), decision, faultFn);
    const rejected = signatureGate(ctx, route, b) ?? loginGate(ctx, route, b, deps.world.now * 1000);
    if (rejected) return write(ctx, rejected, decision, faultFn);

    const reply = await route.handle(ctx);
    write(ctx, reply, decision, faultFn);
  };

  return (req, res) => {
    const ctx = new RequestContext(req, res, deps.log.nextSeq());
    deps.log.add(ctx.entry);
    const volc = deps.volcengine();
    if (volc && isVolcengineRequest(ctx.path, ctx.query) && volc.matches(req)) {
      ctx.entry.route = 'volcengine';
      volc.handle(req, res).then(
        () => deps.log.finish(ctx.entry, res.statusCode, 'volcengine'),
        (error: unknown) => fail(ctx, error),
      );
      return;
    }
    const match = deps.router.match(ctx.method, ctx.path);
    if (!match) return write(ctx, notFound(), null);
    ctx.entry.route = match.route.name;
    if (match.wrongMethod) {
      const r = textReply(405, 'Method Not Allowed', 'text/plain; charset=utf-8', 'method-not-allowed');
      if (r.kind === 'body') r.headers.allow = match.route.methods.join(', ');
      return write(ctx, r, null);
    }
    handle(ctx, match.route).catch((error: unknown) => fail(ctx, error));
  };

  function fail(ctx: RequestContext, error: unknown): void {
    const err = error instanceof Error ? error : new Error(String(error));
    deps.errors.push(err);
    deps.log.finish(ctx.entry, 500, 'error');
    if (!ctx.res.headersSent && !ctx.res.destroyed) {
      const body = Buffer.from(JSON.stringify({ status_code: 500, status_msg: redactSecrets(`emulator error: ${err.message}`) }));
      ctx.res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) });
      ctx.res.end(body);
    } else {
      ctx.res.destroy();
    }
  }
}

