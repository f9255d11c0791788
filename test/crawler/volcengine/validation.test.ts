/**
 * Every validation rule: the client refuses before sending (InvalidInputError naming the field,
 * nothing reaches the endpoint), and the emulator refuses the same parameters sent raw (400
 * InvalidParam or InvalidParam.BindError naming the field).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors.js';
import type { VolcengineLiveAction } from '../../../src/crawler/volcengine/index.js';
import { rawCall } from '../../emulator/volcengine/raw-request.js';
import { AK, SK, T0, T0_MS, dataUrl, liveTask, startHarness, vodTask, type Harness } from './fixtures.js';

type P = Record<string, unknown>;
interface Case {
  name: string;
  action: VolcengineLiveAction;
  params: P;
  /** Names that both messages must mention. */
  fields: string[];
}

const without = (p: P, ...keys: string[]) => Object.fromEntries(Object.entries(p).filter(([k]) => !keys.includes(k)));
const wm = (over: P = {}) => ({ Picture: dataUrl(200), RelativePosX: 0.1, RelativePosY: 0.9, Ratio: 0.25, ...over });
const page = { PageNum: 1, PageSize: 10 };
const closed = { ...page, EndTimeFrom: '2024-04-14T00:00:00+08:00', EndTimeTo: '2024-04-16T00:00:00+08:00' };
const ref = { Vhost: 'example.com', App: 'live', Stream: 'stream001' };
const iso = (ms: number) => new Date(ms).toISOString();

const cases: Case[] = [
  { name: 'Title with punctuation', action: 'CreatePullToPushTask', params: { ...liveTask(), Title: 'bad-title!' }, fields: ['Title'] },
  { name: 'Title of 21 characters', action: 'CreatePullToPushTask', params: { ...liveTask(), Title: '直'.repeat(21) }, fields: ['Title'] },
  { name: 'StartTime missing', action: 'CreatePullToPushTask', params: without(liveTask(), 'StartTime'), fields: ['StartTime'] },
  { name: 'StartTime as a string', action: 'CreatePullToPushTask', params: { ...liveTask(), StartTime: String(T0 + 3600) }, fields: ['StartTime'] },
  { name: 'EndTime before StartTime', action: 'CreatePullToPushTask', params: { ...liveTask(), EndTime: T0 + 60 }, fields: ['EndTime'] },
  { name: 'EndTime equal to StartTime', action: 'CreatePullToPushTask', params: { ...liveTask(), EndTime: T0 + 3600 }, fields: ['EndTime'] },
  { name: 'task longer than 7 days', action: 'CreatePullToPushTask', params: { ...liveTask(), EndTime: T0 + 3600 + 7 * 86400 + 1 }, fields: ['EndTime'] },
  { name: 'Type 2', action: 'CreatePullToPushTask', params: { ...liveTask(), Type: 2 }, fields: ['Type'] },
  { name: 'Type missing', action: 'CreatePullToPushTask', params: without(liveTask(), 'Type'), fields: ['Type'] },
  { name: 'Type 0 without SrcAddr', action: 'CreatePullToPushTask', params: without(liveTask(), 'SrcAddr'), fields: ['SrcAddr'] },
  { name: 'SrcAddr over 1000 characters', action: 'CreatePullToPushTask', params: { ...liveTask(), SrcAddr: `rtmp://a/${'x'.repeat(1000)}` }, fields: ['SrcAddr'] },
  { name: 'Type 1 without SrcAddrS', action: 'CreatePullToPushTask', params: without(vodTask(), 'SrcAddrS', 'OffsetS'), fields: ['SrcAddrS'] },
  { name: '31 SrcAddrS', action: 'CreatePullToPushTask', params: { ...without(vodTask(), 'OffsetS'), SrcAddrS: Array.from({ length: 31 }, (_, i) => `https://v/${i}.mp4`) }, fields: ['SrcAddrS'] },
  { name: 'empty SrcAddrS', action: 'CreatePullToPushTask', params: { ...without(vodTask(), 'OffsetS'), SrcAddrS: [] }, fields: ['SrcAddrS'] },
  { name: 'SrcAddrS entry over 1000 characters', action: 'CreatePullToPushTask', params: { ...without(vodTask(), 'OffsetS'), SrcAddrS: [`https://v/${'x'.repeat(1000)}`] }, fields: ['SrcAddrS[0]'] },
  { name: 'nested SrcAddrS (seed artefact)', action: 'CreatePullToPushTask', params: { ...without(vodTask(), 'OffsetS'), SrcAddrS: [['https://v/a.mp4']] }, fields: ['SrcAddrS'] },
  { name: 'Type 1 without CycleMode', action: 'CreatePullToPushTask', params: without(vodTask(), 'CycleMode'), fields: ['CycleMode'] },
  { name: 'CycleMode -2', action: 'CreatePullToPushTask', params: { ...vodTask(), CycleMode: -2 }, fields: ['CycleMode'] },
  { name: 'CycleMode 0 without PlayTimes', action: 'CreatePullToPushTask', params: { ...vodTask(), CycleMode: 0 }, fields: ['PlayTimes'] },
  { name: 'PlayTimes 0', action: 'CreatePullToPushTask', params: { ...vodTask(), CycleMode: 0, PlayTimes: 0 }, fields: ['PlayTimes'] },
  { name: 'OffsetS shorter than SrcAddrS', action: 'CreatePullToPushTask', params: { ...vodTask(), OffsetS: [1] }, fields: ['OffsetS'] },
  { name: 'OffsetS as strings (seed artefact)', action: 'CreatePullToPushTask', params: { ...vodTask(), OffsetS: ['1.1', '2'] }, fields: ['OffsetS'] },
  { name: 'negative Offset', action: 'CreatePullToPushTask', params: { ...vodTask(), Offset: -1 }, fields: ['Offset'] },
  { name: 'VodSrcAddrs with SrcAddrS', action: 'CreatePullToPushTask', params: { ...without(vodTask(), 'OffsetS'), VodSrcAddrs: [{ SrcAddr: 'https://v/c.mp4' }] }, fields: ['VodSrcAddrs'] },
  { name: 'PreDownload 2', action: 'CreatePullToPushTask', params: { ...vodTask(), PreDownload: 2 }, fields: ['PreDownload'] },
  { name: 'ContinueStrategy 9 (seed sample)', action: 'CreatePullToPushTask', params: { ...vodTask(), ContinueStrategy: 9 }, fields: ['ContinueStrategy'] },
  { name: 'no DstAddr and no Domain', action: 'CreatePullToPushTask', params: without(liveTask(), 'Domain'), fields: ['Domain'] },
  { name: 'no DstAddr and no App', action: 'CreatePullToPushTask', params: without(liveTask(), 'App'), fields: ['App'] },
  { name: 'no DstAddr and no Stream', action: 'CreatePullToPushTask', params: without(liveTask(), 'Stream'), fields: ['Stream'] },
  { name: 'App with a space', action: 'CreatePullToPushTask', params: { ...liveTask(), App: 'li ve' }, fields: ['App'] },
  { name: 'CallbackURL over 512 characters', action: 'CreatePullToPushTask', params: { ...liveTask(), CallbackURL: `https://cb.example.com/${'x'.repeat(500)}` }, fields: ['CallbackURL'] },
  { name: 'Watermark without Ratio', action: 'CreatePullToPushTask', params: { ...liveTask(), Watermark: without(wm(), 'Ratio') }, fields: ['Watermark.Ratio'] },
  { name: 'Watermark GIF picture', action: 'CreatePullToPushTask', params: { ...liveTask(), Watermark: wm({ Picture: dataUrl(200, 'gif') }) }, fields: ['Watermark.Picture'] },
  { name: 'Watermark masked picture (seed sample)', action: 'CreatePullToPushTask', params: { ...liveTask(), Watermark: wm({ Picture: '****mCC' }) }, fields: ['Watermark.Picture'] },
  { name: 'Watermark picture under 100 B', action: 'CreatePullToPushTask', params: { ...liveTask(), Watermark: wm({ Picture: dataUrl(99) }) }, fields: ['Watermark.Picture'] },
  { name: 'Watermark picture over 2 MB', action: 'CreatePullToPushTask', params: { ...liveTask(), Watermark: wm({ Picture: dataUrl(2 * 1024 * 1024 + 1, 'jpeg') }) }, fields: ['Watermark.Picture'] },
  { name: 'Watermark RelativePosX 1', action: 'CreatePullToPushTask', params: { ...liveTask(), Watermark: wm({ RelativePosX: 1 }) }, fields: ['Watermark.RelativePosX'] },
  { name: 'Watermark RelativePosY negative', action: 'CreatePullToPushTask', params: { ...liveTask(), Watermark: wm({ RelativePosY: -0.1 }) }, fields: ['Watermark.RelativePosY'] },
  { name: 'Watermark Ratio 0', action: 'CreatePullToPushTask', params: { ...liveTask(), Watermark: wm({ Ratio: 0 }) }, fields: ['Watermark.Ratio'] },
  { name: 'Update without TaskId', action: 'UpdatePullToPushTask', params: liveTask(), fields: ['TaskId'] },
  { name: 'Update with a bad Title', action: 'UpdatePullToPushTask', params: { ...liveTask(), TaskId: 'x', Title: 'a b' }, fields: ['Title'] },
  { name: 'Delete without TaskId', action: 'DeletePullToPushTask', params: {}, fields: ['TaskId'] },
  { name: 'Stop with an empty TaskId', action: 'StopPullToPushTask', params: { TaskId: '' }, fields: ['TaskId'] },
  { name: 'Restart with a numeric TaskId', action: 'RestartPullToPushTask', params: { TaskId: 42 }, fields: ['TaskId'] },
  { name: 'Continue without TaskId', action: 'ContinuePullToPushTask', params: { GroupName: 'g' }, fields: ['TaskId'] },
  { name: 'List Size 501', action: 'ListPullToPushTask', params: { Size: 501 }, fields: ['Size'] },
  { name: 'List Page 0', action: 'ListPullToPushTask', params: { Page: 0 }, fields: ['Page'] },
  { name: 'List Page 1.5', action: 'ListPullToPushTask', params: { Page: 1.5 }, fields: ['Page'] },
  { name: 'live PageSize 1001', action: 'DescribeLiveStreamInfoByPage', params: { ...page, PageSize: 1001 }, fields: ['PageSize'] },
  { name: 'live PageSize 0', action: 'DescribeLiveStreamInfoByPage', params: { ...page, PageSize: 0 }, fields: ['PageSize'] },
  { name: 'live PageNum missing', action: 'DescribeLiveStreamInfoByPage', params: { PageSize: 10 }, fields: ['PageNum'] },
  { name: 'live StreamType', action: 'DescribeLiveStreamInfoByPage', params: { ...page, StreamType: 'copy' }, fields: ['StreamType'] },
  { name: 'live SourceType', action: 'DescribeLiveStreamInfoByPage', params: { ...page, SourceType: 'pull' }, fields: ['SourceType'] },
  { name: 'live QueryType', action: 'DescribeLiveStreamInfoByPage', params: { ...page, QueryType: 'exact' }, fields: ['QueryType'] },
  { name: 'live App over 30 characters', action: 'DescribeLiveStreamInfoByPage', params: { ...page, App: 'a'.repeat(31) }, fields: ['App'] },
  { name: 'live Stream with a slash', action: 'DescribeLiveStreamInfoByPage', params: { ...page, Stream: 'a/b' }, fields: ['Stream'] },
  { name: 'closed PageSize 1001', action: 'DescribeClosedStreamInfoByPage', params: { ...closed, PageSize: 1001 }, fields: ['PageSize'] },
  { name: 'closed EndTimeFrom missing', action: 'DescribeClosedStreamInfoByPage', params: without(closed, 'EndTimeFrom'), fields: ['EndTimeFrom'] },
  { name: 'closed EndTimeTo missing', action: 'DescribeClosedStreamInfoByPage', params: without(closed, 'EndTimeTo'), fields: ['EndTimeTo'] },
  { name: 'closed EndTimeFrom not RFC 3339', action: 'DescribeClosedStreamInfoByPage', params: { ...closed, EndTimeFrom: '2024-04-14 00:00:00' }, fields: ['EndTimeFrom'] },
  { name: 'closed EndTimeTo on 31 April', action: 'DescribeClosedStreamInfoByPage', params: { ...closed, EndTimeTo: '2024-04-31T00:00:00Z' }, fields: ['EndTimeTo'] },
  { name: 'closed EndTimeTo before EndTimeFrom', action: 'DescribeClosedStreamInfoByPage', params: { ...closed, EndTimeTo: '2024-04-13T00:00:00Z' }, fields: ['EndTimeTo'] },
  { name: 'closed Sort', action: 'DescribeClosedStreamInfoByPage', params: { ...closed, Sort: 'up' }, fields: ['Sort'] },
  { name: 'closed SourceType', action: 'DescribeClosedStreamInfoByPage', params: { ...closed, SourceType: 'x' }, fields: ['SourceType'] },
  { name: 'forbidden Stream without App', action: 'DescribeForbiddenStreamInfoByPage', params: { ...page, Stream: 'stream001' }, fields: ['App'] },
  { name: 'forbidden Sort', action: 'DescribeForbiddenStreamInfoByPage', params: { ...page, Sort: 'random' }, fields: ['Sort'] },
  { name: 'forbidden PageNum 0', action: 'DescribeForbiddenStreamInfoByPage', params: { ...page, PageNum: 0 }, fields: ['PageNum'] },
  { name: 'Kill without Vhost', action: 'KillStream', params: without(ref, 'Vhost'), fields: ['Vhost'] },
  { name: 'Kill without Stream', action: 'KillStream', params: without(ref, 'Stream'), fields: ['Stream'] },
  { name: 'Forbid with Vhost and Domain (seed sample)', action: 'ForbidStream', params: { ...ref, Domain: 'push.example.com' }, fields: ['Vhost', 'Domain'] },
  { name: 'Forbid with neither Vhost nor Domain', action: 'ForbidStream', params: without(ref, 'Vhost'), fields: ['Vhost', 'Domain'] },
  { name: 'Forbid over 90 days', action: 'ForbidStream', params: { ...ref, EndTime: iso(T0_MS + 90 * 86_400_000 + 1000) }, fields: ['EndTime'] },
  { name: 'Forbid ending in the past', action: 'ForbidStream', params: { ...ref, EndTime: iso(T0_MS - 1000) }, fields: ['EndTime'] },
  { name: 'Forbid EndTime not RFC 3339', action: 'ForbidStream', params: { ...ref, EndTime: '2024/05/01' }, fields: ['EndTime'] },
  { name: 'Forbid without App', action: 'ForbidStream', params: without(ref, 'App'), fields: ['App'] },
  { name: 'Forbid Priority 1.5', action: 'ForbidStream', params: { ...ref, Priority: 1.5 }, fields: ['Priority'] },
  { name: 'Resume App with a space', action: 'ResumeStream', params: { ...ref, App: 'a b' }, fields: ['App'] },
  { name: 'Resume with an empty Domain', action: 'ResumeStream', params: { ...without(ref, 'Vhost'), Domain: '' }, fields: ['Domain'] },
  { name: 'State without Stream', action: 'DescribeLiveStreamState', params: without(ref, 'Stream'), fields: ['Stream'] },
  { name: 'State Stream over 100 characters', action: 'DescribeLiveStreamState', params: { ...ref, Stream: 's'.repeat(101) }, fields: ['Stream'] },
  { name: 'State with Vhost and Domain', action: 'DescribeLiveStreamState', params: { ...ref, Domain: 'push.example.com' }, fields: ['Vhost', 'Domain'] },
];

const GET_ACTIONS = new Set(['ListPullToPushTask', 'DescribeLiveStreamInfoByPage', 'DescribeClosedStreamInfoByPage', 'DescribeForbiddenStreamInfoByPage', 'DescribeLiveStreamState']);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.running.close());
beforeEach(() => h.running.emulator.reset());

describe('validation: client and emulator agree', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const error = await h.client().request(c.action, c.params as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    const message = (error as InvalidInputError).message;
    expect(message.startsWith(`[${c.action}] Expected `)).toBe(true);
    for (const field of c.fields) expect(message).toContain(field);
    expect(h.running.emulator.requests).toHaveLength(0);

    const isGet = GET_ACTIONS.has(c.action);
    const answer = await rawCall(h.running.url, {
      action: c.action,
      ...(isGet ? { query: c.params as Record<string, string> } : { body: c.params }),
      credentials: { accessKeyId: AK, secretAccessKey: SK },
      date: new Date(h.clock.now),
    });
    expect(answer.status).toBe(400);
    const apiError = answer.json.ResponseMetadata.Error;
    expect(apiError?.Code).toMatch(/^InvalidParam(\.BindError)?$/);
    for (const field of c.fields) expect(apiError?.Message).toContain(field);
    expect(answer.json.Result).toBeUndefined();
  });

  it('accepts the valid bases the cases are derived from', async () => {
    const client = h.client();
    await expect(client.createPullToPushTask(liveTask())).resolves.toHaveProperty('TaskId');
    await expect(client.createPullToPushTask({ ...vodTask(), Watermark: wm(), PreDownload: 0, ContinueStrategy: 1 })).resolves.toHaveProperty('TaskId');
    await expect(client.createPullToPushTask({ ...vodTask(), CycleMode: 0, PlayTimes: 3 })).resolves.toHaveProperty('TaskId');
    await expect(client.createPullToPushTask({ ...without(vodTask(), 'SrcAddrS', 'OffsetS'), VodSrcAddrs: [{ SrcAddr: 'https://v/c.mp4', StartOffset: 2 }] } as never)).resolves.toHaveProperty('TaskId');
    await expect(client.createPullToPushTask({ ...liveTask(), Title: '', EndTime: T0 + 3600 + 7 * 86400, Watermark: wm({ Picture: dataUrl(2 * 1024 * 1024, 'jpg') }) })).resolves.toHaveProperty('TaskId');
    await expect(client.describeClosedStreamInfoByPage(closed)).resolves.toHaveProperty('RoughCount');
    await expect(client.describeForbiddenStreamInfoByPage({ ...page, App: 'live', Stream: 'stream001' })).resolves.toHaveProperty('RoughCount');
    await expect(client.forbidStream({ Domain: 'push.example.com', App: 'live', Stream: 'stream002', EndTime: iso(T0_MS + 90 * 86_400_000) })).resolves.toHaveProperty('RequestId');
    expect(h.running.emulator.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('honours a raised CallbackURL limit (2024-04 model: 2000)', async () => {
    const long = `https://cb.example.com/${'x'.repeat(1500)}`;
    await expect(h.client().createPullToPushTask({ ...liveTask(), CallbackURL: long })).rejects.toThrow(/CallbackURL/);
    await expect(h.client({ callbackUrlMaxLength: 2000 }).createPullToPushTask({ ...liveTask(), CallbackURL: long })).rejects.toMatchObject({
      apiCode: 'InvalidParam',
    });
  });
});
