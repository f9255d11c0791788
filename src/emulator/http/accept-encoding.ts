import type { Reply } from './reply.js';

// Clients send one of a few values: each is parsed once.
const acceptCache = new Map<string, boolean>();

/** Whether an `Accept-Encoding` value admits gzip (explicitly or by `*`, with q > 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  let yes = acceptCache.get(value);
  if (yes !== undefined) return yes;
  let gzip: boolean | undefined;
  let star: boolean | undefined;
  for (const item of value.split(',')) {
    const [name = '', ...params] = item.split(';');
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const ok = q === undefined || Number(q.slice(2)) > 0;
    const coding = name.trim().toLowerCase();
    if (coding === 'gzip' || coding === 'x-gzip') gzip = ok;
    else if (coding === '*') star = ok;
  }
  yes = gzip ?? star ?? false;
  if (acceptCache.size < 64) acceptCache.set(value, yes);
  return yes;
}

const COMPRESSIBLE = /json|text|javascript|xml/i;

function isEmpty(body: Buffer | readonly Buffer[]): boolean {
  if (Buffer.isBuffer(body)) return body.length === 0;
  for (const part of body as readonly Buffer[]) if (part.length > 0) return false;
  return true;
}

/**
 * Whether to gzip a reply, as Douyin does for a client that accepts it: text bodies only, never
 * an empty body (the silent refusal stays `Content-Length: 0`) nor one whose encoding a script set.
 */
export function wantsGzip(acceptEncoding: string | string[] | undefined, reply: Reply & { kind: 'body' }): boolean {
  if (isEmpty(reply.body) || !acceptsGzip(acceptEncoding)) return false;
  let type = '';
  for (const k in reply.headers) {
    const name = k.toLowerCase();
    if (name === 'content-encoding') return false;
    if (name === 'content-type') type = reply.headers[k] as string;
  }
  return COMPRESSIBLE.test(type);
}
