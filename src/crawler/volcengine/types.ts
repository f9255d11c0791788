/**
 * Request and response shapes of the Volcengine Live actions, with the vendor's field names
 * (docs/volcengine-live-api.md §2–3). Times in task requests are Unix seconds; times in
 * responses and stream requests are RFC 3339 strings.
 */

export interface VolcengineResponseError {
  Code: string;
  Message: string;
  CodeN?: number;
}

export interface VolcengineResponseMetadata {
  RequestId: string;
  Action: string;
  Version: string;
  Service: string;
  Region: string;
  Error?: VolcengineResponseError;
}

export interface VolcengineEnvelope<R = unknown> {
  ResponseMetadata: VolcengineResponseMetadata;
  Result?: R;
}

export interface Watermark {
  /** `data:image/png|jpg|jpeg;base64,…`, 100 B – 2 MB decoded, at most 1080×1080. */
  Picture: string;
  /** Horizontal position as a fraction of the frame width, in [0, 1). */
  RelativePosX: number;
  /** Vertical position as a fraction of the frame height, in [0, 1). */
  RelativePosY: number;
  /** Watermark width as a fraction of the source width, in (0, 1]. */
  Ratio: number;
}

export interface VodSrcAddr {
  SrcAddr: string;
  StartOffset?: number;
  EndOffset?: number;
}

/** 0 = live source (SrcAddr), 1 = VOD files (SrcAddrS or VodSrcAddrs). */
export type PullToPushTaskType = 0 | 1;

export interface CreatePullToPushTaskRequest {
  /** Unix seconds. */
  StartTime: number;
  /** Unix seconds; after StartTime and at most 7 days later. */
  EndTime: number;
  Type: PullToPushTaskType;
  /** 1–20 Han characters, letters or digits; empty means no title. */
  Title?: string;
  CallbackURL?: string;
  /** Required for Type 0. */
  SrcAddr?: string;
  /** Required for Type 1 (unless VodSrcAddrs): 1–30 URLs. */
  SrcAddrS?: string[];
  /** Required for Type 1: -1 loops until EndTime, 0 plays PlayTimes times, n > 0 loops n times. */
  CycleMode?: number;
  /** Required when CycleMode is 0. */
  PlayTimes?: number;
  /** Push target; when empty, Domain, App and Stream are all required. */
  DstAddr?: string;
  Domain?: string;
  App?: string;
  Stream?: string;
  Watermark?: Watermark;
  /** 0 or 1 (default 1). Type 1 only. */
  PreDownload?: 0 | 1;
  /** Start offsets in seconds, one per SrcAddrS entry. */
  OffsetS?: number[];
  /** 0 resumes at the break point, 1 adds the time elapsed. Type 1 only. */
  ContinueStrategy?: 0 | 1;
  /** Start offset in seconds when SrcAddrS has one entry and OffsetS is not set. */
  Offset?: number;
  GroupName?: string;
  /** Not together with SrcAddrS or OffsetS. */
  VodSrcAddrs?: VodSrcAddr[];
}

export interface CreatePullToPushTaskResult {
  TaskId: string;
}

export interface UpdatePullToPushTaskRequest extends CreatePullToPushTaskRequest {
  TaskId: string;
}

export interface PullToPushTaskRef {
  TaskId: string;
  GroupName?: string;
}

export type DeletePullToPushTaskRequest = PullToPushTaskRef;
export type RestartPullToPushTaskRequest = PullToPushTaskRef;
export type ContinuePullToPushTaskRequest = PullToPushTaskRef;
export type StopPullToPushTaskRequest = PullToPushTaskRef;

export interface ListPullToPushTaskRequest {
  /** @default 1 */
  Page?: number;
  /** 1–500. @default 20 */
  Size?: number;
  /** Case-insensitive substring of the title. */
  Title?: string;
  GroupName?: string;
}

/** Status wire values are not documented; the emulator uses the console labels. */
export type PullToPushTaskStatus = '停用' | '未开始' | '生效中' | '已结束' | (string & {});

export interface PullToPushTask {
  TaskId?: string;
  Title?: string;
  /** RFC 3339. */
  StartTime?: string;
  /** RFC 3339. */
  EndTime?: string;
  Type?: number;
  CallbackURL?: string;
  SrcAddr?: string;
  SrcAddrS?: string[];
  OffsetS?: number[];
  CycleMode?: number;
  PlayTimes?: number;
  DstAddr?: string;
  /** 1 = a domain added to Live, 2 = third party. */
  DstAddrType?: number;
  PreDownload?: number;
  ContinueStrategy?: number;
  Watermark?: Watermark;
  Status?: PullToPushTaskStatus;
  GroupName?: string;
}

export interface Pagination {
  PageCur: number;
  PageSize: number;
  PageTotal: number;
  TotalCount: number;
}

export interface ListPullToPushTaskResult {
  List?: PullToPushTask[];
  Pagination?: Pagination;
}

export type QueryType = 'fuzzy' | 'strict';
export type SourceType = 'push' | 'relay';
export type SortOrder = 'asc' | 'desc';

export interface StreamFilter {
  /** Empty means every vhost. */
  Vhost?: string;
  Domain?: string;
  /** 1–30 of `[A-Za-z0-9_.-]`. */
  App?: string;
  /** 1–100 of `[A-Za-z0-9_.-]`. */
  Stream?: string;
  /** @default 'strict' */
  QueryType?: QueryType;
}

export interface PageRequest {
  /** ≥ 1. */
  PageNum: number;
  /** 1–1000. */
  PageSize: number;
}

export interface DescribeLiveStreamInfoByPageRequest extends PageRequest, StreamFilter {
  StreamType?: 'origin' | 'trans';
  SourceType?: SourceType;
}

export interface LiveStreamInfo {
  /** int64: a `bigint` when it does not fit a double. */
  ID: number | bigint;
  Vhost: string;
  Domain: string;
  App: string;
  Stream: string;
  SessionStartTime: string;
  SourceType: string;
}

export interface StreamInfoPage<T> {
  /** Approximate number of matches. */
  RoughCount: number;
  StreamInfoList?: T[];
}

export type DescribeLiveStreamInfoByPageResult = StreamInfoPage<LiveStreamInfo>;

export interface DescribeClosedStreamInfoByPageRequest extends PageRequest, StreamFilter {
  /** RFC 3339, e.g. `2021-10-02T19:39:26+08:00`. */
  EndTimeFrom: string;
  /** RFC 3339. */
  EndTimeTo: string;
  /** By end time. @default 'desc' */
  Sort?: SortOrder;
  SourceType?: SourceType;
}

export interface ClosedStreamInfo {
  Vhost: string;
  Domain: string;
  App: string;
  Stream: string;
  StartTime: string;
  EndTime: string;
  SourceType: string;
}

export type DescribeClosedStreamInfoByPageResult = StreamInfoPage<ClosedStreamInfo>;

export interface DescribeForbiddenStreamInfoByPageRequest extends PageRequest, StreamFilter {
  /** @default 'desc' */
  Sort?: SortOrder;
}

export interface ForbiddenStreamInfo {
  Vhost: string;
  Domain: string;
  App: string;
  Stream: string;
  CreateTime: string;
  EndTime: string;
  /** Whether the forbid rule is in force. */
  Status: boolean;
}

export type DescribeForbiddenStreamInfoByPageResult = StreamInfoPage<ForbiddenStreamInfo>;

export interface KillStreamRequest {
  Vhost: string;
  App: string;
  Stream: string;
}

/** Exactly one of Vhost and Domain. */
export type VhostOrDomain = { Vhost: string; Domain?: undefined } | { Domain: string; Vhost?: undefined };

export type StreamRef = VhostOrDomain & { App: string; Stream: string };

export type ForbidStreamRequest = StreamRef & {
  /** RFC 3339, at most 90 days ahead (sent as UTC with milliseconds). @default now + 90 days */
  EndTime?: string;
  Priority?: number;
};

export type ResumeStreamRequest = StreamRef & { Priority?: number };

export type DescribeLiveStreamStateRequest = StreamRef;

export interface DescribeLiveStreamStateResult {
  stream_state: 'online' | 'offline' | 'forbidden' | (string & {});
  type: 'push' | 'pull' | (string & {});
}

/** Parameters and results per action, for `client.request()`. */
export interface VolcengineLiveApi {
  CreatePullToPushTask: [CreatePullToPushTaskRequest, CreatePullToPushTaskResult];
  UpdatePullToPushTask: [UpdatePullToPushTaskRequest, undefined];
  DeletePullToPushTask: [DeletePullToPushTaskRequest, undefined];
  RestartPullToPushTask: [RestartPullToPushTaskRequest, undefined];
  ContinuePullToPushTask: [ContinuePullToPushTaskRequest, undefined];
  StopPullToPushTask: [StopPullToPushTaskRequest, undefined];
  ListPullToPushTask: [ListPullToPushTaskRequest, ListPullToPushTaskResult];
  DescribeLiveStreamInfoByPage: [DescribeLiveStreamInfoByPageRequest, DescribeLiveStreamInfoByPageResult];
  DescribeClosedStreamInfoByPage: [DescribeClosedStreamInfoByPageRequest, DescribeClosedStreamInfoByPageResult];
  DescribeForbiddenStreamInfoByPage: [DescribeForbiddenStreamInfoByPageRequest, DescribeForbiddenStreamInfoByPageResult];
  KillStream: [KillStreamRequest, undefined];
  ForbidStream: [ForbidStreamRequest, unknown];
  ResumeStream: [ResumeStreamRequest, undefined];
  DescribeLiveStreamState: [DescribeLiveStreamStateRequest, DescribeLiveStreamStateResult];
}
