import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { json_2_lrc } from '../../src/utils/lrc.js';
import { loadVectors, nonEmpty } from '../helpers/vectors.js';

interface LrcCase {
  id: string;
  input: unknown;
  expected: string;
}
interface LrcErrorCase {
  id: string;
  input: unknown;
  expected_error: { type: string; message: string };
}
interface LrcVectors {
  cases: LrcCase[];
  error_cases: LrcErrorCase[];
}

const vectors = loadVectors<LrcVectors>('lrc');

/** Python's `str(KeyError(msg))` is `repr(msg)`; our message is the inner text. */
function pythonMessage(type: string, message: string): string {
  if (type === 'KeyError' && /^(["']).*\1$/su.test(message)) return message.slice(1, -1);
  return message;
}

describe('json_2_lrc vectors', () => {
  it.each(nonEmpty(vectors.cases, 'lrc.cases').map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(json_2_lrc(c.input)).toBe(c.expected);
  });

  it.each(nonEmpty(vectors.error_cases, 'lrc.error_cases').map((c) => [c.id, c] as const))('%s throws a typed error', (_id, c) => {
    let caught: unknown;
    try {
      json_2_lrc(c.input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).code).toBe('ERR_INVALID_INPUT');
    expect((caught as Error).message).toBe(pythonMessage(c.expected_error.type, c.expected_error.message));
  });
});

describe('json_2_lrc beyond the vectors', () => {
  it('follows Python float semantics at the edges', () => {
    // -1e-20 % 60 == 60.0 and -1e-20 // 60 == -1.0 in Python
    expect(json_2_lrc([{ text: 'x', timeId: '-1e-20' }])).toBe('[-1:60.1000] x');
    expect(json_2_lrc([{ text: 'big', timeId: '1e20' }])).toBe('[1666666666666666752:40.000] big');
    expect(json_2_lrc([{ text: 'u', timeId: ' 1_000.5 ' }])).toBe('[16:40.500] u');
    expect(json_2_lrc([{ text: 'fullwidth', timeId: '１２' }])).toBe('[00:12.000] fullwidth');
    expect(json_2_lrc([{ text: null, timeId: true }])).toBe('[00:01.000] None');
    expect(json_2_lrc({})).toBe('');
    expect(json_2_lrc('')).toBe('');
  });

  it.each([
    [5, "歌词数据类型错误：'int' object is not iterable"],
    [null, "歌词数据类型错误：'NoneType' object is not iterable"],
    [[1], "歌词数据类型错误：'int' object is not subscriptable"],
    [[['a']], '歌词数据类型错误：list indices must be integers or slices, not str'],
    [[{ text: 'x', timeId: [] }], "歌词数据类型错误：float() argument must be a string or a real number, not 'list'"],
    [[{ text: 'x', timeId: 'nan' }], 'cannot convert float NaN to integer'],
    [[{ text: 'x', timeId: '-inf' }], 'cannot convert float NaN to integer'],
    [[{ text: 'x', timeId: "it's" }], 'could not convert string to float: "it\'s"'],
    [[{ text: 'x', timeId: '1__0' }], "could not convert string to float: '1__0'"],
    [[{ text: 'x', timeId: '0x10' }], "could not convert string to float: '0x10'"],
    [[{ timeId: 'x' }], "歌词数据字段错误：'text'"],
  ])('rejects %j', (input, message) => {
    expect(() => json_2_lrc(input)).toThrow(InvalidInputError);
    expect(() => json_2_lrc(input)).toThrow(message);
  });
});
