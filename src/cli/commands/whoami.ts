import type { Command } from 'commander';
import { DouyinKit } from '../../douyin-kit.js';
import { EXIT } from '../exit-codes.js';
import { addKitOptions, loadOptions, type KitFlags } from '../kit-options.js';
import { Output } from '../output.js';

interface WhoamiFlags extends KitFlags {
  user?: string;
  json?: boolean;
}

export function addWhoamiCommand(program: Command): void {
  for (const name of ['whoami', 'check-cookie']) {
    const cmd = program
      .command(name)
      .description('ask Douyin who the cookie belongs to and whether it is logged in (exit 3 when it is not)')
      .option('--user <url>', "also fetch this user's profile (a profile URL or sec_user_id)")
      .option('--json', 'print the result as JSON');
    addKitOptions(cmd);
    cmd.action(async (flags: WhoamiFlags) => {
      process.exitCode = await runWhoami(flags);
    });
  }
}

async function runWhoami(flags: WhoamiFlags): Promise<number> {
  const out = new Output({ json: flags.json });
  const { options } = await loadOptions(flags);
  const kit = new DouyinKit(options);
  try {
    const query = await kit.fetchQueryUser();
    const uid = query.user_uid;
    const loggedIn = uid !== null && uid !== '' && uid !== '0';
    const hasSession = /(?:^|;\s*)sessionid(?:_ss)?=/.test(options.cookie ?? '');
    const profile = flags.user ? await kit.fetchUserProfile(flags.user) : null;
    const result = {
      loggedIn,
      userUid: loggedIn ? uid : null,
      deviceId: query.user_unique_id,
      cookieHasSessionid: hasSession,
      profile: profile
        ? { nickname: profile.nickname, sec_user_id: profile.sec_user_id, aweme_count: profile.aweme_count, follower_count: profile.follower_count, private: profile.secret === 1 }
        : null,
    };
    if (out.json) out.data(result);
    if (loggedIn) out.line(`Logged in: the cookie belongs to user uid ${uid}.`);
    else if (hasSession) out.line('Not logged in: the cookie has a sessionid but Douyin does not accept it (expired or revoked). Copy a fresh cookie from a logged-in browser.');
    else out.line('Not logged in: the cookie has no sessionid, so only public first pages are available. Pass the cookie of a logged-in douyin.com session with -k.');
    if (query.user_unique_id) out.line(`Device id (user_unique_id): ${query.user_unique_id}`);
    if (result.profile) {
      const p = result.profile;
      out.line(`Profile: ${p.nickname ?? '?'} (${p.sec_user_id ?? '?'}), ${p.aweme_count ?? '?'} posts, ${p.follower_count ?? '?'} followers${p.private ? ', private account' : ''}`);
    }
    return loggedIn ? EXIT.OK : EXIT.REMOTE;
  } finally {
    kit.close();
  }
}
