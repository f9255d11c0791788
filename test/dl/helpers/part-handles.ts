import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { openDirect } from '../../../src/dl/part-file.js';

/** Files opened as the downloader opens a `.part`: a plain handle, plus an `O_DIRECT` one when asked and possible here. */
export class PartHandles {
  readonly #opened: FileHandle[] = [];

  constructor(readonly dir: string) {}

  async open(name: string, wantDirect: boolean): Promise<{ file: string; fh: FileHandle; direct: FileHandle | null }> {
    const file = path.join(this.dir, name);
    const fh = await open(file, 'w');
    this.#opened.push(fh);
    const direct = wantDirect ? await openDirect(file) : null;
    if (direct) this.#opened.push(direct);
    return { file, fh, direct };
  }

  async closeAll(): Promise<void> {
    for (const h of this.#opened.splice(0)) await h.close().catch(() => undefined);
  }
}
