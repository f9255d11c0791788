import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/errors.js';
import { DEFAULT_OPTIONS, resolveOptions } from '../src/options.js';
import { hostsFor, loadConfigFile, optionsFromEnv, parseConfigYaml } from '../src/config-file.js';

function expectBadKey(fn: () => unknown, key: string, message: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).key).toBe(key);
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected an InvalidOptionError');
}

describe('resolveOptions', () => {
  it("has F2's defaults", () => {
    const o = resolveOptions();
    expect(o).toMatchObject({
      timeoutMs: 10_000, maxRetries: 5, maxConnections: 5, maxTasks: 10, pageCounts: 20, maxCounts: 0,
      naming: '{create}_{desc}', path: 'Download', encryption: 'ab', interval: 'all', proxy: null,
    });
    expect(o.hosts.www).toBe('https://www.douyin.com');
    expect(Object.isFrozen(o)).toBe(true);
  });

  it('merges layers, later wins, hosts and headers key by key', () => {
    const o = resolveOptions(
      { maxRetries: 1, hosts: { www: 'http://127.0.0.1:1' }, headers: { A: '1' } },
      { maxRetries: 2, hosts: { live: 'http://127.0.0.1:2' }, headers: { B: '2' } },
    );
    expect(o.maxRetries).toBe(2);
    expect(o.hosts.www).toBe('http://127.0.0.1:1');
    expect(o.hosts.live).toBe('http://127.0.0.1:2');
    expect(o.hosts.webcast).toBe(DEFAULT_OPTIONS.hosts.webcast);
    expect(o.headers).toEqual({ A: '1', B: '2' });
  });

  it('rejects unknown keys, with a suggestion', () => {
    expectBadKey(() => resolveOptions({ cookies: 'x' } as never), 'cookies', /Unexpected option `cookies`.*did you mean `cookie`/);
    expectBadKey(() => resolveOptions({ hosts: { wwww: 'http://x' } } as never), 'hosts.wwww', /Unexpected option/);
  });

  it('rejects bad values naming the key', () => {
    expectBadKey(() => resolveOptions({ maxConnections: 0 }), 'maxConnections', /integer >= 1, got `0` \(number\)/);
    expectBadKey(() => resolveOptions({ encryption: 'zz' as 'ab' }), 'encryption', /one of ab, xb/);
    expectBadKey(() => resolveOptions({ interval: '2024-13-01|2024-01-01' }), 'interval', /real dates/);
    expectBadKey(() => resolveOptions({ hosts: { www: 'ftp://x' } }), 'hosts.www', /URL/);
    expectBadKey(() => resolveOptions({ retryBaseDelayMs: 10, retryMaxDelayMs: 5 }), 'retryMaxDelayMs', />=/);
  });

  it('never echoes a proxy URL (it may hold credentials)', () => {
    try {
      resolveOptions({ proxy: 'not a url with secretpass' });
      throw new Error('unreachable');
    } catch (error) {
      expect((error as Error).message).not.toContain('secretpass');
    }
    expect(resolveOptions({ proxy: 'socks5://user:pw@127.0.0.1:1080' }).proxy).toBe('socks5://user:pw@127.0.0.1:1080');
  });
});

describe('config sources', () => {
  it("reads F2's YAML layout", () => {
    const { options, cli } = parseConfigYaml(`
douyin:
  cookie: "ttwid=abc; sessionid=def"
  naming: '{create}_{aweme_id}'
  path: Download
  timeout: 7
  max_retries: 3
  lyric: yes
  max_connections: 4
  max_counts: 0
  max_tasks: 6
  page_counts: 18
  folderize: no
  mode: post
  url: https://www.douyin.com/user/MS4wLjABAAAA
  headers:
    User-Agent: TestAgent/1.0 (a long enough user agent string)
    Referer: https://www.douyin.com/
  proxies:
    http://:
    https://: http://127.0.0.1:8888
tiktok:
  cookie: ignored
`);
    expect(options).toEqual({
      cookie: 'ttwid=abc; sessionid=def', naming: '{create}_{aweme_id}', path: 'Download', timeoutMs: 7000,
      maxRetries: 3, lyric: true, maxConnections: 4, maxCounts: 0, maxTasks: 6, pageCounts: 18, folderize: false,
      userAgent: 'TestAgent/1.0 (a long enough user agent string)', headers: { Referer: 'https://www.douyin.com/' },
      proxy: 'http://127.0.0.1:8888',
    });
    expect(cli).toEqual({ mode: 'post', url: 'https://www.douyin.com/user/MS4wLjABAAAA' });
  });

  it('names the bad key in a config file', () => {
    expectBadKey(() => parseConfigYaml('douyin:\n  max_tasks: many\n'), 'maxTasks', /integer/);
    expectBadKey(() => parseConfigYaml('douyin:\n  colour: red\n'), 'colour', /Unexpected option `colour`/);
    expectBadKey(() => parseConfigYaml('douyin: [1, 2'), 'config', /not valid YAML/);
  });

  it('loads a file and reports a missing one clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dk-conf-'));
    const file = join(dir, 'app.yaml');
    writeFileSync(file, 'maxRetries: 2\nhosts:\n  www: http://127.0.0.1:9\n');
    const { options } = await loadConfigFile(file);
    expect(resolveOptions(options).hosts.www).toBe('http://127.0.0.1:9');
    await expect(loadConfigFile(join(dir, 'missing.yaml'))).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION', message: /ENOENT/ });
  });

  it('reads DOUYIN_KIT_* variables from a given environment, and code wins over both', () => {
    const env = { DOUYIN_KIT_MAX_RETRIES: '9', DOUYIN_KIT_MUSIC: 'yes', DOUYIN_KIT_HOST_WWW: 'http://127.0.0.1:5', OTHER: 'x' };
    const fromEnv = optionsFromEnv(env);
    expect(fromEnv).toEqual({ maxRetries: 9, music: true, hosts: { www: 'http://127.0.0.1:5' } });
    const fromFile = parseConfigYaml('douyin:\n  max_retries: 1\n  music: no\n').options;
    const o = resolveOptions(fromFile, fromEnv, { music: false });
    expect(o.maxRetries).toBe(9);
    expect(o.music).toBe(false);
    expectBadKey(() => optionsFromEnv({ DOUYIN_KIT_MAX_TASKS: 'lots' }), 'maxTasks', /integer/);
  });

  it('points every host at one base URL', () => {
    const o = resolveOptions({ hosts: hostsFor('http://127.0.0.1:4567') });
    expect(o.hosts).toMatchObject({ www: 'http://127.0.0.1:4567', live: 'http://127.0.0.1:4567', webcastWs: 'ws://127.0.0.1:4567' });
  });
});
