/**
 * Downloading: what a post yields (`planPostAssets`), the engine (`Downloader`), the archive
 * (`SqliteStore` / `MemoryStore`) and the per-user folders bound in it.
 */
export { Downloader, type DownloaderOptions } from './downloader.js';
export type {
  AggregateProgress,
  DownloaderEvents,
  FileDoneEvent,
  FileFailedEvent,
  FileProgressEvent,
  FileRetryEvent,
  FileSkippedEvent,
  FileStartEvent,
} from './download-events.js';
export { jobFromAsset, lyricJsonToLrc, type DownloadJob, type DownloadResult, type SkipReason } from './download-job.js';
export { MAX_FILE_NAME_BYTES, containerHint, planMusicAssets, planPostAssets, type PlanOptions } from './plan-assets.js';
export { assetKey, type AssetKind, type ChosenQuality, type PlannedAsset, type PostPlan } from './planned-asset.js';
export { chooseVideoVariant, type QualityChoice, type QualityPolicy } from './quality-policy.js';
export { detectContainer, magicMatches, type MediaContainer } from './media-magic.js';
export { PLATFORM_FOLDER, renameUserFolder, resolveUserFolder, userFolderPath } from './store/user-folder.js';
export type { RenameResult, RenameUserFolderOptions, UserFolder, UserFolderInput } from './store/user-folder.js';
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite-store.js';
export { MemoryStore } from './store/memory-store.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate } from './store/schema.js';
export type * from './store/types.js';
