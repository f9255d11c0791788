/**
 * Bulk downloads by F2 mode (`post`, `like`, `mix`, `music`, `collects`, `live`…) into per-user
 * folders tracked in the archive, with incremental sync and both archive policies.
 */
export { BulkDownloader, type BulkDownloaderOptions } from './bulk-downloader.js';
export { DOWNLOAD_MODES } from './bulk-types.js';
export type { ArchivePolicy, BulkEvents, BulkHandleOptions, BulkRunOptions, BulkSummary, DownloadMode, PostState } from './bulk-types.js';
