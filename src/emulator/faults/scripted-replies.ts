import type { BodyFault } from '../media/index.js';
import { bufferReply, emptyReply, jsonReply, type Reply } from '../http/reply.js';

/**
 * One scripted answer for the next request of a route. With `pass: true` the route answers
 * normally but `fault`/`delayMs` still apply; otherwise `status` + `body` (or `empty`) replace it.
 */
export interface ScriptStep {
  pass?: boolean;
  status?: number;
  /** A string or Buffer is sent as is; anything else as JSON (bigints as bare numbers). */
  body?: unknown;
  /** 200 with an empty body (Douyin's silent refusal). */
  empty?: boolean;
  headers?: Record<string, string>;
  delayMs?: number;
  fault?: BodyFault;
}

/** Per-route queues of scripted steps (`emulator.script(route, steps)`), consumed in order. */
export class ScriptedReplies {
  readonly #queues = new Map<string, ScriptStep[]>();

  push(route: string, steps: readonly ScriptStep[]): void {
    const q = this.#queues.get(route) ?? [];
    q.push(...steps);
    this.#queues.set(route, q);
  }

  next(route: string): ScriptStep | undefined {
    const q = this.#queues.get(route);
    if (!q || q.length === 0) return undefined;
    const step = q.shift();
    if (q.length === 0) this.#queues.delete(route);
    return step;
  }

  pending(route?: string): number {
    if (route !== undefined) return this.#queues.get(route)?.length ?? 0;
    let n = 0;
    for (const q of this.#queues.values()) n += q.length;
    return n;
  }

  clear(): void {
    this.#queues.clear();
  }
}

export function scriptedReply(step: ScriptStep): Reply {
  let reply: Reply;
  if (step.empty) reply = emptyReply('script:empty');
  else if (typeof step.body === 'string') reply = bufferReply(Buffer.from(step.body, 'utf8'), step.status ?? 200, 'script');
  else if (Buffer.isBuffer(step.body)) reply = bufferReply(step.body, step.status ?? 200, 'script');
  else reply = jsonReply(step.body ?? {}, step.status ?? 200, 'script');
  if (reply.kind === 'body') {
    if (step.status !== undefined) reply.status = step.status;
    Object.assign(reply.headers, step.headers ?? {});
  }
  return reply;
}
