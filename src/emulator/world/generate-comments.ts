import type { CommentModel, PostModel, UserModel } from './model.js';
import { Rng, timeId } from './random.js';
import * as text from './text.js';

const IP_LABELS = ['河南', '广东', '四川', '北京', '浙江', '上海', '江苏', ''];

function comment(rng: Rng, awemeId: string, after: number, now: number, people: readonly UserModel[], replyId: string): CommentModel {
  const createTime = Math.min(now - 1, after + rng.int(60, 30 * 86_400));
  return {
    cid: timeId(createTime, rng),
    awemeId,
    text: text.commentText(rng),
    createTime,
    diggCount: rng.chance(0.2) ? rng.int(100, 20_000) : rng.int(0, 50),
    userUid: rng.pick(people).uid,
    isHot: false,
    ipLabel: rng.pick(IP_LABELS),
    replyId,
    replyToReplyId: '0',
    replyTotal: 0,
    imageKey: rng.chance(0.1) ? rng.hexLower(32) : null,
  };
}

/**
 * Top-level comments of a post, hot (most liked) first then newest, made on first use from the
 * seed and the post id so a 10,000-post world costs nothing until a test reads comments.
 */
export function generateComments(seed: string, post: PostModel, now: number, people: readonly UserModel[]): CommentModel[] {
  const rng = new Rng(`${seed}|comments|${post.awemeId}`);
  const out: CommentModel[] = [];
  for (let i = 0; i < post.stats.comment; i++) {
    const c = comment(rng, post.awemeId, post.createTime, now, people, '0');
    c.replyTotal = rng.chance(0.3) ? rng.int(1, 12) : 0;
    out.push(c);
  }
  out.sort((a, b) => b.diggCount - a.diggCount || b.createTime - a.createTime);
  for (const c of out.slice(0, 3)) if (c.diggCount >= 100) c.isHot = true;
  return out;
}

/** Replies of one comment, oldest first (as the reply list pages them). */
export function generateReplies(seed: string, parent: CommentModel, now: number, people: readonly UserModel[]): CommentModel[] {
  const rng = new Rng(`${seed}|replies|${parent.cid}`);
  const out: CommentModel[] = [];
  let after = parent.createTime;
  for (let i = 0; i < parent.replyTotal; i++) {
    const r = comment(rng, parent.awemeId, after, now, people, parent.cid);
    if (i > 0 && rng.chance(0.3)) r.replyToReplyId = (out[rng.int(0, out.length - 1)] as CommentModel).cid;
    after = r.createTime;
    out.push(r);
  }
  return out;
}
