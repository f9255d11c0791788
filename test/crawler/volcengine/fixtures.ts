/** Shared set-up for the Volcengine client tests: one clock, one key pair, valid base requests. */
import { startVolcengineEmulator, type RunningVolcengineEmulator } from '../../../src/emulator/volcengine/index.js';
import { VolcengineLiveClient, type VolcengineLiveClientOptions } from '../../../src/crawler/volcengine/index.js';

export const AK = 'AKLTdouyinKitTestAccessKey0001';
export const SK = 'dGVzdFNlY3JldEtleS1kb3V5aW4ta2l0LTAwMDE=';
export const T0_MS = Date.parse('2024-04-15T03:37:03Z');
export const T0 = T0_MS / 1000;

export interface Harness {
  running: RunningVolcengineEmulator;
  clock: { now: number };
  client(options?: Partial<VolcengineLiveClientOptions>): VolcengineLiveClient;
}

export async function startHarness(emulatorOptions: Partial<Parameters<typeof startVolcengineEmulator>[0]> = {}): Promise<Harness> {
  const clock = { now: T0_MS };
  const running = await startVolcengineEmulator({ credentials: [{ accessKeyId: AK, secretAccessKey: SK }], clock: () => clock.now, ...emulatorOptions });
  return {
    running,
    clock,
    client: (options = {}) =>
      new VolcengineLiveClient({
        credentials: { accessKeyId: AK, secretAccessKey: SK },
        host: running.url,
        clock: () => clock.now,
        retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 },
        ...options,
      }),
  };
}

/** A base64 PNG-typed data URL decoding to `bytes` bytes. */
export function dataUrl(bytes: number, type = 'png'): string {
  return `data:image/${type};base64,${Buffer.alloc(bytes, 7).toString('base64')}`;
}

export const liveTask = () => ({
  StartTime: T0 + 3600,
  EndTime: T0 + 7200,
  Type: 0 as const,
  Title: '转推任务1',
  SrcAddr: 'rtmp://src.example.com/live/origin',
  Domain: 'push.example.com',
  App: 'live',
  Stream: 'relay01',
});

export const vodTask = () => ({
  StartTime: T0 + 3600,
  EndTime: T0 + 7200,
  Type: 1 as const,
  SrcAddrS: ['https://vod.example.com/a.mp4', 'https://vod.example.com/b.mp4'],
  OffsetS: [0, 1.5],
  CycleMode: -1,
  DstAddr: 'rtmp://push.example.com/live/vod01',
});
