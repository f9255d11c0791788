import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../src/errors.js';
import { DEFAULT_NAMING_TEMPLATE, formatNameParts, formatNameStem } from '../../src/utils/naming.js';
import { isWindowsReservedName, utf8Length } from '../../src/utils/safe-filename.js';

const post = {
  create: 1717171717,
  nickname: '测试用户 Nick♥',
  aweme_id: '7380308675841297704',
  desc: '今天天气真好 #日常 🎉 出去玩了',
  uid: '12345678901',
  caption: 'caption text',
};

describe('formatNameStem', () => {
  it('defaults to {create}_{desc} in UTC+8, keeping emoji and CJK', () => {
    expect(DEFAULT_NAMING_TEMPLATE).toBe('{create}_{desc}');
    expect(formatNameStem(post)).toBe('2024-06-01 00-08-37_今天天气真好 #日常 🎉 出去玩了');
  });

  it('fills every F2 field and custom fields', () => {
    expect(formatNameStem(post, { template: '{nickname}-{aweme_id}-{uid}-{caption}-{n:03}', customFields: { n: 7 } })).toBe(
      '测试用户 Nick♥-7380308675841297704-12345678901-caption text-007',
    );
    expect(formatNameStem(post, { template: '{create}_{desc}', customFields: { desc: 'custom' } })).toBe('2024-06-01 00-08-37_custom');
  });

  it('offers F2 replaceT as an option', () => {
    expect(formatNameStem(post, { replaceT: true })).toBe('2024-06-01 00-08-37_今天天气真好_#日常___出去玩了');
  });

  it('accepts create as milliseconds, a numeric string, a Date, or text, with a custom format and zone', () => {
    expect(formatNameStem({ create: 1717171717123 }, { template: '{create}' })).toBe('2024-06-01 00-08-37');
    expect(formatNameStem({ create: '1717171717' }, { template: '{create}' })).toBe('2024-06-01 00-08-37');
    expect(formatNameStem({ create: new Date(1717171717000) }, { template: '{create}', createFormat: '%Y%m%d_%H%M%S', tzOffsetMinutes: 0 })).toBe(
      '20240531_160837',
    );
    expect(formatNameStem({ create: '2024-06-01 00-08-37' }, { template: '{create}' })).toBe('2024-06-01 00-08-37');
  });

  it('makes values safe: separators, colons, newlines, devices, empties', () => {
    expect(formatNameStem({ desc: '../../etc/passwd\nnext: line' }, { template: '{desc}' })).toBe('_.._etc_passwd next_ line');
    expect(formatNameStem({ nickname: 'CON' }, { template: '{nickname}' })).toBe('CON_');
    expect(formatNameStem({}, { template: '{desc}' })).toBe('_');
    expect(formatNameStem({ desc: null }, { template: '{create}_{desc}' })).toBe('_');
  });

  it('shortens the long text field, not what follows it, to leave room for the suffix', () => {
    const desc = '很长的描述'.repeat(60); // 900 bytes
    const stem = formatNameStem({ ...post, desc }, { template: '{desc}_{aweme_id}' });
    expect(stem.endsWith('…_7380308675841297704')).toBe(true);
    expect(utf8Length(stem)).toBeLessThanOrEqual(255 - 32);
    expect(utf8Length(`${stem}_image_12.webp`)).toBeLessThanOrEqual(255);
    const tight = formatNameStem({ ...post, desc }, { template: '{create}_{desc}', maxBytes: 100, reserveBytes: 20 });
    expect(utf8Length(tight)).toBeLessThanOrEqual(80);
    expect(tight.startsWith('2024-06-01 00-08-37_很长的描述')).toBe(true);
  });

  it('rejects bad templates and fields with typed errors', () => {
    expect(() => formatNameStem(post, { template: '' })).toThrow(InvalidOptionError);
    expect(() => formatNameStem(post, { template: '{missing}' })).toThrow(/Unknown field \{missing\}/);
    expect(() => formatNameStem(post, { template: '{create' })).toThrow(InvalidOptionError);
    expect(() => formatNameStem(post, { template: 'x}' })).toThrow(InvalidOptionError);
    expect(() => formatNameStem(post, { template: '{}' })).toThrow(InvalidOptionError);
    expect(() => formatNameStem(post, { template: '{nickname}/{desc}' })).toThrow(/formatNameParts/);
    expect(() => formatNameStem(post, { reserveBytes: 300 })).toThrow(InvalidOptionError);
    expect(() => formatNameStem({ desc: {} as unknown as string })).toThrow(InvalidInputError);
    expect(() => formatNameStem({ create: 'Sun Apr 07 18:43:48 +0800 2024' }, { template: '{create}' })).not.toThrow();
  });
});

describe('formatNameParts', () => {
  it('makes folders only where the template has a separator', () => {
    expect(formatNameParts({ ...post, nickname: 'a/b' }, { template: '{nickname}/{create}_{aweme_id}' })).toEqual([
      'a_b',
      '2024-06-01 00-08-37_7380308675841297704',
    ]);
    expect(formatNameParts(post, { template: '{uid}\\{aweme_id}' })).toEqual(['12345678901', '7380308675841297704']);
    expect(formatNameParts(post, { template: '/{aweme_id}/' })).toEqual(['7380308675841297704']);
  });

  it('returns only safe components', () => {
    for (const nickname of ['..', '.', '', 'CON', ' . ', 'nul.txt']) {
      const parts = formatNameParts({ ...post, nickname }, { template: '{nickname}/{desc}' });
      for (const p of parts) {
        expect(['', '.', '..']).not.toContain(p);
        expect(isWindowsReservedName(p)).toBe(false);
      }
    }
  });
});
