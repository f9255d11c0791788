import { jsonBody } from '../shape/json-body.js';

/**
 * What a handler answers: a body to write (faults may still bend it), or `handled` when it has
 * written the response itself (media, streams, the chat backend).
 */
export type Reply =
  | { kind: 'body'; status: number; headers: Record<string, string>; body: Buffer | readonly Buffer[]; outcome: string }
  | { kind: 'handled'; outcome: string };

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonReply(value: unknown, status = 200, outcome = 'ok'): Reply {
  return { kind: 'body', status, headers: { 'content-type': JSON_TYPE }, body: jsonBody(value), outcome };
}

/** A body given as one buffer or as parts (cached items are written without being copied). */
export function bufferReply(body: Buffer | readonly Buffer[], status = 200, outcome = 'ok', type = JSON_TYPE): Reply {
  return { kind: 'body', status, headers: { 'content-type': type }, body, outcome };
}

/** Douyin's silent refusal: 200, `Content-Length: 0`. */
export function emptyReply(outcome: string): Reply {
  return { kind: 'body', status: 200, headers: { 'content-type': JSON_TYPE }, body: Buffer.alloc(0), outcome };
}

export function textReply(status: number, text: string, type = 'text/plain; charset=utf-8', outcome = 'ok'): Reply {
  return { kind: 'body', status, headers: { 'content-type': type }, body: Buffer.from(text, 'utf8'), outcome };
}

export function redirectReply(location: string, status = 302, outcome = 'redirect'): Reply {
  return { kind: 'body', status, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: Buffer.alloc(0), outcome };
}

export function bodyLength(body: Buffer | readonly Buffer[]): number {
  if (Buffer.isBuffer(body)) return body.length;
  let n = 0;
  for (const b of body as readonly Buffer[]) n += b.length;
  return n;
}

export function handled(outcome = 'ok'): Reply {
  return { kind: 'handled', outcome };
}

export function notFound(outcome = 'not-found'): Reply {
  return textReply(404, 'Not Found', 'text/plain; charset=utf-8', outcome);
}
