/** The emulator mounted beside other routes (as the main emulator does), and task state rules. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolcengineEmulator } from '../../../src/emulator/volcengine/index.js';
import { rawCall } from './raw-request.js';

const creds = { accessKeyId: 'AKmount01', secretAccessKey: 'mountSecret01' };
const NOW = Date.parse('2024-04-15T03:37:03Z');
const clock = { now: NOW };
const emulator = createVolcengineEmulator({ credentials: [creds], clock: () => clock.now, seed: 7 });
const server = createServer((req, res) => {
  if (emulator.matches(req)) return void emulator.handle(req, res);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('other route');
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (action: string, body: unknown) => rawCall(base, { action, body, credentials: creds, date: new Date(clock.now) });
const task = { StartTime: NOW / 1000 + 60, EndTime: NOW / 1000 + 120, Type: 0, Title: 'Keep', SrcAddr: 'rtmp://a/b/c', DstAddr: 'rtmp://third.party/x/y', GroupName: 'g1' };

describe('mounted Volcengine emulator', () => {
  it('shares a server with other routes', async () => {
    expect(await (await fetch(`${base}/aweme/v1/web/aweme/detail/?aweme_id=1`)).text()).toBe('other route');
    expect((await rawCall(base, { action: 'ListPullToPushTask', credentials: creds, date: new Date(NOW) })).status).toBe(200);
  });

  it('applies the task rules: groups, empty title on update, stop after the end', async () => {
    const { TaskId } = (await post('CreatePullToPushTask', task)).json.Result as { TaskId: string };
    const list = await rawCall(base, { action: 'ListPullToPushTask', query: { GroupName: 'g1' }, credentials: creds, date: new Date(NOW) });
    expect(list.json.Result.List[0]).toMatchObject({ TaskId, DstAddrType: 2, GroupName: 'g1', Status: '未开始' });
    expect((await post('StopPullToPushTask', { TaskId, GroupName: 'other' })).json.ResponseMetadata.Error?.Code).toBe('InvalidParam');
    expect((await post('UpdatePullToPushTask', { ...task, TaskId, Title: '', GroupName: 'changed' })).status).toBe(200);
    const after = emulator.state.tasks.get(TaskId);
    expect(after?.body).toMatchObject({ Title: 'Keep', GroupName: 'g1' });
    clock.now = NOW + 121_000;
    const late = await post('StopPullToPushTask', { TaskId });
    expect(late.status).toBe(400);
    expect(late.json.ResponseMetadata.Error?.Message).toContain('ended');
  });
});
