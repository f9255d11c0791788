import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { PathError, StoreError } from '../../errors.js';
import { safeJoin, sanitizeFileName } from '../../utils/safe-filename.js';
import type { Store } from './types.js';

export interface UserFolderInput {
  sec_user_id: string;
  nickname?: string | null;
  uid?: string | null;
}

export interface UserFolder {
  /** The folder name to use now (bound in the store). */
  folder: string;
  /** The name the user's current nickname would give; differs from `folder` after a rename on Douyin. */
  wanted: string;
  /** `folder !== wanted`: the bulk layer may call `renameUserFolder` once. */
  stale: boolean;
}

/** The top folder F2 puts everything under: `<root>/douyin/<mode>/<user folder>/…`. */
export const PLATFORM_FOLDER = 'douyin';

/** The folders below the root for one user in one mode (`post`, `like`, `collection`, `mix`, `music`…). */
export function userFolderPath(mode: string, userFolder: string): string[] {
  return [PLATFORM_FOLDER, mode, userFolder];
}

function baseName(user: UserFolderInput): string {
  return sanitizeFileName(user.nickname || user.uid || user.sec_user_id);
}

function wantedName(store: Store, user: UserFolderInput): string {
  const base = baseName(user);
  const owner = store.folderOwner(base);
  if (owner === undefined || owner === user.sec_user_id) return base;
  // Two accounts with one nickname: the second gets its uid (or the end of its sec_user_id).
  return sanitizeFileName(`${base}_${user.uid || user.sec_user_id.slice(-12)}`);
}

/**
 * The user's folder, bound to `sec_user_id` in the store the first time it is seen, so that a
 * nickname change does not scatter a user's files over several folders (the name stays until
 * `renameUserFolder` is called). Also records the nickname in the user's history.
 */
export function resolveUserFolder(store: Store, user: UserFolderInput): UserFolder {
  return store.transaction(() => {
    const row = store.upsertUser(user);
    const wanted = wantedName(store, user);
    if (row.folder_name !== null) return { folder: row.folder_name, wanted, stale: row.folder_name !== wanted };
    store.bindUserFolder(user.sec_user_id, wanted);
    return { folder: wanted, wanted, stale: false };
  });
}

export interface RenameUserFolderOptions {
  /** Download root. */
  root: string;
  sec_user_id: string;
  /** New folder name (sanitised); default: what the current nickname gives. */
  to?: string;
  /** Modes to rename in (`post`, `like`…); default: every mode folder under `<root>/douyin`. */
  modes?: readonly string[];
}

export interface RenameResult {
  from: string;
  to: string;
  /** Folders renamed on disk (one per mode that had the user). */
  moved: { from: string; to: string }[];
  /** Asset rows whose path was rewritten. */
  assets: number;
}

/**
 * Renames a user's folder in every mode at once and rewrites the asset paths in the store, in
 * one transaction: when a rename or the commit fails, the folders already renamed are moved back.
 * Throws `PathError` when the target folder already exists, `StoreError` when the name is bound
 * to another user.
 */
export function renameUserFolder(store: Store, options: RenameUserFolderOptions): RenameResult {
  const user = store.getUser(options.sec_user_id);
  if (!user) throw new StoreError(`No user ${options.sec_user_id} in the archive`);
  const from = user.folder_name;
  if (from === null) throw new StoreError(`User ${options.sec_user_id} has no folder yet`);
  const to = options.to !== undefined ? sanitizeFileName(options.to) : wantedName(store, user);
  if (to === from) return { from, to, moved: [], assets: 0 };
  const owner = store.folderOwner(to);
  if (owner !== undefined && owner !== options.sec_user_id) throw new StoreError(`The folder ${JSON.stringify(to)} already belongs to user ${owner}`);

  const platform = path.join(path.resolve(options.root), PLATFORM_FOLDER);
  const modes = options.modes ?? (existsSync(platform) ? readdirSync(platform).filter((m) => statSync(path.join(platform, m)).isDirectory()) : []);
  const plan: { mode: string; from: string; to: string }[] = [];
  for (const mode of modes) {
    const src = safeJoin(options.root, [PLATFORM_FOLDER, mode, from]);
    const dst = safeJoin(options.root, [PLATFORM_FOLDER, mode, to]);
    if (!existsSync(src)) continue;
    if (existsSync(dst)) throw new PathError(`Cannot rename ${JSON.stringify(src)}: ${JSON.stringify(dst)} already exists`);
    plan.push({ mode: sanitizeFileName(mode), from: src, to: dst });
  }

  const moved: { from: string; to: string }[] = [];
  try {
    const assets = store.transaction(() => {
      store.bindUserFolder(options.sec_user_id, to);
      let count = 0;
      for (const step of plan) {
        renameSync(step.from, step.to);
        moved.push({ from: step.from, to: step.to });
        count += store.movePathPrefix(`${PLATFORM_FOLDER}/${step.mode}/${from}`, `${PLATFORM_FOLDER}/${step.mode}/${to}`);
      }
      return count;
    });
    return { from, to, moved, assets };
  } catch (error) {
    for (const step of moved.reverse()) {
      try {
        renameSync(step.to, step.from);
      } catch {
        // Best effort: the error below names the folder to check.
      }
    }
    throw error;
  }
}
