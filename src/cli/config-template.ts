import { constants } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { isMap, parseDocument, type Document } from 'yaml';
import { DEFAULT_OPTIONS } from '../options.js';
import { InvalidOptionError } from '../errors.js';

/** The commented default config `--init-config` writes (F2's layout: a `douyin:` section). */
export function defaultConfigYaml(): string {
  const d = DEFAULT_OPTIONS;
  return `# douyin-kit config (F2 layout: the same keys F2's app.yaml has under \`douyin:\`).
# Precedence: this file < DOUYIN_KIT_* environment variables < command-line flags.
douyin:
  # Cookie header of a logged-in douyin.com browser session (must contain sessionid for
  # likes, collections, feeds and complete post lists). Keep this file private.
  cookie: ""
  # What to download: one | post | like | collection | collects | music | mix | live | related | friend | feed
  mode: post
  # A profile / post / mix / live URL or share link (v.douyin.com) for the mode.
  url: ""
  # Download root folder.
  path: ${d.path}
  # File-name template: {create} {desc} {aweme_id} {nickname} {uid} …
  naming: "${d.naming}"
  # One folder per post.
  folderize: ${d.folderize ? 'yes' : 'no'}
  # Also save the music, the cover, the description (.txt).
  music: ${d.music ? 'yes' : 'no'}
  cover: ${d.cover ? 'yes' : 'no'}
  desc: ${d.desc ? 'yes' : 'no'}
  # Save lyrics (.lrc) with music.
  lyric: ${d.lyric ? 'yes' : 'no'}
  # Date window YYYY-MM-DD|YYYY-MM-DD, or all.
  interval: ${d.interval}
  # Video quality: best, 1080p, 720p, 4k, h264, h265, 50mb, or e.g. 1080p,h264.
  quality: best
  # skip-recorded: what the archive recorded is never fetched again (deleted stays deleted);
  # refetch-missing: files recorded but gone from disk are downloaded again.
  archive_policy: skip-recorded
  # Request timeout in seconds.
  timeout: ${d.timeoutMs / 1000}
  max_retries: ${d.maxRetries}
  max_connections: ${d.maxConnections}
  max_tasks: ${d.maxTasks}
  # Stop after this many posts (0 = all); posts asked per page.
  max_counts: ${d.maxCounts}
  page_counts: ${d.pageCounts}
  # Signer for www.douyin.com: ab (a_bogus) or xb (X-Bogus).
  encryption: ${d.encryption}
  # One proxy for every request (http://, https://, socks5://).
  proxies:
    http://:
    https://:
`;
}

export async function writeDefaultConfig(file: string): Promise<void> {
  const exists = await access(file, constants.F_OK).then(() => true, () => false);
  if (exists) {
    throw new InvalidOptionError('init-config', `${file} already exists; not overwriting it`, {
      hint: 'Pick another file name, or change it with --update-config -c <file>.',
    });
  }
  await writeFile(file, defaultConfigYaml(), { encoding: 'utf8', mode: 0o600 });
}

/** F2 snake_case keys for the `douyin:` layout. */
const F2_NAMES: Record<string, string> = {
  maxRetries: 'max_retries', maxConnections: 'max_connections', maxTasks: 'max_tasks', maxCounts: 'max_counts',
  pageCounts: 'page_counts', archivePolicy: 'archive_policy', userAgent: 'user_agent',
};

/**
 * Writes `values` (our camelCase names; `timeout` in seconds; `proxy`) into the config file,
 * keeping its comments and other keys. F2-layout files get F2's names.
 */
export async function updateConfigFile(file: string, values: Record<string, string | number | boolean>): Promise<string[]> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new InvalidOptionError('config', `Cannot read ${file}`, { cause: error });
  }
  const doc: Document = parseDocument(text || 'douyin: {}\n');
  if (doc.errors.length > 0) throw new InvalidOptionError('config', `${file} is not valid YAML`, { hint: 'Fix the file, or write a fresh one with --init-config.' });
  const f2 = isMap(doc.contents) && doc.has('douyin');
  const prefix = f2 ? ['douyin'] : [];
  const written: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (key === 'proxy') {
      if (f2) {
        doc.setIn([...prefix, 'proxies', 'http://'], value);
        doc.setIn([...prefix, 'proxies', 'https://'], value);
      } else doc.setIn(['proxy'], value);
      written.push('proxy');
      continue;
    }
    const name = f2 ? (F2_NAMES[key] ?? key) : key;
    doc.setIn([...prefix, name], typeof value === 'boolean' && f2 ? (value ? 'yes' : 'no') : value);
    written.push(name);
  }
  await writeFile(file, doc.toString(), { encoding: 'utf8', mode: 0o600 });
  return written;
}
