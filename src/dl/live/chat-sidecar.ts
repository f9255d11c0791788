import { DownloadError, type DouyinKitError } from '../../errors.js';
import { assDialogue, assHeader, type AssStyle } from './ass-subtitles.js';
import { LivePartFile } from './part-file.js';

/**
 * One chat event. `method` is the webcast method (`WebcastChatMessage`, `WebcastGiftMessage`…);
 * every other field is copied to the JSONL sidecar as it is. `receivedAtMs` is the wall clock
 * (epoch ms, `Date.now()`) when the client received it; when missing, the recorder stamps the
 * time it sees the event.
 */
export interface LiveChatEvent {
  receivedAtMs?: number;
  method: string;
  [key: string]: unknown;
}

/** Anything with `on`/`off` (Node's EventEmitter, the live chat client). */
export interface LiveChatEmitter {
  on(event: string, listener: (event: LiveChatEvent) => void): unknown;
  off(event: string, listener: (event: LiveChatEvent) => void): unknown;
}

/**
 * Where chat events come from: an async iterable (read until it ends or the recording stops;
 * the recorder calls `return()` on its iterator at the end) or an emitter (the recorder adds one
 * listener for `event` and removes it at the end). The recorder never closes the source itself.
 */
export type LiveChatSource = AsyncIterable<LiveChatEvent> | LiveChatEmitter;

export interface LiveChatSidecarOptions {
  source: LiveChatSource;
  /** Event to listen to on an emitter. When given, an emitter is read through `on` even if it is also iterable. @default 'message' */
  event?: string;
  /** Write `<file>.chat.jsonl`: one event per line, with `offsetMs` from the file's start. @default true */
  jsonl?: boolean;
  /** Write `<file>.ass` subtitles (the same name as the video, so players load it). @default true */
  ass?: boolean | AssStyle;
  /**
   * The subtitle line for an event, or null to leave the event out of the ASS file. The default
   * shows chat text (`content`, at the top level or under `data`) as `nickname: content`.
   */
  format?: (event: LiveChatEvent) => { name?: string; text: string } | string | null;
  /** How long a line stays on screen. @default 5000 */
  displayMs?: number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** `nickname: content` for anything carrying chat text; null for the rest (gifts, likes…). */
export function defaultChatFormat(event: LiveChatEvent): { name: string; text: string } | null {
  const data = isObject(event.data) ? event.data : event;
  const content = data.content ?? event.content;
  if (typeof content !== 'string' || content.trim() === '') return null;
  const user = isObject(data.user) ? data.user : isObject(event.user) ? event.user : {};
  const nickname = typeof user.nickname === 'string' ? user.nickname : typeof user.nick_name === 'string' ? user.nick_name : '';
  return { name: nickname, text: nickname ? `${nickname}: ${content}` : content };
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

function jsonLine(offsetMs: number, event: LiveChatEvent & { receivedAtMs: number }): string {
  try {
    return `${JSON.stringify({ offsetMs, ...event }, jsonReplacer)}\n`;
  } catch {
    return `${JSON.stringify({ offsetMs, receivedAtMs: event.receivedAtMs, method: String(event.method), unserializable: true })}\n`;
  }
}

interface AttachedFiles {
  startedAtMs: number;
  jsonl: LivePartFile | null;
  ass: LivePartFile | null;
}

const MAX_PENDING = 10_000;

/**
 * Writes chat events next to each recorded file, timed from that file's first byte. Events that
 * arrive while no file is open (before the first media, during a file switch) wait and go to
 * the next file (with a negative `offsetMs` in JSONL; at 0 in ASS).
 */
export class ChatSidecar {
  readonly #options: LiveChatSidecarOptions;
  readonly #now: () => number;
  readonly #onError: (error: DouyinKitError) => void;
  readonly #pending: (LiveChatEvent & { receivedAtMs: number })[] = [];
  #current: AttachedFiles | null = null;
  #unsubscribe: (() => void) | null = null;
  #failed = false;

  constructor(options: LiveChatSidecarOptions, now: () => number, onError: (error: DouyinKitError) => void) {
    this.#options = options;
    this.#now = now;
    this.#onError = onError;
  }

  start(): void {
    if (this.#unsubscribe) return;
    const { source, event } = this.#options;
    const listener = (e: LiveChatEvent) => this.#receive(e);
    const iterable = event === undefined && typeof (source as AsyncIterable<LiveChatEvent>)[Symbol.asyncIterator] === 'function';
    if (!iterable && typeof (source as LiveChatEmitter).on === 'function') {
      const name = event ?? 'message';
      (source as LiveChatEmitter).on(name, listener);
      this.#unsubscribe = () => void (source as LiveChatEmitter).off(name, listener);
      return;
    }
    const iterator = (source as AsyncIterable<LiveChatEvent>)[Symbol.asyncIterator]();
    let stopped = false;
    this.#unsubscribe = () => {
      stopped = true;
      // Not awaited: an async generator queues return() behind a pending next().
      void Promise.resolve(iterator.return?.()).catch(() => undefined);
    };
    void (async () => {
      try {
        while (!stopped) {
          const next = await iterator.next();
          if (next.done || stopped) return;
          listener(next.value);
        }
      } catch (error) {
        if (!stopped) this.#onError(new DownloadError(`The chat source failed: ${(error as Error)?.message ?? String(error)}`, false, { cause: error }));
      }
    })();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** Opens the sidecars of a new file (`stem` = its final path without the extension). */
  async attach(stem: string, title: string, startedAtMs: number): Promise<void> {
    const { jsonl = true, ass = true } = this.#options;
    const files: AttachedFiles = { startedAtMs, jsonl: null, ass: null };
    try {
      if (jsonl) files.jsonl = await LivePartFile.create(`${stem}.chat.jsonl`);
      if (ass) {
        files.ass = await LivePartFile.create(`${stem}.ass`);
        void files.ass.write(assHeader(title, typeof ass === 'object' ? ass : {})).catch((e: unknown) => this.#fail(e));
      }
    } catch (error) {
      await files.jsonl?.discard();
      this.#fail(error);
      return;
    }
    this.#current = files;
    for (const e of this.#pending.splice(0)) this.#write(files, e);
  }

  /** Closes the current sidecars (renaming them to their final names). */
  async detach(): Promise<{ jsonl?: string; ass?: string }> {
    const files = this.#current;
    this.#current = null;
    if (!files) return {};
    const out: { jsonl?: string; ass?: string } = {};
    for (const key of ['jsonl', 'ass'] as const) {
      const file = files[key];
      if (!file) continue;
      try {
        out[key] = await file.close();
      } catch (error) {
        this.#fail(error);
        await file.discard();
      }
    }
    return out;
  }

  #receive(event: LiveChatEvent): void {
    if (!isObject(event)) return;
    const stamped = { ...event, receivedAtMs: typeof event.receivedAtMs === 'number' && Number.isFinite(event.receivedAtMs) ? event.receivedAtMs : this.#now() };
    if (this.#current) {
      this.#write(this.#current, stamped);
    } else {
      if (this.#pending.length >= MAX_PENDING) this.#pending.shift();
      this.#pending.push(stamped);
    }
  }

  #write(files: AttachedFiles, event: LiveChatEvent & { receivedAtMs: number }): void {
    const offsetMs = event.receivedAtMs - files.startedAtMs;
    if (files.jsonl) void files.jsonl.write(jsonLine(offsetMs, event)).catch((e: unknown) => this.#fail(e));
    if (files.ass) {
      let line: { name?: string; text: string } | string | null = null;
      try {
        line = (this.#options.format ?? defaultChatFormat)(event);
      } catch {
        line = null;
      }
      if (line !== null) {
        const { name = '', text } = typeof line === 'string' ? { text: line } : line;
        const start = Math.max(0, offsetMs);
        void files.ass.write(assDialogue(start, start + (this.#options.displayMs ?? 5000), text, name)).catch((e: unknown) => this.#fail(e));
      }
    }
  }

  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#onError(error instanceof DownloadError ? error : new DownloadError(`Writing the chat sidecar failed: ${(error as Error)?.message ?? String(error)}`, false, { cause: error }));
  }
}
