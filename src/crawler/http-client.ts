import http from 'node:http';
import https from 'node:https';
import got, { type Got } from 'got';
import { ProxyAgent } from 'proxy-agent';
import { CookieJar } from 'tough-cookie';
import type { ResolvedOptions } from '../options.js';

/** The transport every douyin-kit request goes through: one got instance, one cookie jar, one agent. */
export interface HttpClient {
  readonly got: Got;
  readonly cookieJar: CookieJar;
  /** The agent for HTTP(S) and websocket connections: the proxy agent when a proxy is set. */
  readonly agent: http.Agent;
  /** Cookie header for a URL (for websockets, which got does not carry). */
  cookieHeader(url: string): string;
  close(): void;
}

/** Splits a browser cookie header (`a=1; b=2`) into name/value pairs. */
export function parseCookieHeader(cookie: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name) pairs.push([name, value]);
  }
  return pairs;
}

function cookieUrls(hosts: ResolvedOptions['hosts']): string[] {
  const urls = [hosts.www, hosts.live, hosts.webcast, hosts.msToken, hosts.ttwid, hosts.webid, hosts.webcastWs.replace(/^ws/, 'http')];
  return [...new Set(urls)];
}

export function createHttpClient(options: Readonly<ResolvedOptions>): HttpClient {
  const cookieJar = new CookieJar(undefined, { allowSpecialUseDomain: true, looseMode: true });
  // The user's cookie belongs to every host we talk to (douyin.com and its siblings, or an emulator).
  for (const url of cookieUrls(options.hosts)) {
    for (const [name, value] of parseCookieHeader(options.cookie)) {
      cookieJar.setCookieSync(`${name}=${value}; Path=/`, url, { ignoreError: true });
    }
  }

  const proxy = options.proxy;
  const agent: http.Agent = proxy
    ? new ProxyAgent({ getProxyForUrl: () => proxy })
    : new http.Agent({ keepAlive: true, maxSockets: options.maxConnections * 2 });
  const httpsAgent: https.Agent = proxy
    ? (agent as unknown as https.Agent)
    : new https.Agent({ keepAlive: true, maxSockets: options.maxConnections * 2 });

  const instance = got.extend({
    cookieJar,
    agent: { http: agent, https: httpsAgent },
    timeout: { request: options.timeoutMs },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    https: { rejectUnauthorized: true },
    headers: { 'user-agent': options.userAgent, ...lowerKeys(options.headers) },
  });

  return {
    got: instance,
    cookieJar,
    agent,
    cookieHeader: (url) => cookieJar.getCookieStringSync(url.replace(/^ws/, 'http')),
    close() {
      agent.destroy();
      if (httpsAgent !== (agent as unknown)) httpsAgent.destroy();
    },
  };
}

/** Header names in lower case, as got and node:http expect them. */
export function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
