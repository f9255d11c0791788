import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostsFor } from '../../src/config-file.js';
import { VolcengineLiveClient } from '../../src/crawler/volcengine/client.js';
import { DouyinKit } from '../../src/douyin-kit.js';
import { DEFAULT_VOLCENGINE_CREDENTIAL, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { pickFlvUrl, relayLiveToVolcengine, stopRelay } from '../../src/handler/relay-live.js';

let emu: Emulator;
let dk: DouyinKit;
let volc: VolcengineLiveClient;

beforeAll(async () => {
  emu = await startEmulator({});
  dk = new DouyinKit({ hosts: hostsFor(emu.baseUrl), maxRetries: 0 });
  volc = new VolcengineLiveClient({ credentials: { ...DEFAULT_VOLCENGINE_CREDENTIAL }, host: emu.baseUrl });
});
afterAll(async () => {
  dk.close();
  await emu.stop();
});

describe('relayLiveToVolcengine', () => {
  it("creates a Type-0 task whose SrcAddr is the live room's best FLV URL", async () => {
    const room = emu.world.roomOf(emu.world.roles.liveAnchor)!;
    const enter = await dk.fetchUserLiveVideos(room.webRid);
    const best = pickFlvUrl(enter.flv_pull_url)!;
    expect(best.quality).toBe('FULL_HD1');

    const result = await relayLiveToVolcengine(dk, volc, `https://live.douyin.com/${room.webRid}`, {
      domain: 'push.example.com', app: 'live', stream: 'douyin-relay', title: 'relay1',
    });
    expect(result).toMatchObject({ srcAddr: best.url, quality: 'FULL_HD1', roomId: room.roomId });
    const task = emu.volcengine!.state.tasks.get(result.taskId)!.body as Record<string, number | string>;
    expect(task).toMatchObject({ Type: 0, SrcAddr: best.url, Domain: 'push.example.com', App: 'live', Stream: 'douyin-relay' });
    expect(Number(task.EndTime) - Number(task.StartTime)).toBe(86_400);

    const listed = await volc.listPullToPushTask({ Title: 'relay1' });
    expect(listed.List?.map((t) => t.TaskId)).toContain(result.taskId);
    await stopRelay(volc, result.taskId);
    expect(emu.volcengine!.state.tasks.get(result.taskId)!.stopped).toBe(true);
  });

  it('relays by room id through reflow/info, and honours an asked quality', async () => {
    const room = emu.world.roomOf(emu.world.roles.liveAnchor)!;
    const result = await relayLiveToVolcengine(dk, volc, room.roomId, { dstAddr: 'rtmp://push.example.com/live/by-room', quality: 'SD1' });
    expect(result.quality).toBe('SD1');
    expect(emu.volcengine!.state.tasks.get(result.taskId)!.body.SrcAddr).toBe(result.srcAddr);
  });

  it('refuses an offline room and a missing target with typed errors', async () => {
    const offline = emu.world.roomOf(emu.world.roles.offlineAnchor) ?? emu.world.roomOf(emu.world.roles.endedAnchor)!;
    await expect(relayLiveToVolcengine(dk, volc, offline.webRid, { domain: 'push.example.com', app: 'live', stream: 'x' }))
      .rejects.toMatchObject({ code: 'ERR_LIVE_OFFLINE' });
    await expect(relayLiveToVolcengine(dk, volc, '123456', {})).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });
});
