import { follow, generateRoom, generateUser } from './generate-users.js';
import { generateMusic, generatePost } from './generate-posts.js';
import type { CollectFolderModel, MixModel, PostModel, UserModel, WorldData } from './model.js';
import { Rng, timeId } from './random.js';
import type { ResolvedWorldOptions } from './world-options.js';

/** Adds a post (and its original sound) to the indexes; the caller places it in the author's list. */
export function indexPost(data: WorldData, post: PostModel): void {
  data.posts.set(post.awemeId, post);
  data.postsByVid.set(post.vid, post);
  for (const img of post.images) if (img.video) data.postsByVid.set(img.video.vid, post);
}

function addUser(data: WorldData, user: UserModel): UserModel {
  data.users.set(user.uid, user);
  data.usersBySecUid.set(user.secUid, user);
  return user;
}

/** `n` posts for `author`, newest first, with distinct creation seconds spread back from `now`. */
function postsFor(data: WorldData, rng: Rng, author: UserModel, n: number, opts: ResolvedWorldOptions): void {
  const span = Math.min(86_400, Math.floor(150_000_000 / Math.max(1, n)));
  let t = opts.now - rng.int(60, 3600);
  for (let i = 0; i < n; i++) {
    const { post, music } = generatePost(rng.fork(`post${i}`), author, t, opts, data.musicPool);
    if (music) data.music.set(music.id, music);
    indexPost(data, post);
    author.postIds.push(post.awemeId);
    t -= Math.max(1, Math.round(span * (0.5 + rng.next())));
  }
}

function mixFor(data: WorldData, rng: Rng, owner: UserModel, index: number, now: number): void {
  const videos = owner.postIds.filter((id) => data.posts.get(id)?.awemeType === 0 && data.posts.get(id)?.mixId === null);
  const members = videos.slice(index * 8, index * 8 + 8).reverse();
  if (members.length < 2) return;
  const createTime = data.posts.get(members[0] as string)?.createTime ?? now;
  const mix: MixModel = {
    mixId: timeId(createTime, rng),
    name: `合集${index + 1}·${owner.nickname}`,
    desc: '按顺序观看',
    ownerUid: owner.uid,
    awemeIds: members,
    createTime,
    updateTime: data.posts.get(members[members.length - 1] as string)?.createTime ?? now,
    coverKey: rng.hexLower(32),
  };
  for (const id of members) {
    const p = data.posts.get(id);
    if (p) p.mixId = mix.mixId;
  }
  data.mixes.set(mix.mixId, mix);
  owner.mixIds.push(mix.mixId);
}

/** Builds the whole world from the options; same options, same world. */
export function generateWorld(opts: ResolvedWorldOptions): WorldData {
  const root = new Rng(opts.seed);
  const now = opts.now;
  const users = root.fork('users');
  const creators: UserModel[] = [];
  const audience: UserModel[] = [];
  const data = {
    users: new Map(),
    usersBySecUid: new Map(),
    creators,
    audience,
    posts: new Map(),
    postsByVid: new Map(),
    music: new Map(),
    musicPool: [] as string[],
    mixes: new Map(),
    folders: new Map(),
    rooms: new Map(),
    roomsByWebRid: new Map(),
  } as Omit<WorldData, 'roles'> as WorldData;

  for (let i = 0; i < opts.creators; i++) creators.push(addUser(data, generateUser(users.fork(`creator${i}`), now, opts.nicknameEpoch, false)));
  for (let i = 0; i < opts.audience; i++) audience.push(addUser(data, generateUser(users.fork(`fan${i}`), now, opts.nicknameEpoch, users.chance(0.5))));
  const me = addUser(data, generateUser(users.fork('me'), now, opts.nicknameEpoch, true));
  const [main, privateUser, liveAnchor, offlineAnchor, endedAnchor] = creators as [UserModel, UserModel, UserModel, UserModel, UserModel];
  privateUser.secret = 1;
  data.roles = { main, privateUser, liveAnchor, offlineAnchor, endedAnchor, me };

  const musicRng = root.fork('music');
  for (let i = 0; i < 16; i++) {
    const owner = creators[i % creators.length] as UserModel;
    const m = generateMusic(musicRng.fork(`m${i}`), owner, now - musicRng.int(30, 900) * 86_400, false, opts.assetScale);
    data.music.set(m.id, m);
    data.musicPool.push(m.id);
  }

  const postRng = root.fork('posts');
  creators.forEach((c, i) => postsFor(data, postRng.fork(`c${i}`), c, c === main ? opts.mainUserPosts : opts.postsPerUser, opts));
  postsFor(data, postRng.fork('me'), me, 3, opts);
  main.pinnedIds = main.postIds.slice(5, 7);
  for (const id of main.pinnedIds) {
    const p = data.posts.get(id);
    if (p) p.isTop = true;
  }
  const mixRng = root.fork('mixes');
  mixFor(data, mixRng, main, 0, now);
  mixFor(data, mixRng, main, 1, now);
  mixFor(data, mixRng, creators[5] as UserModel, 0, now);

  const liveRng = root.fork('live');
  for (const [anchor, status] of [[liveAnchor, 'live'], [offlineAnchor, 'offline'], [endedAnchor, 'ended'], [main, 'offline']] as const) {
    const room = generateRoom(liveRng.fork(anchor.uid), anchor, status, now);
    data.rooms.set(room.roomId, room);
    data.roomsByWebRid.set(room.webRid, room);
    anchor.roomId = room.roomId;
  }

  const rel = root.fork('relations');
  const at = () => now - rel.int(1, 700) * 86_400 - rel.int(0, 86_399);
  for (const c of creators) follow(me, c, at());
  for (const f of audience.slice(0, 12)) follow(me, f, at());
  follow(main, me, at());
  follow(liveAnchor, me, at());
  for (const f of audience) for (const c of rel.sample(creators, rel.int(1, 4))) follow(f, c, at());
  for (const f of audience) follow(f, main, at());
  for (const c of creators) for (const o of rel.sample(creators, 2)) follow(c, o, at());

  const allIds = [...data.posts.keys()];
  const likeRng = root.fork('likes');
  const likesOf = (u: UserModel, n: number) => {
    let t = now - likeRng.int(60, 3600);
    for (const id of likeRng.sample(allIds, n)) {
      if (data.posts.get(id)?.authorUid === u.uid) continue;
      u.likes.push({ awemeId: id, at: t });
      t -= likeRng.int(60, 86_400);
    }
  };
  for (const c of creators) likesOf(c, likeRng.int(5, 30));
  likesOf(me, 45);
  (creators[6 % creators.length] as UserModel).likesPublic = false;

  let t = now - 120;
  for (const id of likeRng.sample(allIds, 25)) {
    me.collected.push({ awemeId: id, at: t });
    t -= likeRng.int(60, 86_400);
  }
  ['想看', '学习', '收藏夹'].forEach((name, i) => {
    const createTime = now - likeRng.int(30, 300) * 86_400;
    const folder: CollectFolderModel = {
      collectsId: timeId(createTime, likeRng),
      name,
      ownerUid: me.uid,
      awemeIds: likeRng.sample(allIds, 5 + i * 4),
      createTime,
      lastCollectTime: now - likeRng.int(1, 30) * 86_400,
      coverKey: likeRng.hexLower(32),
      isPublic: i !== 2,
    };
    data.folders.set(folder.collectsId, folder);
    me.folderIds.push(folder.collectsId);
  });
  me.musicCollection = likeRng.sample(data.musicPool, 12);
  return data;
}
