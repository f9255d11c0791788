/**
 * The unfinished state of one download, on disk beside its final path so that it survives a
 * crash or a kill of the process: `<final>.part` holds the body bytes received so far and
 * `<final>.part.meta` the validator they belong to (ETag, total length, URL).
 */
import { constants } from 'node:fs';
import { lstat, open, readFile, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { SLOT_BYTES } from './io-slots.js';
import type { StreamSha256 } from './sha256-worker.js';

export interface PartMeta {
  /** Strong ETag of the body the bytes came from; without one a `.part` cannot be resumed. */
  etag: string | null;
  /** Full body length when the server said it. */
  total: number | null;
  url: string;
}

export interface PartState {
  /** Bytes in `.part` that may be resumed from (0 when nothing usable). */
  size: number;
  meta: PartMeta | null;
}

export const PART_SUFFIX = '.part';
export const META_SUFFIX = '.part.meta';

export function partPathOf(finalPath: string): string {
  return finalPath + PART_SUFFIX;
}

export function metaPathOf(finalPath: string): string {
  return finalPath + META_SUFFIX;
}

function isStrongEtag(etag: unknown): etag is string {
  return typeof etag === 'string' && /^"[^"]*"$/.test(etag);
}

/**
 * `O_NOFOLLOW` where the platform has it: a side file (`.part`, `.part.meta`) planted as a link
 * fails to open instead of letting the download write wherever it points.
 */
const NOFOLLOW = (constants.O_NOFOLLOW as number | undefined) ?? 0;

/** Removes `file` if it is there (one call; `rm` would `lstat` first). */
async function unlinkIfThere(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Opens a side file with numeric `flags`, never through a link: a link in its place is removed
 * and the open tried again (without `O_NOFOLLOW`, the link is looked for first).
 */
export async function openSideFile(file: string, flags: number): Promise<FileHandle> {
  if (NOFOLLOW === 0) {
    const info = await lstat(file).catch(() => null);
    if (info?.isSymbolicLink()) await unlinkIfThere(file);
    return open(file, flags);
  }
  try {
    return await open(file, flags | NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    await unlinkIfThere(file);
    return open(file, flags | NOFOLLOW);
  }
}

/** Creates `file` empty, or empties it (never through a link). */
export async function emptySideFile(file: string): Promise<void> {
  await (await openSideFile(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC)).close();
}

async function readMeta(metaPath: string): Promise<PartMeta | null> {
  try {
    const parsed = JSON.parse(await readFile(metaPath, { encoding: 'utf8', flag: constants.O_RDONLY | NOFOLLOW })) as Partial<PartMeta>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.url !== 'string') return null;
    return {
      etag: isStrongEtag(parsed.etag) ? parsed.etag : null,
      total: typeof parsed.total === 'number' && Number.isSafeInteger(parsed.total) && parsed.total >= 0 ? parsed.total : null,
      url: parsed.url,
    };
  } catch {
    return null;
  }
}

/**
 * What can be resumed for `finalPath`. Bytes without a strong ETag, or more bytes than the
 * announced total, cannot be trusted and count as nothing (the next write truncates them); so
 * does a `.part` that is not a plain file. No `.part` (the usual case): the meta is not read.
 */
export async function inspectPart(finalPath: string): Promise<PartState> {
  const info = await lstat(partPathOf(finalPath)).catch(() => null);
  if (info === null || !info.isFile() || info.size === 0) return { size: 0, meta: null };
  const size = info.size;
  const meta = await readMeta(metaPathOf(finalPath));
  if (meta === null || meta.etag === null) return { size: 0, meta };
  if (meta.total !== null && size > meta.total) return { size: 0, meta };
  return { size, meta };
}

/**
 * Writes the meta in place: a kill mid-write leaves an empty or cut JSON text, which reads as
 * "no meta" (the bytes are then fetched again: safe, and cheaper than a temp file and a rename
 * on every download).
 */
export async function writeMeta(finalPath: string, meta: PartMeta): Promise<void> {
  const fh = await openSideFile(metaPathOf(finalPath), constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC);
  try {
    await writeFile(fh, JSON.stringify(meta));
  } finally {
    await fh.close();
  }
}

/** Removes the meta file, if any. */
export function removeMeta(finalPath: string): Promise<void> {
  return unlinkIfThere(metaPathOf(finalPath));
}

export async function removePart(finalPath: string): Promise<void> {
  await Promise.all([
    unlinkIfThere(partPathOf(finalPath)),
    unlinkIfThere(metaPathOf(finalPath)),
    // Left by versions that wrote the meta through a temporary file.
    unlinkIfThere(`${metaPathOf(finalPath)}.tmp`),
  ]);
}

/**
 * Feeds the first `length` bytes of `path` into `hash` (a resumed body is hashed whole), read
 * straight into its slots. Returns a copy of the first `headBytes` of them.
 */
export async function hashPrefix(path: string, length: number, hash: StreamSha256, headBytes: number, signal?: AbortSignal): Promise<Buffer> {
  let head = Buffer.alloc(0);
  if (length === 0) return head;
  const fh = await openSideFile(path, constants.O_RDONLY);
  try {
    for (let at = 0; at < length; ) {
      signal?.throwIfAborted();
      const slot = hash.lease();
      try {
        const { bytesRead } = await fh.read(slot.buffer, 0, Math.min(SLOT_BYTES, length - at), at);
        if (bytesRead === 0) throw new Error(`${path} shrank while being read (${at} of ${length} bytes)`);
        if (at === 0) head = Buffer.from(slot.buffer.subarray(0, Math.min(headBytes, bytesRead)));
        hash.update(slot, 0, bytesRead);
        at += bytesRead;
      } finally {
        slot.release();
      }
      await hash.drained();
    }
  } finally {
    await fh.close();
  }
  return head;
}

/** `path` opened for writing with `O_DIRECT`; null where the platform or the file system has no direct I/O. */
export async function openDirect(path: string): Promise<FileHandle | null> {
  const flag = constants.O_DIRECT as number | undefined;
  if (flag === undefined) return null;
  try {
    return await open(path, constants.O_WRONLY | flag | NOFOLLOW);
  } catch {
    return null;
  }
}

/** Reads up to `length` bytes from the start of a file. */
export async function readHead(path: string, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
