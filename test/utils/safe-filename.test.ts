import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, PathError } from '../../src/errors.js';
import {
  assertInsideRoot,
  isWindowsReservedName,
  safeJoin,
  sanitizeFileName,
  truncateUtf8,
  utf8Length,
} from '../../src/utils/safe-filename.js';

const WINDOWS_FORBIDDEN = /[\u0000-\u001f\u007f/\\:*?"<>|]/;
const isWellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const graphemes = (s: string) => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

/** Properties every output must have, whatever the input. */
function expectSafe(out: string, maxBytes = 255): void {
  expect(out).not.toBe('');
  expect(out).not.toBe('.');
  expect(out).not.toBe('..');
  expect(out).not.toMatch(WINDOWS_FORBIDDEN);
  expect(out).not.toMatch(/^[ .]|[ .]$/);
  expect(isWindowsReservedName(out)).toBe(false);
  expect(utf8Length(out)).toBeLessThanOrEqual(maxBytes);
  expect(isWellFormed(out)).toBe(true);
}

describe('sanitizeFileName', () => {
  it('keeps emoji, CJK and symbols people write', () => {
    const name = '今天天气真好 #日常 ♥ 🎉👨‍👩‍👧 café';
    expect(sanitizeFileName(name)).toBe(name);
    expect(sanitizeFileName('日本語カタカナ 한국어')).toBe('日本語カタカナ 한국어');
  });

  it.each([
    ['../', '_'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['/etc/passwd', '_etc_passwd'],
    ['C:\\Windows\\system32', 'C__Windows_system32'],
    ['\\\\server\\share', '__server_share'],
    ['a\0b', 'ab'],
    ['\0', '_'],
    ['line1\nline2\r\n\tend', 'line1 line2 end'],
    ['a\u0007\u001b[31mred\u007f\u009b', 'a[31mred'],
    ['what? "quoted" <tag> a|b *star* c:d', 'what_ _quoted_ _tag_ a_b _star_ c_d'],
    ['  leading and trailing  ', 'leading and trailing'],
    ['...hidden', 'hidden'],
    ['name...', 'name'],
    ['name. . .', 'name'],
    ['.', '_'],
    ['..', '_'],
    ['', '_'],
    ['   ', '_'],
    ['CON', 'CON_'],
    ['con', 'con_'],
    ['con.txt', 'con_.txt'],
    ['NUL.tar.gz', 'NUL_.tar.gz'],
    ['Com1', 'Com1_'],
    ['lpt9.mp4', 'lpt9_.mp4'],
    ['COM¹', 'COM¹_'],
    ['CONIN$', 'CONIN$_'],
    ['CON .txt', 'CON_.txt'],
    ['console', 'console'],
    ['CON-video.mp4', 'CON-video.mp4'],
    ['lone \ud800 surrogate', 'lone surrogate'],
  ])('%j → %j', (input, expected) => {
    const out = sanitizeFileName(input);
    expect(out).toBe(expected);
    expectSafe(out);
  });

  it('truncates 300 CJK characters to ≤ 255 bytes on a character boundary', () => {
    const out = sanitizeFileName('中'.repeat(300));
    expect(utf8Length(out)).toBe(255);
    expect(out).toBe('中'.repeat(85));
  });

  it('never splits an emoji, a ZWJ sequence or a combining mark', () => {
    const family = '👨‍👩‍👧‍👦'; // 25 bytes
    const input = family.repeat(300);
    const out = sanitizeFileName(input);
    expectSafe(out);
    expect(out).toBe(family.repeat(10));
    const accents = 'e\u0301'.repeat(300); // 3 bytes per grapheme
    expect(sanitizeFileName(accents)).toBe('e\u0301'.repeat(85));
    const flags = '🇨🇳'.repeat(100);
    expect(graphemes(sanitizeFileName(flags)).every((g) => g === '🇨🇳')).toBe(true);
  });

  it('keeps the extension when truncating a file name, not a folder name', () => {
    const out = sanitizeFileName(`${'🎵'.repeat(100)}_video.mp4`);
    expect(out.endsWith('.mp4')).toBe(true);
    expect(utf8Length(out)).toBeLessThanOrEqual(255);
    expect(out).toBe(`${'🎵'.repeat(62)}.mp4`);
    const noExt = sanitizeFileName(`${'🎵'.repeat(100)}_video.mp4`, { keepExtension: false });
    expect(noExt).toBe('🎵'.repeat(63));
  });

  it('respects a smaller budget and trims what truncation exposes', () => {
    expect(sanitizeFileName('abc def ghi', { maxBytes: 8 })).toBe('abc def');
    expect(sanitizeFileName('abc.....xyz', { maxBytes: 6 })).toBe('abc');
    expect(sanitizeFileName('🎉🎉', { maxBytes: 3 })).toBe('_');
    expect(sanitizeFileName('con.txt', { maxBytes: 4 })).toBe('con_');
  });

  it('uses the replacement and fallback given, and rejects unsafe ones', () => {
    expect(sanitizeFileName('a/b', { replacement: '－' })).toBe('a－b');
    expect(sanitizeFileName('a/b', { replacement: '' })).toBe('ab');
    expect(sanitizeFileName('...', { fallback: 'untitled' })).toBe('untitled');
    expect(() => sanitizeFileName('a', { replacement: '/' })).toThrow(InvalidOptionError);
    expect(() => sanitizeFileName('a', { fallback: '..' })).toThrow(InvalidOptionError);
    expect(() => sanitizeFileName('a', { fallback: 'CON' })).toThrow(InvalidOptionError);
    expect(() => sanitizeFileName('a', { maxBytes: 0 })).toThrow(InvalidOptionError);
  });

  it('is safe for random hostile input', () => {
    const alphabet = ['a', '中', '🎉', '👨‍👩‍👧', '.', ' ', '/', '\\', '\0', '\n', ':', '*', '?', '"', '<', '>', '|', 'CON', 'e\u0301', '\ud800', '\u200d'];
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const len = rand(200);
      let s = '';
      for (let j = 0; j < len; j++) s += alphabet[rand(alphabet.length)];
      const max = [3, 10, 64, 255][rand(4)]!;
      expectSafe(sanitizeFileName(s, { maxBytes: max }), max);
    }
  });

  it('produces names the file system accepts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'douyin-kit-names-'));
    try {
      const names = ['中'.repeat(300), '🎵'.repeat(100) + '.mp4', '../x', 'a\0b', 'CON', '  .. ', 'x'.repeat(400)];
      const written = names.map((n) => sanitizeFileName(n));
      for (const n of written) writeFileSync(path.join(dir, n), 'x');
      expect(readdirSync(dir).sort()).toEqual([...new Set(written)].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('truncateUtf8', () => {
  it('cuts a single oversized grapheme between code points', () => {
    const zalgo = `a${'\u0301'.repeat(200)}`;
    const out = truncateUtf8(zalgo, 11);
    expect(utf8Length(out)).toBeLessThanOrEqual(11);
    expect(out.startsWith('a')).toBe(true);
    expect(isWellFormed(out)).toBe(true);
    expect(truncateUtf8('short', 100)).toBe('short');
  });
});

describe('safeJoin', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'douyin-kit-root-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps hostile components inside the root', () => {
    const hostile = ['..', '../..', '/etc', '/', 'C:\\x', '\\\\host\\share', '.', '', '\0', '..\\..\\win'];
    for (const h of hostile) {
      const p = safeJoin(root, [h, h]);
      expect(p.startsWith(root + path.sep)).toBe(true);
      expect(path.relative(root, p).split(path.sep)).toHaveLength(2);
    }
    expect(safeJoin(root, ['用户 🎉', '2024-06-01 00-08-37_desc.mp4'])).toBe(path.join(root, '用户 🎉', '2024-06-01 00-08-37_desc.mp4'));
    expect(safeJoin(root, [])).toBe(path.resolve(root));
  });

  it('truncates folders without keeping a pseudo-extension, files with it', () => {
    const p = safeJoin(root, [`${'a'.repeat(300)}.mp4`, `${'b'.repeat(300)}.mp4`]);
    const [dir, file] = path.relative(root, p).split(path.sep) as [string, string];
    expect(dir).toBe('a'.repeat(255));
    expect(file).toBe(`${'b'.repeat(251)}.mp4`);
  });

  it('rejects a bad root, and assertInsideRoot rejects escapes', () => {
    expect(() => safeJoin('', ['a'])).toThrow(PathError);
    expect(() => safeJoin('/tmp\0x', ['a'])).toThrow(PathError);
    expect(() => assertInsideRoot(root, '../escape')).toThrow(PathError);
    expect(() => assertInsideRoot(root, '/etc/passwd')).toThrow(PathError);
    expect(() => assertInsideRoot(root, path.join(root, 'a', '..', '..', 'b'))).toThrow(PathError);
    expect(() => assertInsideRoot(root, 'a/../b')).not.toThrow();
    expect(() => assertInsideRoot(root, '..foo')).not.toThrow();
  });
});
