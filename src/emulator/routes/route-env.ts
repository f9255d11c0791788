import type { RequestContext } from '../http/request-context.js';
import { bufferReply, jsonReply, type Reply } from '../http/reply.js';
import type { Behaviour } from '../misbehaviour/behaviour.js';
import { pageBody, type AwemeCache } from '../shape/json-body.js';
import { extraBlock, logId, type ShapeContext } from '../shape/values.js';
import type { PostModel, UserModel } from '../world/model.js';

/** What route handlers share: the world, its media URLs, cached items and the behaviour switches. */
export interface RouteEnv {
  shape: ShapeContext;
  cache: AwemeCache;
  behaviour(): Behaviour;
}

export function nowMs(env: RouteEnv): number {
  return env.shape.world.now * 1000;
}

/** `extra` + `log_pb` for a response. */
export function envelope(env: RouteEnv, ctx: RequestContext): { extra: Record<string, unknown>; log_pb: Record<string, unknown> } {
  const ms = nowMs(env);
  const id = logId(ms, ctx.entry.seq);
  return { extra: extraBlock(ms, id), log_pb: { impr_id: id } };
}

/** The viewer for the viewer's own lists: the session's user, else (guest first page) `roles.me`. */
export function personalViewer(env: RouteEnv, ctx: RequestContext): UserModel {
  return ctx.viewer ?? env.shape.world.roles.me;
}

/** Whether `viewer` may see `post` in a list (deleted never; self-see only the author). */
export function visibleTo(post: PostModel, viewer: UserModel | undefined): boolean {
  if (post.deleted) return false;
  if (post.privateStatus === 0) return true;
  return viewer?.uid === post.authorUid;
}

export function intParam(ctx: RequestContext, name: string, fallback: number): number {
  const v = ctx.param(name);
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/** Page size from `count`, clamped to Douyin's usual bounds. */
export function countParam(ctx: RequestContext, fallback: number, max = 50): number {
  return Math.max(1, Math.min(max, intParam(ctx, 'count', fallback)));
}

/** A JSON answer whose `key` holds cached aweme items, in the envelope's key order. */
export function awemePage(env: RouteEnv, body: Record<string, unknown>, key: string, posts: readonly PostModel[]): Reply {
  return bufferReply(pageBody(body, key, posts.map((p) => env.cache.item(p))));
}

export function okJson(value: Record<string, unknown>): Reply {
  return jsonReply(value);
}
