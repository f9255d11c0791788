import type Database from 'better-sqlite3';
import { StoreError } from '../../errors.js';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/**
 * Ordered, append-only: a released migration is never edited, a change is a new entry. Each runs
 * in its own transaction together with the bump of `schema_version`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'users, posts, assets',
    up(db) {
      db.exec(`
        CREATE TABLE users (
          sec_user_id TEXT PRIMARY KEY,
          uid TEXT,
          nickname TEXT,
          folder_name TEXT UNIQUE,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE posts (
          aweme_id TEXT PRIMARY KEY,
          sec_user_id TEXT,
          uid TEXT,
          nickname TEXT,
          aweme_type INTEGER,
          post_type TEXT NOT NULL,
          create_time INTEGER,
          "desc" TEXT,
          duration INTEGER,
          music_id TEXT,
          mix_id TEXT,
          digg_count INTEGER,
          comment_count INTEGER,
          share_count INTEGER,
          collect_count INTEGER,
          raw TEXT NOT NULL,
          first_seen_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX posts_by_user_time ON posts (sec_user_id, create_time);
        CREATE TABLE assets (
          key TEXT PRIMARY KEY,
          aweme_id TEXT,
          kind TEXT NOT NULL,
          idx INTEGER NOT NULL DEFAULT 0,
          url TEXT,
          quality TEXT,
          reason TEXT,
          path TEXT,
          bytes INTEGER,
          sha256 TEXT,
          state TEXT NOT NULL CHECK (state IN ('pending', 'partial', 'done', 'failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX assets_by_post ON assets (aweme_id);
        CREATE INDEX assets_by_path ON assets (path);
      `);
    },
  },
  {
    version: 2,
    description: 'nickname history, per-user sync state',
    up(db) {
      db.exec(`
        CREATE TABLE user_nicknames (
          sec_user_id TEXT NOT NULL,
          nickname TEXT NOT NULL,
          first_seen_at INTEGER NOT NULL,
          last_seen_at INTEGER NOT NULL,
          PRIMARY KEY (sec_user_id, nickname)
        ) WITHOUT ROWID;
        INSERT INTO user_nicknames (sec_user_id, nickname, first_seen_at, last_seen_at)
          SELECT sec_user_id, nickname, created_at, updated_at FROM users WHERE nickname IS NOT NULL;
        CREATE TABLE sync_state (
          sec_user_id TEXT NOT NULL,
          mode TEXT NOT NULL,
          cursor TEXT,
          watermark_create_time INTEGER,
          watermark_aweme_id TEXT,
          last_run_at INTEGER,
          last_status TEXT,
          PRIMARY KEY (sec_user_id, mode)
        ) WITHOUT ROWID;
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function readSchemaVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Brings the database to `target` (default: the newest). Each step is `BEGIN IMMEDIATE`, so two
 * processes opening an old file at once migrate it once: the second waits, then sees the bump.
 * A database newer than this code is refused rather than written to.
 */
export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): number {
  let version = readSchemaVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new StoreError(`The archive has schema version ${version}; this douyin-kit knows up to ${SCHEMA_VERSION}`, {
      hint: 'Upgrade douyin-kit, or point `store` at another file.',
    });
  }
  for (const migration of MIGRATIONS) {
    if (migration.version > target) break;
    if (migration.version <= version) continue;
    const step = db.transaction(() => {
      // Re-read inside the write lock: another process may have run this step meanwhile.
      if (readSchemaVersion(db) >= migration.version) return;
      migration.up(db);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(migration.version);
    });
    step.immediate();
    version = migration.version;
  }
  return readSchemaVersion(db);
}
