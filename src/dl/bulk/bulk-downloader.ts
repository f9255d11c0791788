import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DouyinKit } from '../../douyin-kit.js';
import { InvalidInputError, InvalidOptionError } from '../../errors.js';
import type { AwemeRecord } from '../../filter/aweme-record.js';
import type { MusicCollectionItem } from '../../filter/collection-filters.js';
import { stringifyJson } from '../../utils/json.js';
import { sanitizeFileName } from '../../utils/safe-filename.js';
import { Downloader, type DownloaderOptions } from '../downloader.js';
import { planMusicAssets, planPostAssets } from '../plan-assets.js';
import { MemoryStore } from '../store/memory-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/types.js';
import { userFolderPath } from '../store/user-folder.js';
import type { BulkEvents, BulkHandleOptions, BulkRunOptions, BulkSummary, DownloadMode } from './bulk-types.js';
import { DOWNLOAD_MODES } from './bulk-types.js';
import { lookupRoom, recordRoom } from './live-run.js';
import { fetchOwner, fetchViewer, ownerFolder, type Owner } from './owners.js';
import { peekFirstPage, walkPages, type WalkPage, type WalkSpec } from './page-walk.js';
import { startRun, type Run, type RunSetup } from './bulk-run.js';
import { repairUnfinished } from './repair.js';
import { saveSyncState } from './sync-state.js';

export interface BulkDownloaderOptions {
  /** The archive: a `Store`, a SQLite file path, or `false` for memory only. @default `<kit.options.path>/douyin-kit.sqlite` */
  store?: Store | string | false;
  /** Downloader settings over the kit's (`root` defaults to `kit.options.path`). */
  downloader?: Partial<DownloaderOptions>;
}

const EVENTS = ['file-start', 'file-progress', 'file-retry', 'file-done', 'file-skipped', 'file-failed', 'progress'] as const;

/**
 * Bulk downloads by F2 mode into `<path>/douyin/<mode>/<user folder>/…`, with every post and
 * file in the archive: a rerun pages only down to what is archived, retries what failed, and
 * follows a nickname change by renaming the user's folder once.
 * @example
 * const bulk = new BulkDownloader(new DouyinKit({ cookie, path: 'Download' }));
 * const summary = await bulk.run({ mode: 'post', url: 'https://www.douyin.com/user/MS4wLjABAAAA…' });
 */
export class BulkDownloader extends EventEmitter<BulkEvents> {
  readonly kit: DouyinKit;
  /** Absolute download root. */
  readonly root: string;
  readonly #storeOption: Store | string | false | undefined;
  readonly #downloaderOptions: Partial<DownloaderOptions>;
  #store: Store | undefined;
  #ownsStore = false;
  #downloader: Downloader | undefined;
  #closed = false;

  constructor(kit: DouyinKit, options: BulkDownloaderOptions = {}) {
    super();
    if (typeof kit?.fetchUserPostVideos !== 'function') throw new InvalidOptionError('kit', 'Expected a DouyinKit');
    this.kit = kit;
    this.#downloaderOptions = options.downloader ?? {};
    this.root = path.resolve(this.#downloaderOptions.root ?? kit.options.path);
    this.#storeOption = options.store;
    if (options.store !== undefined && options.store !== false && typeof options.store !== 'string') this.#store = options.store;
  }

  #storeFile(): string | null {
    if (this.#storeOption === false) return null;
    return typeof this.#storeOption === 'string' ? path.resolve(this.#storeOption) : path.join(this.root, 'douyin-kit.sqlite');
  }

  /** The archive (opened on first use, so a dry run creates no file). */
  get store(): Store {
    if (this.#store === undefined) {
      const file = this.#storeFile();
      if (file === null) this.#store = new MemoryStore();
      else {
        mkdirSync(path.dirname(file), { recursive: true });
        this.#store = new SqliteStore(file);
      }
      this.#ownsStore = true;
    }
    return this.#store;
  }

  /** The download engine (its events are re-emitted here). */
  get downloader(): Downloader {
    if (this.#downloader === undefined) {
      const dl = Downloader.fromOptions(this.kit.options, {
        httpClient: this.kit.http,
        ...this.#downloaderOptions,
        root: this.root,
        store: this.store,
        // The archive policy is decided per run here; the engine only re-fetches what it is given.
        redownloadMissing: true,
      });
      for (const event of EVENTS) dl.on(event, (...args: unknown[]) => (this.emit as (e: string, ...a: unknown[]) => boolean)(event, ...args));
      this.#downloader = dl;
    }
    return this.#downloader;
  }

  /** Runs one mode. */
  run(options: BulkRunOptions): Promise<BulkSummary> {
    const { mode, url, ...o } = options ?? ({} as BulkRunOptions);
    if (!DOWNLOAD_MODES.includes(mode)) throw new InvalidOptionError('mode', `Expected \`mode\` to be one of ${DOWNLOAD_MODES.join(', ')}, got ${String(mode)}`);
    const need = (): string => {
      if (typeof url !== 'string' || url.trim() === '') throw new InvalidInputError(`Mode ${mode} needs a URL`);
      return url;
    };
    switch (mode) {
      case 'one': return this.handleOneVideo(need(), o);
      case 'post': return this.handleUserPost(need(), o);
      case 'like': return this.handleUserLike(need(), o);
      case 'mix': return this.handleUserMix(need(), o);
      case 'related': return this.handleRelated(need(), o);
      case 'live': return this.handleUserLive(need(), o);
      case 'collection': return this.handleUserCollection({ ...o, ...(url ? { url } : {}) });
      case 'collects': return this.handleUserCollects({ ...o, ...(url ? { url } : {}) });
      case 'music': return this.handleUserMusicCollection({ ...o, ...(url ? { url } : {}) });
      case 'feed': return this.handleUserFeed({ ...o, ...(url ? { url } : {}) });
      case 'friend': return this.handleFriendFeed({ ...o, ...(url ? { url } : {}) });
    }
  }

  #begin(mode: DownloadMode, o: BulkHandleOptions = {}): Run {
    if (this.#closed) throw new InvalidOptionError('bulk', 'The bulk downloader is closed');
    const setup: RunSetup = {
      root: this.root,
      kitOptions: this.kit.options,
      // A dry run writes nothing: it reads an archive that exists, else an empty scratch one.
      store: (dryRun) => {
        const file = this.#storeFile();
        return dryRun && this.#store === undefined && (file === null || !existsSync(file)) ? new MemoryStore() : this.store;
      },
      downloader: (dryRun) => (dryRun ? new Downloader({ root: this.root }) : this.downloader),
      emit: { post: (e) => this.emit('post', e), skipped: (e) => this.emit('file-skipped', e) },
    };
    return startRun(setup, mode, o);
  }

  async #walk<I>(run: Run, spec: Omit<WalkSpec<I>, 'mode' | 'knownStreak' | 'queueLimit' | 'maxCounts' | 'interval' | 'onPage'> & { maxCounts?: number; streak?: boolean }): Promise<void> {
    const { summary } = run;
    const result = await walkPages(run.sink, {
      ...spec,
      mode: run.mode,
      knownStreak: spec.streak === false ? 0 : (run.o.knownStreak ?? 20),
      queueLimit: run.sink.ctx.downloader.maxTasks * 2,
      maxCounts: spec.maxCounts ?? this.kit.options.maxCounts,
      interval: this.kit.options.interval !== 'all' && this.kit.options.interval !== '',
      onPage: (index, items) => {
        summary.pagesFetched++;
        this.emit('page', { mode: run.mode, index: summary.pagesFetched, items });
        void index;
      },
    });
    if (summary.stopReason === null) summary.stopReason = result.stopReason;
    summary.stoppedEarly = summary.stopReason !== null;
    if (!run.dryRun && spec.sec_user_id !== null) saveSyncState(run.store, { sec_user_id: spec.sec_user_id, syncMode: spec.syncMode }, result);
  }

  async #finish(run: Run, prefix: string | null, byDetail = true): Promise<BulkSummary> {
    if (prefix !== null) run.summary.retried += await repairUnfinished(run.sink, this.kit, `${prefix}/`, run.plan, { byDetail });
    await run.sink.drain();
    if (run.dryRun) await run.sink.ctx.downloader.close();
    return run.summary;
  }

  #posts(run: Run, owner: Owner, mode: DownloadMode): { base: string[]; prefix: string } {
    const base = userFolderPath(mode, ownerFolder(run, this.root, owner));
    return { base, prefix: base.join('/') };
  }

  /** A post list walk with the usual post planning. */
  #postSpec(run: Run, base: readonly string[]) {
    return {
      base,
      plan: (item: AwemeRecord) => planPostAssets(item, run.plan),
      record: (item: AwemeRecord) => item,
    };
  }

  async handleOneVideo(url: string, o: BulkHandleOptions = {}): Promise<BulkSummary> {
    const run = this.#begin('one', o);
    const detail = await this.kit.fetchOneVideo(url, { signal: o.signal });
    if (!detail.exists || detail.aweme_id === null) {
      run.summary.posts.failed++;
      run.summary.stopReason = `unavailable:${detail.filter_reason ?? 'unknown'}`;
      return run.summary;
    }
    const record = detail.record;
    const { base } = this.#posts(run, { sec_user_id: record.sec_user_id ?? `uid:${record.uid ?? 'unknown'}`, nickname: record.nickname, uid: record.uid }, 'one');
    const raw = (detail.raw as { aweme_detail?: unknown } | null)?.aweme_detail;
    run.sink.add(planPostAssets(record, run.plan), base, { record, ...(raw ? { raw: stringifyJson(raw) } : {}) });
    return this.#finish(run, null);
  }

  async handleUserPost(url: string, o: BulkHandleOptions = {}): Promise<BulkSummary> {
    const run = this.#begin('post', o);
    const owner = await fetchOwner(this.kit, url, o.signal);
    const { base, prefix } = this.#posts(run, owner, 'post');
    await this.#walk(run, {
      ...this.#postSpec(run, base), syncMode: 'post', sec_user_id: owner.sec_user_id, watermark: 'create_time',
      pages: this.kit.fetchUserPostVideos(owner.sec_user_id, { signal: o.signal }),
    });
    return this.#finish(run, prefix);
  }

  async handleUserLike(url: string, o: BulkHandleOptions = {}): Promise<BulkSummary> {
    const run = this.#begin('like', o);
    const owner = await fetchOwner(this.kit, url, o.signal);
    const { base, prefix } = this.#posts(run, owner, 'like');
    await this.#walk(run, {
      ...this.#postSpec(run, base), syncMode: 'like', sec_user_id: owner.sec_user_id, watermark: 'aweme_id',
      pages: this.kit.fetchUserLikeVideos(owner.sec_user_id, { signal: o.signal }),
    });
    return this.#finish(run, prefix);
  }

  /** A mix (合集) by its URL or id, or the URL of a post in it: `douyin/mix/<author>/<mix name>/`. */
  async handleUserMix(url: string, o: BulkHandleOptions = {}): Promise<BulkSummary> {
    const run = this.#begin('mix', o);
    let mixId: string;
    try {
      mixId = await this.kit.ids.mixId(url, { signal: o.signal });
    } catch {
      const post = await this.kit.fetchOneVideo(url, { signal: o.signal });
      if (post.mix_id === null) throw new InvalidInputError('The URL names neither a mix nor a post in a mix');
      mixId = post.mix_id;
    }
    const { first, all } = await peekFirstPage(this.kit.fetchUserMixVideos(mixId, { signal: o.signal }));
    const head = first?.items[0];
    const owner: Owner = head?.sec_user_id
      ? { sec_user_id: head.sec_user_id, nickname: head.nickname, uid: head.uid }
      : { sec_user_id: `mix:${mixId}`, nickname: null, uid: mixId };
    const { base: userBase, prefix } = this.#posts(run, owner, 'mix');
    const base = [...userBase, sanitizeFileName(head?.mix_name || mixId)];
    await this.#walk(run, { ...this.#postSpec(run, base), syncMode: `mix:${mixId}`, sec_user_id: owner.sec_user_id, watermark: 'aweme_id', pages: all });
    return this.#finish(run, prefix);
  }

  /** Posts related to one post, under its author's folder: `douyin/related/<author>/`. */
  async handleRelated(url: string, o: BulkHandleOptions = {}): Promise<BulkSummary> {
    const run = this.#begin('related', o);
    const seed = await this.kit.fetchOneVideo(url, { signal: o.signal });
    const sec = seed.sec_user_id ?? `aweme:${seed.aweme_id ?? url}`;
    const { base, prefix } = this.#posts(run, { sec_user_id: sec, nickname: seed.nickname, uid: seed.uid }, 'related');
    await this.#walk(run, {
      ...this.#postSpec(run, base), syncMode: 'related', sec_user_id: sec, watermark: 'none', streak: false,
      pages: this.kit.fetchRelatedVideos(seed.aweme_id ?? url, { signal: o.signal }),
    });
    return this.#finish(run, prefix);
  }

  async handleUserCollection(o: BulkHandleOptions & { url?: string } = {}): Promise<BulkSummary> {
    const run = this.#begin('collection', o);
    const owner = await fetchViewer(this.kit, o);
    const { base, prefix } = this.#posts(run, owner, 'collection');
    await this.#walk(run, {
      ...this.#postSpec(run, base), syncMode: 'collection', sec_user_id: owner.sec_user_id, watermark: 'aweme_id',
      pages: this.kit.fetchUserCollectionVideos({ signal: o.signal }),
    });
    return this.#finish(run, prefix);
  }

  /** Every favourites folder (收藏夹) and its posts: `douyin/collects/<you>/<folder name>/`. */
  async handleUserCollects(o: BulkHandleOptions & { url?: string } = {}): Promise<BulkSummary> {
    const run = this.#begin('collects', o);
    const owner = await fetchViewer(this.kit, o);
    const { base, prefix } = this.#posts(run, owner, 'collects');
    const folders: { id: string; name: string }[] = [];
    for await (const page of this.kit.fetchUserCollects({ signal: o.signal, maxCounts: 0 })) {
      run.summary.pagesFetched++;
      this.emit('page', { mode: 'collects', index: run.summary.pagesFetched, items: page.items.length });
      for (const f of page.items) if (f.collects_id !== null) folders.push({ id: f.collects_id, name: f.collects_name ?? f.collects_id });
    }
    for (const folder of folders) {
      await this.#walk(run, {
        ...this.#postSpec(run, [...base, sanitizeFileName(folder.name)]), syncMode: `collects:${folder.id}`, sec_user_id: owner.sec_user_id, watermark: 'aweme_id',
        pages: this.kit.fetchUserCollectsVideos(folder.id, { signal: o.signal }),
      });
    }
    return this.#finish(run, prefix);
  }

  /** Collected music with LRC lyrics: `douyin/music/<you>/<title>_music.mp3`, `…_lyric.lrc`. */
  async handleUserMusicCollection(o: BulkHandleOptions & { url?: string } = {}): Promise<BulkSummary> {
    const run = this.#begin('music', o);
    const owner = await fetchViewer(this.kit, o);
    const { base, prefix } = this.#posts(run, owner, 'music');
    const opts = { folderize: this.kit.options.folderize, lyric: this.kit.options.lyric };
    await this.#walk(run, {
      base, syncMode: 'music', sec_user_id: owner.sec_user_id, watermark: 'none',
      plan: (item: MusicCollectionItem) => planMusicAssets(item, opts),
      record: () => null,
      pages: this.kit.fetchUserMusicCollection({ signal: o.signal }),
    });
    return this.#finish(run, prefix, false);
  }

  /** The home feed; endless, so one page unless `maxCounts` says more: `douyin/feed/<you>/`. */
  async handleUserFeed(o: BulkHandleOptions & { url?: string } = {}): Promise<BulkSummary> {
    const run = this.#begin('feed', o);
    const owner = await fetchViewer(this.kit, o);
    const { base, prefix } = this.#posts(run, owner, 'feed');
    const maxCounts = this.kit.options.maxCounts || this.kit.options.pageCounts;
    await this.#walk(run, {
      ...this.#postSpec(run, base), syncMode: 'feed', sec_user_id: owner.sec_user_id, watermark: 'none', streak: false, maxCounts,
      pages: this.kit.fetchUserFeedVideos({ signal: o.signal, maxCounts }),
    });
    return this.#finish(run, prefix);
  }

  async handleFriendFeed(o: BulkHandleOptions & { url?: string } = {}): Promise<BulkSummary> {
    const run = this.#begin('friend', o);
    const owner = await fetchViewer(this.kit, o);
    const { base, prefix } = this.#posts(run, owner, 'friend');
    await this.#walk(run, {
      ...this.#postSpec(run, base), syncMode: 'friend', sec_user_id: owner.sec_user_id, watermark: 'aweme_id',
      pages: this.kit.fetchFriendFeedVideos({ signal: o.signal }) as AsyncIterable<WalkPage<AwemeRecord>>,
    });
    return this.#finish(run, prefix);
  }

  /** Records a live room (with a chat sidecar) into `douyin/live/<anchor>/`. */
  async handleUserLive(url: string, o: BulkHandleOptions = {}): Promise<BulkSummary> {
    const run = this.#begin('live', o);
    const room = await lookupRoom(this.kit, url, o.signal);
    const base = userFolderPath('live', ownerFolder(run, this.root, { sec_user_id: room.sec_user_id ?? `room:${url}`, nickname: room.nickname }));
    run.summary.recording = { files: [], bytes: 0, chatFiles: [] };
    if (!room.live) {
      run.summary.stopReason = 'offline';
      return run.summary;
    }
    if (run.dryRun) return run.summary;
    const result = await recordRoom(this.kit, url, {
      root: this.root, folder: base, chat: o.liveChat !== false,
      ...(o.liveDurationMs !== undefined ? { durationMs: o.liveDurationMs } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    run.summary.recording = { files: result.files, bytes: result.bytes, chatFiles: result.chatFiles };
    run.summary.bytes = result.bytes;
    run.summary.files.downloaded = result.files.length;
    run.summary.stopReason = result.endedBy === 'ended' ? null : result.endedBy;
    run.summary.stoppedEarly = run.summary.stopReason !== null;
    return run.summary;
  }

  /** Stops the downloads and closes what this created (never an injected store). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#downloader?.close();
    if (this.#ownsStore) this.#store?.close();
  }
}
