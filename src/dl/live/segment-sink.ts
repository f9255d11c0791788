import { DownloadError } from '../../errors.js';
import { safeJoin, sanitizeFileName, truncateUtf8 } from '../../utils/safe-filename.js';
import type { ChatSidecar } from './chat-sidecar.js';
import type { LiveSegmentClosed, LiveSegmentInfo } from './live-recorder-events.js';
import type { LiveProtocol } from './live-stream-source.js';
import { LivePartFile, exists } from './part-file.js';

export interface SegmentSinkOptions {
  root: string;
  folder: readonly string[];
  baseName: string;
  protocol: LiveProtocol;
  now: () => number;
  chat: ChatSidecar | null;
  onOpened: (info: LiveSegmentInfo) => void;
  onClosed: (info: LiveSegmentClosed) => void;
}

/** Room left in a 255-byte name for `_NNN`, `.chat.jsonl` and `.part`. */
const STEM_BYTES = 200;
const MAX_NAME_TRIES = 1000;

interface OpenSegment {
  info: LiveSegmentInfo;
  file: LivePartFile;
}

/**
 * The output files of one recording: `<root>/<folder…>/<name>_001.<ext>`, `_002`, …, each
 * written as `.part` and renamed when closed; paths go through `safeJoin`, so nothing lands
 * outside the root. The extension follows the protocol: `.flv` for HTTP-FLV, `.ts` for HLS.
 */
export class SegmentSink {
  readonly #o: SegmentSinkOptions;
  readonly #stem: string;
  readonly #ext: string;
  #index = 0;
  #open: OpenSegment | null = null;
  /** Media duration of the open file, kept up to date by the protocol writer. */
  durationMs = 0;

  constructor(options: SegmentSinkOptions) {
    this.#o = options;
    this.#stem = truncateUtf8(sanitizeFileName(options.baseName), STEM_BYTES);
    this.#ext = options.protocol === 'flv' ? 'flv' : 'ts';
  }

  get isOpen(): boolean {
    return this.#open !== null;
  }

  /** Bytes in the open file (0 when none is open). */
  get bytes(): number {
    return this.#open?.file.bytes ?? 0;
  }

  get index(): number | null {
    return this.#open?.info.index ?? null;
  }

  /** Opens the next file and writes `initial` (FLV header and codec config) as its first bytes. */
  async open(initial: Buffer): Promise<void> {
    if (this.#open) await this.close();
    let file: LivePartFile | null = null;
    for (let tries = 0; file === null; tries++) {
      this.#index++;
      const candidate = safeJoin(this.#o.root, [...this.#o.folder, `${this.#stem}_${String(this.#index).padStart(3, '0')}.${this.#ext}`]);
      const stem = candidate.slice(0, -this.#ext.length - 1);
      const taken = await Promise.all([candidate, `${candidate}.part`, `${stem}.ass`, `${stem}.chat.jsonl`].map(exists));
      if (taken.includes(true)) continue;
      try {
        file = await LivePartFile.create(candidate);
      } catch (error) {
        // Another recorder with the same name took it between the check and the create.
        const raced = (error as { cause?: { code?: string } }).cause?.code === 'EEXIST';
        if (!raced || tries >= MAX_NAME_TRIES) throw error;
      }
    }
    const finalPath = file.finalPath;
    const info: LiveSegmentInfo = { index: this.#index, path: finalPath, protocol: this.#o.protocol, startedAtMs: this.#o.now() };
    this.#open = { info, file };
    this.durationMs = 0;
    const written = file.write(initial);
    await this.#o.chat?.attach(finalPath.slice(0, -this.#ext.length - 1), this.#o.baseName, info.startedAtMs);
    await written;
    this.#o.onOpened(info);
  }

  async write(bytes: Buffer): Promise<void> {
    if (!this.#open) throw new DownloadError('Internal: a live segment was written with no file open', false);
    await this.#open.file.write(bytes);
  }

  /** Closes the open file (flush, rename) and its sidecars; null when none was open. */
  async close(): Promise<LiveSegmentClosed | null> {
    const open = this.#open;
    if (!open) return null;
    this.#open = null;
    const sidecars = (await this.#o.chat?.detach()) ?? {};
    await open.file.close();
    const endedAtMs = this.#o.now();
    const closed: LiveSegmentClosed = {
      ...open.info,
      bytes: open.file.bytes,
      durationMs: this.durationMs,
      wallDurationMs: endedAtMs - open.info.startedAtMs,
      endedAtMs,
      sidecars,
    };
    this.#o.onClosed(closed);
    return closed;
  }
}
