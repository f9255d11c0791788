import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DownloadError } from '../../errors.js';

/**
 * A file written as `<final>.part` and renamed to `<final>` by `close()`, so a final path never
 * holds a half file. Writes are serialised in call order; the first failure is kept and
 * rethrown by the next write and by `close()`.
 */
export class LivePartFile {
  readonly finalPath: string;
  readonly partPath: string;
  #handle: FileHandle;
  #queue: Promise<void> = Promise.resolve();
  #failure: unknown;
  #bytes = 0;
  #closed = false;

  private constructor(finalPath: string, handle: FileHandle) {
    this.finalPath = finalPath;
    this.partPath = `${finalPath}.part`;
    this.#handle = handle;
  }

  /** Creates `<final>.part` (exclusively: an existing part or final file is an error). */
  static async create(finalPath: string): Promise<LivePartFile> {
    await mkdir(path.dirname(finalPath), { recursive: true });
    if (await exists(finalPath)) throw new DownloadError(`${finalPath} already exists`, false);
    try {
      return new LivePartFile(finalPath, await open(`${finalPath}.part`, 'wx'));
    } catch (error) {
      throw new DownloadError(`Cannot create ${finalPath}.part: ${(error as Error).message}`, false, { cause: error });
    }
  }

  /** Bytes queued so far (written or about to be). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Queues `data`; resolves once it is written. */
  write(data: Buffer | string): Promise<void> {
    if (this.#closed) return Promise.reject(new DownloadError(`${this.partPath} is already closed`, false));
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.#bytes += buffer.length;
    const task = this.#queue.then(async () => {
      if (this.#failure !== undefined) throw this.#failure;
      try {
        let at = 0;
        while (at < buffer.length) at += (await this.#handle.write(buffer, at, buffer.length - at)).bytesWritten;
      } catch (error) {
        this.#failure ??= new DownloadError(`Writing ${this.partPath} failed: ${(error as Error).message}`, false, { cause: error });
        throw this.#failure;
      }
    });
    this.#queue = task.catch(() => undefined);
    return task;
  }

  /** Flushes, closes and renames to the final path. Idempotent. */
  async close(): Promise<string> {
    if (!this.#closed) {
      this.#closed = true;
      await this.#queue;
      try {
        if (this.#failure === undefined) await this.#handle.sync();
      } finally {
        await this.#handle.close();
      }
      if (this.#failure !== undefined) throw this.#failure;
      await rename(this.partPath, this.finalPath);
    }
    return this.finalPath;
  }

  /** Closes and deletes the part file (nothing reaches the final path). */
  async discard(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue;
    await this.#handle.close().catch(() => undefined);
    await unlink(this.partPath).catch(() => undefined);
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
