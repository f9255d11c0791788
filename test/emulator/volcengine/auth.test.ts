/** The emulated gateway: routing, authentication checks in documented order, response envelope. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCanonicalHeaders,
  buildCanonicalRequest,
  buildStringToSign,
  canonicalQueryFromPairs,
  computeSignature,
  credentialScope,
  deriveSigningKey,
  formatAuthorization,
  formatXDate,
  sha256Hex,
} from '../../../src/crawler/volcengine/sign.js';
import { startVolcengineEmulator, type RunningVolcengineEmulator } from '../../../src/emulator/volcengine/index.js';
import { SIGNATURE_MISMATCH_MESSAGE } from '../../../src/emulator/volcengine/api-error.js';
import { rawCall, type RawCall } from './raw-request.js';

const AK = 'AKLTemulatorKey01';
const SK = 'emulatorSecret/+=01';
const STS = { accessKeyId: 'AKTPtemporary02', secretAccessKey: 'tempSecret02', sessionToken: 'STS2token02' };
const NOW = Date.parse('2024-04-15T03:37:03Z');
const creds = { accessKeyId: AK, secretAccessKey: SK };

let run: RunningVolcengineEmulator;
const clock = { now: NOW };
beforeAll(async () => {
  run = await startVolcengineEmulator({ credentials: [creds, STS], clock: () => clock.now });
});
afterAll(() => run.close());
beforeEach(() => {
  clock.now = NOW;
  run.emulator.reset();
});

const call = (over: Partial<RawCall> = {}) =>
  rawCall(run.url, { action: 'ListPullToPushTask', credentials: creds, date: new Date(clock.now), ...over });
const errorOf = async (over: Partial<RawCall>) => {
  const answer = await call(over);
  return { status: answer.status, ...answer.json.ResponseMetadata.Error, result: answer.json.Result };
};
const lastReason = () => run.emulator.requests.at(-1)?.reason;

describe('emulated Volcengine gateway', () => {
  it('answers a signed request with the envelope', async () => {
    const answer = await call({ query: { Page: 1 } });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json.ResponseMetadata).toEqual({
      RequestId: expect.stringMatching(/^20240415113703[0-9A-F]{20}$/),
      Action: 'ListPullToPushTask',
      Version: '2023-01-01',
      Service: 'live',
      Region: 'cn-north-1',
    });
    expect(answer.json.Result).toEqual({ List: [], Pagination: { PageCur: 1, PageSize: 20, PageTotal: 0, TotalCount: 0 } });
  });

  it('routes: Action and Version are required and must name a known operation and method', async () => {
    expect(await errorOf({ action: undefined })).toMatchObject({ status: 400, Code: 'MissingParameter', Message: 'The request is missing Action parameter.', CodeN: 100002 });
    expect(await errorOf({ version: null })).toMatchObject({ status: 400, Code: 'MissingParameter', Message: 'The request is missing Version parameter.' });
    expect(await errorOf({ action: 'ListUsers' })).toMatchObject({ status: 404, Code: 'InvalidActionOrVersion', Message: 'Could not find operation ListUsers for version 2023-01-01.' });
    expect(await errorOf({ version: '2020-08-01' })).toMatchObject({ status: 404, Code: 'InvalidActionOrVersion' });
    expect(await errorOf({ method: 'POST', body: {} })).toMatchObject({ status: 405, Code: 'MethodNotAllowed' });
    expect(await errorOf({ action: 'KillStream', method: 'GET' })).toMatchObject({ status: 405, Code: 'MethodNotAllowed' });
  });

  it('checks Authorization first, then X-Date, scope, key, signed headers, body hash and signature', async () => {
    const noAuth = await errorOf({ tamper: (w) => { delete w.headers['Authorization']; delete w.headers['X-Date']; } });
    expect(noAuth).toMatchObject({ status: 401, Code: 'MissingAuthenticationToken' });
    expect(await errorOf({ tamper: (w) => { w.headers['Authorization'] = 'Bearer abc'; } })).toMatchObject({ status: 400, Code: 'InvalidAuthorization' });
    expect(await errorOf({ tamper: (w) => { w.headers['Authorization'] = w.headers['Authorization']!.replace(/Signature=\w+/, 'Signature=xyz'); } })).toMatchObject({ status: 400, Code: 'InvalidAuthorization' });
    expect(await errorOf({ tamper: (w) => { delete w.headers['X-Date']; } })).toMatchObject({ status: 400, Code: 'MissingRequestInfo', Message: 'The request is missing X-Date information.' });
    expect(await errorOf({ tamper: (w) => { w.headers['X-Date'] = '2024-04-15T03:37:03Z'; } })).toMatchObject({ status: 400, Code: 'InvalidTimestamp' });
    // X-Date is judged before the access key.
    expect(await errorOf({ date: new Date(NOW - 16 * 60_000), credentials: { accessKeyId: 'AKunknown', secretAccessKey: 'x' } })).toMatchObject({ status: 400, Code: 'InvalidTimestamp', Message: 'The Signature of the request is expired.' });
    expect(await errorOf({ date: new Date(NOW + 16 * 60_000) })).toMatchObject({ Code: 'InvalidTimestamp' });
    expect((await call({ date: new Date(NOW - 14 * 60_000) })).status).toBe(200);
    expect(await errorOf({ tamper: (w) => { w.headers['Authorization'] = w.headers['Authorization']!.replace('/20240415/', '/20240414/'); } })).toMatchObject({ status: 401, Code: 'SignatureDoesNotMatch' });
    expect(await errorOf({ service: 'iam' })).toMatchObject({ status: 404, Code: 'ServiceNotFound', Message: 'This service[iam] not found.' });
    expect(await errorOf({ region: 'cn-beijing', credentials: { accessKeyId: 'AKunknown', secretAccessKey: 'x' } })).toMatchObject({ status: 401, Code: 'SignatureDoesNotMatch' });
    expect(await errorOf({ credentials: { accessKeyId: 'AKunknown', secretAccessKey: SK } })).toMatchObject({ status: 401, Code: 'InvalidAccessKey', Message: 'The accesskey [AKunknown] included in the request is invalid.', CodeN: 100009 });
    expect(await errorOf({ headers: { 'X-Custom': '1' }, tamper: (w) => { delete w.headers['X-Custom']; } })).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expect(lastReason()).toBe('signed header x-custom is missing');
    expect(await errorOf({ headers: { Accept: 'application/json' }, tamper: (w) => { w.headers['Authorization'] = w.headers['Authorization']!.replace('SignedHeaders=accept;x-date', 'SignedHeaders=accept'); } })).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expect(lastReason()).toBe('x-date is not signed');
  });

  it('rejects a tampered signature, query or body with SignatureDoesNotMatch', async () => {
    const flipped = await errorOf({ tamper: (w) => { w.headers['Authorization'] = w.headers['Authorization']!.replace(/Signature=(\w)/, (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`); } });
    expect(flipped).toEqual({ status: 401, Code: 'SignatureDoesNotMatch', CodeN: 100010, Message: SIGNATURE_MISMATCH_MESSAGE, result: undefined });
    expect(await errorOf({ query: { Title: 'a' }, tamper: (w) => { w.path = w.path.replace('Title=a', 'Title=b'); } })).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expect(await errorOf({ query: { Page: 1 }, tamper: (w) => { w.path += '&Size=5'; } })).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    const body = { Vhost: 'example.com', App: 'live', Stream: 'stream001' };
    expect(await errorOf({ action: 'KillStream', body, tamper: (w) => { w.body = w.body!.replace('stream001', 'stream002'); } })).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expect(lastReason()).toBe('X-Content-Sha256 is not the sha256 of the body');
    expect(await errorOf({ action: 'KillStream', body, tamper: (w) => { delete w.headers['X-Content-Sha256']; } })).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expect(run.emulator.state.online).toHaveLength(3);
  });

  it('checks STS tokens', async () => {
    expect((await call({ credentials: STS })).status).toBe(200);
    expect(await errorOf({ credentials: { ...STS, sessionToken: undefined } })).toMatchObject({ status: 401, Code: 'InvalidSecretToken' });
    expect(await errorOf({ credentials: { ...STS, sessionToken: 'STS2other' } })).toMatchObject({ status: 401, Code: 'InvalidSecretToken' });
    expect(await errorOf({ credentials: { ...creds, sessionToken: 'STS2token02' } })).toMatchObject({ status: 401, Code: 'InvalidSecretToken' });
  });

  it('accepts Go/Python-style signed headers and the Node SDK’s querystring URL form', async () => {
    const host = new URL(run.url).host;
    const goStyle = await call({ headers: { Host: host, 'X-Content-Sha256': sha256Hex(''), 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' } });
    expect(goStyle.status).toBe(200);
    // querystring.stringify leaves *()!' raw; the server re-canonicalises what it decodes.
    const title = "a*b(c)!' x+y";
    const sdkForm = await call({ query: { Title: title }, tamper: (w) => { w.path = w.path.replace(/Title=[^&]*/, `Title=${encodeURIComponent(title)}`); } });
    expect(sdkForm.status).toBe(200);
  });

  it('accepts repeated keys signed in received or in sorted order', async () => {
    const sendRepeated = async (order: 'given' | 'sorted') => {
      const pairs: [string, string][] = [['Action', 'ListPullToPushTask'], ['Version', '2023-01-01'], ['Title', 'b'], ['Title', 'a']];
      const xDate = formatXDate(new Date(clock.now));
      const { canonicalHeaders, signedHeaders } = buildCanonicalHeaders([['X-Date', xDate]]);
      const canonicalRequest = buildCanonicalRequest({ method: 'GET', path: '/', canonicalQueryString: canonicalQueryFromPairs(pairs, order), canonicalHeaders, signedHeaders, hashedPayload: sha256Hex('') });
      const scope = credentialScope(xDate.slice(0, 8), 'cn-north-1', 'live');
      const signature = computeSignature(deriveSigningKey(SK, xDate.slice(0, 8), 'cn-north-1', 'live'), buildStringToSign(xDate, scope, canonicalRequest));
      const response = await fetch(`${run.url}/?Action=ListPullToPushTask&Version=2023-01-01&Title=b&Title=a`, {
        headers: { 'X-Date': xDate, Authorization: formatAuthorization(AK, scope, signedHeaders, signature) },
      });
      return { status: response.status, body: (await response.json()) as { ResponseMetadata: { Error?: { Code: string } } } };
    };
    for (const order of ['given', 'sorted'] as const) {
      // Authenticated, then refused as a parameter: no action takes a repeated key.
      const answer = await sendRepeated(order);
      expect(answer.status).toBe(400);
      expect(answer.body.ResponseMetadata.Error?.Code).toBe('InvalidParam.BindError');
    }
  });

  it('refuses POST bodies that are not JSON objects', async () => {
    expect(await errorOf({ action: 'KillStream', body: 'not json' })).toMatchObject({ status: 400, Code: 'InvalidParam.BindError' });
    expect(await errorOf({ action: 'KillStream', body: '[1,2]' })).toMatchObject({ status: 400, Code: 'InvalidParam.BindError' });
  });

  it('injects an HTTP-200 error, and reset() replays the same ids', async () => {
    run.emulator.injectFault({ code: 'CommonErr', message: 'unclassified' });
    const answer = await call();
    expect(answer.status).toBe(200);
    expect(answer.json.ResponseMetadata.Error).toEqual({ Code: 'CommonErr', Message: 'unclassified' });
    expect(answer.json.Result).toBeUndefined();
    expect((await call()).json.ResponseMetadata.Error).toBeUndefined();

    run.emulator.reset();
    const body = { StartTime: NOW / 1000, EndTime: NOW / 1000 + 60, Type: 0, SrcAddr: 'rtmp://a/b/c', DstAddr: 'rtmp://x/y/z' };
    const first = await call({ action: 'CreatePullToPushTask', body });
    run.emulator.reset();
    const second = await call({ action: 'CreatePullToPushTask', body });
    expect(second.json.Result.TaskId).toBe(first.json.Result.TaskId);
    expect(second.json.ResponseMetadata.RequestId).toBe(first.json.ResponseMetadata.RequestId);
    expect(run.emulator.state.tasks.size).toBe(1);
  });

  it('matches only path / with an Action', () => {
    const req = (url: string) => ({ url }) as import('node:http').IncomingMessage;
    expect(run.emulator.matches(req('/?Action=KillStream&Version=2023-01-01'))).toBe(true);
    expect(run.emulator.matches(req('/?Version=2023-01-01'))).toBe(false);
    expect(run.emulator.matches(req('/aweme/v1/web/aweme/detail/?Action=x'))).toBe(false);
    expect(run.emulator.matches(req('/?Action=%E0%A4%A'))).toBe(false);
  });

  it('answers an unknown TaskId with the configured error and a 403 InvalidTimestamp when asked', async () => {
    const custom = await startVolcengineEmulator({
      credentials: [creds],
      clock: () => NOW,
      notFound: { status: 403, code: 'RequestForbidden' },
      invalidTimestampStatus: 403,
    });
    try {
      const answer = await rawCall(custom.url, { action: 'StopPullToPushTask', body: { TaskId: 'nope' }, credentials: creds, date: new Date(NOW) });
      expect(answer.status).toBe(403);
      expect(answer.json.ResponseMetadata.Error?.Code).toBe('RequestForbidden');
      const late = await rawCall(custom.url, { action: 'ListPullToPushTask', credentials: creds, date: new Date(NOW - 3_600_000) });
      expect(late.status).toBe(403);
      expect(late.json.ResponseMetadata.Error?.Code).toBe('InvalidTimestamp');
    } finally {
      await custom.close();
    }
  });
});
