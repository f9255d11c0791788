import { createHash } from 'node:crypto';
import { tagData, type FlvTag } from './flv-tag-reader.js';

/**
 * Digests of the tags written in the last `windowMs` of media, to recognise media that a new
 * connection repeats (CDNs start a connection at a cached key frame) from new media whose
 * timestamps restarted.
 */
export class RecentTags {
  readonly #windowMs: number;
  readonly #digests = new Map<string, string>();
  readonly #order: { key: string; timestampMs: number }[] = [];
  #head = 0;
  #newestMs = -Infinity;

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  static #key(tag: FlvTag): string {
    return `${tag.type}:${tag.timestampMs}`;
  }

  static #digest(tag: FlvTag): string {
    return createHash('sha1').update(tagData(tag)).digest('base64');
  }

  add(tag: FlvTag): void {
    // Timestamps restarted: nothing from before can be repeated any more.
    if (tag.timestampMs + this.#windowMs < this.#newestMs) this.clear();
    this.#newestMs = Math.max(this.#newestMs, tag.timestampMs);
    const key = RecentTags.#key(tag);
    this.#digests.set(key, RecentTags.#digest(tag));
    this.#order.push({ key, timestampMs: tag.timestampMs });
    while (this.#head < this.#order.length && this.#order[this.#head]!.timestampMs < tag.timestampMs - this.#windowMs) {
      this.#digests.delete(this.#order[this.#head++]!.key);
    }
    if (this.#head > 4096) {
      this.#order.splice(0, this.#head);
      this.#head = 0;
    }
  }

  clear(): void {
    this.#digests.clear();
    this.#order.length = 0;
    this.#head = 0;
    this.#newestMs = -Infinity;
  }

  has(tag: FlvTag): boolean {
    return this.#digests.get(RecentTags.#key(tag)) === RecentTags.#digest(tag);
  }
}
