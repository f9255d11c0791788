/**
 * One HTTP attempt at one mirror: resume `<final>.part` where it stopped (Range + If-Range with
 * the ETag the bytes came from), stream the rest into it, and report how far it got. The caller
 * decides about retries; this file decides what the server's answer means for the bytes on disk.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Got } from 'got';
import { DownloadError, HttpError, IntegrityError, RateLimitError, redactSecrets } from '../errors.js';
import { parseRetryAfter } from '../utils/calculate-retry-delay.js';
import { MAGIC_PROBE_BYTES, describeHead, magicMatches, type MediaContainer } from './media-magic.js';
import { IO_ALIGN, SLOT_BYTES } from './io-slots.js';
import { emptySideFile, hashPrefix, inspectPart, openDirect, openSideFile, partPathOf, removeMeta, removePart, writeMeta, type PartMeta } from './part-file.js';
import { PartWriter } from './part-writer.js';
import { inThreadSha256, type Sha256Worker, type StreamSha256 } from './sha256-worker.js';
import { toKitError } from './transport.js';

export interface AttemptInput {
  got: Got;
  url: string;
  finalPath: string;
  expect: readonly MediaContainer[];
  headers?: Record<string, string>;
  signal: AbortSignal;
  /** Called when the response is accepted, with where the body starts and its total length. */
  onStart?: (info: { resumeFrom: number; total: number | null }) => void;
  onBytes?: (bytes: number) => void;
  /** The file will be fsynced before it counts: start syncing large bodies while they arrive. */
  fsync?: boolean;
  /** Hashes bodies over SMALL_BODY_BYTES off the event loop; without it every body is hashed in this thread. */
  hasher?: Sha256Worker;
  /** Write whole blocks with `O_DIRECT` where the file system allows (resumes then start on a block boundary). */
  directIo?: boolean;
}

/**
 * A body of at most this many bytes gets no direct handle, is hashed on this thread, and its meta
 * file is written only if the body breaks off: file-system calls and thread wake-ups are most of
 * what a small file (a cover, an image) costs. A process killed mid-body fetches it again whole.
 */
const SMALL_BODY_BYTES = SLOT_BYTES;

/** How much of a large body may wait in the page cache before a background `fdatasync`. */
const BACKGROUND_SYNC_BYTES = 64 * 1024 * 1024;

export interface AttemptResult {
  /** Length of the complete body now in `.part`. */
  bytes: number;
  /** Total announced by the server (Content-Length or Content-Range), when it said one. */
  total: number | null;
  sha256: string;
  /** Offset the attempt resumed from (0: whole body fetched now). */
  resumedFrom: number;
  /** The `.part` was fsynced (asked for with `fsync`; a complete body found on disk is not). */
  synced: boolean;
  /** A meta file lies beside the `.part` (a small body has none). */
  meta: boolean;
}

const CONTENT_RANGE = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function responseError(status: number, headers: IncomingHttpHeaders, url: string): Error {
  const where = redactSecrets(url);
  if (status === 429) {
    return new RateLimitError(`${where} answered 429 Too Many Requests`, parseRetryAfter(header(headers, 'retry-after'), Date.now()));
  }
  return new HttpError(status, `${where} answered HTTP ${status}`, {
    hint: status === 403 || status === 410 ? 'Signed media URLs expire: fetch the post again for fresh URLs.' : undefined,
  });
}

/** What a response means for the `.part`: the offset its body starts at, and its total. */
function placeBody(
  status: number,
  headers: IncomingHttpHeaders,
  have: number,
  meta: PartMeta | null,
  url: string,
): { start: number; total: number | null } {
  const etag = header(headers, 'etag') ?? null;
  if (status === 200) {
    const length = Number(header(headers, 'content-length'));
    return { start: 0, total: Number.isSafeInteger(length) && length >= 0 ? length : null };
  }
  // 206: only a range that starts where our bytes end, of the same body, can be appended.
  const match = CONTENT_RANGE.exec(header(headers, 'content-range')?.trim() ?? '');
  const start = match ? Number(match[1]) : NaN;
  const total = match && match[3] !== '*' ? Number(match[3]) : null;
  if (!match || start !== have || (etag !== null && meta?.etag != null && etag !== meta.etag)) {
    throw new DownloadError(`${redactSecrets(url)} sent a range that does not continue the partial file; starting over`, true);
  }
  return { start, total };
}

/**
 * Fetches `url` into `<finalPath>.part`, resuming when the part file and its meta allow.
 * Resolves when the body ended with as many bytes as announced; rejects with a retryable error
 * when it did not (the bytes received are kept for the next attempt), with `IntegrityError` when
 * the bytes cannot be the media (they are discarded), or with `HttpError`/`RateLimitError`.
 */
export async function fetchAttempt(input: AttemptInput): Promise<AttemptResult> {
  const { finalPath, url } = input;
  const partPath = partPathOf(finalPath);
  const part = await inspectPart(finalPath);

  // A complete body left by a run that stopped before the rename: nothing to fetch.
  if (part.size > 0 && part.meta?.total === part.size) {
    const hash = newHash(input);
    try {
      checkHead(await hashPrefix(partPath, part.size, hash, MAGIC_PROBE_BYTES, input.signal), input.expect);
    } catch (error) {
      hash.discard();
      if (error instanceof IntegrityError) await removePart(finalPath).catch(() => undefined);
      throw error;
    }
    input.onStart?.({ resumeFrom: part.size, total: part.size });
    return { bytes: part.size, total: part.size, sha256: await hash.digest(), resumedFrom: part.size, synced: false, meta: true };
  }

  // Direct writes need a block-aligned start: give up the last partial block and fetch it again.
  // Fewer bytes than it takes to tell the file type are not worth resuming.
  let have = input.directIo ? part.size - (part.size % IO_ALIGN) : part.size;
  if (have < MAGIC_PROBE_BYTES) have = 0;
  const headers: Record<string, string> = { ...input.headers };
  if (have > 0 && part.meta?.etag) {
    headers.range = `bytes=${have}-`;
    headers['if-range'] = part.meta.etag;
  }

  const stream = input.got.stream(url, { headers, signal: input.signal });
  // Until the pipeline owns the stream, an early socket error must not go unhandled; the
  // pipeline still sees it (the stream is destroyed with it).
  stream.on('error', () => undefined);
  let fh: FileHandle | undefined;
  let direct: FileHandle | null = null;
  let writer: PartWriter | undefined;
  let hash: StreamSha256 | undefined;
  let meta: PartMeta | undefined;
  let small = false;
  try {
    const response = await new Promise<{ statusCode: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
      stream.once('response', resolve);
      stream.once('error', reject);
    });
    const status = response.statusCode;
    if (status === 416 && have > 0) {
      await emptySideFile(partPath);
      throw new DownloadError(`${redactSecrets(url)} refused the resume range; starting over`, true);
    }
    if (status !== 200 && status !== 206) throw responseError(status, response.headers, url);

    let placed: { start: number; total: number | null };
    try {
      placed = placeBody(status, response.headers, have, part.meta, url);
    } catch (error) {
      await emptySideFile(partPath).catch(() => undefined);
      throw error;
    }
    // Order matters for a kill at any point: old bytes are cut before the meta names the new
    // body (or, for a small one, before any old meta is removed), and the meta names it before
    // any of its bytes are written.
    fh = await openSideFile(partPath, placed.start > 0 ? constants.O_RDWR : constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC);
    if (placed.start > 0) await fh.truncate(placed.start);
    meta = { etag: header(response.headers, 'etag') ?? null, total: placed.total, url: stream.redirectUrls.at(-1)?.href ?? url };
    small = placed.start === 0 && placed.total !== null && placed.total <= SMALL_BODY_BYTES;
    if (small) await removeMeta(finalPath);
    else await writeMeta(finalPath, meta);

    hash = small ? inThreadSha256(input.hasher?.pool) : newHash(input);
    // The type of a body written from its start is checked as it arrives; of a resumed one, here.
    if (placed.start > 0) checkHead(await hashPrefix(partPath, placed.start, hash, MAGIC_PROBE_BYTES, input.signal), input.expect);
    input.onStart?.({ resumeFrom: placed.start, total: placed.total });
    if (input.directIo && !small) direct = await openDirect(partPath);
    writer = new PartWriter(fh, {
      position: placed.start,
      hash,
      direct,
      expect: input.expect,
      onBytes: input.onBytes,
      syncEveryBytes: input.fsync ? BACKGROUND_SYNC_BYTES : 0,
    });
    await pipeline(stream, writer);
    const bytes = placed.start + writer.written;
    checkLength(bytes, placed, url);
    const sha256 = await hash.digest();
    hash = undefined;
    await writer.settled();
    // On the handle already open (one flush for the bytes written either way).
    if (input.fsync) await fh.datasync();
    return { bytes, total: placed.total, sha256, resumedFrom: placed.start, synced: input.fsync === true, meta: !small };
  } catch (error) {
    stream.destroy();
    hash?.discard();
    // Bytes of the wrong kind are worth nothing, and neither is their validator.
    if (error instanceof IntegrityError) await removePart(finalPath).catch(() => undefined);
    // A small body broke off: name what was kept, so the next attempt (or run) resumes it. Only a
    // kill loses that, and then at most SMALL_BODY_BYTES are fetched again.
    else if (small && meta !== undefined && writer !== undefined) {
      await writer.settled();
      if (writer.written > 0) await writeMeta(finalPath, meta).catch(() => undefined);
    }
    throw toKitError(error, url, input.signal);
  } finally {
    await writer?.settled();
    await direct?.close().catch(() => undefined);
    await fh?.close().catch(() => undefined);
  }
}

const newHash = (input: AttemptInput): StreamSha256 => input.hasher?.create() ?? inThreadSha256();

function checkHead(head: Buffer, expect: readonly MediaContainer[]): void {
  if (expect.length === 0 || magicMatches(head, expect)) return;
  throw new IntegrityError(`The downloaded body starts with ${describeHead(head)}, not ${expect.join('/')}`, {
    hint: 'The server sent something else than the media (an error page, another format).',
  });
}

function checkLength(bytes: number, placed: { start: number; total: number | null }, url: string): void {
  if (placed.total !== null && bytes < placed.total) {
    throw new DownloadError(`${redactSecrets(url)} ended the body after ${bytes} of ${placed.total} bytes`, true);
  }
  if (placed.total !== null && bytes > placed.total) {
    throw new IntegrityError(`${redactSecrets(url)} sent ${bytes} bytes, more than the ${placed.total} it announced`);
  }
}
