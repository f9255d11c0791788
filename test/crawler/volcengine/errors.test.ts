import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getEventListeners } from 'node:events';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  DecodeError,
  HttpError,
  InvalidInputError,
  InvalidOptionError,
  NetworkError,
  TimeoutError,
  VolcengineError,
} from '../../../src/errors.js';
import { VolcengineLiveClient, credentialsFromEnv } from '../../../src/crawler/volcengine/index.js';
import { retryDelay, parseRetryAfter } from '../../../src/crawler/volcengine/retry-delay.js';
import { AK, SK, T0_MS, liveTask, startHarness, type Harness } from './fixtures.js';

const STATE = { Vhost: 'example.com', App: 'live', Stream: 'stream001' };
const KILL = { Vhost: 'example.com', App: 'live', Stream: 'stream002' };

let h: Harness;
const authorizations: string[] = [];
beforeAll(async () => {
  h = await startHarness();
  h.running.server.prependListener('request', (req: IncomingMessage) => {
    if (req.headers.authorization) authorizations.push(req.headers.authorization);
  });
});
afterAll(() => h.running.close());
beforeEach(() => {
  h.clock.now = T0_MS;
  h.running.emulator.reset();
});

/** A server that answers every request with `answer`, or never when `answer` is undefined. */
async function fakeServer(answer?: (res: import('node:http').ServerResponse) => void): Promise<{ url: string; server: Server; hits: number[] }> {
  const hits: number[] = [];
  const server = createServer((req, res) => {
    hits.push(1);
    req.resume();
    answer?.(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits };
}
const stop = (server: Server) => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
});

const caught = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as Error);

describe('Volcengine errors', () => {
  it('raises ResponseMetadata.Error on HTTP 200 as a VolcengineError (not retried)', async () => {
    h.running.emulator.injectFault({ action: 'DescribeLiveStreamState', code: 'CommonErr', message: 'something odd', status: 200 });
    const error = await caught(h.client().describeLiveStreamState(STATE));
    expect(error).toBeInstanceOf(VolcengineError);
    expect(error).toMatchObject({ code: 'ERR_VOLCENGINE', apiCode: 'CommonErr', statusCode: 200, retryable: false, endpoint: 'DescribeLiveStreamState' });
    expect(error.message).toMatch(/^\[DescribeLiveStreamState\] Volcengine CommonErr: something odd \(RequestId \d{14}[0-9A-F]{20}\)$/);
    expect(h.running.emulator.requests).toHaveLength(1);
  });

  it('retries throttling with backoff, for GET and POST alike', async () => {
    const warnings: unknown[] = [];
    const logger = { debug: () => {}, warn: (_m: string, data?: unknown) => void warnings.push(data) };
    h.running.emulator.injectFault({ action: 'KillStream', code: 'FlowLimitExceeded', status: 429, times: 2 });
    await expect(h.client({ logger }).killStream(KILL)).resolves.toHaveProperty('RequestId');
    expect(h.running.emulator.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(warnings).toEqual([
      expect.objectContaining({ action: 'KillStream', attempt: 1, code: 'FlowLimitExceeded', statusCode: 429 }),
      expect.objectContaining({ action: 'KillStream', attempt: 2 }),
    ]);
    h.running.emulator.reset();
    h.running.emulator.injectFault({ code: 'AccountFlowLimitExceeded', status: 429, times: 1, retryAfterSeconds: 0 });
    await expect(h.client().describeLiveStreamState(STATE)).resolves.toMatchObject({ stream_state: 'online' });
    expect(h.running.emulator.requests).toHaveLength(2);
  });

  it('gives up after the retry limit with a retryable VolcengineError', async () => {
    h.running.emulator.injectFault({ code: 'FlowLimitExceeded', status: 429, times: 10 });
    const error = await caught(h.client({ retry: { limit: 2, baseDelayMs: 1 } }).killStream(KILL));
    expect(error).toMatchObject({ apiCode: 'FlowLimitExceeded', statusCode: 429, retryable: true });
    expect(h.running.emulator.requests).toHaveLength(3);
  });

  it('meets the emulator’s documented QPS limits', async () => {
    const limited = await startHarness({ flowLimits: true });
    try {
      const client = limited.client({ retry: { limit: 0 } });
      for (let i = 0; i < 10; i++) await client.describeLiveStreamState(STATE);
      await expect(client.describeLiveStreamState(STATE)).rejects.toMatchObject({ apiCode: 'FlowLimitExceeded', statusCode: 429 });
      limited.clock.now += 1000;
      await expect(client.describeLiveStreamState(STATE)).resolves.toHaveProperty('stream_state');
      for (let i = 0; i < 15; i++) await client.listPullToPushTask();
      await expect(client.listPullToPushTask()).rejects.toMatchObject({ apiCode: 'FlowLimitExceeded' });
    } finally {
      await limited.running.close();
    }
  });

  it('retries a 5xx only for GET actions', async () => {
    h.running.emulator.injectFault({ code: 'InternalError', status: 500, times: 1 });
    await expect(h.client().describeLiveStreamState(STATE)).resolves.toHaveProperty('stream_state');
    expect(h.running.emulator.requests.map((r) => r.status)).toEqual([500, 200]);
    h.running.emulator.reset();
    h.running.emulator.injectFault({ code: 'InternalError', status: 500, times: 1 });
    await expect(h.client().killStream(KILL)).rejects.toMatchObject({ apiCode: 'InternalError', statusCode: 500 });
    expect(h.running.emulator.requests).toHaveLength(1);
  });

  it('maps a wrong secret to SignatureDoesNotMatch', async () => {
    const client = new VolcengineLiveClient({ credentials: { accessKeyId: AK, secretAccessKey: 'wrong-secret-value-1234' }, host: h.running.url, clock: () => h.clock.now });
    const error = await caught(client.listPullToPushTask());
    expect(error).toMatchObject({ apiCode: 'SignatureDoesNotMatch', statusCode: 401, retryable: false });
    expect((error as VolcengineError).hint).toMatch(/secret access key/);
  });

  it('does not repeat the whole access key id from an InvalidAccessKey message', async () => {
    const unknownKey = 'AKLTunknownAccessKeyId0099';
    const client = new VolcengineLiveClient({ credentials: { accessKeyId: unknownKey, secretAccessKey: SK }, host: h.running.url, clock: () => h.clock.now });
    const error = await caught(client.listPullToPushTask());
    expect(error).toMatchObject({ apiCode: 'InvalidAccessKey', statusCode: 401 });
    expect(error.message).toContain('AKLT…');
    expect(error.message + JSON.stringify(error)).not.toContain(unknownKey);
  });

  it('maps HTTP errors without an envelope, and 200 without one', async () => {
    const bad = await fakeServer((res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    const odd = await fakeServer((res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('hello');
    });
    try {
      const e1 = await caught(h.client({ host: bad.url, retry: { limit: 1, baseDelayMs: 1 } }).describeLiveStreamState(STATE));
      expect(e1).toBeInstanceOf(HttpError);
      expect(e1).toMatchObject({ statusCode: 502, retryable: true });
      expect(bad.hits).toHaveLength(2);
      const e2 = await caught(h.client({ host: odd.url }).killStream(KILL));
      expect(e2).toBeInstanceOf(DecodeError);
    } finally {
      await stop(bad.server);
      await stop(odd.server);
    }
  });

  it('maps network failures and timeouts', async () => {
    const gone = await fakeServer();
    const url = gone.url;
    await stop(gone.server);
    await expect(h.client({ host: url, retry: { limit: 0 } }).listPullToPushTask()).rejects.toBeInstanceOf(NetworkError);
    const hang = await fakeServer();
    try {
      await expect(h.client({ host: hang.url, timeoutMs: 100, retry: { limit: 0 } }).listPullToPushTask()).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      await stop(hang.server);
    }
  });

  it('aborts before, during a request and during a backoff, leaving no listener behind', async () => {
    const before = new AbortController();
    before.abort();
    await expect(h.client().listPullToPushTask({}, { signal: before.signal })).rejects.toBeInstanceOf(AbortError);
    expect(h.running.emulator.requests).toHaveLength(0);

    const hang = await fakeServer();
    try {
      const during = new AbortController();
      const pending = h.client({ host: hang.url }).listPullToPushTask({}, { signal: during.signal });
      setTimeout(() => during.abort(new Error('user stop')), 50);
      const error = await caught(pending);
      expect(error).toBeInstanceOf(AbortError);
      expect(getEventListeners(during.signal, 'abort')).toHaveLength(0);
      await expect(h.client({ host: hang.url }).listPullToPushTask({}, { signal: AbortSignal.timeout(50) })).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      await stop(hang.server);
    }

    h.running.emulator.injectFault({ code: 'FlowLimitExceeded', status: 429, times: 5, retryAfterSeconds: 30 });
    const backoff = new AbortController();
    const started = Date.now();
    const pending = h.client({ retry: { limit: 3, maxDelayMs: 60_000 } }).listPullToPushTask({}, { signal: backoff.signal });
    setTimeout(() => backoff.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(getEventListeners(backoff.signal, 'abort')).toHaveLength(0);
  });

  it('never lets the secret key or a signature into logs, messages or serialised errors', async () => {
    const logs: string[] = [];
    const logger = {
      debug: (m: string, d?: unknown) => void logs.push(m, JSON.stringify(d), inspect(d, { depth: Infinity })),
      warn: (m: string, d?: unknown) => void logs.push(m, JSON.stringify(d), inspect(d, { depth: Infinity })),
    };
    const client = h.client({ logger, retry: { limit: 1, baseDelayMs: 1 } });
    const wrong = new VolcengineLiveClient({ credentials: { accessKeyId: AK, secretAccessKey: `${SK}x` }, host: h.running.url, clock: () => h.clock.now, logger });
    const gone = await fakeServer();
    await stop(gone.server);
    const offline = h.client({ host: gone.url, logger, retry: { limit: 0 } });

    await client.createPullToPushTask(liveTask());
    h.running.emulator.injectFault({ code: 'FlowLimitExceeded', status: 429, times: 5 });
    const errors = [
      await caught(client.killStream(KILL)),
      await caught(wrong.killStream(KILL)),
      await caught(offline.killStream(KILL)),
      await caught(client.createPullToPushTask({ ...liveTask(), SrcAddr: `rtmp://x/${'a'.repeat(1001)}?token=${SK}` })),
      await caught(client.forbidStream({ Vhost: SK, App: 'live', Stream: 'a b' })),
    ];
    expect(errors.map((e) => e.constructor)).toEqual([VolcengineError, VolcengineError, NetworkError, InvalidInputError, InvalidInputError]);

    const signatures = authorizations.map((a) => /Signature=([0-9a-f]{64})/.exec(a)?.[1]).filter((s): s is string => !!s);
    expect(signatures.length).toBeGreaterThan(3);
    const surfaces = [
      ...logs,
      ...errors.flatMap((e) => [e.message, String(e.stack), JSON.stringify(e), inspect(e, { depth: Infinity, showHidden: true }), String((e as { hint?: string }).hint)]),
      JSON.stringify(client),
      inspect(client, { depth: Infinity, showHidden: true }),
    ];
    expect(logs.length).toBeGreaterThan(0);
    for (const text of surfaces) {
      expect(text).not.toContain(SK);
      expect(text).not.toContain(`${SK}x`);
      for (const signature of signatures) expect(text).not.toContain(signature);
      expect(text).not.toContain('HMAC-SHA256 Credential');
    }
  });
});

describe('client options', () => {
  const credentials = { accessKeyId: AK, secretAccessKey: SK };

  it('rejects unknown, missing and malformed options', () => {
    expect(() => new VolcengineLiveClient({ credentials, hots: 'x' } as never)).toThrow(expect.objectContaining({ key: 'hots', message: 'Unexpected option: hots' }));
    expect(() => new VolcengineLiveClient({} as never)).toThrow(InvalidOptionError);
    expect(() => new VolcengineLiveClient({ credentials: { accessKeyId: AK, secretAccessKey: '' } })).toThrow(/credentials\.secretAccessKey/);
    expect(() => new VolcengineLiveClient({ credentials, host: 'https://live.volcengineapi.com/api' })).toThrow(expect.objectContaining({ key: 'host' }));
    expect(() => new VolcengineLiveClient({ credentials, retry: { limit: -1 } })).toThrow(expect.objectContaining({ key: 'retry.limit' }));
    expect(() => new VolcengineLiveClient({ credentials, retry: { tries: 1 } as never })).toThrow(expect.objectContaining({ key: 'retry.tries' }));
  });

  it('defaults to the production endpoint and accepts a bare host', () => {
    expect(new VolcengineLiveClient({ credentials }).endpoint).toBe('https://live.volcengineapi.com');
    expect(new VolcengineLiveClient({ credentials, host: 'live.example.com:8443' }).endpoint).toBe('https://live.example.com:8443');
  });
});

describe('credentialsFromEnv', () => {
  it('reads VOLC_* first, then ACCESS_KEY_*', () => {
    expect(credentialsFromEnv({ VOLC_ACCESSKEY: 'a1', VOLC_SECRETKEY: 's1', ACCESS_KEY_ID: 'a2', ACCESS_KEY_SECRET: 's2' })).toEqual({ accessKeyId: 'a1', secretAccessKey: 's1' });
    expect(credentialsFromEnv({ ACCESS_KEY_ID: 'a2', ACCESS_KEY_SECRET: 's2' })).toEqual({ accessKeyId: 'a2', secretAccessKey: 's2' });
    expect(credentialsFromEnv({})).toBeUndefined();
    expect(credentialsFromEnv({ VOLC_ACCESSKEY: '', VOLC_SECRETKEY: '' })).toBeUndefined();
  });

  it('names the missing half of a pair without echoing the other', () => {
    expect(() => credentialsFromEnv({ VOLC_ACCESSKEY: 'a1' })).toThrow(expect.objectContaining({ key: 'VOLC_SECRETKEY' }));
    let error: unknown;
    try {
      credentialsFromEnv({ ACCESS_KEY_SECRET: 'topsecret' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ key: 'ACCESS_KEY_ID' });
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain('topsecret');
  });
});

describe('retryDelay', () => {
  const policy = { limit: 3, baseDelayMs: 100, maxDelayMs: 1000 };
  it('backs off exponentially with jitter, capped, and stops at the limit', () => {
    expect(retryDelay(1, policy, undefined, () => 0)).toBe(50);
    expect(retryDelay(1, policy, undefined, () => 1)).toBe(100);
    expect(retryDelay(3, policy, undefined, () => 1)).toBe(400);
    expect(retryDelay(3, { ...policy, maxDelayMs: 300 }, undefined, () => 1)).toBe(300);
    expect(retryDelay(4, policy, undefined)).toBe(0);
  });
  it('honours Retry-After within the cap', () => {
    expect(retryDelay(1, policy, 700)).toBe(700);
    expect(retryDelay(1, policy, 5000)).toBe(1000);
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});
