import { stringifyJson } from '../../utils/json.js';
import type { CommentModel, PostModel } from '../world/model.js';
import { awemeShape } from './aweme-shape.js';
import { cachedPart } from './cached-part.js';
import { commentShape } from './comment-shape.js';
import type { ShapeContext } from './values.js';

const SLOT = /"__dke_slot_(\d+)__"/g;
const ARRAY_SLOT_BYTES = Buffer.from('"__dke_array__"');
const OPEN = cachedPart(Buffer.from('['));
const COMMA = cachedPart(Buffer.from(','));
const CLOSE = cachedPart(Buffer.from(']'));

/** Native JSON.stringify when the value holds no bigint (the common case), else the lossless one. */
function fastStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return stringifyJson(value);
  }
}

/** Serialises a response (bigints become bare JSON numbers, as Douyin sends 64-bit ids). */
export function jsonBody(value: unknown): Buffer {
  return Buffer.from(stringifyJson(value), 'utf8');
}

/**
 * Already-serialised JSON values (cached aweme items) placed into a response: put
 * `slots.add(bytes)` where the value goes, then `slots.render(envelope)` serialises the rest once
 * and splices the bytes in, so a page of 20 posts costs little more than a memcpy.
 */
export class RawSlots {
  readonly #raws: Buffer[] = [];

  add(raw: Buffer): string {
    this.#raws.push(raw);
    return `__dke_slot_${this.#raws.length - 1}__`;
  }

  /** The body as a list of buffers (written with one `writev`, no copy). */
  renderParts(value: unknown): Buffer[] {
    const text = fastStringify(value);
    const parts: Buffer[] = [];
    let last = 0;
    for (const m of text.matchAll(SLOT)) {
      if (m.index > last) parts.push(Buffer.from(text.slice(last, m.index), 'utf8'));
      parts.push(this.#raws[Number(m[1])] as Buffer);
      last = m.index + m[0].length;
    }
    parts.push(Buffer.from(text.slice(last), 'utf8'));
    return parts;
  }

  render(value: unknown): Buffer {
    return Buffer.concat(this.renderParts(value));
  }
}

/**
 * A response whose `key` holds the given serialised items, as buffers to write in order. The
 * envelope keeps its key order (it is taken over: `key` is set in it, so pass a fresh object);
 * the items are not copied.
 */
export function pageBody(envelope: Record<string, unknown>, key: string, items: readonly Buffer[]): Buffer[] {
  envelope[key] = '__dke_array__';
  const text = Buffer.from(fastStringify(envelope), 'utf8');
  const at = text.indexOf(ARRAY_SLOT_BYTES);
  const parts: Buffer[] = [text.subarray(0, at), OPEN];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(items[i] as Buffer);
  }
  parts.push(CLOSE, text.subarray(at + ARRAY_SLOT_BYTES.length));
  return parts;
}

/**
 * Serialised aweme items (and comments), built on first use and dropped when the world changes, so pages of a
 * 10,000-post world are served from memory.
 */
export class AwemeCache {
  readonly #ctx: ShapeContext;
  #list = new WeakMap<PostModel, Buffer>();
  #detail = new WeakMap<PostModel, Buffer>();
  #comments = new WeakMap<CommentModel, Buffer>();
  readonly #unsubscribe: () => void;

  constructor(ctx: ShapeContext) {
    this.#ctx = ctx;
    this.#unsubscribe = ctx.world.onChange((change) => {
      if (change.kind === 'post') {
        const post = ctx.world.post(change.awemeId);
        if (post) {
          this.#list.delete(post);
          this.#detail.delete(post);
        }
      } else if (change.kind === 'user') {
        this.clear();
      }
    });
  }

  item(post: PostModel): Buffer {
    let b = this.#list.get(post);
    if (!b) {
      b = cachedPart(jsonBody(awemeShape(this.#ctx, post, false)));
      this.#list.set(post, b);
    }
    return b;
  }

  detail(post: PostModel): Buffer {
    let b = this.#detail.get(post);
    if (!b) {
      b = cachedPart(jsonBody(awemeShape(this.#ctx, post, true)));
      this.#detail.set(post, b);
    }
    return b;
  }

  /** A comment as `comments[*]` carries it (comments never change, so this is never dropped but by `clear`). */
  comment(c: CommentModel, itemTotal: number, withFirstReply: boolean): Buffer {
    let b = this.#comments.get(c);
    if (!b) {
      b = cachedPart(jsonBody(commentShape(this.#ctx, c, itemTotal, withFirstReply)));
      this.#comments.set(c, b);
    }
    return b;
  }

  clear(): void {
    this.#list = new WeakMap();
    this.#detail = new WeakMap();
    this.#comments = new WeakMap();
  }

  close(): void {
    this.#unsubscribe();
    this.clear();
  }
}
