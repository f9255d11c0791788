import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LiveRecorder } from '../../../src/dl/live/index.js';
import { DouyinKit } from '../../../src/douyin-kit.js';
import { at, startServer, useLiveRigs, waitFor, walkFlv } from './live-test-rig.js';

const { rig, tmpRoot } = useLiveRigs();

describe('LiveRecorder transport', () => {
  it("pulls through the kit's HTTP client: its proxy and headers apply, its short request timeout does not", async () => {
    const r = await rig({ bitrateBps: 400_000 });
    const root = await tmpRoot();
    // A forward HTTP proxy: requests arrive with an absolute URL and are relayed.
    const proxied: string[] = [];
    const proxy = await startServer((req, res) => {
      proxied.push(req.url ?? '');
      const upstream = request(req.url ?? '', { method: req.method, headers: req.headers, agent: false }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    });
    const dk = new DouyinKit({ proxy: proxy.url, headers: { 'X-From-Kit': 'yes' }, timeoutMs: 100 });
    try {
      const recorder = new LiveRecorder({ source: { flv_pull_url: { HD1: r.flvUrl } }, root, httpClient: dk.http, stallTimeoutMs: 2000 });
      const done = recorder.start();
      await waitFor('connected', () => r.stream.emitted.connections.length === 1);
      at(r, 500);
      await waitFor('media', () => recorder.stats.mediaBytes === 12 * r.stream.emitted.packetBytes);
      // Longer than the kit's 100 ms request timeout: a live pull must not be cut by it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      at(r, 1000);
      await waitFor('more media', () => recorder.stats.mediaBytes === 25 * r.stream.emitted.packetBytes);
      r.stream.end();
      const result = await done;
      expect(result.reconnects).toBe(0);
      expect(proxied).toEqual([r.flvUrl]);
      expect(r.requestHeaders[0]?.['x-from-kit']).toBe('yes');
      expect(r.requestHeaders[0]?.referer).toBe('https://live.douyin.com/');
      walkFlv(await readFile(result.files[0]!.path));
    } finally {
      dk.close();
      await proxy.close();
    }
  });
});
