import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import got from 'got';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AbortError, HttpError, InvalidInputError, NetworkError, TimeoutError } from '../../src/errors.js';
import { DEFAULT_USER_AGENT } from '../../src/options.js';
import {
  getAwemeId,
  getAwemeIds,
  getId,
  getMixId,
  getRoomId,
  getSecUserId,
  getWebcastId,
  getWebcastIds,
  resolveShareUrl,
} from '../../src/crawler/resolve-share-url.js';
import type { DouyinIdKind } from '../../src/utils/ids.js';
import { loadVectors, nonEmpty } from '../helpers/vectors.js';

interface IdCase {
  id: string;
  kind: DouyinIdKind;
  raw_input: string;
  extracted_url: string;
  expected: string | null;
}
const vectors = loadVectors<{ cases_needing_redirect: IdCase[]; cases_offline: IdCase[] }>('ids');
const redirectCases = nonEmpty(vectors.cases_needing_redirect, 'ids.cases_needing_redirect');
/** F2's test only checks "non-empty" for the short user link; serve a real sec_user_id from the offline cases. */
const KNOWN_SEC_USER_ID = vectors.cases_offline.find((c) => c.kind === 'sec_user_id')!.expected!;

const codeOf = (url: string) => new URL(url).pathname.split('/').filter(Boolean)[0]!;

/** Douyin-like targets for each short link, on this server. */
function targetPath(c: IdCase): string {
  const id = c.expected ?? KNOWN_SEC_USER_ID;
  switch (c.kind) {
    case 'aweme_id':
      return `/share/video/${id}/?region=CN&mid=7298145762238565171&u_code=l1j9bkbd&from_ssr=1`;
    case 'sec_user_id':
      return `/share/user/${id}?did=MS4wLjABAAAA&sec_uid=${id}&from_ssr=1`;
    case 'webcast_id':
    case 'room_id':
      return `/douyin/webcast/reflow/${id}?u_code=l1j9bkbd&roomId=${id}&from=share`;
    default:
      throw new Error(`no target for ${c.kind}`);
  }
}

const routes = new Map<string, string>();
for (const c of redirectCases) {
  const code = codeOf(c.extracted_url);
  const target = targetPath(c);
  if (routes.has(code) && routes.get(code) !== target) throw new Error(`conflicting targets for ${code}`);
  routes.set(code, target);
}

let server: Server;
let base: string;
let seen: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    seen.push({ url, headers: req.headers });
    const path = url.split('?')[0]!;
    const code = path.split('/').filter(Boolean)[0] ?? '';
    const redirect = (status: number, location?: string) => {
      res.writeHead(status, location === undefined ? {} : { location });
      res.end('redirecting');
    };
    if (routes.has(code)) return redirect(302, `${base}${routes.get(code)}`);
    if (path.startsWith('/share/') || path.startsWith('/douyin/webcast/reflow/')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html>' + 'x'.repeat(100_000) + '</html>');
    }
    if (path === '/loop/a') return redirect(302, '/loop/b');
    if (path === '/loop/b') return redirect(301, `${base}/loop/a`);
    if (path.startsWith('/chain/')) return redirect(307, `/chain/${Number(path.split('/')[2]) + 1}`);
    if (path === '/relative') return redirect(302, '../share/note/7330042216045464883/');
    if (path === '/no-location') return redirect(302);
    if (path === '/app-scheme') return redirect(302, 'snssdk1128://aweme/detail/1?x=1');
    if (path === '/to-home') return redirect(302, '/home');
    if (path === '/home') return res.end('home');
    if (path === '/to-444') return redirect(302, '/status/444/share/video/7298145681699622182');
    if (path.startsWith('/status/')) {
      res.writeHead(Number(path.split('/')[2]));
      return res.end();
    }
    if (path === '/hang') return; // never answers
    res.writeHead(404);
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
});

const local = { shortLinkHosts: ['127.0.0.1'] };
const toLocal = (text: string) => text.replace('https://v.douyin.com', () => base);

describe('get*Id with short links (ids.json cases_needing_redirect, served locally)', () => {
  it.each(redirectCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const input = toLocal(c.raw_input);
    expect(input).toContain(base);
    const id = await getId(c.kind, input, local);
    expect(id).toBe(c.expected ?? KNOWN_SEC_USER_ID);
    // Stopped at the redirect target that carries the id: only the short link was requested.
    expect(seen.map((r) => r.url)).toEqual([`/${codeOf(c.extracted_url)}/`]);
  });

  it('named helpers map to their kinds', async () => {
    const short = (code: string) => `${base}/${code}/`;
    await expect(getAwemeId(short('iRNBho6u'), local)).resolves.toBe('7298145681699622182');
    await expect(getSecUserId(`长按复制 ${short('idFqvUms')}`, local)).resolves.toBe(KNOWN_SEC_USER_ID);
    await expect(getWebcastId(short('i8tBR7hX'), local)).resolves.toBe('7318296342189919011');
    await expect(getRoomId(short('i8tBR7hX'), local)).resolves.toBe('7318296342189919011');
    await expect(getMixId(short('iRNBho6u'), local)).rejects.toThrow(InvalidInputError);
  });

  it('cuts words glued to a short link in share text', async () => {
    await expect(getAwemeId(`复制 ${base}/iRNBho6u/，打开Dou音搜索`, local)).resolves.toBe('7298145681699622182');
    expect(seen.map((r) => r.url)).toEqual(['/iRNBho6u/']);
  });

  it('reads full URLs offline without any request', async () => {
    const noNetwork = got.extend({
      hooks: {
        beforeRequest: [
          () => {
            throw new Error('network used');
          },
        ],
      },
    });
    for (const c of vectors.cases_offline) {
      await expect(getId(c.kind, c.raw_input, { got: noNetwork })).resolves.toBe(c.expected);
    }
    expect(seen).toHaveLength(0);
  });

  it('batch: mixed share texts and URLs, in order, several URLs per string', async () => {
    const ids = await getAwemeIds(
      [`看 ${base}/iRNBho6u/ 复制`, `https://www.douyin.com/note/7330042216045464883 and ${base}/iNUBcHxM/`, 'no link here'],
      { ...local, concurrency: 2 },
    );
    expect(ids).toEqual(['7298145681699622182', '7330042216045464883', '7330042216045464883']);
    await expect(getWebcastIds(['nothing', 'at all'], local)).rejects.toThrow(InvalidInputError);
  });

  it('batch: the first failure rejects', async () => {
    await expect(getAwemeIds([`${base}/iRNBho6u/`, `${base}/missing/`, `${base}/iNUBcHxM/`], { ...local, concurrency: 1 })).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});

describe('resolveShareUrl', () => {
  it('follows every redirect to the final page, like F2', async () => {
    const final = await resolveShareUrl(`${base}/iRNBho6u/`);
    expect(final).toBe(`${base}/share/video/7298145681699622182/?region=CN&mid=7298145762238565171&u_code=l1j9bkbd&from_ssr=1`);
    expect(seen.map((r) => r.url)).toEqual(['/iRNBho6u/', '/share/video/7298145681699622182/?region=CN&mid=7298145762238565171&u_code=l1j9bkbd&from_ssr=1']);
    expect(seen[0]!.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
  });

  it('resolves relative Locations and accepts 444 as final', async () => {
    await expect(resolveShareUrl(`${base}/relative`)).resolves.toBe(`${base}/share/note/7330042216045464883/`);
    await expect(resolveShareUrl(`${base}/to-444`)).resolves.toBe(`${base}/status/444/share/video/7298145681699622182`);
  });

  it('uses the got instance and user agent it is given', async () => {
    const instance = got.extend({ headers: { 'x-crawler': 'yes' } });
    await resolveShareUrl(`${base}/iNUBcHxM/`, { got: instance, userAgent: 'TestUA/1.0' });
    expect(seen[0]!.headers['x-crawler']).toBe('yes');
    expect(seen[0]!.headers['user-agent']).toBe('TestUA/1.0');
  });

  it('detects a redirect loop', async () => {
    const error = await resolveShareUrl(`${base}/loop/a`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).toMatch(/Redirect loop/);
    expect(seen).toHaveLength(2);
  });

  it('limits the number of redirects', async () => {
    const error = await resolveShareUrl(`${base}/chain/0`, { maxRedirects: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).statusCode).toBe(307);
    expect((error as Error).message).toMatch(/More than 3 redirects/);
    expect(seen).toHaveLength(4);
  });

  it('turns error statuses, bad redirects and failures into typed errors', async () => {
    const notFound = await resolveShareUrl(`${base}/missing/`).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(HttpError);
    expect((notFound as HttpError).statusCode).toBe(404);
    expect((notFound as HttpError).retryable).toBe(false);
    await expect(resolveShareUrl(`${base}/status/503`)).rejects.toMatchObject({ statusCode: 503, retryable: true });
    await expect(resolveShareUrl(`${base}/no-location`)).rejects.toThrow(/without a Location/);
    await expect(resolveShareUrl(`${base}/app-scheme`)).rejects.toThrow(/non-HTTP/);
    await expect(resolveShareUrl('not a url')).rejects.toThrow(InvalidInputError);
    await expect(resolveShareUrl('ftp://127.0.0.1/x')).rejects.toThrow(InvalidInputError);
  });

  it('maps connection refused, timeouts and aborts', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(resolveShareUrl(`http://127.0.0.1:${port}/x/`)).rejects.toBeInstanceOf(NetworkError);

    await expect(resolveShareUrl(`${base}/hang`, { timeoutMs: 200 })).rejects.toBeInstanceOf(TimeoutError);

    const controller = new AbortController();
    const pending = resolveShareUrl(`${base}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    await expect(resolveShareUrl(`${base}/iRNBho6u/`, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
  });

  it('a short link that leads nowhere useful is a typed input error', async () => {
    const error = await getAwemeId(`${base}/to-home`, local).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/led to .*\/home.* which has no aweme_id/);
  });
});
