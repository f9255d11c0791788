import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { PathError } from '../errors.js';
import { assertInsideRoot, safeJoin, sanitizeFileName } from '../utils/safe-filename.js';

const SIDE_FILE_SUFFIX_BYTES = '.part.meta.tmp'.length;

/**
 * Turns path components below the download root into a final path that is safe to write:
 * every component sanitised (`safeJoin`: `../`, NUL, separators, device names, 255 bytes), the
 * result lexically inside the root, and every folder on the way created here, checked not to
 * be a symbolic link that leads out of the root. Verified folders are remembered.
 */
export class TargetResolver {
  readonly root: string;
  #realRoot: Promise<string> | undefined;
  readonly #verified = new Set<string>();

  constructor(root: string) {
    if (typeof root !== 'string' || root.trim() === '' || root.includes('\0')) {
      throw new PathError('The download root must be a non-empty path without NUL');
    }
    this.root = path.resolve(root);
  }

  #rootReal(): Promise<string> {
    this.#realRoot ??= mkdir(this.root, { recursive: true }).then(() => realpath(this.root));
    return this.#realRoot;
  }

  /** The absolute final path for `components` (folders…, file name); creates the folders. */
  async resolve(components: readonly string[]): Promise<string> {
    if (components.length === 0) throw new PathError('A download needs at least a file name');
    // The file name leaves room for side files beside it within the 255-byte limit (`.part.meta.tmp`,
    // the longest any version wrote; kept so that names do not change between versions).
    const name = sanitizeFileName(components[components.length - 1]!, { maxBytes: 255 - SIDE_FILE_SUFFIX_BYTES });
    const finalPath = safeJoin(this.root, [...components.slice(0, -1), name]);
    const realRoot = await this.#rootReal();
    const folders = path.relative(this.root, path.dirname(finalPath));
    let current = this.root;
    for (const part of folders === '' ? [] : folders.split(path.sep)) {
      current = path.join(current, part);
      if (this.#verified.has(current)) continue;
      await this.#ensureFolder(current, realRoot);
      this.#verified.add(current);
    }
    // Links planted at `.part` or `.part.meta` are dealt with where those are opened (`openSideFile`).
    return finalPath;
  }

  async #ensureFolder(folder: string, realRoot: string): Promise<void> {
    let info;
    try {
      info = await lstat(folder);
    } catch {
      await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      info = await lstat(folder);
    }
    if (info.isSymbolicLink()) {
      const target = await realpath(folder);
      try {
        assertInsideRoot(realRoot, target);
      } catch {
        throw new PathError(`${JSON.stringify(folder)} is a link to ${JSON.stringify(target)}, outside the download root`);
      }
    } else if (!info.isDirectory()) {
      throw new PathError(`${JSON.stringify(folder)} exists and is not a folder`);
    }
  }

  /** The path relative to the root with `/` separators (how the store keeps it). */
  relative(finalPath: string): string {
    return path.relative(this.root, finalPath).split(path.sep).join('/');
  }

  /** The absolute path of a store-relative path; `PathError` when it would leave the root. */
  absolute(relativePath: string): string {
    const full = path.resolve(this.root, ...relativePath.split('/'));
    assertInsideRoot(this.root, full);
    return full;
  }
}
