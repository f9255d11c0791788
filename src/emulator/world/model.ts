/**
 * The emulated world's records: plain data, no JSON shapes. Response builders (`../shape/`) turn
 * them into Douyin's JSON; the `World` class owns and mutates them.
 */

export interface UserModel {
  /** Decimal uid (`author.uid`, a string in JSON). */
  uid: string;
  secUid: string;
  shortId: string;
  uniqueId: string;
  nickname: string;
  signature: string;
  /** 0 unknown, 1 male, 2 female. */
  gender: number;
  city: string;
  province: string;
  ipLocation: string;
  createTime: number;
  /** 1 = private account (`secret`). */
  secret: 0 | 1;
  verified: boolean;
  isStar: boolean;
  /** Likes list visible to others; Douyin answers a hidden one with an empty body. */
  likesPublic: boolean;
  /** Counts Douyin shows on the profile that the world does not model item by item. */
  extraFollowers: number;
  totalFavorited: number;
  /** Newest first; deleted posts stay here and are filtered when listed. */
  postIds: string[];
  pinnedIds: string[];
  /** Newest first; `at` (unix seconds) drives the likes list's `max_cursor`. */
  likes: { awemeId: string; at: number }[];
  mixIds: string[];
  /** uid → unix time the follow happened. */
  following: Map<string, number>;
  followers: Map<string, number>;
  roomId: string | null;
  /** Only the logged-in viewer ("me") has these. */
  /** Newest first, with the time of collecting. */
  collected: { awemeId: string; at: number }[];
  folderIds: string[];
  musicCollection: string[];
}

export type VideoCodec = 'h264' | 'bytevc1';

export interface VideoVariant {
  gearName: string;
  qualityType: number;
  /** `ratio` in the play URL and `url_key`: `1080p`, `720p`, `540p`. */
  ratio: string;
  codec: VideoCodec;
  bitRate: number;
  width: number;
  height: number;
  fps: number;
  size: number;
}

export interface ImageModel {
  key: string;
  width: number;
  height: number;
  webpSize: number;
  jpegSize: number;
  /** Live photo (实况): a short mp4 beside the still. */
  video: { vid: string; size: number; durationMs: number } | null;
}

export interface PostModel {
  awemeId: string;
  authorUid: string;
  /** 0 video, 68 image post (note). */
  awemeType: 0 | 68;
  createTime: number;
  desc: string;
  hashtags: { name: string; id: string }[];
  durationMs: number;
  /** `play_addr.uri`; image posts have one too (it is the music). */
  vid: string;
  width: number;
  height: number;
  /** Best first, like `video.bit_rate`. Empty for image posts. */
  variants: VideoVariant[];
  images: ImageModel[];
  coverKey: string;
  coverSize: number;
  dynamicCoverSize: number;
  /** Only some posts carry `video.animated_cover` (F2 prefers it when present). */
  animatedCoverSize: number | null;
  musicId: string;
  mixId: string | null;
  isTop: boolean;
  stats: { digg: number; comment: number; share: number; collect: number; play: number; admire: number };
  deleted: boolean;
  /** 0 public, 1 self-see, 2 friends (`status.private_status`). */
  privateStatus: number;
  prohibited: boolean;
  region: string;
}

export interface LyricLine {
  text: string;
  timeId: string;
}

export interface MusicModel {
  /** Decimal id; a JSON number beside `id_str`. */
  id: string;
  mid: string;
  title: string;
  author: string;
  ownerUid: string;
  album: string;
  durationS: number;
  size: number;
  coverKey: string;
  isOriginalSound: boolean;
  isCommerce: boolean;
  isPgc: boolean;
  /** 1 = available. */
  status: number;
  authorDeleted: boolean;
  lyrics: LyricLine[] | null;
  collectCount: number;
}

export interface MixModel {
  mixId: string;
  name: string;
  desc: string;
  ownerUid: string;
  awemeIds: string[];
  createTime: number;
  updateTime: number;
  coverKey: string;
}

export interface CollectFolderModel {
  collectsId: string;
  name: string;
  ownerUid: string;
  awemeIds: string[];
  createTime: number;
  lastCollectTime: number;
  coverKey: string;
  isPublic: boolean;
}

export type RoomStatus = 'live' | 'offline' | 'ended';

export interface LiveRoomModel {
  roomId: string;
  webRid: string;
  streamId: string;
  ownerUid: string;
  title: string;
  status: RoomStatus;
  createTime: number;
  finishTime: number;
  userCount: number;
  totalUser: number;
  likeCount: number;
  coverKey: string;
  partition: { id: string; title: string; subId: string; subTitle: string };
}

export interface CommentModel {
  cid: string;
  awemeId: string;
  text: string;
  createTime: number;
  diggCount: number;
  userUid: string;
  isHot: boolean;
  ipLabel: string;
  /** Parent comment id ("0" for top level). */
  replyId: string;
  replyToReplyId: string;
  replyTotal: number;
  /** Some comments carry a picture (`image_list`). */
  imageKey: string | null;
}

export type ShortLinkTarget =
  | { kind: 'post'; id: string }
  | { kind: 'user'; id: string }
  | { kind: 'live'; id: string }
  | { kind: 'mix'; id: string };

/** Who plays which part in a generated world; tests reach accounts through these. */
export interface WorldRoles {
  /** The creator with many posts, two mixes and pinned posts. */
  main: UserModel;
  /** A private account (`secret: 1`). */
  privateUser: UserModel;
  /** Anchor whose room is live. */
  liveAnchor: UserModel;
  /** Anchor whose room is offline (never started). */
  offlineAnchor: UserModel;
  /** Anchor whose last live has ended. */
  endedAnchor: UserModel;
  /** The logged-in viewer a `sessionid` cookie stands for (likes, collections, folders, follows). */
  me: UserModel;
}

/** Everything a world holds, indexed. */
export interface WorldData {
  users: Map<string, UserModel>;
  usersBySecUid: Map<string, UserModel>;
  creators: UserModel[];
  audience: UserModel[];
  posts: Map<string, PostModel>;
  postsByVid: Map<string, PostModel>;
  music: Map<string, MusicModel>;
  musicPool: string[];
  mixes: Map<string, MixModel>;
  folders: Map<string, CollectFolderModel>;
  rooms: Map<string, LiveRoomModel>;
  roomsByWebRid: Map<string, LiveRoomModel>;
  roles: WorldRoles;
}
