import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VolcengineError } from '../../../src/errors.js';
import type { PullToPushTask } from '../../../src/crawler/volcengine/index.js';
import { T0, T0_MS, liveTask, startHarness, vodTask, type Harness } from './fixtures.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.running.close());
beforeEach(() => {
  h.clock.now = T0_MS;
  h.running.emulator.reset();
});

async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iter) out.push(item);
  return out;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('VolcengineLiveClient round trips', () => {
  it('creates, lists, updates, stops, continues, restarts and deletes a task', async () => {
    const client = h.client();
    const { TaskId } = await client.createPullToPushTask(liveTask());
    expect(TaskId).toMatch(/^[0-9a-f]{32}$/);
    const vod = await client.createPullToPushTask({ ...vodTask(), Title: 'Vod2' });

    const listed = await client.listPullToPushTask();
    expect(listed.Pagination).toEqual({ PageCur: 1, PageSize: 20, PageTotal: 1, TotalCount: 2 });
    const task = listed.List?.find((t) => t.TaskId === TaskId) as PullToPushTask;
    expect(task).toMatchObject({ Title: '转推任务1', Type: 0, SrcAddr: liveTask().SrcAddr, DstAddr: 'rtmp://push.example.com/live/relay01', DstAddrType: 1, Status: '未开始' });
    expect(task.StartTime).toMatch(RFC3339);
    expect(Date.parse(task.StartTime as string)).toBe((T0 + 3600) * 1000);
    const vodView = listed.List?.find((t) => t.TaskId === vod.TaskId);
    expect(vodView).toMatchObject({ SrcAddrS: vodTask().SrcAddrS, OffsetS: [0, 1.5], CycleMode: -1, PreDownload: 1 });

    // Title filter: case-insensitive substring.
    expect((await client.listPullToPushTask({ Title: 'vod' })).List?.map((t) => t.TaskId)).toEqual([vod.TaskId]);

    const meta = await client.updatePullToPushTask({ ...liveTask(), TaskId, Title: 'Renamed', EndTime: T0 + 9000 });
    expect(meta).toMatchObject({ Action: 'UpdatePullToPushTask', Version: '2023-01-01', Service: 'live', Region: 'cn-north-1' });
    expect(meta.RequestId).toMatch(/^\d{14}[0-9A-F]{20}$/);
    const status = async () => (await client.listPullToPushTask({ Title: 'renamed' })).List?.[0];
    expect(await status()).toMatchObject({ Title: 'Renamed', Status: '未开始' });

    await client.stopPullToPushTask({ TaskId });
    expect((await status())?.Status).toBe('停用');
    await client.continuePullToPushTask({ TaskId });
    expect((await status())?.Status).toBe('未开始');
    h.clock.now = (T0 + 4000) * 1000;
    expect((await status())?.Status).toBe('生效中');
    await client.stopPullToPushTask({ TaskId });
    await client.restartPullToPushTask({ TaskId });
    expect((await status())?.Status).toBe('生效中');
    await expect(client.continuePullToPushTask({ TaskId })).rejects.toMatchObject({ apiCode: 'InvalidParam', statusCode: 400 });
    h.clock.now = (T0 + 9001) * 1000;
    expect((await status())?.Status).toBe('已结束');

    await client.deletePullToPushTask({ TaskId });
    expect((await client.listPullToPushTask()).List?.map((t) => t.TaskId)).toEqual([vod.TaskId]);
    const gone = await client.deletePullToPushTask({ TaskId }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(VolcengineError);
    expect(gone).toMatchObject({ apiCode: 'InvalidParam', statusCode: 400, endpoint: 'DeletePullToPushTask' });
    expect((gone as VolcengineError).requestId).toMatch(/^\d{14}[0-9A-F]{20}$/);
  });

  it('describes, kills, forbids and resumes streams', async () => {
    const client = h.client();
    const live = await client.describeLiveStreamInfoByPage({ PageNum: 1, PageSize: 10, Vhost: 'example.com' });
    expect(live.RoughCount).toBe(3);
    expect(live.StreamInfoList?.[0]).toMatchObject({ ID: 1, Vhost: 'example.com', Domain: 'push.example.com', App: 'live', Stream: 'stream001', SourceType: 'push' });
    expect(live.StreamInfoList?.[0]?.SessionStartTime).toMatch(RFC3339);
    const fuzzy = await client.describeLiveStreamInfoByPage({ PageNum: 1, PageSize: 10, Stream: 'stream', QueryType: 'fuzzy' });
    expect(fuzzy.StreamInfoList?.map((s) => s.Stream)).toEqual(['stream001', 'stream002']);
    const strict = await client.describeLiveStreamInfoByPage({ PageNum: 1, PageSize: 10, Stream: 'stream' });
    expect(strict.RoughCount).toBe(0);
    const relays = await client.describeLiveStreamInfoByPage({ PageNum: 1, PageSize: 10, SourceType: 'relay' });
    expect(relays.StreamInfoList?.map((s) => s.Stream)).toEqual(['mirror01']);

    expect(await client.describeLiveStreamState({ Vhost: 'example.com', App: 'live', Stream: 'stream001' })).toEqual({ stream_state: 'online', type: 'push' });
    expect(await client.describeLiveStreamState({ Domain: 'push.example.com', App: 'relay', Stream: 'mirror01' })).toEqual({ stream_state: 'online', type: 'pull' });

    h.clock.now = T0_MS + 60_000;
    await client.killStream({ Vhost: 'example.com', App: 'live', Stream: 'stream002' });
    expect(await client.describeLiveStreamState({ Vhost: 'example.com', App: 'live', Stream: 'stream002' })).toMatchObject({ stream_state: 'offline' });
    const closed = await client.describeClosedStreamInfoByPage({
      PageNum: 1,
      PageSize: 10,
      EndTimeFrom: '2024-04-15T11:00:00+08:00',
      EndTimeTo: '2024-04-15T12:00:00+08:00',
    });
    expect(closed.RoughCount).toBe(1);
    expect(closed.StreamInfoList?.[0]).toMatchObject({ App: 'live', Stream: 'stream002', SourceType: 'push' });
    expect(Date.parse(closed.StreamInfoList?.[0]?.EndTime ?? '')).toBe(T0_MS + 60_000);
    await expect(client.killStream({ Vhost: 'example.com', App: 'live', Stream: 'stream002' })).rejects.toMatchObject({ apiCode: 'InvalidParam' });

    await client.forbidStream({ Domain: 'push.example.com', App: 'live', Stream: 'stream001' });
    expect(await client.describeLiveStreamState({ Vhost: 'example.com', App: 'live', Stream: 'stream001' })).toMatchObject({ stream_state: 'forbidden' });
    const forbidden = await client.describeForbiddenStreamInfoByPage({ PageNum: 1, PageSize: 10, App: 'live', Stream: 'stream001' });
    expect(forbidden.StreamInfoList).toHaveLength(1);
    expect(forbidden.StreamInfoList?.[0]).toMatchObject({ Vhost: 'example.com', Domain: 'push.example.com', Status: true });
    // Default EndTime: now + 90 days.
    expect(Date.parse(forbidden.StreamInfoList?.[0]?.EndTime ?? '')).toBe(h.clock.now + 90 * 86_400_000);
    expect((await client.describeLiveStreamInfoByPage({ PageNum: 1, PageSize: 10 })).StreamInfoList?.map((s) => s.Stream)).toEqual(['mirror01']);

    await client.resumeStream({ Vhost: 'example.com', App: 'live', Stream: 'stream001' });
    expect(await client.describeLiveStreamState({ Vhost: 'example.com', App: 'live', Stream: 'stream001' })).toMatchObject({ stream_state: 'offline' });
    const after = await client.describeForbiddenStreamInfoByPage({ PageNum: 1, PageSize: 10 });
    expect(after.StreamInfoList?.[0]?.Status).toBe(false);
  });

  it('sends ForbidStream EndTime as UTC with milliseconds', async () => {
    await h.client().forbidStream({ Vhost: 'example.com', App: 'live', Stream: 'stream001', EndTime: '2024-04-20T08:00:00+08:00' });
    const record = h.running.emulator.state.forbidden[0];
    expect(record?.endsAt).toBe(Date.parse('2024-04-20T00:00:00.000Z'));
  });

  it('iterates every task page by page and stops early without fetching more', async () => {
    const client = h.client();
    const ids: string[] = [];
    for (let i = 0; i < 45; i++) ids.push((await client.createPullToPushTask({ ...liveTask(), Title: `T${i}` })).TaskId);
    h.running.emulator.requests.length = 0;
    const all = await collect(client.iteratePullToPushTasks({ Size: 20 }));
    expect(all.map((t) => t.TaskId)).toEqual(ids);
    expect(h.running.emulator.requests.map((r) => r.action)).toEqual(Array(3).fill('ListPullToPushTask'));

    h.running.emulator.requests.length = 0;
    const some = await collect(client.iteratePullToPushTasks({ Size: 20 }, { maxItems: 25 }));
    expect(some).toHaveLength(25);
    expect(h.running.emulator.requests).toHaveLength(2);

    h.running.emulator.requests.length = 0;
    for await (const task of client.iteratePullToPushTasks({ Size: 20 })) {
      expect(task.TaskId).toBe(ids[0]);
      break;
    }
    expect(h.running.emulator.requests).toHaveLength(1);
  });

  it('iterates live, closed and forbidden streams', async () => {
    const client = h.client();
    const state = h.running.emulator.state;
    for (let i = 0; i < 5; i++) state.goOnline({ Vhost: 'v2.example.com', Domain: 'push.v2.example.com', App: 'app', Stream: `s${i}`, SourceType: 'push' });
    const live = await collect(client.iterateLiveStreamInfo({ PageNum: 1, PageSize: 2, Vhost: 'v2.example.com' }));
    expect(live.map((s) => s.Stream)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    for (let i = 0; i < 5; i++) {
      h.clock.now = T0_MS + i * 1000;
      await client.forbidStream({ Vhost: 'v2.example.com', App: 'app', Stream: `s${i}` });
    }
    const closed = await collect(
      client.iterateClosedStreamInfo({ PageNum: 1, PageSize: 2, Vhost: 'v2.example.com', EndTimeFrom: '2024-04-15T00:00:00Z', EndTimeTo: '2024-04-16T00:00:00Z', Sort: 'asc' }),
    );
    expect(closed.map((s) => s.Stream)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    const forbidden = await collect(client.iterateForbiddenStreamInfo({ PageNum: 1, PageSize: 2, Vhost: 'v2.example.com' }));
    expect(forbidden.map((s) => s.Stream)).toEqual(['s4', 's3', 's2', 's1', 's0']);
    h.running.emulator.requests.length = 0;
    expect(await collect(client.iterateForbiddenStreamInfo({ PageNum: 1, PageSize: 2, Vhost: 'v2.example.com' }, { maxItems: 3 }))).toHaveLength(3);
    expect(h.running.emulator.requests).toHaveLength(2);
  });

  it('exposes the whole envelope through request()', async () => {
    const envelope = await h.client().request('DescribeLiveStreamState', { Vhost: 'example.com', App: 'live', Stream: 'stream001' });
    expect(envelope.ResponseMetadata).toMatchObject({ Action: 'DescribeLiveStreamState', Version: '2023-01-01' });
    expect(envelope.Result).toEqual({ stream_state: 'online', type: 'push' });
  });

  it('gets InvalidActionOrVersion for RestartPullToPushTask once it is retired', async () => {
    const retired = await startHarness({ retireRestart: true });
    try {
      const client = retired.client();
      const { TaskId } = await client.createPullToPushTask(liveTask());
      await client.stopPullToPushTask({ TaskId });
      await expect(client.restartPullToPushTask({ TaskId })).rejects.toMatchObject({ apiCode: 'InvalidActionOrVersion', statusCode: 404 });
      await expect(client.continuePullToPushTask({ TaskId })).resolves.toHaveProperty('RequestId');
    } finally {
      await retired.running.close();
    }
  });
});
