/** What each action does to the emulator state, and what it answers (docs §2, §6). */
import { ApiError, businessErrors } from './api-error.js';
import { rfc3339 } from './ids.js';
import type { Raw } from './validate-params.js';
import { rfc3339Ms } from './validate-params.js';
import type { TaskRecord, VolcengineEmulatorState } from './state.js';

export interface HandlerContext {
  state: VolcengineEmulatorState;
  now: number;
  /** Answer for an unknown TaskId or a stream that is not online (undocumented; docs §7.5). */
  notFound: (what: string) => ApiError;
}

/** `undefined`: answer without `Result`. */
type Handler = (params: Raw, ctx: HandlerContext) => unknown;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown, fallback: number): number => (v === undefined || v === null || v === '' ? fallback : Number(v));

function findTask(params: Raw, ctx: HandlerContext): TaskRecord {
  const task = ctx.state.tasks.get(str(params['TaskId']));
  if (!task) throw ctx.notFound(`TaskId ${str(params['TaskId'])}`);
  if (params['GroupName'] !== undefined && str(params['GroupName']) !== str(task.body['GroupName'])) {
    throw ctx.notFound(`TaskId ${task.TaskId} in group ${str(params['GroupName'])}`);
  }
  return task;
}

function resumeTask(params: Raw, ctx: HandlerContext): undefined {
  const task = findTask(params, ctx);
  if (!task.stopped) throw businessErrors.invalidParam('TaskId', 'the task is not stopped');
  task.stopped = false;
  return undefined;
}

function matches(value: string, wanted: unknown, fuzzy: boolean): boolean {
  const w = str(wanted);
  if (w === '') return true;
  return fuzzy ? value.toLowerCase().includes(w.toLowerCase()) : value === w;
}

function filterStreams<T extends { Vhost: string; Domain: string; App: string; Stream: string }>(list: T[], p: Raw): T[] {
  const fuzzy = p['QueryType'] === 'fuzzy';
  return list.filter(
    (s) =>
      (!str(p['Vhost']) || s.Vhost === p['Vhost']) &&
      (!str(p['Domain']) || s.Domain === p['Domain']) &&
      matches(s.App, p['App'], fuzzy) &&
      matches(s.Stream, p['Stream'], fuzzy),
  );
}

function pageOf<T>(list: T[], p: Raw): { RoughCount: number; StreamInfoList: T[] } {
  const size = int(p['PageSize'], 10);
  const from = (int(p['PageNum'], 1) - 1) * size;
  return { RoughCount: list.length, StreamInfoList: list.slice(from, from + size) };
}

function byTime<T>(list: T[], key: (t: T) => number, sort: unknown): T[] {
  const dir = sort === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => dir * (key(a) - key(b)));
}

export const HANDLERS: Record<string, Handler> = {
  CreatePullToPushTask: (p, ctx) => ({ TaskId: ctx.state.createTask({ ...p }).TaskId }),

  UpdatePullToPushTask: (p, ctx) => {
    const task = findTask({ TaskId: p['TaskId'] }, ctx);
    const body: Raw = { ...p };
    delete body['TaskId'];
    // An empty Title leaves the title unchanged; GroupName cannot be changed.
    if (!str(body['Title'])) body['Title'] = task.body['Title'];
    body['GroupName'] = task.body['GroupName'];
    task.body = body;
    return undefined;
  },

  DeletePullToPushTask: (p, ctx) => {
    ctx.state.tasks.delete(findTask(p, ctx).TaskId);
    return undefined;
  },

  RestartPullToPushTask: resumeTask,
  ContinuePullToPushTask: resumeTask,

  StopPullToPushTask: (p, ctx) => {
    const task = findTask(p, ctx);
    if (ctx.state.taskStatus(task) === '已结束') throw businessErrors.invalidParam('TaskId', 'the task has ended');
    task.stopped = true;
    return undefined;
  },

  ListPullToPushTask: (p, ctx) => {
    const title = str(p['Title']).toLowerCase();
    const group = str(p['GroupName']);
    const all = [...ctx.state.tasks.values()]
      .filter((t) => str(t.body['Title']).toLowerCase().includes(title) && (!group || str(t.body['GroupName']) === group))
      .sort((a, b) => a.createdAt - b.createdAt);
    const size = int(p['Size'], 20);
    const page = int(p['Page'], 1);
    return {
      List: all.slice((page - 1) * size, page * size).map((t) => ctx.state.taskView(t)),
      Pagination: { PageCur: page, PageSize: size, PageTotal: Math.ceil(all.length / size), TotalCount: all.length },
    };
  },

  DescribeLiveStreamInfoByPage: (p, ctx) => {
    const list = filterStreams(ctx.state.online, p).filter(
      (s) => (!p['SourceType'] || s.SourceType === p['SourceType']) && (!p['StreamType'] || s.StreamType === p['StreamType']),
    );
    return pageOf(
      list.map((s) => ({
        ID: s.ID,
        Vhost: s.Vhost,
        Domain: s.Domain,
        App: s.App,
        Stream: s.Stream,
        SessionStartTime: rfc3339(s.startedAt),
        SourceType: s.SourceType,
      })),
      p,
    );
  },

  DescribeClosedStreamInfoByPage: (p, ctx) => {
    const from = rfc3339Ms(str(p['EndTimeFrom'])) ?? 0;
    const to = rfc3339Ms(str(p['EndTimeTo'])) ?? 0;
    const list = filterStreams(ctx.state.closed, p).filter(
      (s) => s.endedAt >= from && s.endedAt <= to && (!p['SourceType'] || s.SourceType === p['SourceType']),
    );
    return pageOf(
      byTime(list, (s) => s.endedAt, p['Sort']).map((s) => ({
        Vhost: s.Vhost,
        Domain: s.Domain,
        App: s.App,
        Stream: s.Stream,
        StartTime: rfc3339(s.startedAt),
        EndTime: rfc3339(s.endedAt),
        SourceType: s.SourceType,
      })),
      p,
    );
  },

  DescribeForbiddenStreamInfoByPage: (p, ctx) =>
    pageOf(
      byTime(filterStreams(ctx.state.forbidden, p), (f) => f.endsAt, p['Sort']).map((f) => ({
        Vhost: f.Vhost,
        Domain: f.Domain,
        App: f.App,
        Stream: f.Stream,
        CreateTime: rfc3339(f.createdAt),
        EndTime: rfc3339(f.endsAt),
        Status: f.active && f.endsAt > ctx.now,
      })),
      p,
    ),

  KillStream: (p, ctx) => {
    if (ctx.state.kill(str(p['Vhost']), str(p['App']), str(p['Stream'])) === 0) {
      throw ctx.notFound(`online stream ${str(p['Vhost'])}/${str(p['App'])}/${str(p['Stream'])}`);
    }
    return undefined;
  },

  ForbidStream: (p, ctx) => {
    const endsAt = p['EndTime'] === undefined ? ctx.now + 90 * 86_400_000 : (rfc3339Ms(str(p['EndTime'])) ?? ctx.now);
    ctx.state.forbid({ ...refOf(p) }, endsAt);
    return undefined;
  },

  ResumeStream: (p, ctx) => {
    ctx.state.resume(refOf(p));
    return undefined;
  },

  DescribeLiveStreamState: (p, ctx) => {
    const ref = refOf(p);
    const vhost = ctx.state.vhostOf(ref);
    if (ctx.state.activeForbid(vhost, ref.App, ref.Stream)) return { stream_state: 'forbidden', type: 'push' };
    const live = ctx.state.online.find((s) => s.Vhost === vhost && s.App === ref.App && s.Stream === ref.Stream);
    if (live) return { stream_state: 'online', type: live.SourceType === 'relay' ? 'pull' : 'push' };
    return { stream_state: 'offline', type: 'push' };
  },
};

function refOf(p: Raw): { Vhost?: string; Domain?: string; App: string; Stream: string } {
  const ref: { Vhost?: string; Domain?: string; App: string; Stream: string } = { App: str(p['App']), Stream: str(p['Stream']) };
  if (str(p['Vhost'])) ref.Vhost = str(p['Vhost']);
  if (str(p['Domain'])) ref.Domain = str(p['Domain']);
  return ref;
}
