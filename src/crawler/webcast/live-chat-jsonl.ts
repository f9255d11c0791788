import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PathError, StoreError } from '../../errors.js';
import { safeJoin } from '../../utils/safe-filename.js';

/** One line of the JSONL file and of the relay: what arrived, when, and its decoded fields. */
export interface LiveChatRecord {
  receivedAtMs: number;
  method: string;
  msgId: string;
  /** The decoded message (bytes as base64), or `{payload}` (base64) for a method without a schema. */
  data: unknown;
}

/** JSON text of a record: 64-bit values are already strings; bytes become base64 (proto3 JSON). */
export function recordJson(record: LiveChatRecord): string {
  return JSON.stringify(record, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value));
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Where the lines go: `{path}` as given, or `<dir>/<room_id>_<yyyymmdd-hhmmss>.jsonl` with a sanitised name. */
export function jsonlPath(spec: { path: string } | { dir: string }, roomId: string, nowMs: number): string {
  if ('dir' in spec) return safeJoin(spec.dir, [`${roomId}_${stamp(nowMs)}.jsonl`]);
  if (spec.path.includes('\0')) throw new PathError('The JSONL path contains a NUL character');
  return path.resolve(spec.path);
}

/** Appends one line per message; the first write error stops it and is reported once. */
export class JsonlSink {
  readonly path: string;
  readonly #stream: WriteStream;
  #failed = false;

  private constructor(file: string, stream: WriteStream) {
    this.path = file;
    this.#stream = stream;
  }

  /** @throws {PathError} a bad path. @throws {StoreError} the file cannot be opened. */
  static async open(file: string, onError: (error: StoreError) => void): Promise<JsonlSink> {
    await mkdir(path.dirname(file), { recursive: true });
    const stream = createWriteStream(file, { flags: 'a' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) => reject(new StoreError(`Cannot open the JSONL file ${JSON.stringify(file)}: ${error.message}`, { cause: error })));
    });
    const sink = new JsonlSink(file, stream);
    stream.on('error', (error) => {
      if (sink.#failed) return;
      sink.#failed = true;
      onError(new StoreError(`Writing the JSONL file ${JSON.stringify(file)} failed: ${error.message}`, { cause: error }));
    });
    return sink;
  }

  write(record: LiveChatRecord): void {
    if (!this.#failed && this.#stream.writable) this.#stream.write(`${recordJson(record)}\n`);
  }

  /** Flushes and closes the file. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stream.closed || this.#stream.destroyed) return resolve();
      this.#stream.end(() => resolve());
      this.#stream.once('error', () => resolve());
    });
  }
}
