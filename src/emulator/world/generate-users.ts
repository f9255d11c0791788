import type { LiveRoomModel, RoomStatus, UserModel } from './model.js';
import { timeId, type Rng } from './random.js';
import * as text from './text.js';

/** A user record with no relations yet. `epoch` renames it that many times (see `nicknameEpoch`). */
export function generateUser(rng: Rng, now: number, epoch: number, long: boolean): UserModel {
  const place = text.city(rng);
  const base = text.nickname(rng);
  return {
    uid: long ? rng.digits(16) : rng.digits(11),
    secUid: `MS4wLjABAAAA${rng.base64url(43)}`,
    shortId: rng.chance(0.3) ? '0' : rng.digits(rng.int(8, 11)),
    uniqueId: text.uniqueId(rng),
    nickname: text.renamedNickname(base, epoch),
    signature: text.signature(rng),
    gender: rng.int(0, 2),
    city: place.city,
    province: place.province,
    ipLocation: place.province ? `IP属地：${place.province}` : '',
    createTime: now - rng.int(200, 2000) * 86_400,
    secret: 0,
    verified: rng.chance(0.2),
    isStar: rng.chance(0.05),
    likesPublic: true,
    extraFollowers: rng.int(0, 2_000_000),
    totalFavorited: rng.int(0, 80_000_000),
    postIds: [],
    pinnedIds: [],
    likes: [],
    mixIds: [],
    following: new Map(),
    followers: new Map(),
    roomId: null,
    collected: [],
    folderIds: [],
    musicCollection: [],
  };
}

export function follow(follower: UserModel, followee: UserModel, at: number): void {
  if (follower.uid === followee.uid) return;
  follower.following.set(followee.uid, at);
  followee.followers.set(follower.uid, at);
}

export function unfollow(follower: UserModel, followee: UserModel): void {
  follower.following.delete(followee.uid);
  followee.followers.delete(follower.uid);
}

const PARTITIONS = [
  { id: '1', title: '射击游戏', subId: '1010003', subTitle: 'CSGO' },
  { id: '2', title: '聊天', subId: '2010001', subTitle: '聊天互动' },
  { id: '3', title: '音乐', subId: '3010002', subTitle: '唱歌' },
];

/** A live room for `owner` in the given state; ended rooms have a finish time. */
export function generateRoom(rng: Rng, owner: UserModel, status: RoomStatus, now: number): LiveRoomModel {
  const createTime = now - rng.int(600, 20_000);
  const total = rng.int(500, 50_000);
  return {
    roomId: timeId(createTime, rng),
    webRid: rng.digits(12),
    streamId: rng.digits(18),
    ownerUid: owner.uid,
    title: text.liveTitle(rng),
    status,
    createTime,
    finishTime: status === 'ended' ? now - rng.int(60, 500) : 0,
    userCount: status === 'live' ? rng.int(20, 5000) : 0,
    totalUser: total,
    likeCount: rng.int(0, 100_000),
    coverKey: rng.hexLower(32),
    partition: rng.pick(PARTITIONS),
  };
}
