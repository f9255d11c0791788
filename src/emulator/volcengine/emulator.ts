/**
 * A local Volcengine Live OpenAPI endpoint (docs/volcengine-live-api.md §6): routing, the
 * gateway's authentication checks in order, parameter validation, in-memory tasks and streams,
 * and injectable faults. Mount `handle` on any http server for requests where `matches` is true.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, businessErrors, gatewayErrors } from './api-error.js';
import { HANDLERS } from './handlers.js';
import { createRandom, requestId } from './ids.js';
import { DEFAULT_FIXTURES, VolcengineEmulatorState, type EmulatorFixtures } from './state.js';
import { PARAM_RULES, Params, type Raw } from './validate-params.js';
import { verifySignature, type EmulatorCredential } from './verify-signature.js';

export const EMULATED_VERSION = '2023-01-01';

/**
 * Method of each emulated action (the same table the SDKs use). Written out here, not imported from
 * the client, on purpose: the emulator is the independent oracle that catches a wrong client table.
 */
export const EMULATED_ACTIONS: Readonly<Record<string, 'GET' | 'POST'>> = {
  CreatePullToPushTask: 'POST',
  UpdatePullToPushTask: 'POST',
  DeletePullToPushTask: 'POST',
  RestartPullToPushTask: 'POST',
  ContinuePullToPushTask: 'POST',
  StopPullToPushTask: 'POST',
  ListPullToPushTask: 'GET',
  DescribeLiveStreamInfoByPage: 'GET',
  DescribeClosedStreamInfoByPage: 'GET',
  DescribeForbiddenStreamInfoByPage: 'GET',
  KillStream: 'POST',
  ForbidStream: 'POST',
  ResumeStream: 'POST',
  DescribeLiveStreamState: 'GET',
};

/** Documented QPS limits (ListPullToPushTask 15/s, the rest 10/s). */
const DOC_QPS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.keys(EMULATED_ACTIONS).map((a) => [a, a === 'ListPullToPushTask' ? 15 : 10]),
);

export interface VolcengineEmulatorOptions {
  /** Accepted access keys (with a sessionToken for STS keys). */
  credentials: EmulatorCredential[];
  /** Epoch ms; drives X-Date checks, task status and stream times. @default Date.now */
  clock?: () => number;
  /** Seed for RequestIds and TaskIds. @default 0x5eed */
  seed?: number;
  /** Streams and domains present at start and after `reset()`. @default DEFAULT_FIXTURES */
  fixtures?: EmulatorFixtures;
  /** Allowed distance between X-Date and the clock. @default 900_000 (±15 min) */
  clockSkewMs?: number;
  /** 400 per the live docs, 403 in sibling products. @default 400 */
  invalidTimestampStatus?: number;
  /** @default 512 */
  callbackUrlMaxLength?: number;
  /** Per-action QPS: `true` for the documented limits. @default false */
  flowLimits?: boolean | Readonly<Record<string, number>>;
  /** Answer for an unknown TaskId or killing a stream that is not online. @default {status: 400, code: 'InvalidParam'} */
  notFound?: { status: number; code: string };
  /** Answer RestartPullToPushTask with InvalidActionOrVersion, as the retired action may. @default false */
  retireRestart?: boolean;
}

export interface InjectedFault {
  /** Only for this action. @default every action */
  action?: string;
  /** How many matching requests get it. @default 1 */
  times?: number;
  /** 200 for CommonErr-style errors inside a success status. @default 200 */
  status?: number;
  code: string;
  message?: string;
  /** Sent as Retry-After. */
  retryAfterSeconds?: number;
}

export interface RequestLogEntry {
  action: string;
  method: string;
  status: number;
  code?: string;
  /** Why a request was rejected (not sent to the client). */
  reason?: string;
}

export interface VolcengineEmulator {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Path `/` with an `Action` query parameter. */
  matches(req: IncomingMessage): boolean;
  readonly state: VolcengineEmulatorState;
  /** Every request answered, in order. */
  readonly requests: RequestLogEntry[];
  injectFault(fault: InjectedFault): void;
  /** Back to the fixtures; clears faults, the request log and flow counters. */
  reset(): void;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

function parseQuery(rawUrl: string): { path: string; pairs: [string, string][] } {
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const search = q === -1 ? '' : rawUrl.slice(q + 1);
  const pairs: [string, string][] = [];
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq === -1 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return { path, pairs };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw businessErrors.invalidParam('body', 'is larger than 8 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function createVolcengineEmulator(options: VolcengineEmulatorOptions): VolcengineEmulator {
  const clock = options.clock ?? Date.now;
  const seed = options.seed ?? 0x5eed;
  const credentials = new Map(options.credentials.map((c) => [c.accessKeyId, c]));
  const fixtures = options.fixtures ?? DEFAULT_FIXTURES;
  const notFound = options.notFound ?? { status: 400, code: 'InvalidParam' };
  const limits: Readonly<Record<string, number>> =
    options.flowLimits === true ? DOC_QPS : options.flowLimits ? options.flowLimits : {};
  let random = createRandom(seed);
  const state = new VolcengineEmulatorState(clock, () => random(), fixtures);
  const requests: RequestLogEntry[] = [];
  let faults: InjectedFault[] = [];
  let window = { second: -1, counts: new Map<string, number>() };

  function takeFault(action: string): InjectedFault | undefined {
    const fault = faults.find((f) => f.action === undefined || f.action === action);
    if (!fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults = faults.filter((f) => f !== fault);
    return fault;
  }

  function overLimit(action: string, now: number): boolean {
    const limit = limits[action];
    if (limit === undefined) return false;
    const second = Math.floor(now / 1000);
    if (second !== window.second) window = { second, counts: new Map() };
    const count = (window.counts.get(action) ?? 0) + 1;
    window.counts.set(action, count);
    return count > limit;
  }

  function send(res: ServerResponse, status: number, action: string, version: string, error?: ApiError, result?: unknown, extra: Record<string, string> = {}): void {
    const meta: Record<string, unknown> = {
      RequestId: requestId(clock(), random),
      Action: action,
      Version: version,
      Service: 'live',
      Region: 'cn-north-1',
    };
    if (error) meta['Error'] = { ...(error.codeN !== undefined ? { CodeN: error.codeN } : {}), Code: error.code, Message: error.message };
    const body = JSON.stringify(result === undefined || error ? { ResponseMetadata: meta } : { ResponseMetadata: meta, Result: result });
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...extra });
    res.end(body);
  }

  async function processRequest(req: IncomingMessage): Promise<{ action: string; version: string; result?: unknown; headers?: Record<string, string> }> {
    const method = (req.method ?? 'GET').toUpperCase();
    let parsed: ReturnType<typeof parseQuery>;
    try {
      parsed = parseQuery(req.url ?? '/');
    } catch {
      throw businessErrors.bindError('query string');
    }
    const first = (key: string) => parsed.pairs.find(([k]) => k === key)?.[1];
    const action = first('Action') ?? '';
    const version = first('Version') ?? '';
    const ids = { action, version };
    try {
      if (!action) throw gatewayErrors.missingParameter('Action');
      if (!version) throw gatewayErrors.missingParameter('Version');
      const expected = EMULATED_ACTIONS[action];
      if (!expected || version !== EMULATED_VERSION || (options.retireRestart && action === 'RestartPullToPushTask')) {
        throw gatewayErrors.invalidActionOrVersion(action, version);
      }
      if (method !== expected) throw gatewayErrors.methodNotAllowed(method, action);
      const body = await readBody(req);
      const now = clock();
      const auth = verifySignature(
        { method, path: parsed.path, query: parsed.pairs, headers: req.headers, body },
        { credentials, now, clockSkewMs: options.clockSkewMs ?? 900_000, invalidTimestampStatus: options.invalidTimestampStatus ?? 400, region: 'cn-north-1', service: 'live' },
      );
      if (auth instanceof ApiError) throw auth;
      if (overLimit(action, now)) throw gatewayErrors.flowLimitExceeded(action);
      const fault = takeFault(action);
      if (fault) {
        const error = new ApiError(fault.status ?? 200, fault.code, fault.message ?? `Injected ${fault.code}`);
        throw Object.assign(error, { retryAfterSeconds: fault.retryAfterSeconds });
      }

      let raw: Raw;
      if (method === 'GET') {
        raw = {};
        for (const [k, v] of parsed.pairs) {
          if (k === 'Action' || k === 'Version') continue;
          if (k in raw) throw businessErrors.bindError(k);
          raw[k] = v;
        }
      } else {
        let json: unknown;
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          throw businessErrors.bindError('body');
        }
        if (typeof json !== 'object' || json === null || Array.isArray(json)) throw businessErrors.bindError('body');
        raw = json as Raw;
      }
      PARAM_RULES[action]?.(new Params(raw, method === 'GET' ? 'query' : 'json'), { now, callbackUrlMaxLength: options.callbackUrlMaxLength ?? 512 });
      const result = HANDLERS[action]?.(raw, {
        state,
        now,
        notFound: (what) => new ApiError(notFound.status, notFound.code, `${what} does not exist`),
      });
      return { ...ids, result };
    } catch (error) {
      throw Object.assign(error as object, { ids });
    }
  }

  return {
    state,
    requests,
    matches(req) {
      const url = req.url ?? '';
      const { path, pairs } = (() => {
        try {
          return parseQuery(url);
        } catch {
          return { path: '', pairs: [] as [string, string][] };
        }
      })();
      return path === '/' && pairs.some(([k]) => k === 'Action');
    },
    async handle(req, res) {
      const method = (req.method ?? 'GET').toUpperCase();
      try {
        const { action, version, result } = await processRequest(req);
        requests.push({ action, method, status: 200 });
        send(res, 200, action, version, undefined, result);
      } catch (caught) {
        const ids = (caught as { ids?: { action: string; version: string } }).ids ?? { action: '', version: '' };
        const error = caught instanceof ApiError ? caught : new ApiError(500, 'InternalError', 'Service has some internal Error. Pls Contact With Admin.', 100014);
        const entry: RequestLogEntry = { action: ids.action, method, status: error.status, code: error.code };
        if (error.reason) entry.reason = error.reason;
        requests.push(entry);
        const retryAfter = (caught as { retryAfterSeconds?: number }).retryAfterSeconds;
        // Drain what the client still sends, so it sees the answer rather than a reset.
        req.resume();
        send(res, error.status, ids.action, ids.version, error, undefined, retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {});
      }
    },
    injectFault(fault) {
      faults.push({ ...fault });
    },
    reset() {
      random = createRandom(seed);
      state.load(fixtures);
      requests.length = 0;
      faults = [];
      window = { second: -1, counts: new Map() };
    },
  };
}
