/**
 * Child process for the two-writers test: writes `count` posts and assets into the archive in
 * small transactions, as fast as it can, and prints `OK <n>`.
 */
import { SqliteStore } from '../../../src/dl/index.js';
import { toAwemeRecord } from '../../../src/filter/aweme-record.js';

const [db, label, countText, busyTimeout] = process.argv.slice(2) as [string, string, string, string | undefined];
const store = new SqliteStore(db, { busyTimeoutMs: busyTimeout ? Number(busyTimeout) : 5000 });
const count = Number(countText);
for (let i = 0; i < count; i += 10) {
  store.transaction(() => {
    for (let j = i; j < Math.min(count, i + 10); j++) {
      const id = `${label}-${j}`;
      store.upsertUser({ sec_user_id: `sec-${label}`, nickname: `${label} ${j % 3}` });
      store.upsertPosts([{ record: toAwemeRecord({ aweme_id: id, desc: `post ${j}`, author: { sec_uid: `sec-${label}` } }) }]);
      store.beginAsset({ key: `${id}:video`, aweme_id: id, kind: 'video', path: `douyin/post/${label}/${id}.mp4` });
      store.markAssetDone(`${id}:video`, { path: `douyin/post/${label}/${id}.mp4`, bytes: j, sha256: 'x'.repeat(64), url: null });
    }
  });
}
store.close();
process.stdout.write(`OK ${count}\n`);
