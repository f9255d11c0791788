import { describe, expect, it } from 'vitest';
import { joinEndpoint, paramsToQueryString } from '../../src/utils/signing-query.js';

describe('F2 params → query string', () => {
  it('joins k=v in insertion order with Python str() of each value, unencoded', () => {
    const query = paramsToQueryString({
      aid: '6383',
      count: 20,
      cookie_enabled: true,
      need_time_list: false,
      whale_cut_token: '',
      cursor: null,
      ratio: 0.5,
      tiny: 0.00001,
      keyword: '你好 world',
    });
    expect(query).toBe('aid=6383&count=20&cookie_enabled=True&need_time_list=False&whale_cut_token=&cursor=None&ratio=0.5&tiny=1e-05&keyword=你好 world');
    expect(paramsToQueryString(new Map<string, unknown>([['b', 1n], ['a', [1, 'x']]]))).toBe("b=1&a=[1, 'x']");
  });

  it('adds ? or & depending on the base endpoint', () => {
    expect(joinEndpoint('https://x/a/', 'k=v')).toBe('https://x/a/?k=v');
    expect(joinEndpoint('https://x/a/?foo=bar', 'k=v')).toBe('https://x/a/?foo=bar&k=v');
  });
});
