/**
 * Whose folder a bulk run writes into: the list's owner (from a profile URL), the cookie's own
 * account, and the folder bound to them in the archive.
 */
import type { DouyinKit } from '../../douyin-kit.js';
import { InvalidInputError, PathError, StoreError } from '../../errors.js';
import { sanitizeFileName } from '../../utils/safe-filename.js';
import type { Store } from '../store/types.js';
import { renameUserFolder, resolveUserFolder } from '../store/user-folder.js';
import type { BulkSummary } from './bulk-types.js';

export interface Owner {
  sec_user_id: string;
  nickname: string | null;
  uid?: string | null;
}

export async function fetchOwner(kit: DouyinKit, url: string, signal?: AbortSignal): Promise<Owner> {
  const profile = await kit.fetchUserProfile(url, { signal });
  const sec = profile.sec_user_id ?? (await kit.ids.secUserId(url, { signal }));
  return { sec_user_id: sec, nickname: profile.nickname, uid: profile.uid };
}

/** The cookie's own account: from `url` when given, else `query/user`'s uid. */
export async function fetchViewer(kit: DouyinKit, o: { url?: string; signal?: AbortSignal }): Promise<Owner> {
  if (o.url) return fetchOwner(kit, o.url, o.signal);
  const q = await kit.fetchQueryUser({ signal: o.signal });
  const uid = q.user_uid && q.user_uid !== '0' ? q.user_uid : null;
  if (uid === null) throw new InvalidInputError('This mode needs a logged-in cookie (sessionid), or the URL of your own profile');
  return { sec_user_id: `uid:${uid}`, nickname: null, uid };
}

/**
 * The owner's folder name, bound in the archive; a nickname change renames the folder (once,
 * for every mode). A dry run only reads. Records the owner in `summary.user`.
 */
export function ownerFolder(run: { store: Store; dryRun: boolean; summary: BulkSummary }, root: string, owner: Owner): string {
  const nickname = owner.nickname ?? '';
  let folder: string;
  if (run.dryRun) {
    folder = run.store.getUser(owner.sec_user_id)?.folder_name ?? sanitizeFileName(owner.nickname || owner.uid || owner.sec_user_id);
  } else {
    const uf = resolveUserFolder(run.store, owner);
    folder = uf.folder;
    if (uf.stale) {
      try {
        folder = renameUserFolder(run.store, { root, sec_user_id: owner.sec_user_id }).to;
      } catch (error) {
        // The old folder stays in use (the target exists or the name is taken): nothing is lost.
        if (!(error instanceof PathError || error instanceof StoreError)) throw error;
      }
    }
  }
  run.summary.user = { sec_user_id: owner.sec_user_id, nickname, folder };
  return folder;
}
