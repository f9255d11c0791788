/**
 * Python's `str.format(**fields)` for naming templates (`"{create}_{desc}"`): literal text,
 * `{{` / `}}`, `{name}`, `{name!s|r|a}` and a format spec (`{desc:.20}`, `{n:03}`) for strings
 * and integers. Fields are looked up left to right, so the first missing one is the one reported,
 * as in Python. Attribute/index access (`{a.b}`, `{a[0]}`) and nested specs are not supported.
 */
import { pyFloatRepr, pyRepr, pyStr } from './python-compat.js';

export type PyFormatErrorKind = 'KeyError' | 'IndexError' | 'ValueError' | 'Unsupported';

export class PyFormatError extends Error {
  constructor(
    readonly kind: PyFormatErrorKind,
    message: string,
    /** For KeyError: the missing field name. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Field names a template uses, in order (syntax errors throw `PyFormatError`). */
export function pyFormatFieldNames(template: string): string[] {
  const names: string[] = [];
  renderPyFormat(template, (name) => {
    names.push(name);
    return '';
  }, { checkOnly: true });
  return names;
}

/**
 * Renders `template`; `lookup(name)` returns the value or `undefined` when the field does not
 * exist (→ `PyFormatError('KeyError')`).
 */
export function renderPyFormat(
  template: string,
  lookup: (name: string) => unknown,
  opts: { checkOnly?: boolean } = {},
): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '}') {
      if (template[i + 1] === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw new PyFormatError('ValueError', "Single '}' encountered in format string");
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    if (template[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    // Find the matching '}' (Python counts nested braces inside the field).
    let depth = 1;
    let j = i + 1;
    for (; j < template.length; j++) {
      if (template[j] === '{') depth++;
      else if (template[j] === '}' && --depth === 0) break;
    }
    if (j >= template.length) {
      throw new PyFormatError('ValueError', depth > 1 ? "unmatched '{' in format spec" : "expected '}' before end of string");
    }
    out += renderField(template.slice(i + 1, j), lookup, opts.checkOnly === true);
    i = j + 1;
  }
  return out;
}

function renderField(field: string, lookup: (name: string) => unknown, checkOnly: boolean): string {
  const nameEnd = field.search(/[!:]/);
  const fullName = nameEnd < 0 ? field : field.slice(0, nameEnd);
  let rest = nameEnd < 0 ? '' : field.slice(nameEnd);
  let conversion: string | undefined;
  if (rest.startsWith('!')) {
    conversion = rest[1];
    if (conversion === undefined) throw new PyFormatError('ValueError', "unmatched '{' in format spec");
    rest = rest.slice(2);
    if (rest !== '' && !rest.startsWith(':')) throw new PyFormatError('ValueError', 'expected \':\' after conversion specifier');
  }
  const spec = rest.startsWith(':') ? rest.slice(1) : '';
  if (spec.includes('{')) throw new PyFormatError('Unsupported', `nested fields in a format spec are not supported: {${field}}`);

  const baseEnd = fullName.search(/[.[]/);
  const name = baseEnd < 0 ? fullName : fullName.slice(0, baseEnd);
  if (name === '' || /^\d+$/.test(name)) {
    throw new PyFormatError('IndexError', `Replacement index ${name === '' ? 0 : Number(name)} out of range for positional args tuple`);
  }
  const value = lookup(name);
  if (checkOnly) return '';
  if (value === undefined) throw new PyFormatError('KeyError', `'${name}'`, name);
  if (baseEnd >= 0) throw new PyFormatError('Unsupported', `attribute or index access is not supported in templates: {${fullName}}`);

  let converted: unknown = value;
  if (conversion !== undefined) {
    if (conversion === 's') converted = pyStr(value);
    else if (conversion === 'r' || conversion === 'a') converted = conversion === 'r' ? pyRepr(value) : asciiRepr(pyRepr(value));
    else throw new PyFormatError('ValueError', `Unknown conversion specifier ${conversion}`);
  }
  return formatValue(converted, spec);
}

function asciiRepr(s: string): string {
  return s.replace(/[^\x00-\x7f]/gu, (ch) => {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
    if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
    return `\\U${cp.toString(16).padStart(8, '0')}`;
  });
}

const SPEC_RE = /^(?:(.)?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/su;

interface Spec {
  fill: string | undefined;
  align: string | undefined;
  sign: string | undefined;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string | undefined;
  precision: number | undefined;
  type: string | undefined;
}

function parseSpec(spec: string): Spec {
  const m = SPEC_RE.exec(spec);
  if (!m) throw new PyFormatError('ValueError', `Invalid format specifier '${spec}'`);
  return {
    fill: m[1],
    align: m[2],
    sign: m[3],
    alt: m[5] !== undefined,
    zero: m[6] !== undefined,
    width: m[7] ? Number(m[7]) : 0,
    grouping: m[8],
    precision: m[9] !== undefined ? Number(m[9]) : undefined,
    type: m[10],
  };
}

function pad(body: string, width: number, fill: string, align: string, signLength = 0): string {
  const len = [...body].length;
  if (len >= width) return body;
  const n = width - len;
  if (align === '<') return body + fill.repeat(n);
  if (align === '>') return fill.repeat(n) + body;
  if (align === '^') return fill.repeat(Math.floor(n / 2)) + body + fill.repeat(n - Math.floor(n / 2));
  return body.slice(0, signLength) + fill.repeat(n) + body.slice(signLength); // '='
}

function formatValue(value: unknown, specText: string): string {
  if (specText === '') return pyStr(value);
  const spec = parseSpec(specText);
  if (typeof value === 'string') return formatString(value, spec);
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value) && spec.type !== 'f')) {
    return formatInteger(BigInt(value), spec);
  }
  if (typeof value === 'number' && (spec.type === undefined || spec.type === 'f')) {
    const body = spec.type === 'f' ? value.toFixed(spec.precision ?? 6) : pyFloatRepr(value);
    const signed = value >= 0 && spec.sign && spec.sign !== '-' ? spec.sign + body : body;
    return pad(signed, spec.width, spec.fill ?? (spec.zero ? '0' : ' '), spec.align ?? (spec.zero ? '=' : '>'), /^[+\- ]/.test(signed) ? 1 : 0);
  }
  throw new PyFormatError('Unsupported', `format spec '${specText}' is not supported for this value`);
}

function formatString(value: string, spec: Spec): string {
  if (spec.type !== undefined && spec.type !== 's') {
    throw new PyFormatError('ValueError', `Unknown format code '${spec.type}' for object of type 'str'`);
  }
  if (spec.sign) throw new PyFormatError('ValueError', `${spec.sign === ' ' ? 'Space' : 'Sign'} not allowed in string format specifier`);
  if (spec.alt) throw new PyFormatError('ValueError', 'Alternate form (#) not allowed in string format specifier');
  if (spec.grouping) throw new PyFormatError('ValueError', `Cannot specify '${spec.grouping}' with 's'.`);
  if (spec.align === '=') throw new PyFormatError('ValueError', "'=' alignment not allowed in string format specifier");
  const body = spec.precision !== undefined ? [...value].slice(0, spec.precision).join('') : value;
  return pad(body, spec.width, spec.fill ?? (spec.zero ? '0' : ' '), spec.align ?? '<');
}

function formatInteger(value: bigint, spec: Spec): string {
  if (spec.type === 's') throw new PyFormatError('ValueError', "Unknown format code 's' for object of type 'int'");
  if (spec.type !== undefined && spec.type !== 'd') {
    throw new PyFormatError('Unsupported', `format code '${spec.type}' is not supported for integers`);
  }
  if (spec.precision !== undefined) throw new PyFormatError('ValueError', 'Precision not allowed in integer format specifier');
  let digits = (value < 0n ? -value : value).toString();
  if (spec.grouping) digits = digits.replace(/\B(?=(\d{3})+(?!\d))/g, spec.grouping);
  const sign = value < 0n ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  const align = spec.align ?? (spec.zero ? '=' : '>');
  return pad(sign + digits, spec.width, spec.fill ?? (spec.zero ? '0' : ' '), align, sign.length);
}
