import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import {
  extractAwemeId,
  extractId,
  extractIds,
  extractMixId,
  extractRoomId,
  extractSecUserId,
  extractWebcastId,
  extract_valid_urls,
  isShortLink,
  type DouyinIdKind,
} from '../../src/utils/ids.js';
import { loadVectors, nonEmpty } from '../helpers/vectors.js';

interface IdCase {
  id: string;
  kind: DouyinIdKind;
  f2_call: string;
  raw_input: string;
  extracted_url: string;
  needs_redirect: boolean;
  expected: string | null;
}
interface IdsVectors {
  cases_offline: IdCase[];
  cases_needing_redirect: IdCase[];
  extract_valid_urls_cases: { input: string | string[]; expected: string | string[] | null }[];
}

const vectors = loadVectors<IdsVectors>('ids');

/** The F2 call each case names → our function. */
const BY_F2_CALL: Record<string, (input: string) => string> = {
  'SecUserIdFetcher.get_sec_user_id(url)': extractSecUserId,
  'AwemeIdFetcher.get_aweme_id(url)': extractAwemeId,
  'MixIdFetcher.get_mix_id(url)': extractMixId,
  'WebCastIdFetcher.get_webcast_id(url)': extractWebcastId,
  'WebCastIdFetcher.get_room_id(url)': extractRoomId,
};

describe('ids vectors: offline cases', () => {
  it.each(nonEmpty(vectors.cases_offline, 'ids.cases_offline').map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(c.needs_redirect).toBe(false);
    expect(c.expected).toBeTypeOf('string');
    const fn = BY_F2_CALL[c.f2_call];
    expect(fn, `no mapping for ${c.f2_call}`).toBeTypeOf('function');
    expect(extract_valid_urls(c.raw_input)).toBe(c.extracted_url);
    expect(fn!(c.raw_input)).toBe(c.expected);
    expect(extractId(c.kind, c.raw_input)).toBe(c.expected);
  });

  it('batch: every offline case of a kind at once, in order', () => {
    const kinds = [...new Set(vectors.cases_offline.map((c) => c.kind))];
    expect(kinds.length).toBeGreaterThanOrEqual(5);
    for (const kind of kinds) {
      const cases = vectors.cases_offline.filter((c) => c.kind === kind);
      expect(extractIds(kind, cases.map((c) => c.raw_input))).toEqual(cases.map((c) => c.expected));
    }
  });
});

describe('ids vectors: short links need the redirect', () => {
  it.each(nonEmpty(vectors.cases_needing_redirect, 'ids.cases_needing_redirect').map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(c.needs_redirect).toBe(true);
    expect(extract_valid_urls(c.raw_input)).toBe(c.extracted_url);
    expect(isShortLink(c.extracted_url)).toBe(true);
    expect(() => extractId(c.kind, c.raw_input)).toThrow(InvalidInputError);
    expect(() => extractId(c.kind, c.raw_input)).toThrow(/short link/);
  });
});

describe('ids vectors: extract_valid_urls', () => {
  it.each(nonEmpty(vectors.extract_valid_urls_cases, 'ids.extract_valid_urls_cases').map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    expect(extract_valid_urls(c.input)).toEqual(c.expected);
  });
});

describe('ids beyond F2', () => {
  it.each([
    ['aweme_id', 'https://www.douyin.com/slides/7330042216045464883', '7330042216045464883'],
    ['aweme_id', 'https://www.iesdouyin.com/share/slides/7330042216045464883/?from=web', '7330042216045464883'],
    ['aweme_id', 'https://www.douyin.com/user/MS4wLjABAAAAx?modal_id=7298145681699622182', '7298145681699622182'],
    ['aweme_id', 'https://www.douyin.com/discover?modal_id=7298145681699622182', '7298145681699622182'],
    ['aweme_id', 'https://www.douyin.com/video/7298145681699622182#comments', '7298145681699622182'],
    ['mix_id', 'https://www.iesdouyin.com/share/mix/detail/7360898383181809676/?schema_type=24', '7360898383181809676'],
    ['mix_id', 'https://www.douyin.com/mix/7360898383181809676', '7360898383181809676'],
    ['webcast_id', 'https://www.douyin.com/follow/live/775841227732', '775841227732'],
    ['webcast_id', 'https://www.douyin.com/root/live/775841227732?from=x', '775841227732'],
    ['room_id', 'https://live.douyin.com/775841227732?room_id=7318296342189919011', '7318296342189919011'],
    ['sec_user_id', 'https://www.iesdouyin.com/share/user/12345?sec_uid=MS4wLjABAAAAabc_-x&u_code=1', 'MS4wLjABAAAAabc_-x'],
    ['sec_user_id', '看看 https://www.douyin.com/user/MS4wLjABAAAAabc_-x?from_tab_name=main 主页', 'MS4wLjABAAAAabc_-x'],
  ] as const)('%s from %s', (kind, url, expected) => {
    expect(extractId(kind, url)).toBe(expected);
  });

  it('prefers sec_uid= for a URL a short link led to, as F2 does', () => {
    const url = 'https://www.iesdouyin.com/share/user/MS4wLjABAAAAold?sec_uid=MS4wLjABAAAAnew';
    expect(extractSecUserId(url)).toBe('MS4wLjABAAAAold');
    expect(extractId('sec_user_id', url, { fromShortLink: true })).toBe('MS4wLjABAAAAnew');
  });

  it.each([
    ['aweme_id', 'no url here', /No http\(s\) URL/],
    ['aweme_id', 'https://www.douyin.com/user/MS4wLjABAAAAx', /No aweme_id .* expected a URL such as/],
    ['aweme_id', 'https://www.douyin.com/video/', /No aweme_id/],
    ['aweme_id', 'https://www.douyin.com/video/abc', /No aweme_id/],
    ['sec_user_id', 'https://www.douyin.com/user/self?showTab=like', /No sec_user_id/],
    ['mix_id', 'https://www.douyin.com/video/7298145681699622182', /No mix_id/],
    ['room_id', 'https://live.douyin.com/775841227732', /No room_id/],
    ['webcast_id', 'https://v.douyin.com/i8tBR7hX/', /short link/],
  ] as const)('%s from %j is a typed error', (kind, input, message) => {
    expect(() => extractId(kind, input)).toThrow(InvalidInputError);
    expect(() => extractId(kind, input)).toThrow(message);
  });

  it('rejects non-strings with a typed error and keeps tokens out of messages', () => {
    expect(() => extractId('aweme_id', 42 as unknown as string)).toThrow(InvalidInputError);
    expect(() => extract_valid_urls(['ok', 3 as unknown as string])).toThrow(InvalidInputError);
    expect(extract_valid_urls(7)).toBeNull();
    expect(() => extractIds('aweme_id', ['none', 'still none'])).toThrow(InvalidInputError);
    try {
      extractAwemeId('https://www.douyin.com/search?msToken=SECRETVALUE&x=1');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('SECRETVALUE');
    }
  });

  it('uses Python whitespace to end a URL', () => {
    expect(extract_valid_urls('a https://v.douyin.com/abc/\u3000b')).toBe('https://v.douyin.com/abc/');
    expect(extract_valid_urls('a https://v.douyin.com/abc/\x1cb')).toBe('https://v.douyin.com/abc/');
    // U+FEFF is whitespace to JS but not to Python
    expect(extract_valid_urls('https://v.douyin.com/abc/\ufeffx')).toBe('https://v.douyin.com/abc/\ufeffx');
  });

  it('knows short-link hosts and their subdomains', () => {
    expect(isShortLink('https://v.douyin.com/x/')).toBe(true);
    expect(isShortLink('https://a.v.douyin.com/x/')).toBe(true);
    expect(isShortLink('https://www.douyin.com/video/1')).toBe(false);
    expect(isShortLink('https://notv.douyin.com/x')).toBe(false);
    expect(isShortLink('http://127.0.0.1:8080/x', ['127.0.0.1'])).toBe(true);
    expect(isShortLink('not a url')).toBe(false);
  });
});
