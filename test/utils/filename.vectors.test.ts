import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../src/errors.js';
import { format_file_name, replaceT, split_filename, timestamp_2_str } from '../../src/utils/f2-text.js';
import { loadVectors, nonEmpty } from '../helpers/vectors.js';

interface ExpectedError {
  type: string;
  message: string;
}
interface SplitCase {
  id: string;
  input: { text: string; os_limit: Record<string, number>; sys_platform: string };
  expected: string;
}
interface TsCase {
  id: string;
  input: { args: unknown[] };
  expected?: unknown;
  expected_error?: ExpectedError;
}
interface ReplaceCase {
  id: string;
  input: unknown;
  expected: unknown;
}
interface FormatCase {
  id: string;
  input: { naming_template: string; aweme_data: Record<string, unknown>; custom_fields: Record<string, unknown> };
  expected?: string;
  expected_error?: ExpectedError;
}
interface FilenameVectors {
  split_filename: SplitCase[];
  timestamp_2_str: TsCase[];
  replaceT: ReplaceCase[];
  format_file_name: FormatCase[];
}

const vectors = loadVectors<FilenameVectors>('filename');
const byId = <T extends { id: string }>(list: readonly T[]) => list.map((c) => [c.id, c] as const);

/** Python's `str(KeyError(msg))` is `repr(msg)`; our message is the inner text. */
function pythonMessage(e: ExpectedError): string {
  if (e.type === 'KeyError' && /^(["']).*\1$/su.test(e.message)) return e.message.slice(1, -1);
  return e.message;
}

/** Which of our error classes stands for which Python exception. */
const ERROR_CLASS: Record<string, new (...args: never[]) => Error> = {
  TypeError: InvalidInputError,
  ValueError: InvalidInputError,
};

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('split_filename vectors', () => {
  it.each(byId(nonEmpty(vectors.split_filename, 'split_filename')))('%s', (_id, c) => {
    expect(split_filename(c.input.text, c.input.os_limit, c.input.sys_platform)).toBe(c.expected);
  });
});

describe('timestamp_2_str vectors', () => {
  it.each(byId(nonEmpty(vectors.timestamp_2_str, 'timestamp_2_str')))('%s', (_id, c) => {
    const [ts, format] = c.input.args as [Parameters<typeof timestamp_2_str>[0], string | undefined];
    if (c.expected_error) {
      const error = thrown(() => timestamp_2_str(ts, format));
      expect(error).toBeInstanceOf(ERROR_CLASS[c.expected_error.type]);
      expect(error.message).toBe(pythonMessage(c.expected_error));
    } else {
      expect(c).toHaveProperty('expected');
      expect(timestamp_2_str(ts, format)).toEqual(c.expected);
    }
  });
});

describe('replaceT vectors', () => {
  it.each(byId(nonEmpty(vectors.replaceT, 'replaceT')))('%s', (_id, c) => {
    expect(replaceT(c.input)).toEqual(c.expected);
  });
});

describe('format_file_name vectors', () => {
  it.each(byId(nonEmpty(vectors.format_file_name, 'format_file_name')))('%s', (_id, c) => {
    const run = () => format_file_name(c.input.naming_template, c.input.aweme_data, c.input.custom_fields);
    if (c.expected_error) {
      const error = thrown(run);
      // KeyError on a template field and InvalidConfError are configuration errors here.
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as InvalidOptionError).key).toBe('naming');
      expect(error.message).toBe(pythonMessage(c.expected_error));
    } else {
      expect(run()).toBe(c.expected);
    }
  });
});
