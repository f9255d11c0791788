import { describe, expect, it } from 'vitest';
import {
  ApiStatusError,
  DouyinKitError,
  HttpError,
  InvalidInputError,
  isDouyinKitError,
  redactSecrets,
} from '../src/errors.js';

describe('errors', () => {
  it('carry code, name, endpoint prefix and hint', () => {
    const e = new InvalidInputError('no id in URL', { endpoint: 'postDetail', hint: 'paste a video URL' });
    expect(e).toBeInstanceOf(DouyinKitError);
    expect(e.code).toBe('ERR_INVALID_INPUT');
    expect(e.name).toBe('InvalidInputError');
    expect(e.message).toBe('[postDetail] no id in URL');
    expect(e.hint).toBe('paste a video URL');
    expect(isDouyinKitError(e)).toBe(true);
    expect(isDouyinKitError(new Error('x'))).toBe(false);
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ code: 'ERR_INVALID_INPUT', name: 'InvalidInputError' });
  });

  it('mark server errors retryable and client errors not', () => {
    expect(new HttpError(503, 'x').retryable).toBe(true);
    expect(new HttpError(404, 'x').retryable).toBe(false);
    expect(new ApiStatusError(10011, 'Request params error').message).toBe(
      'Douyin answered status_code 10011 (Request params error)',
    );
  });

  it('redact secrets from URLs and headers', () => {
    const url = 'https://x/aweme/v1/?aweme_id=1&msToken=SECRET1&a_bogus=SECRET2&count=2';
    const out = redactSecrets(`${url}\nCookie: sessionid=SECRET3; ttwid=SECRET4\nAuthorization: HMAC SECRET5`);
    for (const s of ['SECRET1', 'SECRET2', 'SECRET3', 'SECRET4', 'SECRET5']) expect(out).not.toContain(s);
    expect(out).toContain('aweme_id=1');
    expect(out).toContain('count=2');
    expect(redactSecrets('msToken=abc&x=1')).toBe('msToken=<redacted>&x=1');
  });
});
