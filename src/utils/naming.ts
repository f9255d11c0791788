/**
 * File names from naming templates with F2's fields — `{create}` `{nickname}` `{aweme_id}`
 * `{desc}` `{uid}` `{caption}` plus custom fields — made safe by `sanitizeFileName` and fitted to
 * a byte budget by shortening the long free-text fields (desc, caption, nickname) rather than
 * cutting off whatever comes last. A `/` in the template makes folders; a `/` in a value never does.
 *
 * F2's own character filter (`replaceT`: everything but CJK, ASCII letters/digits and `#` → `_`)
 * is available with `{ replaceT: true }`; by default emoji and other scripts are kept.
 */
import { InvalidInputError, InvalidOptionError } from '../errors.js';
import { F2_TIME_FORMAT, replaceT, timestamp_2_str } from './f2-text.js';
import { PyFormatError, renderPyFormat } from './python-format.js';
import { cleanFileNameCharacters, sanitizeFileName, truncateUtf8, utf8Length, type SafeFileNameOptions } from './safe-filename.js';
import { pyStrftime, wallClockAt } from './python-strftime.js';

export const DEFAULT_NAMING_TEMPLATE = '{create}_{desc}';

/** F2's template fields. `create` may be a UNIX timestamp (s or ms), a `Date`, or preformatted text. */
export interface NamingFields {
  create?: string | number | bigint | Date | null;
  nickname?: string | null;
  aweme_id?: string | number | bigint | null;
  desc?: string | null;
  uid?: string | number | bigint | null;
  caption?: string | null;
}

export type NamingValue = string | number | bigint | boolean | null | undefined;

export interface NamingOptions extends Omit<SafeFileNameOptions, 'keepExtension'> {
  /** Python `str.format` syntax. `/` separates folders. @default '{create}_{desc}' */
  template?: string;
  /** Extra fields, or overrides of the standard ones (used as given, not reformatted). */
  customFields?: Readonly<Record<string, NamingValue>>;
  /** Apply F2's `replaceT` to nickname, desc and caption. @default false */
  replaceT?: boolean;
  /** `strftime` format for a numeric or `Date` `create`. @default '%Y-%m-%d %H-%M-%S' (F2's) */
  createFormat?: string;
  /** UTC offset for `create`, minutes. @default 480 (UTC+8, as F2) */
  tzOffsetMinutes?: number;
  /**
   * Bytes kept free in the last component for what the downloader appends
   * (`_video.mp4`, `_image_12.webp`, `_live.flv`…). @default 32
   */
  reserveBytes?: number;
}

const FLEXIBLE = ['desc', 'caption', 'nickname'] as const;
const ELLIPSIS = '…';

function fieldText(value: unknown, name: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  throw new InvalidInputError(`Naming field {${name}} must be a string or a number, got ${Array.isArray(value) ? 'array' : typeof value}`);
}

function createText(value: NamingFields['create'], options: NamingOptions): string {
  const format = options.createFormat ?? F2_TIME_FORMAT;
  const tz = options.tzOffsetMinutes ?? 480;
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new InvalidInputError('Naming field {create} is an invalid Date');
    return pyStrftime(wallClockAt(Math.floor(ms / 1000), (((ms % 1000) + 1000) % 1000) * 1000, tz * 60), format);
  }
  if (typeof value === 'string' && !/^\d+(?:\.\d+)?$/.test(value)) return value;
  return timestamp_2_str(value, format, tz);
}

type FieldValue = string | number | bigint;

function collectFields(fields: Readonly<NamingFields>, options: NamingOptions): Map<string, FieldValue> {
  if (typeof fields !== 'object' || fields === null) throw new InvalidInputError('Expected an object of naming fields');
  const t = (s: string) => (options.replaceT ? replaceT(s) : s);
  const values = new Map<string, FieldValue>([
    ['create', createText(fields.create, options)],
    ['nickname', t(fieldText(fields.nickname, 'nickname'))],
    ['aweme_id', fieldText(fields.aweme_id, 'aweme_id')],
    ['desc', t(fieldText(fields.desc, 'desc'))],
    ['uid', fieldText(fields.uid, 'uid')],
    ['caption', t(fieldText(fields.caption, 'caption'))],
  ]);
  for (const [name, value] of Object.entries(options.customFields ?? {})) {
    // Numbers stay numbers so that a spec such as {n:03} pads them as Python does.
    values.set(name, typeof value === 'number' || typeof value === 'bigint' ? value : fieldText(value, name));
  }
  // Clean each text first so the byte budget is computed on what will be written.
  for (const [name, value] of values) {
    if (typeof value === 'string') values.set(name, cleanFileNameCharacters(value, options.replacement ?? '_'));
  }
  return values;
}

function render(template: string, values: ReadonlyMap<string, FieldValue>, fullTemplate: string): string {
  try {
    return renderPyFormat(template, (name) => values.get(name));
  } catch (error) {
    if (!(error instanceof PyFormatError)) throw error;
    const message =
      error.kind === 'KeyError'
        ? `Unknown field {${error.field}} in naming template ${JSON.stringify(fullTemplate)}`
        : `Bad naming template ${JSON.stringify(fullTemplate)}: ${error.message}`;
    throw new InvalidOptionError('naming', message, {
      hint: `Fields: ${[...values.keys()].map((k) => `{${k}}`).join(' ')}; write {{ and }} for literal braces.`,
    });
  }
}

/** Renders one component, shortening the longest free-text field until it fits `budget` bytes. */
function renderWithinBudget(template: string, values: ReadonlyMap<string, FieldValue>, budget: number, fullTemplate: string): string {
  const local = new Map(values);
  let text = render(template, local, fullTemplate);
  for (let round = 0; round < 8 && utf8Length(text) > budget; round++) {
    const over = utf8Length(text) - budget;
    const longest = FLEXIBLE.map((k) => ({ k, v: local.get(k) }))
      .filter((e): e is { k: (typeof FLEXIBLE)[number]; v: string } => typeof e.v === 'string' && e.v !== '' && template.includes(`{${e.k}`))
      .map(({ k, v }) => ({ k, v, bytes: utf8Length(v) }))
      .sort((a, b) => b.bytes - a.bytes)[0];
    if (!longest) break;
    const keep = longest.bytes - over - utf8Length(ELLIPSIS);
    local.set(longest.k, keep > 0 ? truncateUtf8(longest.v, keep).trimEnd() + ELLIPSIS : '');
    text = render(template, local, fullTemplate);
  }
  return text;
}

/**
 * The path components a template gives: folders first, the file-name stem last, each one safe
 * (see `sanitizeFileName`). The stem leaves `reserveBytes` free for the downloader's suffix.
 */
export function formatNameParts(fields: Readonly<NamingFields>, options: NamingOptions = {}): string[] {
  const template = options.template ?? DEFAULT_NAMING_TEMPLATE;
  if (typeof template !== 'string' || template.trim() === '') {
    throw new InvalidOptionError('naming', 'The naming template is empty', { hint: `Use e.g. ${JSON.stringify(DEFAULT_NAMING_TEMPLATE)}.` });
  }
  const maxBytes = options.maxBytes ?? 255;
  const reserve = options.reserveBytes ?? 32;
  if (!Number.isInteger(reserve) || reserve < 0 || reserve >= maxBytes) {
    throw new InvalidOptionError('reserveBytes', `Expected \`reserveBytes\` to be an integer in [0, ${maxBytes})`);
  }
  const values = collectFields(fields, options);
  const segments = template.split(/[/\\]/).filter((s) => s.trim() !== '');
  if (segments.length === 0) throw new InvalidOptionError('naming', `The naming template ${JSON.stringify(template)} has no name part`);
  return segments.map((segment, i) => {
    const budget = i === segments.length - 1 ? maxBytes - reserve : maxBytes;
    const text = renderWithinBudget(segment, values, budget, template);
    return sanitizeFileName(text, { ...options, maxBytes: budget, keepExtension: false });
  });
}

/** The file-name stem for a template without folders (`{create}_{desc}` → `2024-06-01 00-08-37_今天…`). */
export function formatNameStem(fields: Readonly<NamingFields>, options: NamingOptions = {}): string {
  const template = options.template ?? DEFAULT_NAMING_TEMPLATE;
  if (typeof template === 'string' && /[/\\]/.test(template)) {
    throw new InvalidOptionError('naming', `The template ${JSON.stringify(template)} makes folders; use formatNameParts()`);
  }
  const parts = formatNameParts(fields, options);
  return parts[parts.length - 1]!;
}
