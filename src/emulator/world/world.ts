import { NotFoundError } from '../../errors.js';
import { generateComments, generateReplies } from './generate-comments.js';
import { generatePost } from './generate-posts.js';
import { generateRoom } from './generate-users.js';
import { generateWorld, indexPost } from './generate-world.js';
import type {
  CollectFolderModel, CommentModel, LiveRoomModel, MixModel, MusicModel, PostModel, RoomStatus, ShortLinkTarget, UserModel,
  WorldData, WorldRoles,
} from './model.js';
import { hash32, Rng } from './random.js';
import { resolveWorldOptions, type ResolvedWorldOptions, type WorldOptions } from './world-options.js';

/** A user by uid, sec_uid or unique_id, or the record itself. */
export type UserRef = string | UserModel;

export type WorldChange =
  | { kind: 'post'; awemeId: string }
  | { kind: 'user'; uid: string }
  | { kind: 'room'; roomId: string; status: RoomStatus };

/**
 * The emulated Douyin's content: users, posts, music, mixes, rooms, comments, collections.
 * Deterministic from `options.seed`; tests read it to know what to expect and mutate it to
 * script a story (new posts, a rename, a deletion, a private account, a live that ends).
 */
export class World {
  readonly options: ResolvedWorldOptions;
  readonly #data: WorldData;
  #now: number;
  readonly #rng: Rng;
  readonly #comments = new Map<string, CommentModel[]>();
  readonly #replies = new Map<string, CommentModel[]>();
  readonly #shortLinks = new Map<string, ShortLinkTarget>();
  readonly #listeners = new Set<(change: WorldChange) => void>();
  #people: UserModel[] | null = null;
  readonly #postsOf = new Map<string, readonly PostModel[]>();

  constructor(options: WorldOptions = {}) {
    this.options = resolveWorldOptions(options);
    this.#data = generateWorld(this.options);
    this.#now = this.options.now;
    this.#rng = new Rng(`${this.options.seed}|mutations`);
  }

  get roles(): WorldRoles {
    return this.#data.roles;
  }

  /** The world clock, unix seconds. Moves only by `advanceClock` and `addPosts`. */
  get now(): number {
    return this.#now;
  }

  get seed(): string {
    return String(this.options.seed);
  }

  get data(): Readonly<WorldData> {
    return this.#data;
  }

  /** Called after every mutation (the server drops cached JSON with it). */
  onChange(listener: (change: WorldChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: WorldChange): void {
    if (change.kind === 'user') this.#postsOf.delete(change.uid);
    else if (change.kind === 'post') {
      const author = this.#data.posts.get(change.awemeId)?.authorUid;
      if (author) this.#postsOf.delete(author);
    }
    for (const l of this.#listeners) l(change);
  }

  // ── reading ────────────────────────────────────────────────────────────────

  user(ref: UserRef | null | undefined): UserModel | undefined {
    if (ref === null || ref === undefined) return undefined;
    if (typeof ref !== 'string') return ref;
    const d = this.#data;
    return d.usersBySecUid.get(ref) ?? d.users.get(ref) ?? [...d.users.values()].find((u) => u.uniqueId === ref);
  }

  requireUser(ref: UserRef): UserModel {
    const u = this.user(ref);
    if (!u) throw new NotFoundError(`No emulated user ${typeof ref === 'string' ? ref : ref.uid}`);
    return u;
  }

  users(): UserModel[] {
    return [...this.#data.users.values()];
  }

  post(awemeId: string): PostModel | undefined {
    return this.#data.posts.get(awemeId);
  }

  requirePost(awemeId: string): PostModel {
    const p = this.post(awemeId);
    if (!p) throw new NotFoundError(`No emulated post ${awemeId}`);
    return p;
  }

  postByVid(vid: string): PostModel | undefined {
    return this.#data.postsByVid.get(vid);
  }

  /** A user's posts as their profile lists them: not deleted, newest first (pinned ones included). Cached; do not mutate. */
  postsOf(ref: UserRef): readonly PostModel[] {
    const u = this.requireUser(ref);
    let out = this.#postsOf.get(u.uid);
    if (!out) {
      const list: PostModel[] = [];
      for (const id of u.postIds) {
        const p = this.#data.posts.get(id);
        if (p && !p.deleted) list.push(p);
      }
      out = list;
      this.#postsOf.set(u.uid, out);
    }
    return out;
  }

  music(id: string): MusicModel | undefined {
    return this.#data.music.get(id);
  }

  mix(id: string): MixModel | undefined {
    return this.#data.mixes.get(id);
  }

  folder(id: string): CollectFolderModel | undefined {
    return this.#data.folders.get(id);
  }

  /** A room by room id or web_rid. */
  room(id: string): LiveRoomModel | undefined {
    return this.#data.rooms.get(id) ?? this.#data.roomsByWebRid.get(id);
  }

  roomOf(ref: UserRef): LiveRoomModel | undefined {
    const u = this.user(ref);
    return u?.roomId ? this.#data.rooms.get(u.roomId) : undefined;
  }

  rooms(): LiveRoomModel[] {
    return [...this.#data.rooms.values()];
  }

  #commenters(): UserModel[] {
    this.#people ??= [...this.#data.audience, ...this.#data.creators];
    return this.#people;
  }

  /** Top-level comments of a post (hot first), generated on first use. */
  comments(awemeId: string): CommentModel[] {
    let list = this.#comments.get(awemeId);
    if (!list) {
      const post = this.requirePost(awemeId);
      list = generateComments(this.seed, post, this.#now, this.#commenters());
      this.#comments.set(awemeId, list);
    }
    return list;
  }

  replies(awemeId: string, cid: string): CommentModel[] {
    let list = this.#replies.get(cid);
    if (!list) {
      const parent = this.comments(awemeId).find((c) => c.cid === cid);
      list = parent ? generateReplies(this.seed, parent, this.#now, this.#commenters()) : [];
      this.#replies.set(cid, list);
    }
    return list;
  }

  /** The short-link code (`v.douyin.com/<code>/`) for a post, user, room or mix; stable per target. */
  shortLinkCode(target: ShortLinkTarget): string {
    const code = `i${(hash32(`${this.seed}|${target.kind}|${target.id}`) >>> 0).toString(36).padStart(7, '0').slice(0, 7)}`;
    this.#shortLinks.set(code, target);
    return code;
  }

  resolveShortLink(code: string): ShortLinkTarget | undefined {
    return this.#shortLinks.get(code);
  }

  // ── changing ───────────────────────────────────────────────────────────────

  advanceClock(seconds: number): void {
    this.#now += Math.max(0, Math.floor(seconds));
  }

  /** Publishes `count` new posts (newest first in the returned list); the clock moves past them. */
  addPosts(ref: UserRef, count = 1, options: { imagePostRate?: number } = {}): PostModel[] {
    const u = this.requireUser(ref);
    const created: PostModel[] = [];
    for (let i = 0; i < count; i++) {
      this.#now += this.#rng.int(60, 3600);
      const { post, music } = generatePost(this.#rng.fork(`new${u.uid}`), u, this.#now, this.options, this.#data.musicPool, options.imagePostRate);
      if (music) this.#data.music.set(music.id, music);
      indexPost(this.#data, post);
      u.postIds.unshift(post.awemeId);
      created.unshift(post);
      this.#emit({ kind: 'post', awemeId: post.awemeId });
    }
    this.#emit({ kind: 'user', uid: u.uid });
    return created;
  }

  /** What /aweme/v2/web/aweme/stats/ does: adds plays to `statistics.play_count`. */
  recordPlay(awemeId: string, delta = 1): void {
    this.requirePost(awemeId).stats.play += delta;
    this.#emit({ kind: 'post', awemeId });
  }

  renameUser(ref: UserRef, nickname: string): void {
    const u = this.requireUser(ref);
    u.nickname = nickname;
    this.#emit({ kind: 'user', uid: u.uid });
  }

  deletePost(awemeId: string): void {
    const p = this.requirePost(awemeId);
    p.deleted = true;
    this.#emit({ kind: 'post', awemeId });
    this.#emit({ kind: 'user', uid: p.authorUid });
  }

  /** `status.private_status`: 0 public, 1 only the author, 2 friends. */
  setPostPrivacy(awemeId: string, privateStatus: 0 | 1 | 2): void {
    this.requirePost(awemeId).privateStatus = privateStatus;
    this.#emit({ kind: 'post', awemeId });
  }

  setAccountPrivate(ref: UserRef, isPrivate = true): void {
    const u = this.requireUser(ref);
    u.secret = isPrivate ? 1 : 0;
    this.#emit({ kind: 'user', uid: u.uid });
  }

  setLikesPublic(ref: UserRef, visible: boolean): void {
    this.requireUser(ref).likesPublic = visible;
  }

  /** Ends the user's live (status 4 with a finish time); streams stop. */
  endLive(ref: UserRef | string): LiveRoomModel {
    const room = this.#roomFor(ref);
    room.status = 'ended';
    room.finishTime = this.#now;
    room.userCount = 0;
    this.#emit({ kind: 'room', roomId: room.roomId, status: 'ended' });
    return room;
  }

  /** Starts a new live for the user (a new room id, as Douyin does). */
  startLive(ref: UserRef): LiveRoomModel {
    const u = this.requireUser(ref);
    const old = this.roomOf(u);
    const room = generateRoom(this.#rng.fork(`room${u.uid}`), u, 'live', this.#now + 600);
    room.createTime = this.#now;
    if (old) {
      room.webRid = old.webRid;
      this.#data.rooms.delete(old.roomId);
    }
    this.#data.rooms.set(room.roomId, room);
    this.#data.roomsByWebRid.set(room.webRid, room);
    u.roomId = room.roomId;
    this.#emit({ kind: 'room', roomId: room.roomId, status: 'live' });
    return room;
  }

  #roomFor(ref: UserRef | string): LiveRoomModel {
    const room = (typeof ref === 'string' ? this.room(ref) : undefined) ?? this.roomOf(ref);
    if (!room) throw new NotFoundError(`No emulated live room for ${typeof ref === 'string' ? ref : ref.uid}`);
    return room;
  }
}
