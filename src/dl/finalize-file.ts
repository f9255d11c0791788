import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { open, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { coalescedRunner } from './coalesced-runs.js';
import { openSideFile, partPathOf, removeMeta } from './part-file.js';

async function fsyncDirectory(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch (error) {
    // Directories cannot be fsynced on every platform (Windows: EPERM/EISDIR).
    if (!isDirectorySyncRefusal(error)) throw error;
  } finally {
    await fh.close();
  }
}

function isDirectorySyncRefusal(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'EPERM' || code === 'EISDIR' || code === 'EINVAL' || code === 'EBADF';
}

/**
 * fsyncs a folder so that renames into it are durable. Renames that land while one fsync runs
 * share the next one (a bulk download renames many files into one folder at once).
 */
const syncDirectory = coalescedRunner(fsyncDirectory);

/**
 * Makes a verified `.part` the final file: fsync the bytes (unless `synced`: the caller did on
 * its open handle), rename atomically, fsync the folder so the rename itself is durable, then
 * drop the meta (`meta: false`: none was written). A crash at any point leaves either the `.part`
 * (resumed next time) or the complete final file, never a short file at the final path.
 */
export async function promotePart(finalPath: string, options: { fsync: boolean; synced?: boolean; meta?: boolean }): Promise<void> {
  const partPath = partPathOf(finalPath);
  if (options.fsync && !options.synced) {
    const fh = await openSideFile(partPath, constants.O_RDWR);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
  await rename(partPath, finalPath);
  if (options.fsync) await syncDirectory(path.dirname(finalPath));
  if (options.meta !== false) await removeMeta(finalPath);
}

/** Writes in-memory content (a description, converted lyrics) through the same `.part` → rename path. */
export async function writeWholeFile(finalPath: string, content: string | Uint8Array, options: { fsync: boolean }): Promise<{ bytes: number; sha256: string }> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  await removeMeta(finalPath);
  const fh = await openSideFile(partPathOf(finalPath), constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC);
  try {
    await writeFile(fh, bytes);
  } finally {
    await fh.close();
  }
  await promotePart(finalPath, { ...options, meta: false });
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** SHA-256 and length of a file, streamed. */
export async function hashFile(target: string, signal?: AbortSignal): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(target, { highWaterMark: 1 << 20, signal }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}
