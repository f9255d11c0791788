import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyResponse } from '../../src/crawler/classify-response.js';
import { sharedDir } from '../helpers/shared.js';

const ok = (body: string, statusCode = 200, headers: Record<string, string> = {}) =>
  classifyResponse({ statusCode, headers, body }, 'postDetail', 1_000_000);
const fixture = (name: string) => readFileSync(join(sharedDir('fixtures', 'douyin'), name), 'utf8');

function errorOf(r: ReturnType<typeof ok>) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('classifyResponse', () => {
  it('passes real answers through with 64-bit ids intact', () => {
    const r = ok(fixture('live_reflow_info__1.json'));
    expect(r.ok).toBe(true);
    const data = (r as unknown as { data: { data: { room: { id: unknown; id_str: string } } } }).data;
    expect(String(data.data.room.id)).toBe(data.data.room.id_str);
  });

  it('tells a private post (filter_detail) from a missing one', () => {
    const e = errorOf(ok(fixture('post_detail__2.json')));
    expect(e.code).toBe('ERR_PRIVATE');
    expect(e.message).toMatch(/7223326284024139065.*status_self_see/);
    const deleted = fixture('post_detail__2.json').replace('status_self_see', 'status_deleted');
    expect(errorOf(ok(deleted)).code).toBe('ERR_NOT_FOUND');
    expect(errorOf(ok('{"aweme_detail":null,"status_code":0}')).code).toBe('ERR_NOT_FOUND');
  });

  it('keeps Douyin status messages', () => {
    const e = errorOf(ok(fixture('live_reflow_info_error__1.json')));
    expect(e.code).toBe('ERR_API_STATUS');
    expect(e.message).toBe('[postDetail] Douyin answered status_code 10011 (Request params error)');
  });

  it('calls a 200 with an empty body what it is, with a hint', () => {
    for (const body of ['', '  ', '{}']) {
      const e = errorOf(ok(body));
      expect(e.code).toBe('ERR_EMPTY_RESPONSE');
      expect(e.hint).toMatch(/cookie|signer/);
      expect(e.retryable).toBe(false);
    }
  });

  it('recognises risk control, login and rate limits', () => {
    expect(errorOf(ok('{"status_code":2154,"status_msg":"访问频繁"}')).code).toBe('ERR_RISK_CONTROL');
    expect(errorOf(ok('{"status_code":8,"status_msg":""}')).code).toBe('ERR_RISK_CONTROL');
    expect(errorOf(ok('<html><body>captcha verify slide</body></html>')).code).toBe('ERR_RISK_CONTROL');
    expect(errorOf(ok('{"status_code":2483,"status_msg":"用户未登录"}')).code).toBe('ERR_LOGIN_REQUIRED');
    expect(errorOf(ok('{"status_code":8,"status_msg":"用户未登录"}')).code).toBe('ERR_LOGIN_REQUIRED');
    expect(errorOf(ok('{"status_code":2096,"status_msg":"因对方隐私设置，无法查看"}')).code).toBe('ERR_PRIVATE');
    const rl = errorOf(ok('', 429, { 'retry-after': '2' }));
    expect(rl).toMatchObject({ code: 'ERR_RATE_LIMITED', retryAfterMs: 2000, retryable: true });
  });

  it('maps HTTP errors and bad JSON', () => {
    expect(errorOf(ok('x', 503))).toMatchObject({ code: 'ERR_HTTP', statusCode: 503, retryable: true });
    expect(errorOf(ok('x', 404))).toMatchObject({ code: 'ERR_HTTP', statusCode: 404, retryable: false });
    expect(errorOf(ok('{"status_code":0,'))).toMatchObject({ code: 'ERR_DECODE' });
    expect(errorOf(ok('<html>hello</html>'))).toMatchObject({ code: 'ERR_DECODE' });
  });
});
