/** The bulk-download layer as the CLI uses it. */
export { BulkDownloader, DOWNLOAD_MODES as CLI_DOWNLOAD_MODES } from '../dl/bulk/index.js';
export type { ArchivePolicy, BulkSummary, DownloadMode } from '../dl/bulk/index.js';
import type { ArchivePolicy } from '../dl/bulk/index.js';

export const ARCHIVE_POLICIES: readonly ArchivePolicy[] = ['skip-recorded', 'refetch-missing'];
