/**
 * douyin-kit's default file-name sanitiser. It keeps what people write (CJK, emoji, ♥, `#`) and
 * changes only what a file system rejects or mishandles, on any of Linux, macOS and Windows, so a
 * downloaded folder can be copied between them:
 * - control characters (C0 incl. NUL, DEL, C1) are dropped; tab/newline become a space;
 * - `/ \ : * ? " < > |` become the replacement (`_`);
 * - runs of spaces collapse; leading spaces/dots (hidden files) and trailing spaces/dots
 *   (Windows drops them) are trimmed;
 * - Windows device names (`CON`, `nul.txt`, `COM1`, `LPT¹`, `CONIN$`…) get a `_` after the base;
 * - each name is at most 255 UTF-8 bytes, cut at a grapheme boundary, keeping the extension;
 * - the result is never `''`, `.` or `..`.
 */
import path from 'node:path';
import { InvalidInputError, InvalidOptionError, PathError } from '../errors.js';

export interface SafeFileNameOptions {
  /** Byte budget per path component, UTF-8. @default 255 */
  maxBytes?: number;
  /** What a forbidden character becomes. Must itself be safe. @default '_' */
  replacement?: string;
  /** The name used when nothing usable is left. Must itself be safe. @default '_' */
  fallback?: string;
  /** Keep a short trailing `.ext` when truncating. @default true */
  keepExtension?: boolean;
}

const DEFAULT_MAX_BYTES = 255;
const FORBIDDEN = /[/\\:*?"<>|]/g;
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const RESERVED = /^(?:con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const EXTENSION = /\.[\p{L}\p{N}_-]{1,16}$/u;

const utf8 = new TextEncoder();
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function utf8Length(text: string): number {
  return utf8.encode(text).length;
}

/**
 * The longest prefix of `text` within `maxBytes` UTF-8 bytes that ends on a grapheme boundary
 * (an emoji with its modifiers, a letter with its accents stay whole). A single grapheme larger
 * than the budget is cut between code points.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = utf8Length(segment);
    if (used + size > maxBytes) {
      if (out === '') {
        for (const cp of segment) {
          const n = utf8Length(cp);
          if (used + n > maxBytes) break;
          out += cp;
          used += n;
        }
      }
      break;
    }
    out += segment;
    used += size;
  }
  return out;
}

/** Whether Windows treats `name` as a device (`CON`, `con.txt`, `LPT1.tar.gz`, `NUL .log`). */
export function isWindowsReservedName(name: string): boolean {
  const base = name.split('.')[0]!.replace(/[ ]+$/, '');
  return RESERVED.test(base);
}

interface Resolved {
  maxBytes: number;
  replacement: string;
  fallback: string;
  keepExtension: boolean;
}

function resolveOptions(options: SafeFileNameOptions): Resolved {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new InvalidOptionError('maxBytes', `Expected \`maxBytes\` to be a positive integer, got ${String(maxBytes)}`);
  }
  const replacement = options.replacement ?? '_';
  if (typeof replacement !== 'string' || cleanCharacters(replacement, '') !== replacement) {
    throw new InvalidOptionError('replacement', 'The replacement must be a string without control or reserved characters');
  }
  const fallback = options.fallback ?? '_';
  if (typeof fallback !== 'string' || fallback === '' || finish(cleanCharacters(fallback, ''), maxBytes, false) !== fallback) {
    throw new InvalidOptionError('fallback', `The fallback name must itself be a safe name of at most ${maxBytes} bytes`);
  }
  return { maxBytes, replacement, fallback, keepExtension: options.keepExtension ?? true };
}

/**
 * Only the character rules of `sanitizeFileName` (no trimming, truncation or device names), for
 * pieces of a name before they are joined.
 */
export function cleanFileNameCharacters(text: string, replacement = '_'): string {
  return cleanCharacters(text, replacement);
}

function cleanCharacters(name: string, replacement: string): string {
  return name
    .replace(LONE_SURROGATE, '')
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROL, '')
    .replace(FORBIDDEN, replacement)
    .replace(/ {2,}/g, ' ');
}

const trimEnds = (s: string) => s.replace(/^[ .]+/, '').replace(/[ .]+$/, '');

/** Truncate (keeping the extension if asked), trim, and rename devices. `''` when nothing is left. */
function finish(name: string, maxBytes: number, keepExtension: boolean): string {
  let out = trimEnds(name);
  if (utf8Length(out) > maxBytes) {
    const ext = keepExtension ? EXTENSION.exec(out)?.[0] : undefined;
    if (ext && utf8Length(ext) < maxBytes / 2) {
      const stem = trimEnds(truncateUtf8(out.slice(0, -ext.length), maxBytes - utf8Length(ext)));
      out = stem === '' ? '' : stem + ext;
    } else {
      out = trimEnds(truncateUtf8(out, maxBytes));
    }
  }
  if (isWindowsReservedName(out)) {
    const dot = out.indexOf('.');
    const base = (dot < 0 ? out : out.slice(0, dot)).replace(/ +$/, '');
    out = `${base}_${dot < 0 ? '' : out.slice(dot)}`;
    // A base ending in '_' is never a device name; drop the extension if the budget is that small.
    if (utf8Length(out) > maxBytes) out = `${truncateUtf8(base, maxBytes - 1)}_`;
  }
  return out;
}

/**
 * A safe single path component (file or folder name) from arbitrary text. Never throws for a
 * string; the result is never empty, `.` or `..`, and contains no path separator.
 */
export function sanitizeFileName(name: string, options: SafeFileNameOptions = {}): string {
  if (typeof name !== 'string') throw new InvalidInputError(`Expected a file name string, got ${typeof name}`);
  const o = resolveOptions(options);
  const out = finish(cleanCharacters(name, o.replacement), o.maxBytes, o.keepExtension);
  return out === '' || out === '.' || out === '..' ? o.fallback : out;
}

/** Throws `PathError` unless `target` is `root` or lies below it (lexically; symlinks are not followed). */
export function assertInsideRoot(root: string, target: string): void {
  const base = path.resolve(root);
  const rel = path.relative(base, path.resolve(base, target));
  if (rel === '') return;
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new PathError(`Path would leave the download root: ${JSON.stringify(target)} is outside ${JSON.stringify(base)}`, {
      hint: 'Names are sanitised before they are joined; this is a bug or a hostile name. Check the naming template.',
    });
  }
}

/**
 * `root` joined with each component after `sanitizeFileName` (so `../`, absolute paths and
 * separators in names cannot escape); the result is absolute and guaranteed to be inside `root`.
 * Only the last component keeps its extension when truncated.
 */
export function safeJoin(root: string, components: readonly string[], options: SafeFileNameOptions = {}): string {
  if (typeof root !== 'string' || root === '' || root.includes('\0')) {
    throw new PathError('The download root must be a non-empty path without NUL');
  }
  if (!Array.isArray(components)) throw new InvalidInputError('Expected a list of path components');
  const base = path.resolve(root);
  const parts = components.map((c, i) =>
    sanitizeFileName(c, { ...options, keepExtension: i === components.length - 1 ? (options.keepExtension ?? true) : false }),
  );
  const full = path.resolve(base, ...parts);
  assertInsideRoot(base, full);
  return full;
}
