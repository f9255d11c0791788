/**
 * Child process for the kill -9 test: downloads the jobs in a spec file into a root with a
 * SQLite archive, prints `READY` once the queue is fed and `DONE <json>` at the end.
 */
import { readFileSync } from 'node:fs';
import { Downloader, SqliteStore, type DownloadJob } from '../../../src/dl/index.js';

interface Spec {
  root: string;
  db: string;
  jobs: DownloadJob[];
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Spec;
const store = new SqliteStore(spec.db);
const dl = new Downloader({ root: spec.root, store, maxTasks: 8, maxConnections: 8, retryBaseDelayMs: 5, retryMaxDelayMs: 50 });
const pending = dl.addAll(spec.jobs);
process.stdout.write('READY\n');
const results = await pending;
await dl.close();
store.close();
const count = (s: string) => results.filter((r) => r.status === s).length;
process.stdout.write(`DONE ${JSON.stringify({ done: count('done'), skipped: count('skipped'), failed: count('failed') })}\n`);
