/** In-memory tasks and streams of the emulated Volcengine Live account. */
import { randomHex, rfc3339 } from './ids.js';

export interface TaskRecord {
  TaskId: string;
  /** The create/update body as received (JSON). */
  body: Record<string, unknown>;
  stopped: boolean;
  createdAt: number;
}

export interface OnlineStream {
  ID: number;
  Vhost: string;
  Domain: string;
  App: string;
  Stream: string;
  /** Epoch ms. */
  startedAt: number;
  SourceType: 'push' | 'relay';
  StreamType: 'origin' | 'trans';
}

export interface ClosedStream {
  Vhost: string;
  Domain: string;
  App: string;
  Stream: string;
  startedAt: number;
  endedAt: number;
  SourceType: 'push' | 'relay';
}

export interface ForbidRecord {
  Vhost: string;
  Domain: string;
  App: string;
  Stream: string;
  createdAt: number;
  endsAt: number;
  /** False once resumed. */
  active: boolean;
}

export interface EmulatorFixtures {
  /** Push/play domains and the vhost each belongs to. */
  domains?: { Domain: string; Vhost: string }[];
  onlineStreams?: (Omit<OnlineStream, 'ID' | 'startedAt' | 'StreamType'> & { startedAt?: number; StreamType?: 'origin' | 'trans' })[];
  closedStreams?: ClosedStream[];
}

export type TaskStatus = '停用' | '未开始' | '生效中' | '已结束';

export const DEFAULT_FIXTURES: Required<EmulatorFixtures> = {
  domains: [
    { Domain: 'push.example.com', Vhost: 'example.com' },
    { Domain: 'pull.example.com', Vhost: 'example.com' },
  ],
  onlineStreams: [
    { Vhost: 'example.com', Domain: 'push.example.com', App: 'live', Stream: 'stream001', SourceType: 'push' },
    { Vhost: 'example.com', Domain: 'push.example.com', App: 'live', Stream: 'stream002', SourceType: 'push' },
    { Vhost: 'example.com', Domain: 'push.example.com', App: 'relay', Stream: 'mirror01', SourceType: 'relay' },
  ],
  closedStreams: [],
};

export class VolcengineEmulatorState {
  readonly tasks = new Map<string, TaskRecord>();
  online: OnlineStream[] = [];
  closed: ClosedStream[] = [];
  forbidden: ForbidRecord[] = [];
  readonly domains = new Map<string, string>();
  #nextId = 1;

  constructor(
    private readonly clock: () => number,
    private readonly random: () => number,
    fixtures: EmulatorFixtures = DEFAULT_FIXTURES,
  ) {
    this.load(fixtures);
  }

  load(fixtures: EmulatorFixtures): void {
    this.tasks.clear();
    this.online = [];
    this.closed = [...(fixtures.closedStreams ?? [])];
    this.forbidden = [];
    this.domains.clear();
    this.#nextId = 1;
    for (const d of fixtures.domains ?? []) this.domains.set(d.Domain, d.Vhost);
    for (const s of fixtures.onlineStreams ?? []) this.goOnline(s);
  }

  /** Starts a stream (as a push or a relay would). */
  goOnline(s: NonNullable<EmulatorFixtures['onlineStreams']>[number]): OnlineStream {
    const stream: OnlineStream = {
      StreamType: 'origin',
      ...s,
      ID: this.#nextId++,
      startedAt: s.startedAt ?? this.clock(),
    };
    this.online.push(stream);
    return stream;
  }

  vhostOf(ref: { Vhost?: string | undefined; Domain?: string | undefined }): string {
    if (ref.Vhost) return ref.Vhost;
    return this.domains.get(ref.Domain ?? '') ?? ref.Domain ?? '';
  }

  /** Ends every online session of vhost/app/stream; returns how many. */
  kill(vhost: string, app: string, stream: string): number {
    const now = this.clock();
    const keep: OnlineStream[] = [];
    let killed = 0;
    for (const s of this.online) {
      if (s.Vhost === vhost && s.App === app && s.Stream === stream) {
        this.closed.push({ Vhost: s.Vhost, Domain: s.Domain, App: s.App, Stream: s.Stream, startedAt: s.startedAt, endedAt: now, SourceType: s.SourceType });
        killed++;
      } else {
        keep.push(s);
      }
    }
    this.online = keep;
    return killed;
  }

  activeForbid(vhost: string, app: string, stream: string): ForbidRecord | undefined {
    const now = this.clock();
    return this.forbidden.find((f) => f.active && f.endsAt > now && f.Vhost === vhost && f.App === app && f.Stream === stream);
  }

  forbid(ref: { Vhost?: string; Domain?: string; App: string; Stream: string }, endsAt: number): ForbidRecord {
    const vhost = this.vhostOf(ref);
    for (const f of this.forbidden) if (f.active && f.Vhost === vhost && f.App === ref.App && f.Stream === ref.Stream) f.active = false;
    const record: ForbidRecord = {
      Vhost: vhost,
      Domain: ref.Domain ?? '',
      App: ref.App,
      Stream: ref.Stream,
      createdAt: this.clock(),
      endsAt,
      active: true,
    };
    this.forbidden.push(record);
    this.kill(vhost, ref.App, ref.Stream);
    return record;
  }

  resume(ref: { Vhost?: string; Domain?: string; App: string; Stream: string }): number {
    const vhost = this.vhostOf(ref);
    let resumed = 0;
    for (const f of this.forbidden) {
      if (f.active && f.Vhost === vhost && f.App === ref.App && f.Stream === ref.Stream) {
        f.active = false;
        resumed++;
      }
    }
    return resumed;
  }

  createTask(body: Record<string, unknown>): TaskRecord {
    const record: TaskRecord = { TaskId: randomHex(this.random, 32), body, stopped: false, createdAt: this.clock() };
    this.tasks.set(record.TaskId, record);
    return record;
  }

  taskStatus(task: TaskRecord): TaskStatus {
    if (task.stopped) return '停用';
    const now = this.clock() / 1000;
    if (now < Number(task.body['StartTime'])) return '未开始';
    if (now < Number(task.body['EndTime'])) return '生效中';
    return '已结束';
  }

  /** The task as ListPullToPushTask shows it. */
  taskView(task: TaskRecord): Record<string, unknown> {
    const b = task.body;
    const domain = typeof b['Domain'] === 'string' ? b['Domain'] : '';
    const dst = typeof b['DstAddr'] === 'string' && b['DstAddr'] !== '' ? b['DstAddr'] : `rtmp://${domain}/${String(b['App'])}/${String(b['Stream'])}`;
    let dstHost = '';
    try {
      dstHost = new URL(dst).hostname;
    } catch {
      dstHost = '';
    }
    const view: Record<string, unknown> = {
      TaskId: task.TaskId,
      Title: b['Title'] ?? '',
      StartTime: rfc3339(Number(b['StartTime']) * 1000),
      EndTime: rfc3339(Number(b['EndTime']) * 1000),
      Type: b['Type'],
      CallbackURL: b['CallbackURL'] ?? '',
      DstAddr: dst,
      DstAddrType: this.domains.has(dstHost) ? 1 : 2,
      Status: this.taskStatus(task),
    };
    for (const key of ['SrcAddr', 'SrcAddrS', 'OffsetS', 'CycleMode', 'PlayTimes', 'PreDownload', 'ContinueStrategy', 'Watermark', 'GroupName']) {
      if (b[key] !== undefined) view[key] = b[key];
    }
    if (b['Type'] === 1) view['PreDownload'] ??= 1;
    return view;
  }
}
