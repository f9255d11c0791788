/**
 * `VolcengineLiveClient`: typed calls to the Volcengine Live OpenAPI (Version 2023-01-01) for
 * pull-to-push tasks and stream management. Parameters are checked before anything is sent;
 * `ResponseMetadata.Error` becomes a `VolcengineError` whatever the HTTP status.
 */
import { VOLCENGINE_LIVE_ACTIONS, type VolcengineLiveAction } from './actions.js';
import { resolveClientOptions, type ResolvedClientConfig, type VolcengineLiveClientOptions } from './options.js';
import { sendAction } from './transport.js';
import type * as T from './types.js';
import { prepareParams } from './validate.js';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface IterateOptions extends CallOptions {
  /** Stop after this many items (the next page is not fetched). @default Infinity */
  maxItems?: number;
}

type Params<A extends VolcengineLiveAction> = T.VolcengineLiveApi[A][0];
type Result<A extends VolcengineLiveAction> = T.VolcengineLiveApi[A][1];

export class VolcengineLiveClient {
  readonly #config: ResolvedClientConfig;

  constructor(options: VolcengineLiveClientOptions) {
    this.#config = resolveClientOptions(options);
  }

  /** Where requests go, e.g. `https://live.volcengineapi.com`. */
  get endpoint(): string {
    return this.#config.endpoint;
  }

  /** Validates, signs and sends one action; resolves to the whole envelope. */
  async request<A extends VolcengineLiveAction>(
    action: A,
    params: Params<A>,
    { signal }: CallOptions = {},
  ): Promise<T.VolcengineEnvelope<Result<A>>> {
    const prepared = prepareParams(action, params, {
      now: this.#config.clock(),
      callbackUrlMaxLength: this.#config.callbackUrlMaxLength,
    });
    return sendAction<Result<A>>(this.#config, action, VOLCENGINE_LIVE_ACTIONS[action], prepared, signal);
  }

  async #result<A extends VolcengineLiveAction>(action: A, params: Params<A>, options?: CallOptions): Promise<Result<A>> {
    return (await this.request(action, params, options)).Result as Result<A>;
  }

  async #metadata<A extends VolcengineLiveAction>(action: A, params: Params<A>, options?: CallOptions): Promise<T.VolcengineResponseMetadata> {
    return (await this.request(action, params, options)).ResponseMetadata;
  }

  /** Creates a task that pulls a live stream (Type 0) or VOD files (Type 1) and pushes them on. */
  createPullToPushTask(params: T.CreatePullToPushTaskRequest, options?: CallOptions): Promise<T.CreatePullToPushTaskResult> {
    return this.#result('CreatePullToPushTask', params, options);
  }

  updatePullToPushTask(params: T.UpdatePullToPushTaskRequest, options?: CallOptions): Promise<T.VolcengineResponseMetadata> {
    return this.#metadata('UpdatePullToPushTask', params, options);
  }

  deletePullToPushTask(params: T.DeletePullToPushTaskRequest, options?: CallOptions): Promise<T.VolcengineResponseMetadata> {
    return this.#metadata('DeletePullToPushTask', params, options);
  }

  /**
   * Re-enables a stopped task.
   * @deprecated Retired by Volcengine in 2025 (maintenance stopped 2025-03-15, removed from the
   * SDKs 2025-06); the service may answer `InvalidActionOrVersion`. Use `continuePullToPushTask`.
   */
  restartPullToPushTask(params: T.RestartPullToPushTaskRequest, options?: CallOptions): Promise<T.VolcengineResponseMetadata> {
    return this.#metadata('RestartPullToPushTask', params, options);
  }

  /** Re-enables a stopped (停用) task; the replacement for RestartPullToPushTask. */
  continuePullToPushTask(params: T.ContinuePullToPushTaskRequest, options?: CallOptions): Promise<T.VolcengineResponseMetadata> {
    return this.#metadata('ContinuePullToPushTask', params, options);
  }

  /** Disables a task that has not started or is running. */
  stopPullToPushTask(params: T.StopPullToPushTaskRequest, options?: CallOptions): Promise<T.VolcengineResponseMetadata> {
    return this.#metadata('StopPullToPushTask', params, options);
  }

  async listPullToPushTask(params: T.ListPullToPushTaskRequest = {}, options?: CallOptions): Promise<T.ListPullToPushTaskResult> {
    return (await this.#result('ListPullToPushTask', params, options)) ?? {};
  }

  describeLiveStreamInfoByPage(
    params: T.DescribeLiveStreamInfoByPageRequest,
    options?: CallOptions,
  ): Promise<T.DescribeLiveStreamInfoByPageResult> {
    return this.#result('DescribeLiveStreamInfoByPage', params, options);
  }

  describeClosedStreamInfoByPage(
    params: T.DescribeClosedStreamInfoByPageRequest,
    options?: CallOptions,
  ): Promise<T.DescribeClosedStreamInfoByPageResult> {
    return this.#result('DescribeClosedStreamInfoByPage', params, options);
  }

  describeForbiddenStreamInfoByPage(
    params: T.DescribeForbiddenStreamInfoByPageRequest,
    options?: CallOptions,
  ): Promise<T.DescribeForbiddenStreamInfoByPageResult> {
    return this.#result('DescribeForbiddenStreamInfoByPage', params, options);
  }

  killStream(params: T.KillStreamRequest, options?: CallOptions): Promise<T.VolcengineResponseMetadata> {
    return this.#metadata('KillStream', params, options);
  }

  /** Forbids pushing a stream until EndTime (default now + 90 days) and cuts it if online. */
  forbidStream(params: T.ForbidStreamRequest, options?: CallOptions): Promise<T.VolcengineResponseMetadata> {
    return this.#metadata('ForbidStream', params, options);
  }

  resumeStream(params: T.ResumeStreamRequest, options?: CallOptions): Promise<T.VolcengineResponseMetadata> {
    return this.#metadata('ResumeStream', params, options);
  }

  describeLiveStreamState(
    params: T.DescribeLiveStreamStateRequest,
    options?: CallOptions,
  ): Promise<T.DescribeLiveStreamStateResult> {
    return this.#result('DescribeLiveStreamState', params, options);
  }

  /** Every task, page after page from `Page` (default 1), until the last page. */
  async *iteratePullToPushTasks(
    params: T.ListPullToPushTaskRequest = {},
    { signal, maxItems = Infinity }: IterateOptions = {},
  ): AsyncGenerator<T.PullToPushTask> {
    const size = params.Size ?? 20;
    let yielded = 0;
    for (let page = params.Page ?? 1; yielded < maxItems; page++) {
      const result = await this.listPullToPushTask({ ...params, Page: page, Size: size }, { signal });
      const list = result.List ?? [];
      for (const task of list) {
        yield task;
        if (++yielded >= maxItems) return;
      }
      const p = result.Pagination;
      if (list.length === 0 || (p ? p.PageCur >= p.PageTotal : list.length < size)) return;
    }
  }

  /** Every online stream matching the filter, from `PageNum` on. */
  iterateLiveStreamInfo(params: T.DescribeLiveStreamInfoByPageRequest, options?: IterateOptions): AsyncGenerator<T.LiveStreamInfo> {
    return this.#pages(params, (p, o) => this.describeLiveStreamInfoByPage(p, o), options);
  }

  iterateClosedStreamInfo(params: T.DescribeClosedStreamInfoByPageRequest, options?: IterateOptions): AsyncGenerator<T.ClosedStreamInfo> {
    return this.#pages(params, (p, o) => this.describeClosedStreamInfoByPage(p, o), options);
  }

  iterateForbiddenStreamInfo(
    params: T.DescribeForbiddenStreamInfoByPageRequest,
    options?: IterateOptions,
  ): AsyncGenerator<T.ForbiddenStreamInfo> {
    return this.#pages(params, (p, o) => this.describeForbiddenStreamInfoByPage(p, o), options);
  }

  async *#pages<P extends T.PageRequest, I>(
    params: P,
    fetchPage: (params: P, options: CallOptions) => Promise<T.StreamInfoPage<I>>,
    { signal, maxItems = Infinity }: IterateOptions = {},
  ): AsyncGenerator<I> {
    let yielded = 0;
    for (let page = params.PageNum; yielded < maxItems; page++) {
      const result = await fetchPage({ ...params, PageNum: page }, { signal });
      const list = result.StreamInfoList ?? [];
      for (const item of list) {
        yield item;
        if (++yielded >= maxItems) return;
      }
      // RoughCount is approximate, so a short page is the end.
      if (list.length < params.PageSize) return;
    }
  }

  /** Never shows the credentials. */
  toJSON(): Record<string, unknown> {
    return { endpoint: this.#config.endpoint, region: this.#config.region, service: this.#config.service };
  }
}

// Compile-time check: the parameter/result map covers exactly the action table.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const coverage: Same<keyof T.VolcengineLiveApi, VolcengineLiveAction> = true;
void coverage;
