import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import got from 'got';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AbortError, HttpError, NetworkError, TimeoutError, TokenError } from '../../src/errors.js';
import { DEFAULT_USER_AGENT } from '../../src/options.js';
import {
  DEFAULT_MS_TOKEN_STR_DATA,
  TTWID_REGISTER_BODY,
  fetchRealMsToken,
  fetchTtwid,
  fetchWebid,
  msTokenRequestBody,
  msTokenUrl,
  ttwidUrl,
  webidRequestBody,
  webidUrl,
} from '../../src/crawler/tokens.js';
import { loadVectors } from '../helpers/vectors.js';

interface TokenFormats {
  user_agent_header: string;
  msToken_real: {
    request: {
      url: string;
      headers: Record<string, string>;
      body_field_values: { magic: number; version: number; dataType: number; ulr: number; strData_length: number; strData_prefix: string };
      example_body_with_tspFromClient_1735689600000_sha256: string;
      example_body_length: number;
    };
  };
  ttwid: { request: { url: string; headers: Record<string, string>; body_verbatim: string } };
  webid: { request: { url: string; headers: Record<string, string>; body_verbatim: string } };
}
const formats = loadVectors<{ token_formats: TokenFormats }>('verify_fp').token_formats;

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let base: string;
let received: Received[] = [];
/** What the server answers next. */
let reply: (res: ServerResponse) => void = (res) => res.end();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      reply(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  reply = (res) => res.end();
});

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};
const token184 = 'A'.repeat(182) + '==';
const token164 = 'b'.repeat(164);

describe('msToken', () => {
  it('defaults to F2 conf.yaml values: URL, strData, body', () => {
    expect(msTokenUrl()).toBe(formats.msToken_real.request.url);
    const f = formats.msToken_real.request.body_field_values;
    expect(DEFAULT_MS_TOKEN_STR_DATA).toHaveLength(f.strData_length);
    expect(DEFAULT_MS_TOKEN_STR_DATA.startsWith(f.strData_prefix)).toBe(true);
    const body = msTokenRequestBody({ now: () => 1735689600000 });
    expect(body).toHaveLength(formats.msToken_real.request.example_body_length);
    expect(createHash('sha256').update(body).digest('hex')).toBe(formats.msToken_real.request.example_body_with_tspFromClient_1735689600000_sha256);
    expect(body.startsWith(`{"magic": ${f.magic}, "version": ${f.version}, "dataType": ${f.dataType}, "strData": "${f.strData_prefix}`)).toBe(true);
  });

  it('posts the exact body and headers and returns the cookie', async () => {
    reply = (res) => {
      res.setHeader('set-cookie', [`other=1; Path=/`, `msToken=${token184}; Domain=127.0.0.1; Path=/; Secure`]);
      res.end('{}');
    };
    const token = await fetchRealMsToken({ host: base, now: () => 1735689600000 });
    expect(token).toBe(token184);
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe(pathOf(formats.msToken_real.request.url));
    expect(createHash('sha256').update(r.body).digest('hex')).toBe(formats.msToken_real.request.example_body_with_tspFromClient_1735689600000_sha256);
    expect(r.headers['content-type']).toBe(formats.msToken_real.request.headers['Content-Type']);
    expect(r.headers['user-agent']).toBe(formats.user_agent_header);
    expect(formats.user_agent_header).toBe(DEFAULT_USER_AGENT);
  });

  it('sends a configured strData and the current time', async () => {
    reply = (res) => {
      res.setHeader('set-cookie', `msToken=${token164}`);
      res.end();
    };
    const before = Date.now();
    await expect(fetchRealMsToken({ url: `${base}/custom/token?x=1`, strData: 'abc' })).resolves.toBe(token164);
    const r = received[0]!;
    expect(r.url).toBe('/custom/token?x=1');
    const body = JSON.parse(r.body) as Record<string, unknown>;
    expect(body.strData).toBe('abc');
    expect(body.tspFromClient).toBeGreaterThanOrEqual(before);
    expect(body.tspFromClient).toBeLessThanOrEqual(Date.now());
    expect(Object.keys(body)).toEqual(['magic', 'version', 'dataType', 'strData', 'ulr', 'tspFromClient']);
  });

  it('rejects a missing cookie or one of the wrong length without leaking it', async () => {
    reply = (res) => res.end();
    await expect(fetchRealMsToken({ host: base })).rejects.toBeInstanceOf(TokenError);
    const short = 'SECRET' + 'x'.repeat(94);
    reply = (res) => {
      res.setHeader('set-cookie', `msToken=${short}; Path=/`);
      res.end();
    };
    const error = (await fetchRealMsToken({ host: base }).catch((e: unknown) => e)) as TokenError;
    expect(error).toBeInstanceOf(TokenError);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/length 100/);
    expect(JSON.stringify(error.toJSON())).not.toContain('SECRET');
  });

  it('maps HTTP errors without putting the query token in the message', async () => {
    reply = (res) => {
      res.writeHead(500);
      res.end();
    };
    const error = (await fetchRealMsToken({ host: base }).catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.statusCode).toBe(500);
    expect(error.endpoint).toBe('msToken');
    expect(error.message).not.toContain('T4bNG9W2');
  });
});

describe('ttwid', () => {
  it('posts the verbatim body and returns the ttwid cookie', async () => {
    expect(ttwidUrl()).toBe(formats.ttwid.request.url);
    expect(TTWID_REGISTER_BODY).toBe(formats.ttwid.request.body_verbatim);
    reply = (res) => {
      res.setHeader('set-cookie', ['ttwid=1%7CabcDEF%7C1735689600%7Cfeed; Domain=.bytedance.com; Path=/; Max-Age=31536000; HttpOnly']);
      res.end('{"status_code":0}');
    };
    await expect(fetchTtwid({ host: `${base}/` })).resolves.toBe('1%7CabcDEF%7C1735689600%7Cfeed');
    const r = received[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe(pathOf(formats.ttwid.request.url));
    expect(r.body).toBe(formats.ttwid.request.body_verbatim);
    expect(r.headers['content-type']).toBe(formats.ttwid.request.headers['Content-Type']);
    expect(r.headers['user-agent']).toBe(formats.ttwid.request.headers['User-Agent']);
  });

  it('rejects an answer without the cookie, and HTTP errors', async () => {
    reply = (res) => {
      res.setHeader('set-cookie', 'ttwid=; Path=/');
      res.end();
    };
    await expect(fetchTtwid({ host: base })).rejects.toBeInstanceOf(TokenError);
    reply = (res) => {
      res.writeHead(403);
      res.end();
    };
    await expect(fetchTtwid({ host: base })).rejects.toMatchObject({ statusCode: 403, endpoint: 'ttwid' });
  });
});

describe('webid', () => {
  it('posts the F2 body and headers and returns web_id', async () => {
    expect(webidUrl()).toBe(formats.webid.request.url);
    expect(webidRequestBody()).toBe(formats.webid.request.body_verbatim);
    reply = (res) => res.end('{"e":0,"web_id":"7389012345678901234"}');
    await expect(fetchWebid({ host: base })).resolves.toBe('7389012345678901234');
    const r = received[0]!;
    expect(r.url).toBe(pathOf(formats.webid.request.url));
    expect(r.body).toBe(formats.webid.request.body_verbatim);
    for (const [name, value] of Object.entries(formats.webid.request.headers)) {
      expect(r.headers[name.toLowerCase()]).toBe(value);
    }
  });

  it('keeps a numeric web_id beyond 2^53 exact, and escapes a non-ASCII user agent like Python', async () => {
    reply = (res) => res.end('{"web_id":7389012345678901234}');
    await expect(fetchWebid({ host: base, userAgent: 'UA/1.0 ünï' })).resolves.toBe('7389012345678901234');
    expect(received[0]!.body).toBe(
      '{"app_id": 6383, "referer": "https://www.douyin.com/", "url": "https://www.douyin.com/", "user_agent": "UA/1.0 \\u00fcn\\u00ef", "user_unique_id": ""}',
    );
  });

  it.each([
    ['not JSON', 'oops'],
    ['empty', ''],
    ['no web_id', '{"e":1}'],
    ['empty web_id', '{"web_id":""}'],
  ])('rejects an answer that is %s', async (_what, body) => {
    reply = (res) => res.end(body);
    await expect(fetchWebid({ host: base })).rejects.toBeInstanceOf(TokenError);
  });
});

describe('transport', () => {
  it('uses the got instance it is given', async () => {
    reply = (res) => res.end('{"web_id":"1"}');
    await fetchWebid({ host: base, got: got.extend({ headers: { 'x-from-crawler': '1' } }) });
    expect(received[0]!.headers['x-from-crawler']).toBe('1');
  });

  it('maps connection refused, timeout and abort', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetchTtwid({ host: `http://127.0.0.1:${port}` })).rejects.toBeInstanceOf(NetworkError);

    reply = () => undefined; // never answers
    await expect(fetchTtwid({ host: base, timeoutMs: 200 })).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const pending = fetchRealMsToken({ host: base, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });
});
