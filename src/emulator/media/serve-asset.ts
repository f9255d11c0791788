import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AssetLayout } from './asset-layout.js';
import type { BodyFault } from './body-fault.js';
import { validateFault } from './body-fault.js';
import type { BodySource } from './body-pump.js';
import { bufferSource, pumpBody } from './body-pump.js';
import { alignedChunkEnd, copyRange } from './copy-range.js';
import { decideRange, ifRangeAllows, noneMatchHits } from './http-range.js';
import { layoutFor } from './layout-cache.js';
import type { MediaAsset } from './media-asset.js';
import { assetEtag, mediaContentType } from './media-asset.js';

export interface ServeOptions {
  /** Misbehave while sending the body (offsets relative to the first body byte sent). */
  fault?: BodyFault;
  /** Extra or overriding response headers (Content-Length and Content-Range stay ours). */
  headers?: Record<string, string>;
}

/** Four 64 KiB tiles per write: measured fastest on loopback (64 KiB–1 MiB tried). */
const CHUNK_BYTES = 256 * 1024;

/** Generates `[start, end)` of an asset chunk by chunk, reusing buffers once the socket is done with them. */
function assetSource(layout: AssetLayout, start: number, end: number): BodySource {
  const free: Buffer[] = [];
  return {
    length: end - start,
    chunk(pos, limit) {
      const from = start + pos;
      const to = alignedChunkEnd(layout, from, start + limit, CHUNK_BYTES);
      const buffer = free.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
      copyRange(layout, from, buffer, 0, to - from);
      return { bytes: buffer.subarray(0, to - from), release: () => free.push(buffer) };
    },
  };
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function bodyAllowed(statusCode: number): boolean {
  return statusCode !== 204 && statusCode !== 304 && !(statusCode >= 100 && statusCode < 200);
}

/**
 * Answers a request for `asset` as a CDN would: GET and HEAD, `Accept-Ranges: bytes`, a strong
 * `ETag`, a single `Range` (`a-b`, `a-`, `-n`) → 206 with `Content-Range`, an unsatisfiable one
 * → 416 whose `Content-Range` gives the size, `If-Range` that does not match → the full 200,
 * `If-None-Match` that matches → 304. Other methods get 405.
 * @throws {InvalidInputError} for a malformed asset or fault (before anything is written).
 */
export function serveAsset(req: IncomingMessage, res: ServerResponse, asset: MediaAsset, options: ServeOptions = {}): void {
  const layout = layoutFor(asset);
  if (options.fault) validateFault(options.fault);
  const etag = assetEtag(asset);

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': '0' });
    res.end();
    return;
  }

  res.setHeader('Content-Type', mediaContentType(asset.kind));
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', etag);
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);

  if (noneMatchHits(req.headers['if-none-match'], etag)) {
    res.removeHeader('Content-Type');
    res.writeHead(304);
    res.end();
    return;
  }

  const size = layout.size;
  const useRange = req.method === 'GET' && ifRangeAllows(singleHeader(req.headers['if-range']), etag);
  const range = useRange ? decideRange(req.headers.range, size) : ({ kind: 'full' } as const);
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Length': '0' });
    res.end();
    return;
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size];
  if (range.kind === 'partial') {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${end - 1}/${size}`);
  } else {
    res.statusCode = 200;
  }
  res.setHeader('Content-Length', String(end - start));

  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  pumpBody(res, assetSource(layout, start, end), options.fault);
}

/**
 * Sends an in-memory body (the emulator's JSON) with the same faults as media. Sets
 * Content-Length unless already set, and ends the response (or breaks it, for a fault).
 * @throws {InvalidInputError} for a malformed fault.
 */
export function writeBody(res: ServerResponse, body: Buffer, fault?: BodyFault): void {
  if (fault) validateFault(fault);
  if (!res.headersSent && !res.hasHeader('content-length')) res.setHeader('Content-Length', String(body.length));
  if (res.req?.method === 'HEAD' || !bodyAllowed(res.statusCode)) {
    res.end();
    return;
  }
  pumpBody(res, bufferSource(body), fault);
}
