import cliProgress from 'cli-progress';
import type { AggregateProgress } from '../dl/index.js';
import { scrub } from './report-error.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '--';
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * Where the CLI writes: human lines go to stdout, or to stderr when stdout carries JSON. Bars
 * are drawn only when both streams are terminals.
 */
export class Output {
  readonly json: boolean;
  readonly interactive: boolean;

  constructor(options: { json?: boolean } = {}) {
    this.json = options.json ?? false;
    this.interactive = Boolean(process.stdout.isTTY && process.stderr.isTTY) && !this.json;
  }

  /** A human line (scrubbed of secrets). */
  line(text: string): void {
    (this.json ? process.stderr : process.stdout).write(`${scrub(text)}\n`);
  }

  /** Machine-readable output on stdout. */
  data(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  table(rows: readonly (readonly [string, string])[]): void {
    const kw = Math.max(...rows.map(([k]) => displayWidth(k)));
    const vw = Math.max(...rows.map(([, v]) => displayWidth(v)));
    const rule = `+${'-'.repeat(kw + 2)}+${'-'.repeat(vw + 2)}+`;
    this.line(rule);
    for (const [k, v] of rows) this.line(`| ${padColumns(k, kw)} | ${padColumns(v, vw)} |`);
    this.line(rule);
  }
}

/** Pages, files and bytes: three bars on a terminal, a plain line every few seconds otherwise. */
export class ProgressView {
  readonly #out: Output;
  readonly #multi: cliProgress.MultiBar | null;
  readonly #pages: cliProgress.SingleBar | null;
  readonly #files: cliProgress.SingleBar | null;
  readonly #bytes: cliProgress.SingleBar | null;
  #pageCount = 0;
  #lastLine = 0;

  constructor(out: Output) {
    this.#out = out;
    if (out.interactive) {
      this.#multi = new cliProgress.MultiBar(
        { clearOnComplete: false, hideCursor: true, format: ' {label} |{bar}| {value}/{total} {extra}', barsize: 30, fps: 5 },
        cliProgress.Presets.shades_classic,
      );
      this.#pages = this.#multi.create(1, 0, { label: 'pages', extra: '' });
      this.#files = this.#multi.create(1, 0, { label: 'files', extra: '' });
      this.#bytes = this.#multi.create(1, 0, { label: 'bytes', done: '0 B', all: '?', extra: '' }, { format: ' {label} |{bar}| {done} / {all} {extra}' });
    } else {
      this.#multi = this.#pages = this.#files = this.#bytes = null;
    }
  }

  /** `index` is 1-based. */
  page(index: number, items: number): void {
    this.#pageCount = Math.max(this.#pageCount, index);
    if (this.#pages) this.#pages.setTotal(this.#pageCount), this.#pages.update(this.#pageCount, { extra: `(${items} items on the last)` });
    else this.#out.line(`page ${index}: ${items} items`);
  }

  log(text: string): void {
    if (this.#multi) this.#multi.log(`${scrub(text)}\n`);
    else this.#out.line(text);
  }

  progress(p: AggregateProgress): void {
    const files = p.filesDone + p.filesSkipped + p.filesFailed;
    const extra = `${formatBytes(p.speed)}/s ETA ${formatDuration(p.etaMs)}`;
    if (this.#files && this.#bytes) {
      this.#files.setTotal(Math.max(p.filesTotal, 1));
      this.#files.update(files, { extra: p.filesFailed ? `(${p.filesFailed} failed)` : '' });
      this.#bytes.setTotal(Math.max(p.bytesKnownTotal, p.bytesDone, 1));
      this.#bytes.update(p.bytesDone, { done: formatBytes(p.bytesDone), all: formatBytes(Math.max(p.bytesKnownTotal, p.bytesDone)), extra });
      return;
    }
    const now = Date.now();
    if (now - this.#lastLine < 2000) return;
    this.#lastLine = now;
    this.#out.line(`files ${files}/${p.filesTotal} (${p.filesFailed} failed), ${formatBytes(p.bytesDone)}, ${extra}`);
  }

  stop(): void {
    this.#multi?.stop();
  }
}

/** Terminal columns a string takes: CJK, fullwidth forms and emoji take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x300 && c < 0x370) || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function padColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
