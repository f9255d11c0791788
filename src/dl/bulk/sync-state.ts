import type { Store } from '../store/types.js';
import type { WalkResult } from './page-walk.js';

/**
 * After a walk: a list walked down to its end (or to what the archive had) moves the watermark
 * to its newest post; a walk cut short keeps the old one, so the next run pages further.
 */
export function saveSyncState(store: Store, key: { sec_user_id: string; syncMode: string }, result: WalkResult): void {
  const prev = store.getSyncState(key.sec_user_id, key.syncMode);
  const complete = result.stopReason === null || result.stopReason === 'watermark' || result.stopReason === 'archived-streak';
  const mark = complete && result.newest !== null ? result.newest : null;
  store.putSyncState({
    sec_user_id: key.sec_user_id,
    mode: key.syncMode,
    watermark_aweme_id: mark?.aweme_id ?? prev?.watermark_aweme_id ?? null,
    watermark_create_time: mark ? mark.create_time : (prev?.watermark_create_time ?? null),
    last_run_at: Date.now(),
    last_status: complete ? 'complete' : `partial:${result.stopReason}`,
  });
}
